"""checks.sources.zim against real ZIM files written here with libzim.writer.

Three files are built once per session: a Wikipedia-like one with a full-text index, the same
without one (title index only), and one with no metadata saying which wiki it is. The
end-to-end test builds a fourth from the demo library's notes (data/library) and runs
``pipeline.analyze`` on the demo article with only the ZIM as source.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from libzim.writer import Creator, Hint, Item, StringProvider

from checks import relevance
from checks.claims import extract_claims
from checks.errors import SourceError
from checks.model import Claim, ClaimKind, SourceKind
from checks.pipeline import analyze
from checks.segment import segment
from checks.sources import zim
from checks.sources.base import MAX_DOCUMENT_CHARS, Source
from checks.sources.library import DEMO_FOLDER, parse_note
from checks.sources.zim import (
    Choices,
    Pick,
    ZimInfo,
    ZimSource,
    _Finder,
    entry_paths,
    iso639_1,
    open_archive,
    open_zim,
    page_name,
    page_url,
    wiki_base_url,
)
from tests.conftest import DEMO_ARTICLE

WIKI_METADATA = {
    "Title": "Wikipedia (test)",
    "Name": "wikipedia_en_test",
    "Language": "eng",
    "Source": "https://en.wikipedia.org/",
    "Creator": "Wikipedia",
    "Date": "2024-06-01",
    "Description": "A few pages for the tests",
}


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    html: str


class _HtmlItem(Item):  # type: ignore[misc]
    def __init__(self, page: Page) -> None:
        super().__init__()
        self.page = page

    def get_path(self) -> str:
        return self.page.path

    def get_title(self) -> str:
        return self.page.title

    def get_mimetype(self) -> str:
        return "text/html"

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.page.html)

    def get_hints(self) -> dict[Hint, int]:
        return {Hint.FRONT_ARTICLE: True}


def build_zim(
    path: Path,
    pages: Sequence[Page],
    *,
    redirects: Mapping[str, str] = {},
    metadata: Mapping[str, str] = WIKI_METADATA,
    index: bool = True,
) -> Path:
    """Write a ZIM file: HTML pages, redirects (path -> target path), metadata."""
    with Creator(path).config_indexing(index, "eng") as creator:
        for name, value in metadata.items():
            creator.add_metadata(name, value)
        for page in pages:
            creator.add_item(_HtmlItem(page))
        for source, target in redirects.items():
            creator.add_redirection(source, source.replace("_", " "), target, {})
        creator.set_mainpath(pages[0].path)
    return path


def wiki_html(title: str, lead: str, sections: Mapping[str, str] = {}) -> str:
    """A page shaped like Kiwix's Wikipedia HTML (mwoffliner): scripts, an infobox, a lead
    with footnotes, collapsible h2 sections, a reference list."""
    body = "".join(
        f'<details data-level="2"><summary class="section-heading"><h2 id="{name}">{name}'
        f'<span class="mw-editsection">[edit]</span></h2></summary><section>{html}</section>'
        "</details>"
        for name, html in sections.items()
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        '<script>var wgTitle = "script text";</script><style>p{color:red}</style></head><body>'
        f'<h1 class="article-header">{title}</h1><div id="mw-content-text">'
        '<section data-mw-section-id="0"><div class="hatnote">For other uses, see the '
        '<a class="mw-disambig" href="./X">disambiguation page</a>.</div>'
        '<table class="infobox"><tr><th>Infobox cell</th><td>1 January 1900</td></tr></table>'
        f"{lead}</section>{body}"
        '<h2 id="References">References</h2><div class="reflist"><ol class="references">'
        "<li>A cited source, 2024.</li></ol></div></div></body></html>"
    )


PUTIN_LEAD = (
    "<p><b>Vladimir Vladimirovich Putin</b> (born 7 October 1952) is a Russian politician who "
    'has been President of Russia since 2012.<sup class="reference"><a href="#c1">[1]</a></sup>'
    "</p><p>On 14 June 2024 Putin offered a ceasefire if Ukraine withdrew from four regions.[2]"
    "</p>"
)
PAGES = (
    Page(
        "Vladimir_Putin",
        "Vladimir Putin",
        wiki_html(
            "Vladimir Putin",
            PUTIN_LEAD,
            {
                "Early life": "<p>Putin was born in Leningrad.</p>",
                "See also": "<ul><li>KGB</li></ul>",
            },
        ),
    ),
    Page(
        "NATO",
        "NATO",
        wiki_html(
            "NATO",
            "<p>The North Atlantic Treaty Organization (NATO) is a military alliance of 32 member "
            "states. Jens Stoltenberg was its Secretary General from 2014 to 2024.</p>",
            {"History": "<p>Twelve states signed the treaty in Washington in 1949.</p>"},
        ),
    ),
    Page(
        "Volodymyr_Zelenskyy",
        "Volodymyr Zelenskyy",
        wiki_html(
            "Volodymyr Zelenskyy",
            "<p>Volodymyr Zelenskyy is the president of Ukraine since 2019.</p>",
        ),
    ),
    Page(
        "Summit_on_Peace_in_Ukraine",
        "Summit on Peace in Ukraine",
        wiki_html(
            "Summit on Peace in Ukraine",
            "<p>The summit met on 15 and 16 June 2024 at the Bürgenstock resort in "
            "Switzerland.</p>",
        ),
    ),
    Page(
        "Russian_annexation_of_Donetsk,_Kherson,_Luhansk_and_Zaporizhzhia_oblasts",
        "Russian annexation of Donetsk, Kherson, Luhansk and Zaporizhzhia oblasts",
        wiki_html(
            "Russian annexation of Donetsk, Kherson, Luhansk and Zaporizhzhia oblasts",
            "<p>Russia claimed to annex four regions of Ukraine on 30 September 2022.</p>",
        ),
    ),
    Page(
        "Ukraine–NATO_relations",
        "Ukraine–NATO relations",
        wiki_html("Ukraine–NATO relations", "<p>Ukraine applied to join NATO in 2022.</p>"),
    ),
    Page(
        "Zürich",
        "Zürich",
        wiki_html("Zürich", "<p>Zürich is the largest city in Switzerland.</p>"),
    ),
    Page(
        "Mercury",
        "Mercury",
        "<html><head><title>Mercury</title></head><body><p><b>Mercury</b> may refer to:</p>"
        '<ul><li>Mercury (planet)</li><li>Mercury (element)</li></ul><div id="disambigbox">'
        "This disambiguation page lists articles with the same title.</div></body></html>",
    ),
)
REDIRECTS = {"Putin": "Vladimir_Putin", "Volodymyr_Zelensky": "Volodymyr_Zelenskyy"}
PUTIN_LEAD_TEXT = (
    "Vladimir Vladimirovich Putin (born 7 October 1952) is a Russian politician who has been "
    "President of Russia since 2012.\n\n"
    "On 14 June 2024 Putin offered a ceasefire if Ukraine withdrew from four regions."
)


@pytest.fixture(scope="session")
def zim_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("zim")


@pytest.fixture(scope="session")
def indexed_zim(zim_dir: Path) -> Path:
    return build_zim(zim_dir / "wiki_indexed.zim", PAGES, redirects=REDIRECTS, index=True)


@pytest.fixture(scope="session")
def plain_zim(zim_dir: Path) -> Path:
    return build_zim(zim_dir / "wiki_plain.zim", PAGES, redirects=REDIRECTS, index=False)


@pytest.fixture(scope="session", params=["indexed", "plain"])
def any_zim(request: pytest.FixtureRequest) -> Path:
    path: Path = request.getfixturevalue(f"{request.param}_zim")
    return path


@pytest.fixture(scope="session")
def anonymous_zim(zim_dir: Path) -> Path:
    """No Source, Name, Creator or Language: the file does not say which wiki it is."""
    return build_zim(zim_dir / "notes.zim", PAGES[:2], metadata={"Title": "Notes"}, index=False)


def claim(text: str, *, number: int = 1, kind: ClaimKind = ClaimKind.FACTUAL) -> Claim:
    return Claim(f"c{number}", number, text, kind, 0.5)


def docs_for(source: ZimSource, *texts: str) -> dict[str, str]:
    """``{path: text}`` of the documents for claims with these texts."""
    claims = [claim(text, number=n) for n, text in enumerate(texts, start=1)]
    return {d.key.split(":", 1)[1]: d.text for d in source.documents(claims, text=" ".join(texts))}


# --- opening ----------------------------------------------------------------------------------


def test_open_zim_reads_metadata_and_indexes(indexed_zim: Path, plain_zim: Path) -> None:
    info = open_zim(indexed_zim)
    assert info == ZimInfo(
        path=indexed_zim,
        title="Wikipedia (test)",
        name="wikipedia_en_test",
        language="en",
        date="2024-06-01",
        article_count=8,
        has_fulltext_index=True,
        has_title_index=True,
        new_namespace_scheme=True,
        base_url="https://en.wikipedia.org/wiki/",
    )
    assert open_zim(str(plain_zim)).has_fulltext_index is False


def _text_file(folder: Path) -> Path:
    path = folder / "notes.zim"
    path.write_text("This is a text file with a .zim name.\n" * 20, encoding="utf-8")
    return path


def _truncated_zim(folder: Path, source: Path) -> Path:
    path = folder / "cut.zim"
    path.write_bytes(source.read_bytes()[:2000])
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder, zim: folder / "missing.zim", "does not exist"),
        (lambda folder, zim: _text_file(folder), "is not a ZIM file"),
        (lambda folder, zim: folder, "is a folder, not a file"),
        (lambda folder, zim: _truncated_zim(folder, zim), "cannot be opened"),
    ],
    ids=["missing", "text-file", "folder", "truncated"],
)
def test_unusable_files_raise_source_error_naming_the_file(
    tmp_path: Path, plain_zim: Path, make: object, message: str
) -> None:
    path: Path = make(tmp_path, plain_zim)  # type: ignore[operator]
    with pytest.raises(SourceError, match=message) as raised:
        open_zim(path)
    assert str(path) in str(raised.value)
    with pytest.raises(SourceError, match=re.escape(str(path))):
        ZimSource(path).documents([claim("NATO met.")], text="NATO met.")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_an_unreadable_file_is_named(tmp_path: Path, plain_zim: Path) -> None:
    path = tmp_path / "locked.zim"
    shutil.copy(plain_zim, path)
    path.chmod(0)
    try:
        with pytest.raises(SourceError, match=f"{re.escape(str(path))} cannot be read"):
            open_zim(path)
    finally:
        path.chmod(0o600)


def test_a_missing_file_becomes_a_pipeline_notice(tmp_path: Path) -> None:
    analysis = analyze("NATO was founded in 1949.", sources=[ZimSource(tmp_path / "gone.zim")])
    assert analysis.documents == ()
    assert (
        analysis.notices[0]
        == f"zim unavailable: the ZIM file {tmp_path / 'gone.zim'} does not exist"
    )


def test_zim_source_is_a_source() -> None:
    source: Source = ZimSource(Path("any.zim"))
    assert source.kind is SourceKind.ZIM
    with pytest.raises(ValueError, match="budget"):
        ZimSource(Path("any.zim"), budget=0)


# --- choosing pages -------------------------------------------------------------------------


def picked(chosen: Choices) -> list[tuple[str, str, str]]:
    """``(title asked for, entry path, outcome)`` of every page request."""
    return [(p.request.title, p.path, p.outcome) for p in chosen.picks]


def test_exact_title_and_redirects(any_zim: Path) -> None:
    claims = [claim("Vladimir Putin met Volodymyr Zelensky and NATO envoys.")]
    chosen = ZimSource(any_zim).choose(claims)
    assert chosen.picks == (
        Pick(chosen.plan.pages[0], "", "Vladimir_Putin", "Vladimir Putin"),
        Pick(
            chosen.plan.pages[1],
            "redirect Volodymyr Zelensky → Volodymyr Zelenskyy",
            "Volodymyr_Zelenskyy",
            "Volodymyr Zelenskyy",
        ),
        Pick(chosen.plan.pages[2], "", "NATO", "NATO"),
    )
    assert [(r.title, r.claim_ids, r.phrases) for r in chosen.plan.pages] == [
        ("Vladimir Putin", ("c1",), ("Vladimir Putin",)),
        ("Volodymyr Zelensky", ("c1",), ("Volodymyr Zelensky",)),
        ("NATO", ("c1",), ("NATO",)),
    ]


def test_a_title_with_no_entry_falls_back_to_the_title_index_else_is_missing(
    any_zim: Path,
) -> None:
    """A title is an exact entry or a redirect; failing that, the title index's best match
    (a ZIM file may lack a page the live site has); with no match it is recorded missing."""
    source = ZimSource(any_zim)
    found = source.documents([claim("Zelensk spoke in Kyiv today.")], text="")
    assert [doc.title for doc in found] == ["Volodymyr Zelenskyy"]
    titles = [(x.query, x.outcome) for x in source.last_lookups if x.kind == "title"]
    assert titles == [
        ("Zelensk", "read: title index: Zelensk → Volodymyr Zelenskyy"),
        ("Kyiv", "missing: no such page in the ZIM file"),
    ]


def test_pages_several_requests_lead_to_are_read_once(
    any_zim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = [claim("Volodymyr Zelensky spoke."), claim("Volodymyr Zelenskyy spoke.", number=2)]
    reads: list[str] = []
    real = ZimSource._read

    def counting(self: ZimSource, archive: object, info: ZimInfo, path: str, title: str) -> object:
        reads.append(path)
        return real(self, archive, info, path, title)  # type: ignore[arg-type]

    monkeypatch.setattr(ZimSource, "_read", counting)
    source = ZimSource(any_zim)
    docs = source.documents(claims, text="")
    assert reads == ["Volodymyr_Zelenskyy"]
    assert [d.title for d in docs] == ["Volodymyr Zelenskyy"]
    titles = [x for x in source.last_lookups if x.kind == "title"]
    assert [(x.query, x.claim_ids, x.outcome, x.document_uid) for x in titles] == [
        (
            "Volodymyr Zelensky",
            ("c1",),
            "read: redirect Volodymyr Zelensky → Volodymyr Zelenskyy",
            docs[0].uid,
        ),
        ("Volodymyr Zelenskyy", ("c2",), "read", docs[0].uid),
    ]


def test_full_text_search_finds_words_of_the_body(indexed_zim: Path, plain_zim: Path) -> None:
    claims = [claim("The summit at Bürgenstock in Switzerland met.")]
    chosen = ZimSource(indexed_zim).choose(claims)
    assert [s.query for s in chosen.plan.searches] == ["Bürgenstock Switzerland summit"]
    assert chosen.hits == {"Bürgenstock Switzerland summit": ("Summit on Peace in Ukraine",)}
    assert chosen.index == {"Bürgenstock Switzerland summit": "full text"}
    assert ("Summit on Peace in Ukraine", "Summit_on_Peace_in_Ukraine", "") in picked(chosen)
    assert chosen.picks[-1].request.phrases == ("search: Bürgenstock Switzerland summit",)
    assert "Summit_on_Peace_in_Ukraine" not in ZimSource(plain_zim).choose(claims).paths


def test_title_index_answers_searches_without_full_text(plain_zim: Path) -> None:
    chosen = ZimSource(plain_zim).choose([claim("Donetsk fears annexation.")])
    annexation = "Russian annexation of Donetsk, Kherson, Luhansk and Zaporizhzhia oblasts"
    assert chosen.hits == {"Donetsk fears": (), "Donetsk annexation": (annexation,)}
    assert set(chosen.index.values()) == {"title index"}
    assert picked(chosen) == [
        ("Donetsk", annexation.replace(" ", "_"), f"title index: Donetsk → {annexation}"),
    ]


def test_a_search_the_full_text_misses_falls_back_to_the_title_index(indexed_zim: Path) -> None:
    finder = _Finder(open_archive(indexed_zim))
    assert finder.search("Zelensk") == (
        [("Volodymyr_Zelenskyy", "Volodymyr Zelenskyy")],
        "title index",
    )
    assert finder.search("Volodymyr")[1] == "full text"


def test_budget_caps_the_pages_read(indexed_zim: Path) -> None:
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    claims = extract_claims(segment(text))
    everything = ZimSource(indexed_zim).choose(claims)
    assert len(everything.paths) > 2
    two = ZimSource(indexed_zim, budget=2)
    assert len(two.choose(claims).picks) == 2
    assert len(two.documents(claims, text=text)) <= 2
    over = [x for x in two.last_lookups if x.outcome == "not read: over the page budget"]
    assert len(over) == len(everything.plan.pages) - 2
    assert {x.query for x in over} >= {"Volodymyr Zelensky", "Crimea"}


def test_search_hits_fill_the_share_of_the_budget_kept_for_them(indexed_zim: Path) -> None:
    """The plan's budget, as for Wikipedia: titles first, a third kept for search hits."""
    claims = [claim("Volodymyr Zelensky, NATO and Vladimir Putin discussed the summit at "
                    "Bürgenstock in Switzerland.")]  # fmt: skip
    chosen = ZimSource(indexed_zim, budget=3).choose(claims)
    assert chosen.plan.budget == 3
    assert len(chosen.plan.pages) == 2  # one of three kept for search hits
    assert len(chosen.picks) <= 3
    assert all(p.request.phrases[0].startswith("search: ") for p in chosen.picks[2:])


# --- reading pages --------------------------------------------------------------------------


def test_lead_section_is_clean_text(any_zim: Path) -> None:
    assert docs_for(ZimSource(any_zim), "Vladimir Putin spoke.") == {
        "Vladimir_Putin": PUTIN_LEAD_TEXT
    }


def test_full_text_adds_sections_but_not_references(indexed_zim: Path) -> None:
    texts = docs_for(ZimSource(indexed_zim, full_text=True), "Vladimir Putin spoke.")
    assert texts == {
        "Vladimir_Putin": PUTIN_LEAD_TEXT + "\n\nEarly life\n\nPutin was born in Leningrad."
    }


def test_document_fields(indexed_zim: Path) -> None:
    (doc,) = ZimSource(indexed_zim).documents([claim("Envoys met in Zürich.")], text="")
    assert doc.source is SourceKind.ZIM
    assert doc.key == "wiki_indexed.zim:Zürich"
    assert doc.uid == "zim:wiki_indexed.zim:Zürich"
    assert doc.title == "Zürich"
    assert doc.url == "https://en.wikipedia.org/wiki/Z%C3%BCrich"
    assert re.fullmatch(r"2024-06-01:[0-9a-f]{12}", doc.revision)
    assert doc.language == "en"
    assert doc.text == "Zürich is the largest city in Switzerland."
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", doc.fetched_at)


def test_disambiguation_pages_are_not_evidence(any_zim: Path) -> None:
    claims = [claim("Mercury rose.")]
    source = ZimSource(any_zim)
    assert source.choose(claims).paths[:1] == ("Mercury",)
    assert all(d.title != "Mercury" for d in source.documents(claims, text=""))
    assert source.last_lookups[0].outcome == "disambiguation page: not used as evidence"
    assert source.last_lookups[0].document_uid == ""


def test_a_zim_that_names_no_wiki_has_no_urls(anonymous_zim: Path) -> None:
    docs = ZimSource(anonymous_zim, language="de").documents([claim("NATO met.")], text="")
    assert [(d.title, d.url, d.language) for d in docs] == [("NATO", "", "de")]
    assert docs[0].revision == docs[0].revision[:12]  # no Date: the hash alone


# --- pure helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"Source": "en.wikipedia.org"}, "https://en.wikipedia.org/wiki/"),
        ({"Source": "https://uk.m.wikipedia.org/wiki/"}, "https://uk.wikipedia.org/wiki/"),
        ({"Name": "wikipedia_fr_all"}, "https://fr.wikipedia.org/wiki/"),
        ({"Name": "wiktionary_de_all_nopic"}, "https://de.wiktionary.org/wiki/"),
        ({"Creator": "Wikipedia", "Language": "spa"}, "https://es.wikipedia.org/wiki/"),
        ({"Source": "https://stackoverflow.com", "Name": "stackoverflow.com_en_all"}, ""),
        ({"Creator": "Project Gutenberg", "Language": "eng"}, ""),
        ({}, ""),
    ],
)
def test_wiki_base_url(metadata: dict[str, str], expected: str) -> None:
    assert wiki_base_url(metadata) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("eng", "en"), ("ukr", "uk"), ("deu,eng", "de"), ("ceb", "ceb"), ("", "")],
)
def test_iso639_1(code: str, expected: str) -> None:
    assert iso639_1(code) == expected


@pytest.mark.parametrize(
    ("title", "new_scheme", "paths"),
    [
        ("Vladimir Putin", True, ("Vladimir_Putin",)),
        ("Vladimir Putin", False, ("A/Vladimir_Putin", "Vladimir_Putin")),
        ("iPhone", True, ("IPhone",)),
    ],
)
def test_entry_paths(title: str, new_scheme: bool, paths: tuple[str, ...]) -> None:
    assert entry_paths(title, new_scheme=new_scheme) == paths


def test_old_scheme_paths_lose_their_namespace_in_urls() -> None:
    assert page_name("A/NATO", new_scheme=False) == "NATO"
    assert page_name("A/B", new_scheme=True) == "A/B"
    assert page_url("https://en.wikipedia.org/wiki/", "AC/DC", new_scheme=True) == (
        "https://en.wikipedia.org/wiki/AC/DC"
    )
    assert page_url("", "NATO", new_scheme=True) == ""


# --- end to end -------------------------------------------------------------------------------


def library_pages() -> tuple[Page, ...]:
    """The demo notes as Wikipedia-like pages at the paths of their URLs."""
    pages = []
    for note in sorted(DEMO_FOLDER.glob("*.md")):
        if note.name.lower() == "readme.md":
            continue
        _, url, body = parse_note(note.read_text(encoding="utf-8"), fallback_title=note.stem)
        path = unquote(url.rsplit("/wiki/", 1)[1])
        lead = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
        pages.append(Page(path, path.replace("_", " "), wiki_html(path.replace("_", " "), lead)))
    return tuple(pages)


@pytest.fixture(scope="session")
def demo_zim(zim_dir: Path) -> Path:
    return build_zim(
        zim_dir / "wikipedia_en_demo.zim",
        library_pages(),
        redirects={
            "Volodymyr_Zelensky": "Volodymyr_Zelenskyy",
            "Crimea": "Annexation_of_Crimea_by_the_Russian_Federation",
        },
    )


def test_demo_article_is_matched_against_the_zim(demo_zim: Path) -> None:
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    analysis = analyze(text, sources=[ZimSource(demo_zim)])
    assert analysis.notices == ()
    by_uid = {doc.uid: doc for doc in analysis.documents}
    assert all(doc.source is SourceKind.ZIM for doc in analysis.documents)
    cited = {by_uid[e.passage.document_key].title for e in analysis.evidence}
    assert {"Jens Stoltenberg", "NATO", "Volodymyr Zelenskyy"} <= cited
    stoltenberg = next(c for c in analysis.claims if "Stoltenberg dismissed" in c.text)
    mine = [e for e in analysis.evidence if e.claim_id == stoltenberg.id]
    best = next(e for e in mine if e.rank == 1)
    doc = by_uid[best.passage.document_key]
    assert doc.url == "https://en.wikipedia.org/wiki/Jens_Stoltenberg"
    # the dismissal is shown as evidence (rank 1 or 2: "Stoltenberg was Secretary General of
    # NATO" shares as many of the claim's words once a small index is scored as 5,000)
    dismissal = next(e for e in mine if "Stoltenberg dismissed Putin's" in e.passage.text)
    assert dismissal.rank <= 2
    assert relevance.is_evidence(dismissal.score)


def test_zim_lookups_say_why_and_reach_the_store(demo_zim: Path, tmp_path: Path) -> None:
    """Every title and search of the ZIM source is recorded with its claims and phrases,
    like Wikipedia's, and saved with the analysis for the Sources page and the focus panel."""
    from checks.store import Store

    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    analysis = analyze(text, sources=[ZimSource(demo_zim)])
    claims = {c.id: c.text for c in analysis.claims}
    by_query = {x.query: x for x in analysis.lookups}
    assert {x.source for x in analysis.lookups} == {SourceKind.ZIM}
    assert {x.kind for x in analysis.lookups} == {"title", "search"}

    stoltenberg = by_query["Jens Stoltenberg"]
    assert stoltenberg.kind == "title"
    assert stoltenberg.phrases == ("Jens Stoltenberg",)
    assert any("Stoltenberg dismissed" in claims[c] for c in stoltenberg.claim_ids)
    assert stoltenberg.outcome == "read"
    assert stoltenberg.document_uid == "zim:wikipedia_en_demo.zim:Jens_Stoltenberg"

    crimea = by_query["Crimea"]
    assert crimea.outcome == (
        "read: redirect Crimea → Annexation of Crimea by the Russian Federation"
    )
    assert all("Crimea" in claims[c] for c in crimea.claim_ids)
    zelensky = by_query["Volodymyr Zelensky"]
    assert zelensky.phrases == ("Volodymyr Zelensky", "Zelensky")
    assert by_query["Ukraine"].outcome == "read: title index: Ukraine → Ukraine–NATO relations"
    assert by_query["Ukraine"].document_uid == "zim:wikipedia_en_demo.zim:Ukraine–NATO_relations"

    searches = [x for x in analysis.lookups if x.kind == "search"]
    assert searches
    assert all(x.phrases and x.claim_ids for x in searches)
    assert searches[0].claim_ids == ("article",)
    assert {doc.uid for doc in analysis.documents} == {
        x.document_uid for x in analysis.lookups if x.document_uid
    }

    with Store.open(tmp_path / "zim-lookups.sqlite3") as store:
        article = store.add_article(title="Demo", text=text)
        store.save_analysis(article.id, analysis)
        assert store.lookups(article.id) == analysis.lookups


def test_cli_uses_a_zim_file_named_on_the_command_line_or_in_checks_zim(
    indexed_zim: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checks.cli import main
    from checks.sources.choice import ZIM_ENV, build_sources
    from checks.store import Store

    db = tmp_path / "zim-cli.sqlite3"
    text = "Jens Stoltenberg led NATO as Secretary General.\n"
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["analyze", str(article), "--source", f"zim:{indexed_zim}", "--db", str(db)]) == 0
    with Store.open(db) as store:
        review = store.review(1)
        sources = {doc.source for doc in review.documents}
        assert sources == {SourceKind.ZIM}
        monkeypatch.setenv(ZIM_ENV, str(indexed_zim))
        kinds = [source.kind for source in build_sources(store)]
    assert kinds[0] == SourceKind.LIBRARY
    assert kinds[-1] == SourceKind.ZIM


# --- a ZIM failing half-way (issue 7) -------------------------------------------------------


def test_pages_failing_half_way_become_one_notice_naming_them(
    indexed_zim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file reads for the first page, then every read raises (a disk going away, a
    damaged cluster): the analysis finishes with the page read and names the ones missing."""
    text = DEMO_ARTICLE.read_text(encoding="utf-8")
    chosen = ZimSource(indexed_zim).choose(extract_claims(segment(text)))
    assert len(chosen.paths) >= 3
    real = ZimSource._read
    calls: list[str] = []

    def failing_half_way(
        self: ZimSource, archive: object, info: ZimInfo, path: str, title: str
    ) -> object:
        calls.append(path)
        if len(calls) > 1:
            raise RuntimeError("Cannot read cluster 7")
        return real(self, archive, info, path, title)  # type: ignore[arg-type]

    monkeypatch.setattr(ZimSource, "_read", failing_half_way)
    source = ZimSource(indexed_zim)
    analysis = analyze(text, sources=[source])
    missing = [chosen.title_of(path) for path in chosen.paths[1:]]
    assert len(analysis.notices) == 1
    notice = analysis.notices[0]
    assert notice.startswith(f"ZIM file {indexed_zim.name}: {len(missing)} pages could not be read")
    assert all(title in notice for title in missing[:5])
    assert {d.title for d in analysis.documents} == {chosen.title_of(chosen.paths[0])}
    failed = {x.query: x.outcome for x in source.last_lookups if x.outcome.startswith("failed")}
    assert failed
    assert all("Cannot read cluster 7" in outcome for outcome in failed.values())
    assert analysis.lookups == source.last_lookups  # recorded even when pages fail
    assert len(analysis.claims) > 20  # the analysis finished


def test_an_index_failing_while_pages_are_chosen_is_a_notice(
    indexed_zim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: ZimSource, claims: object) -> object:
        raise RuntimeError("Xapian database corrupt")

    monkeypatch.setattr(ZimSource, "choose", broken)
    analysis = analyze("NATO was founded in 1949.", sources=[ZimSource(indexed_zim)])
    assert analysis.notices[0] == (
        f"zim unavailable: the ZIM file {indexed_zim} is damaged: Xapian database corrupt"
    )


def test_sources_page_shows_why_these_zim_pages(
    demo_zim: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Sources page's table of lookups lists the ZIM's titles and searches."""
    import streamlit as st

    from checks.sources.choice import ZIM_ENV
    from tests.test_app import open_demo

    st.cache_resource.clear()
    monkeypatch.setenv("CHECKS_WIKIPEDIA", "off")
    monkeypatch.setenv(ZIM_ENV, str(demo_zim))
    at = open_demo()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    (table,) = [d.value for d in at.dataframe if "title or search" in d.value.columns]
    rows = table[table["title or search"] == "Jens Stoltenberg"].to_dict("records")
    assert [(row["source"], row["outcome"]) for row in rows] == [("zim", "read")]
    assert "search" in set(table[table["source"] == "zim"]["kind"])


# --- hostile pages: bounded work (issue 11) ----------------------------------------------


def test_a_page_longer_than_a_document_may_hold_is_cut_at_a_paragraph(tmp_path: Path) -> None:
    paragraph = "The harbour of Zürich was rebuilt in 1900 after the flood of the lake. " * 10
    lead = "".join(f"<p>{paragraph}</p>" for _ in range(1_500))  # about 1.06 M characters
    path = build_zim(tmp_path / "long.zim", [Page("Zürich", "Zürich", wiki_html("Zürich", lead))])
    (doc,) = ZimSource(path).documents([claim("Envoys met in Zürich.")], text="")
    kept = paragraph.strip()
    assert len(kept) == 709
    assert doc.text.split("\n\n") == [kept] * 1_406  # the whole paragraphs that fit
    assert len(doc.text) == 999_664
    assert len(doc.text) <= MAX_DOCUMENT_CHARS


def test_a_page_over_the_byte_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = wiki_html("Zürich", "<p>Zürich is the largest city in Switzerland.</p>")
    path = build_zim(tmp_path / "big.zim", [Page("Zürich", "Zürich", html)])
    monkeypatch.setattr(zim, "MAX_PAGE_BYTES", 100)
    source = ZimSource(path)
    assert source.documents([claim("Envoys met in Zürich.")], text="") == ()
    (lookup,) = [item for item in source.last_lookups if item.query == "Zürich"]
    assert re.fullmatch(
        r"a page of [\d,]+ bytes, over the 100-byte limit: not read", lookup.outcome
    )


def test_a_page_of_stray_end_tags_gives_its_text(tmp_path: Path) -> None:
    hostile = "<p>Zürich is a city.</p>" + "<span>" * 2_000 + "</b>" * 70_000 + "<a x='" * 9_000
    path = build_zim(tmp_path / "h.zim", [Page("Zürich", "Zürich", wiki_html("Zürich", hostile))])
    (doc,) = ZimSource(path).documents([claim("Envoys met in Zürich.")], text="")
    assert doc.text == "Zürich is a city."
