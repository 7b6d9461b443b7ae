"""checks.html_text: article HTML -> clean text, lead section or whole article."""

from __future__ import annotations

import pytest

from checks import html_text
from checks.html_text import Block, html_to_text, parse_html

PAGE = (
    "<html><head><title>Crimea – Wikipedia</title><style>.a{}</style>"
    "<script>alert('x')</script></head><body>"
    '<nav>Main menu</nav><h1 id="firstHeading">Crimea</h1>'
    '<div role="note" class="hatnote">For other uses, see <a class="mw-disambig">Crimea '
    "(disambiguation)</a>.</div>"
    '<table class="infobox"><tr><th>Area</th><td>27,000 km2</td></tr></table>'
    "<p><b>Crimea</b> is a peninsula on the northern coast of the Black Sea."
    '<sup class="reference"><a href="#cite_note-1">[1]</a></sup> Russia annexed it in '
    "2014.[2][citation needed]</p>"
    '<p style="display:none">Hidden text.</p>'
    "<p>Its largest city is<br>Sevastopol.</p>"
    '<h2>History<span class="mw-editsection">[edit]</span></h2>'
    "<p>Greek colonies were founded in the 5th century BC.</p>"
    "<h3>Annexation</h3><ul><li>March 2014: referendum</li><li>18 March 2014: treaty</li></ul>"
    '<h2>See also</h2><ul><li><a href="./Ukraine">Ukraine</a></li></ul>'
    '<h2>References</h2><ol class="references"><li>Source one.</li></ol>'
    '<div class="navbox">Countries of Europe</div><footer>Licence</footer></body></html>'
)


def test_lead_section() -> None:
    assert html_to_text(PAGE) == (
        "Crimea is a peninsula on the northern coast of the Black Sea. Russia annexed it in 2014."
        "\n\nIts largest city is Sevastopol."
    )


def test_full_text_keeps_headings_on_their_own_lines() -> None:
    assert html_to_text(PAGE, full_text=True) == (
        "Crimea is a peninsula on the northern coast of the Black Sea. Russia annexed it in 2014."
        "\n\nIts largest city is Sevastopol."
        "\n\nHistory"
        "\n\nGreek colonies were founded in the 5th century BC."
        "\n\nAnnexation"
        "\n\nMarch 2014: referendum"
        "\n\n18 March 2014: treaty"
    )


def test_blocks_title_and_no_disambiguation() -> None:
    page = parse_html(PAGE)
    assert page.title == "Crimea – Wikipedia"
    assert page.disambiguation is False  # a link *to* a disambiguation page does not count
    assert page.blocks[0] == Block("Crimea", 1)
    assert Block("History", 2) in page.blocks
    assert Block("Annexation", 3) in page.blocks


@pytest.mark.parametrize(
    "html",
    [
        '<p>Mercury may refer to:</p><ul><li>Mercury (planet)</li></ul><div id="disambigbox">'
        "Disambiguation page</div>",
        '<div class="dmbox dmbox-disambig">Mercury</div><p>Mercury is a planet.</p>',
        '<head><meta property="mw:PageProp/disambiguation"></head><p>Mercury</p>',
        "<p>Mercury may refer to:</p><ul><li>Mercury (planet)</li></ul>",
        "<p><b>Mercury</b> may also refer to</p>",
    ],
)
def test_disambiguation_pages_are_recognised(html: str) -> None:
    assert parse_html(html).disambiguation is True


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One<p>Two</p>", "One\n\nTwo"),  # an unclosed paragraph
        ("<div>Loose text <span>in a div</span></div>", "Loose text in a div"),
        ("<p>Caf&eacute; &amp; bar&nbsp;&#8212; open</p>", "Café & bar — open"),
        ("<p>A [a] note[note 1] and [12].</p>", "A note and."),
        ("<table><tr><td>cell</td></tr></table><p>After.</p>", "After."),
        ("<p>Text</b></i> stray end tags.</p>", "Text stray end tags."),
        ("", ""),
    ],
)
def test_awkward_html(html: str, text: str) -> None:
    assert html_to_text(html) == text


# --- hostile pages: linear work (issue 11) -------------------------------------------------
# Counted, not timed: how often the parser scans the open tags, and how often the standard
# library's parser starts over on a tag the page never closes.

LEAD = "<html><body><p>The harbour closed in 2024.</p>"


class _CountingList(list[tuple[str, bool]]):
    scans = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _CountingList.scans += 1
        return super().__iter__()


def test_an_end_tag_that_matches_nothing_open_does_not_scan_the_open_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = html_text._Extractor.__init__

    def counting_init(self: html_text._Extractor) -> None:
        original(self)
        self._open = _CountingList()

    monkeypatch.setattr(html_text._Extractor, "__init__", counting_init)
    _CountingList.scans = 0
    page = LEAD + "<span>" * 500 + "</b>" * 2_000 + "</span>" * 500 + "<p>After.</p>"
    assert html_to_text(page) == "The harbour closed in 2024.\n\nAfter."
    assert _CountingList.scans == 0


@pytest.mark.parametrize("tail", ["<a x='", "</a x", "<?x", "<!x"])
def test_a_construct_never_closed_is_dropped_once_not_parsed_again_per_angle_bracket(
    monkeypatch: pytest.MonkeyPatch, tail: str
) -> None:
    from html.parser import HTMLParser

    calls = {"parse": 0}
    for method in ("parse_starttag", "parse_endtag", "parse_pi", "parse_html_declaration"):
        original = getattr(HTMLParser, method)

        def counted(self: HTMLParser, i: int, _original=original) -> int:  # type: ignore[no-untyped-def]
            calls["parse"] += 1
            return int(_original(self, i))

        monkeypatch.setattr(HTMLParser, method, counted)
    page = LEAD + tail * 1_000
    assert html_to_text(page) == "The harbour closed in 2024."
    assert calls["parse"] <= 6  # html, body, p, /p, then the unfinished one once


def test_footnote_markers_go_in_long_runs_of_white_space() -> None:
    page = LEAD + "<p>a" + " " * 50_000 + "b [1] c\n\n[citation needed] d</p>"
    assert html_to_text(page) == "The harbour closed in 2024.\n\na b c d"
