"""The HTML report without a browser: escaping, self-containedness, determinism, structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from resdiff.model import Change, ChangeStatus, Comparison, Resolution, Unit, UnitKind
from resdiff.render import RENDERERS
from resdiff.render.html import render_html
from tests.report_factory import IMG, SCRIPT, arabic_comparison, french_comparison, large_comparison


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def with_attr(self, attr: str) -> list[tuple[str, dict[str, str | None]]]:
        return [(name, attrs) for name, attrs in self.tags if attr in attrs]


@pytest.fixture(scope="module")
def report() -> str:
    return render_html(french_comparison())


@pytest.fixture(scope="module")
def elements(report: str) -> Elements:
    return Elements(report)


def test_registered_in_renderers():
    assert RENDERERS["html"] is render_html


def test_deterministic(report):
    assert render_html(french_comparison()) == report
    assert render_html(french_comparison()).encode() == report.encode()


def test_no_timestamps(report):
    assert not re.search(r"20[2-9]\d-\d\d-\d\dT|\d\d:\d\d:\d\d", report)


def test_self_contained(report, elements):
    lowered = report.lower()
    for needle in ("http:", "https:", "://", "@import", "url(", "@font-face", "<link", "<iframe"):
        assert needle not in lowered, needle
    # Document text may say "src=" (escaped); no real tag may.
    tags = re.findall(r"<[^>]+>", report)
    assert not [tag for tag in tags if re.search(r"\s(src|srcset|data|poster|background)=", tag)]
    # Every link stays inside the page.
    for _name, attrs in elements.with_attr("href"):
        assert (attrs["href"] or "").startswith("#"), attrs
    assert not elements.named("img") and not elements.named("script")
    assert not elements.with_attr("src")


def test_content_security_policy_forbids_every_fetch(elements):
    (csp,) = [m for m in elements.named("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in (csp["content"] or "")
    assert "script-src" not in (csp["content"] or "")  # falls back to 'none'


def test_injection_texts_are_escaped(report, elements):
    assert SCRIPT not in report and IMG not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in report
    text = "".join(elements.text)
    assert SCRIPT in text and IMG in text  # shown as text
    assert not any("onerror" in attrs for _n, attrs in elements.tags)


def test_hostile_metadata_and_ids_are_escaped():
    evil = '"><script>alert(2)</script>'
    unit = Unit(f"op1{evil}", UnitKind.OPERATIVE, "texte", label=evil)
    old = Resolution(
        f"A/RES/1/1{evil}", f"fr{evil}", (unit,), title=evil, source_name=evil, date=evil
    )
    new = Resolution("A/RES/2/1", "fr", ())
    comparison = Comparison(old, new, (Change(ChangeStatus.REMOVED, (unit,), (), moved=False),))
    html = render_html(comparison)
    assert "<script>" not in html
    assert not Elements(html).named("script")


def test_control_characters_are_shown_not_passed(tmp_path):
    unit = Unit("op1", UnitKind.OPERATIVE, "rouge \x1b[31m ici\x00")
    comparison = Comparison(
        Resolution("A/RES/1/1", "fr", ()),
        Resolution("A/RES/2/1", "fr", (unit,)),
        (Change(ChangeStatus.ADDED, (), (unit,)),),
    )
    html = render_html(comparison)
    assert "\x1b" not in html and "\x00" not in html
    assert "\u241b[31m ici\u2400" in html


def test_unicode_survives(report):
    assert "œuvre" in report and "États" in report and "\u00a0;" in report
    assert "يقرر أن يبقي هذه المسألة قيد نظره." in report


def test_lang_and_dir_from_documents(elements):
    texts = [a for a in elements.named("span") if "text" in (a.get("class") or "").split()]
    assert texts and all(a["lang"] == "fr" and a["dir"] == "auto" for a in texts)
    arabic = Elements(render_html(arabic_comparison()))
    texts = [a for a in arabic.named("span") if "text" in (a.get("class") or "").split()]
    assert texts and all(a["lang"] == "ar" and a["dir"] == "rtl" for a in texts)
    assert arabic.named("html")[0]["lang"] == "en"  # the interface is English


def test_summary_counts_match(elements, report):
    comparison = french_comparison()
    shown = re.findall(r'<td class="num count" data-key="(\w+)">(\d+)</td>', report)
    assert dict((k, int(v)) for k, v in shown) == comparison.summary()


def test_every_internal_link_has_a_target(elements):
    ids = [attrs["id"] for _n, attrs in elements.with_attr("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for _name, attrs in elements.with_attr("href"):
        assert (attrs["href"] or "")[1:] in ids, attrs["href"]
    for _name, attrs in elements.with_attr("for"):
        assert attrs["for"] in ids


def test_one_article_per_change_with_its_status(elements):
    comparison = french_comparison()
    articles = elements.named("article")
    assert [a["data-status"] for a in articles] == [c.status.value for c in comparison.changes]
    assert sum(a["data-moved"] == "true" for a in articles) == comparison.summary()["moved"]


def test_provenance_and_quiet_renumbering(report):
    assert "moved from pp5" in report and 'href="#was-pp5"' in report
    assert "op2 split into op3 and op4" in report
    assert "op3 and op4 merged into op5" in report
    assert '<a class="ids renum" href="#c13" title="renumbered">op5 → op6</a>' in report


def test_annotations_are_prominent(report):
    assert (
        '<li class="ann-opening"><strong>Opening words changed:</strong> Invite → Encourage</li>'
        in report
    )
    assert "Read first" in report


def test_del_and_ins_marks(report):
    assert "<del>Invite</del>" in report and "<ins>Encourage</ins>" in report


def test_stylesheet_is_package_data_and_has_no_outside_references():
    css = resources.files("resdiff.render").joinpath("assets/report.css").read_text("utf-8")
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert "@media print" in css and "size: A4" in css
    template = resources.files("resdiff.render").joinpath("assets/report.html.j2")
    assert template.is_file()


def test_large_report_renders_every_unit():
    comparison = large_comparison(300)
    html = render_html(comparison)
    assert html.count("<article ") == 300


def test_byte_identical_across_processes(tmp_path):
    """No dependence on hash seeds, the clock or the environment."""
    import subprocess
    import sys

    script = (
        "import sys; from tests.report_factory import french_comparison;"
        "from resdiff.render.html import render_html;"
        "sys.stdout.buffer.write(render_html(french_comparison()).encode())"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "TZ": f"Etc/GMT+{seed}"}
        root = str(Path(__file__).resolve().parent.parent)
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, check=True
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert outputs.pop() == render_html(french_comparison()).encode()


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("ink", "background"),
    [
        ("--ink", "--paper"),
        ("--muted", "--paper"),
        ("--muted", "--panel"),
        ("--accent", "--paper"),
        ("#ffffff", "--accent"),
        ("--del-ink", "--del-bg"),
        ("--ins-ink", "--ins-bg"),
        ("--mod-ink", "--mod-bg"),
        ("#3d2b00", "--mod-bg"),
        ("--move-ink", "--move-bg"),
        ("--struct-ink", "--struct-bg"),
    ],
)
def test_colours_meet_wcag_aa(ink, background):
    css = resources.files("resdiff.render").joinpath("assets/report.css").read_text("utf-8")
    colours = dict(re.findall(r"(--[a-z-]+):\s*(#[0-9a-f]{6});", css))

    def value(name: str) -> str:
        return colours[name] if name.startswith("--") else name

    assert _contrast(value(ink), value(background)) >= 4.5
