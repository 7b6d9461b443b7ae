"""Fact-check feeds written for the tests, modelled on how ClaimReview is published: the
Data Commons / Fact Check Markup Tool DataFeed, a page's @graph, a bare list, this tool's
own export, CSV. Every claim, name and address here is invented (``.example`` domains)."""

from __future__ import annotations

import json
from typing import Any

CONTEXT = "https://schema.org"


def review(
    claim: Any,
    url: Any = "https://checks.example/fact-check/1",
    *,
    rating: Any = None,
    author: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    out: dict[str, Any] = {"@context": CONTEXT, "@type": "ClaimReview", "url": url}
    if claim is not None:
        out["claimReviewed"] = claim
    out["reviewRating"] = (
        rating
        if rating is not None
        else {
            "@type": "Rating",
            "ratingValue": "1",
            "bestRating": "5",
            "worstRating": "1",
            "alternateName": "False",
        }
    )
    out["author"] = (
        author
        if author is not None
        else {"@type": "Organization", "name": "Checks Desk", "url": "https://checks.example/"}
    )
    out.update(extra)
    return out


# The feed of Google's Fact Check Markup Tool as Data Commons publishes it: a DataFeed whose
# DataFeedItems hold a *list* of ClaimReviews in "item" (sometimes null), string ratings.
DATAFEED: dict[str, Any] = {
    "@context": "http://schema.org",
    "@type": "DataFeed",
    "dateModified": "2024-06-20T08:00:00.000000+00:00",
    "dataFeedElement": [
        {
            "@context": "http://schema.org",
            "@type": "DataFeedItem",
            "dateCreated": "2024-06-18T10:11:12.000000+00:00",
            "url": "https://checks.example/fact-check/ceasefire-offer",
            "item": [
                review(
                    "Putin offered a ceasefire if Ukraine withdrew from four regions.",
                    "https://checks.example/fact-check/ceasefire-offer",
                    rating={
                        "@type": "Rating",
                        "ratingValue": "3",
                        "bestRating": "5",
                        "worstRating": "1",
                        "alternateName": "Half True",
                    },
                    datePublished="2024-06-18",
                    inLanguage="en",
                    headline="Did Putin offer a ceasefire?",
                    itemReviewed={
                        "@type": "Claim",
                        "author": {"@type": "Person", "name": "A. Commentator"},
                        "datePublished": "2024-06-14",
                        "appearance": [
                            {"@type": "CreativeWork", "url": "https://social.example/p/1"}
                        ],
                    },
                    sdPublisher={"@type": "Organization", "name": "Google Fact Check Tools"},
                )
            ],
        },
        {"@type": "DataFeedItem", "dateCreated": "2024-06-19T00:00:00Z", "item": None},
        {
            "@type": "DataFeedItem",
            "item": [
                review(
                    "<p>NATO has 32 member states &amp;amp; Sweden joined in <b>2024</b>.</p>",
                    "https://verificado.example/nato-32",
                    rating={"@type": "Rating", "alternateName": "Verdadero"},
                    author=[[{"@type": "Organization", "name": "Verificado Ejemplo"}]],
                    datePublished="March 8, 2024",
                    inLanguage={"@type": "Language", "name": "Spanish", "alternateName": "es"},
                ),
                review(
                    "Kyiv is the capital of Ukraine.",
                    "javascript:alert(1)",
                    rating={"@type": "Rating", "ratingValue": 5},
                    author="Faktencheck Beispiel",
                    datePublished="2024-13-45",
                ),
            ],
        },
        {"@type": "DataFeedItem", "item": [review(None, "https://checks.example/no-claim")]},
        {"@type": "DataFeedItem", "item": [{"@type": "NewsArticle", "headline": "Not one"}]},
        # the same review again (feeds repeat items)
        {
            "@type": "DataFeedItem",
            "item": [
                review(
                    "Putin offered a ceasefire if Ukraine withdrew from four regions.",
                    "https://checks.example/fact-check/ceasefire-offer/",
                )
            ],
        },
    ],
}

# A fact-checker's article page: several JSON-LD scripts, a @graph whose ClaimReview
# names its author by reference, @type as a list, a claim given as a list.
PAGE_HTML = """<!doctype html><html><head><title>Fact check</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "BreadcrumbList",
 "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home"}]}</script>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "@id": "https://faktisk.example/#org", "name": "Faktisk Eksempel",
   "url": "https://faktisk.example/"},
  {"@type": "WebPage", "@id": "https://faktisk.example/sjekk/42", "name": "Sjekk"},
  {"@type": ["Review", "ClaimReview"], "url": "https://faktisk.example/sjekk/42",
   "claimReviewed": ["Sweden joined NATO on 7 March 2024.", "Sverige ble med i NATO."],
   "author": {"@id": "https://faktisk.example/#org"}, "datePublished": "2024-03-09T12:00:00+01:00",
   "reviewRating": {"@type": "Rating", "alternateName": "Sant", "ratingValue": 5,
                    "bestRating": 5, "worstRating": 1},
   "inLanguage": "nb"}
]}
</script>
<script type="application/ld+json">{ this is not json </script>
</head><body><p>Text</p></body></html>
"""

# A list of ClaimReviews with the usual slips: a capitalised "Name", a rating string,
# a publisher instead of an author, only numbers, a date with time.
LIST_FEED: list[Any] = [
    review(
        "The moon landing was staged in 1969.",
        "https://checks.example/moon",
        rating="Pants on Fire!",
        author={"@type": "Organization", "Name": "Checks Desk"},
        datePublished="2023-07-20T09:30:00Z",
    ),
    {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": "https://other.example/check/7",
        "claimReviewed": "Wind turbines cause cancer.",
        "publisher": {"@type": "Organization", "name": "Other Checks"},
        "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1},
        "datePublished": "2022-11-02",
    },
    "https://checks.example/just-a-string",
]

CSV_FEED = (
    "claim,rating,publisher,url,date\r\n"
    '"Vaccines contain microchips.",False,Checks Desk,https://checks.example/chips,2021-05-04\r\n'
    '"Inflation reached 9.1% in June 2022.",Correct,Other Checks,https://other.example/cpi,'
    "2022-07-14\r\n"
    ",Misleading,Other Checks,https://other.example/empty,2022-07-15\r\n"
)


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


# An article of six claims (c1..c6, none a heading) and fact-checks of three of them, for
# adopting (the A key): c1's is rated False ("false"), c3's Mostly True, 4 of 1-5 ("mostly
# true"), c5's "Misleading" (no verdict: the note only); c2's only match is weak (shown with
# "Show weaker matches"); c4 and c6 have none.
BRIDGE = (
    "The bridge over the Rhine opened in 1962. It carries 40,000 cars a day. "
    "The city council voted 31 to 9 to repair it. Repairs will cost 12 million euros. "
    "Work starts in March 2025. The mayor said the bridge is safe."
)
BRIDGE_FEED = [
    review("The bridge over the Rhine opened in 1962.", "https://checks.example/bridge-1962",
           datePublished="2024-05-01"),
    review("The city council voted 31 to 9 to repair the bridge.",
           "https://checks.example/council-vote",
           rating={"@type": "Rating", "alternateName": "Mostly True", "ratingValue": 4,
                   "bestRating": 5, "worstRating": 1},
           datePublished="2024-05-02"),
    review("Repair work on the Rhine bridge starts in March 2025.", "https://checks.example/works",
           rating="Misleading", datePublished="2024-06-01"),
    review("Night trains from Basel to Amsterdam will stop at Cologne, Koblenz and Mainz and "
           "carry sleeping cars, bicycles and pets again from next December, the rail operator "
           "told reporters in Frankfurt on Tuesday morning, adding that ticket prices for "
           "couchettes would rise by a fifth and that new carriages were ordered from a factory "
           "in Vienna.", "https://checks.example/trains", rating="True",
           datePublished="2024-06-02"),
]  # fmt: skip
BRIDGE_LINES = {  # the line adopting each claim's best match adds to its note
    "c1": "As checked by Checks Desk on 2024-05-01, https://checks.example/bridge-1962"
    " (rated “False”)",
    "c3": "As checked by Checks Desk on 2024-05-02, https://checks.example/council-vote"
    " (rated “Mostly True”)",
    "c5": "As checked by Checks Desk on 2024-06-01, https://checks.example/works"
    " (rated “Misleading”)",
}
