"""Claims -> which reference pages to look at: page titles and full-text search queries.

Pure functions. From every claim (and from the article as a whole) this module takes the
named entities ("Vladimir Putin", "NATO", "Crimea") and the article's salient words
("ceasefire", "annexation"), normalises them (possessives dropped, titles such as "President"
removed, a surname alone mapped to the full name used elsewhere in the article, "the Donetsk
and Luhansk regions" to "Donetsk Oblast" and "Luhansk Oblast") and turns them into

- ``PageRequest``: a page title, with the claims and phrases that asked for it, and
- ``SearchRequest``: a full-text search for the topic of a claim or of the article,

within a budget of pages per article. Every request says why it was made.

>>> plan = plan_queries(claims_of("Russian President Vladimir Putin met Jens Stoltenberg. "
...                               "Putin’s plan was rejected in Kyiv."), budget=10)
>>> [(p.title, p.claim_ids, p.phrases) for p in plan.pages]
[('Vladimir Putin', ('c1', 'c2'), ('Vladimir Putin', 'Putin')), ('Jens Stoltenberg', ('c1',), \
('Jens Stoltenberg',)), ('Kyiv', ('c2',), ('Kyiv',))]
>>> normalise_phrase("Ukraine’s")
'Ukraine'
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from checks.claims import entities as multiword_entities
from checks.claims import extract_claims
from checks.model import Claim, ClaimKind

DEFAULT_BUDGET = 30
MAX_SEARCHES = 5
HITS_PER_SEARCH = 2
ARTICLE_QUERIES = 2  # article-wide searches: its main places with each of its top topic words
SEARCH_MIN_WORTH = 0.3  # claims scoring lower get no search of their own
ENTITIES_PER_QUERY = 2
KEYWORDS_PER_QUERY = 2


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿА-Яа-яЁёЄєІіЇїҐґ][\w\-]*(?:['’]s?)?", re.UNICODE)
_CAPITALISED = re.compile(r"^[A-ZÀ-ÞА-ЯЁЄІЇҐ]")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_REGION_LIST = re.compile(
    r"(?P<names>[A-Z][\w\-]+(?:,?\s+(?:and\s+)?[A-Z][\w\-]+)*),?\s+(?:regions?|oblasts?)\b"
)
_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
_DEMONYM = re.compile(r"(?:ian|ese|ish|ean)$")
_TITLES = _word_set(
    "President Vice Prime Minister Secretary Secretary-General Chancellor King Queen Prince "
    "Mr Mrs Ms Dr General Senator Governor Mayor Judge Pope Ambassador Spokesman Spokeswoman "
    "Chairman Colonel Commander Foreign Defense Defence State"
)
# Capitalised words that are not names: sentence openers, months, headings' common words.
_NOT_NAMES = _word_set(
    """
    The A An This That These Those In On At As For But And Or However While When If Within
    After Before Since During Under With Without From By To Of Additionally Meanwhile Although
    Despite It He She They We I Its Their His Her Our Yet So Still Then Also Many Some Most All
    Both Each Every No Not There Here What Why How Who Where Last Next Earlier Later Today
    Yesterday Tomorrow Such Several Other Another Over Amid Among Any Only Even Just Now
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Details Proposal Response Reactions International Background Significance Steps Domestic
    Impact State Ministry Government Officials Media Analysis Update Breaking Opinion Editorial
    """
)
_PLACE_OPENERS = _word_set(
    "Eastern Western Northern Southern Central North South East West New Old Upper Lower Greater "
    "United Great Saint St Mount Lake Cape Port Fort Gulf Black Red White Soviet European"
)
_STOPWORDS = _word_set(
    """
    about above after again against all also amid among another any are aware been before
    being below between both but by can could did does doing down during each even ever every
    few from further had has have having here into itself just least less made make makes more
    most much must near never now off once only other others over own same should since some
    still such than that their theirs them then there these they this those through under
    until upon very was were what when where which while whom will with within without would
    your said says stated declared told according which whose toward towards currently already
    recently ongoing recent potential particularly significant significantly widespread
    stopped short calls called continue continues continued expected remain remains watch
    closely aware broader direct intense mixed some both sides side need needs come comes
    """
)


@dataclass(frozen=True)
class PageRequest:
    """A page title to fetch and why: the claims that mention it and the phrases used there."""

    title: str
    claim_ids: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class SearchRequest:
    """A full-text search for the topic of ``claim_ids`` (``("article",)`` for the whole)."""

    query: str
    claim_ids: tuple[str, ...]
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class QueryPlan:
    """Titles first (most-mentioned first), then searches; ``budget`` caps the pages fetched."""

    pages: tuple[PageRequest, ...]
    searches: tuple[SearchRequest, ...]
    budget: int
    over_budget: tuple[PageRequest, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A name as written in a claim (``phrase``) and the page title it stands for."""

    claim_id: str
    title: str
    phrase: str
    person: bool = False


def claims_of(text: str) -> tuple[Claim, ...]:
    """The claims of ``text`` (segment + extract), for doctests and tools."""
    from checks.segment import segment

    return extract_claims(segment(text))


def normalise_phrase(phrase: str) -> str:
    """NFC, single spaces, no possessive ("Ukraine’s" -> "Ukraine", "NATO's" -> "NATO")."""
    clean = " ".join(unicodedata.normalize("NFC", phrase).split())
    return _POSSESSIVE.sub("", clean).strip(" ,.;:“”\"'()")


def _strip_titles(name: str) -> str:
    words = [word for word in name.split() if word not in _TITLES]
    return " ".join(words)


def _is_name_word(word: str) -> bool:
    return (
        bool(_CAPITALISED.match(word))
        and word not in _NOT_NAMES
        and word not in _TITLES
        and not _DEMONYM.search(word)
        and len(word) > 1
    )


def single_names(text: str, *, covered: Iterable[str] = ()) -> tuple[str, ...]:
    """Capitalised single words that read as names, not inside a multi-word name.

    >>> single_names("China, a key Russian ally, urged Kyiv and the United Nations.",
    ...              covered=["United Nations"])
    ('China', 'Kyiv')
    """
    inside = {word for name in covered for word in name.split()}
    words = list(_WORD.finditer(text))
    found: list[str] = []
    for position, match in enumerate(words):
        word = normalise_phrase(match.group(0))
        if not _is_name_word(word) or word in inside or word.isupper():
            continue
        if _in_longer_name(text, words, position):
            continue  # part of a longer capitalised name the multi-word extractor handles
        found.extend(part for part in word.split("-") if _is_name_word(part))
    return tuple(dict.fromkeys(found))


def _in_longer_name(text: str, words: Sequence[re.Match[str]], position: int) -> bool:
    """Whether the word at ``position`` touches another name word (only a space between)."""
    for other in (position - 1, position + 1):
        if not 0 <= other < len(words):
            continue
        left, right = sorted((words[position], words[other]), key=lambda m: m.start())
        gap = text[left.end() : right.start()]
        if gap.strip() == "" and _is_name_word(normalise_phrase(words[other].group(0))):
            return True
    return False


def region_names(text: str) -> tuple[tuple[str, str], ...]:
    """``(name, "<name> Oblast")`` for names listed before "regions"/"oblasts".

    >>> region_names("the Donetsk, Luhansk, and Kherson regions")
    (('Donetsk', 'Donetsk Oblast'), ('Luhansk', 'Luhansk Oblast'), ('Kherson', 'Kherson Oblast'))
    """
    out: list[tuple[str, str]] = []
    for match in _REGION_LIST.finditer(text):
        for name in _LIST_SPLIT.split(match.group("names")):
            name = name.strip()
            if name and _is_name_word(name.split()[0]):
                out.append((name, f"{name} Oblast"))
    return tuple(out)


def _claim_mentions(claim: Claim) -> list[Mention]:
    """Names in one claim: multi-word names and acronyms, regions, then single names."""
    names = [normalise_phrase(_strip_titles(n)) for n in multiword_entities(claim.text)]
    names = [n for n in names if n]
    regions = dict(region_names(claim.text))
    mentions = [Mention(claim.id, name, name) for name in names]
    singles = single_names(claim.text, covered=names)
    for word in singles:
        mentions.append(Mention(claim.id, regions.get(word, word), word))
    return mentions


def _persons(mentions: Sequence[Mention]) -> dict[str, str]:
    """Surname -> full name, for names of two or three name words that do not open with a
    place word ("Eastern Ukraine", "United States" and "New York" are no people)."""
    full: dict[str, str] = {}
    for mention in mentions:
        words = mention.title.split()
        if (
            2 <= len(words) <= 3
            and all(_is_name_word(w) for w in words)
            and words[0] not in _PLACE_OPENERS
        ):
            full.setdefault(words[-1], mention.title)
    return full


def article_mentions(claims: Sequence[Claim]) -> tuple[Mention, ...]:
    """Every name mentioned by the claims, each mapped to its page title.

    Headings are written in title case, so only names also found in the body count there.
    A surname alone ("Putin") stands for the full name used elsewhere ("Vladimir Putin").
    """
    body = [m for c in claims if c.kind is not ClaimKind.HEADING for m in _claim_mentions(c)]
    surnames = _persons(body)
    known = {m.title for m in body} | {m.phrase for m in body}
    heads = [
        m
        for c in claims
        if c.kind is ClaimKind.HEADING
        for m in _claim_mentions(c)
        if m.title in known or m.phrase in known
    ]
    order = {claim.id: position for position, claim in enumerate(claims)}
    out: list[Mention] = []
    for mention in sorted(body + heads, key=lambda m: order[m.claim_id]):
        full = surnames.get(mention.title)
        if full and full != mention.title:
            mention = Mention(mention.claim_id, full, mention.phrase, person=True)
        elif mention.title in surnames.values():
            mention = Mention(mention.claim_id, mention.title, mention.phrase, person=True)
        out.append(mention)
    return tuple(out)


def _weights(claims: Sequence[Claim]) -> dict[str, float]:
    """How much a mention in each claim counts: more for check-worthy body claims."""
    return {
        c.id: (0.25 if c.kind is ClaimKind.HEADING else 0.5 + c.checkworthiness) for c in claims
    }


def title_requests(claims: Sequence[Claim]) -> tuple[PageRequest, ...]:
    """One request per title, most weight first (ties: first mention first)."""
    weights = _weights(claims)
    score: dict[str, float] = {}
    claim_ids: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for mention in article_mentions(claims):
        score[mention.title] = score.get(mention.title, 0.0) + weights[mention.claim_id]
        claim_ids.setdefault(mention.title, [])
        if mention.claim_id not in claim_ids[mention.title]:
            claim_ids[mention.title].append(mention.claim_id)
        phrases.setdefault(mention.title, [])
        if mention.phrase not in phrases[mention.title]:
            phrases[mention.title].append(mention.phrase)
    first = {title: position for position, title in enumerate(claim_ids)}
    ranked = sorted(claim_ids, key=lambda title: (-round(score[title], 6), first[title]))
    return tuple(
        PageRequest(title=t, claim_ids=tuple(claim_ids[t]), phrases=tuple(phrases[t]))
        for t in ranked
    )


def keywords(text: str) -> tuple[str, ...]:
    """Lower-case content words of ``text`` (4+ letters, no stopwords, no names), in order.

    >>> keywords("Putin offered a ceasefire under the condition that Ukraine withdraws.")
    ('offered', 'ceasefire', 'condition', 'withdraws')
    """
    out = []
    for match in _WORD.finditer(text):
        word = normalise_phrase(match.group(0))
        if word.islower() and len(word) >= 4 and word not in _STOPWORDS:
            out.append(word)
    return tuple(dict.fromkeys(out))


def salience(claims: Sequence[Claim]) -> Counter[str]:
    """In how many body claims each keyword occurs: the article's topic words."""
    counts: Counter[str] = Counter()
    for claim in claims:
        if claim.kind is not ClaimKind.HEADING:
            counts.update(keywords(claim.text))
    return counts


def _claim_query(
    claim: Claim,
    titles: Sequence[str],
    topic: Counter[str],
    rank: Mapping[str, int],
) -> SearchRequest | None:
    names = sorted(dict.fromkeys(titles), key=lambda t: rank.get(t, len(rank)))
    words = [w for w in keywords(claim.text) if topic[w] >= 2]
    words = sorted(words, key=lambda w: -topic[w])[:KEYWORDS_PER_QUERY]
    if not names or not words:
        return None
    years = _YEAR.findall(claim.text)[:1]
    terms = [*names[:ENTITIES_PER_QUERY], *words, *years]
    return SearchRequest(query=" ".join(terms), claim_ids=(claim.id,), phrases=tuple(terms))


def search_requests(
    claims: Sequence[Claim], pages: Sequence[PageRequest], *, limit: int = MAX_SEARCHES
) -> tuple[SearchRequest, ...]:
    """The article's topic first (its two most-mentioned one-word names that are no people
    with each of its two most salient words, e.g. "Ukraine Russia conflict"), then the topics
    of the most check-worthy claims."""
    if limit <= 0:
        return ()
    topic = salience(claims)
    rank = {page.title: position for position, page in enumerate(pages)}
    mentions = article_mentions(claims)
    persons = {m.title for m in mentions if m.person}
    places = [
        p.title
        for p in pages
        if p.title not in persons and " " not in p.title and not p.title.isupper()
    ][:2]
    out: list[SearchRequest] = []
    for word, _ in topic.most_common(ARTICLE_QUERIES) if places else ():
        terms = (*places, word)
        out.append(SearchRequest(" ".join(terms), ("article",), terms))
    by_claim: dict[str, list[str]] = {}
    for mention in mentions:
        by_claim.setdefault(mention.claim_id, []).append(mention.title)
    worthy = sorted(
        (
            c
            for c in claims
            if c.kind in (ClaimKind.FACTUAL, ClaimKind.QUOTE)
            and c.checkworthiness >= SEARCH_MIN_WORTH
            and c.id in by_claim
        ),
        key=lambda c: -c.checkworthiness,
    )
    seen = {frozenset(s.phrases) for s in out}
    for claim in worthy:
        request = _claim_query(claim, by_claim[claim.id], topic, rank)
        if request and frozenset(request.phrases) not in seen:
            seen.add(frozenset(request.phrases))
            out.append(request)
    return tuple(out[:limit])


def plan_queries(
    claims: Sequence[Claim],
    *,
    budget: int = DEFAULT_BUDGET,
    max_searches: int = MAX_SEARCHES,
    hits_per_search: int = HITS_PER_SEARCH,
) -> QueryPlan:
    """Titles and searches for an article, within ``budget`` pages.

    Search hits are fetched after the titles; a share of the budget (at most a third) is kept
    for them, so the titles planned here number ``budget`` minus that share.
    """
    if budget < 0:
        raise ValueError(f"the page budget must be 0 or more, not {budget}")
    titles = title_requests(claims)
    searches = search_requests(claims, titles, limit=max_searches if budget else 0)
    reserve = min(len(searches) * hits_per_search, budget // 3)
    keep = budget - reserve
    return QueryPlan(titles[:keep], searches, budget, over_budget=titles[keep:])


def with_search_hits(
    plan: QueryPlan,
    hits: Mapping[str, Sequence[str]],
    *,
    taken: Iterable[str],
    hits_per_search: int = HITS_PER_SEARCH,
) -> tuple[PageRequest, ...]:
    """The pages the searches add: each search's first hits not ``taken`` yet (titles already
    fetched or planned), in search order, until the budget is spent."""
    have = {title.casefold() for title in taken}
    room = plan.budget - len(have)
    out: list[PageRequest] = []
    for search in plan.searches:
        for title in list(hits.get(search.query, ()))[:hits_per_search]:
            if room <= 0:
                return tuple(out)
            if title.casefold() in have:
                continue
            have.add(title.casefold())
            out.append(PageRequest(title, search.claim_ids, (f"search: {search.query}",)))
            room -= 1
    return tuple(out)
