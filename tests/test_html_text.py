"""checks.html_text: article HTML -> clean text, lead section or whole article."""

from __future__ import annotations

import pytest

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
