"""The fast indented JSON writer gives exactly ``json.dumps(..., ensure_ascii=False, indent=n)``."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resdiff.render._json_writer import dumps_indented
from resdiff.render.safety import json_text

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.sampled_from(["é", "\u202e", "\x00", "\n", '"', "\\", "\u2028", "\ud7ff", "💥"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=5), children, max_size=5),
        st.tuples(children, children),
    ),
    max_leaves=40,
)


def reference(data: Any, indent: int) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent)


@settings(max_examples=500, deadline=None)
@given(documents, st.sampled_from([0, 1, 2, 4]))
def test_the_writer_is_json_dumps(data: Any, indent: int) -> None:
    assert dumps_indented(data, indent) == reference(data, indent)


def _nested(depth: int) -> list[Any]:
    data: list[Any] = ["deep"]
    for _ in range(depth):
        data = [data]
    return data


class Kind(enum.StrEnum):
    ADDED = "added"


class Level(enum.IntEnum):
    ONE = 1


@pytest.mark.parametrize(
    "data",
    [
        {"status": Kind.ADDED, "n": Level.ONE},  # subclasses: json.dumps decides
        {1: "a", None: "b", 2.5: "c"},  # keys json.dumps converts
        {True: "d", False: "e"},
        [float("nan"), float("inf"), -float("inf"), -0.0, 1e300],
        [[[["deep"]]]],
        _nested(150),
    ],
)
def test_values_left_to_json_dumps_come_out_the_same(data: Any) -> None:
    assert dumps_indented(data, 2) == reference(data, 2)


def test_what_json_dumps_refuses_is_refused_the_same_way() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(cycle, 2)
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"a": object()}, 2)


@settings(max_examples=200, deadline=None)
@given(documents)
def test_json_text_escapes_what_the_reference_escapes(data: Any) -> None:
    unsafe = json_text.__globals__["_JSON_UNSAFE_RE"]
    expected = unsafe.sub(lambda m: f"\\u{ord(m[0]):04x}", reference(data, 2))
    assert json_text(data) == expected
    assert json.loads(json_text(data)) == json.loads(reference(data, 2))
