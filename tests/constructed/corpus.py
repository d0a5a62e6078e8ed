"""A constructed corpus of clauses for search tests and benchmarks (never real UN texts).

Every clause is a variant of a clause of the real seed E/RES/2021/25 (fr): 10–40 % of its
words replaced, dropped or inserted, one in five the halves of two clauses joined. The
symbols (``E/RES/3001/1`` onwards) and years are constructed and cannot be mistaken for real
ones. The same ``seed`` gives the same corpus on every machine.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from resdiff.search import Clause

from . import build

SERIES = "constructed-corpus"
# Clauses of the seed long enough to be searched for.
BASE_UNITS = tuple(f"pp{n}" for n in range(1, 20)) + tuple(f"op{n}" for n in range(1, 9))
CLAUSES_PER_VERSION = 40


def bases() -> list[str]:
    """The seed clauses the corpus varies."""
    found = []
    for unit in BASE_UNITS:
        try:
            text = build.seed(unit)
        except OSError:
            continue
        if len(text.split()) >= 6:
            found.append(text)
    return found


def vary(text: str, vocabulary: list[str], rng: random.Random, rate: float) -> str:
    """Replace, drop or insert about ``rate`` of the words."""
    out = []
    for word in text.split():
        roll = rng.random()
        if roll < rate / 2:
            out.append(rng.choice(vocabulary))
        elif roll < rate * 3 / 4:
            continue
        elif roll < rate:
            out += [word, rng.choice(vocabulary)]
        else:
            out.append(word)
    return " ".join(out)


def clauses(count: int, seed: int = 1, series: str = SERIES) -> Iterator[Clause]:
    """``count`` constructed clauses, ``CLAUSES_PER_VERSION`` to a constructed symbol."""
    rng = random.Random(seed)
    texts = bases()
    vocabulary = sorted({w for text in texts for w in text.split()})
    for k in range(count):
        text = texts[k % len(texts)]
        if rng.random() < 0.2:  # the halves of two clauses joined
            other = rng.choice(texts).split()
            words = text.split()
            text = " ".join(words[: len(words) // 2] + other[len(other) // 2 :])
        text = vary(text, vocabulary, rng, rng.uniform(0.1, 0.4))
        number = k // CLAUSES_PER_VERSION
        year = 3001 + number // 1000
        symbol = f"E/RES/{year}/{number % 1000 + 1}"
        yield Clause(symbol, year, series, "fr", f"op{k % CLAUSES_PER_VERSION + 1}", text)


def reword(text: str, rng: random.Random) -> str:
    """A light rewording of a clause: two words replaced and one dropped (a draft)."""
    words = text.split()
    for _ in range(2):
        words[rng.randrange(len(words))] = rng.choice(["renforcer", "notamment", "pleinement"])
    del words[rng.randrange(len(words))]
    return " ".join(words)
