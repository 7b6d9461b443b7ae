"""Claim/evidence sentence pairs quoted from real news reports and reference pages, each with
the flags a careful reader would raise (written before the code was run on them).

Each pair names where its two sentences come from. Short quotations for a test table; the
reference side is a Wikipedia article (or a mirror of one), an official release quoted in
the press, or another report of the same event. Used by tests/test_news_pairs.py and
``python -m bench.conflicts``.

``WRONG`` lists the pairs the engine still flags wrongly, with why: they stay in the table
(as strict xfails) so that the benchmark's precision is the honest one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pair:
    id: str
    claim: str
    evidence: str
    flags: tuple[str, ...]
    claim_url: str
    evidence_url: str


HUALIEN_2024_WIKI = "https://db0nus869y26v.cloudfront.net/en/2024_Hualien_earthquake"
HUALIEN_2024_LEAD = "At least 13 people died and over 1,100 were injured in the earthquake."
ECUADOR_REUTERS = (
    "https://wnn7.com/reuters/magnitude-6-8-earthquake-shakes-ecuador-at-least-14-deaths-"
    "reported-iduskbn2vk0dg/"
)
ECUADOR_REUTERS_LEAD = (
    "At least 14 people were killed in a strong earthquake that shook a coastal region of "
    "Ecuador and northern Peru on Saturday, causing structural damage to multiple homes, "
    "schools and medical centers."
)
ECUADOR_SCRIPPS = (
    "https://scrippsnews.com/stories/ecuador-earthquake-kills-at-least-12-causes-wide-damage/"
)
ECUADOR_OCHA = "https://worldsaid.com/node/1839"
ECUADOR_OCHA_TOLL = (
    "According to the latest data from the Ecuador Risk Management Secretariat, the earthquake "
    "has resulted in the death of 14 people and has left 446 injured."
)
LUDIAN_2004 = "https://www.taipeitimes.com/News/world/archives/2004/08/12/2003198418"
LUDIAN_TOLL = (
    "Shi put the death toll at two and said 422 people were injured when the quake rolled "
    "through the area at 6:26pm."
)
TWITTER_WIKI = "https://influencermagazine.uk/who-owns-twitter/"  # quotes Wikipedia's lead
TWITTER_DONE = (
    "On October 27, 2022, business magnate Elon Musk acquired Twitter, Inc. for US$44 "
    "billion, gaining control of the platform."
)
CPI_BLS = (
    "https://www.urdupoint.com/en/business/us-consumer-prices-up-91-in-year-to-june-b-1535863.html"
)
CPI_BLS_RELEASE = (  # the Bureau of Labor Statistics' release, as the report quotes it
    "The all items index increased 9.1 percent for the 12 months ending June, the largest "
    "12-month increase since the period ending November 1981."
)
CPI_SAVAGE = (
    "https://michaelsavage.com/bidenflation-much-worse-than-expected-consumer-prices-rise-9-1/"
)
CPI_C3 = "https://c3groupconsulting.com/inflation-increases-to-9-1-in-june-reaching-a-40-year-high/"
CPI_AP = "https://keyt.com/?p=809105"
CPI_AP_ENERGY = (
    "And that was nothing next to what energy prices did: Fueled by heavy demand and by "
    "Russia’s invasion of Ukraine, energy costs shot up nearly 42% in the past 12 months, "
    "the largest such jump since 1980."
)
UK_2024_WIKI = (
    "https://review.clateway.com/wiki/view_html.php?q=2024_United_Kingdom_general_election&sq=Qlik"
)
UK_2024_SEATS = (
    "Labour achieved a 174-seat simple majority, and a total of 411 seats, a single-party "
    "figure surpassed only by Tony Blair in 1997."
)
UK_2024_JUICE = "https://wp.juiceliverpool.co.uk/?p=27842"
SPEAKER_WIKI = "https://en.wikipedia.org/wiki/January_2023_Speaker_of_the_United_States_House_of_Representatives_election"
SPEAKER_WIKI2 = "https://wiki2.org/en/January_2023_Speaker_of_the_United_States_House_of_Representatives_election"
SPEAKER_FINAL = "Final ballot 216 (50.5%) 212 (49.5%)"
SPEAKER_IHEART = (
    "https://www.iheart.com/content/2023-01-04-house-reconvenes-after-failing-to-elect-speaker/"
)
NVIDIA_CRN = (
    "https://www.crn.com/news/components-peripherals/2024/5-big-figures-underscoring-nvidia-s-"
    "very-strong-first-quarter-earnings"
)

HUALIEN_2018_WIKI = "https://en.wikipedia.org/wiki/2018_Hualien_earthquake"
HUALIEN_2018_TOLL = "At least 17 deaths were reported, with 285 injured."
HUALIEN_2018_REUTERS = "https://jimbakkershow.com/tag/earthquake/page/23"  # a copy of the wire

PAIRS: tuple[Pair, ...] = (
    # --- casualties, hedges, number words -------------------------------------------------
    Pair(
        "hualien-2018-at-least-two",
        "A magnitude 6.4 earthquake struck near the coastal city of Hualien in Taiwan late on "
        "Tuesday, the U.S. Geological Survey (USGS) said, killing at least two people and "
        "causing several buildings to collapse.",
        HUALIEN_2018_TOLL,
        ("number: killing at least two people (lower bound) ≠ At least 17 deaths (lower bound)",),
        HUALIEN_2018_REUTERS,
        HUALIEN_2018_WIKI,
    ),
    Pair(
        "hualien-2018-114-injuries",
        "“Two people were unfortunately killed, and 114 have suffered light or severe "
        "injuries,” Taiwan’s Premier William Lai told an emergency government meeting.",
        HUALIEN_2018_TOLL,
        (
            "number: Two people were unfortunately killed ≠ At least 17 deaths (lower bound)",
            "number: 114 have suffered light or severe injuries ≠ 285 injured",
        ),
        HUALIEN_2018_REUTERS,
        HUALIEN_2018_WIKI,
    ),
    Pair(
        "hualien-2018-hundreds",
        "A magnitude 6.4 earthquake struck near the Taiwanese coastal city of Hualien late on "
        "Tuesday, the U.S. Geological Survey (USGS) said, killing at least two, injuring "
        "hundreds and trapping people inside several collapsed buildings.",
        HUALIEN_2018_TOLL,
        ("number: killing at least two (lower bound) ≠ At least 17 deaths (lower bound)",),
        "https://e.vnexpress.net/news/world/at-least-2-killed-buildings-collapse-in-magnitude-6-4-taiwan-quake-3709074.html",
        HUALIEN_2018_WIKI,
    ),
    Pair(
        "hualien-kills-nine",
        "Taiwan’s earthquake kills at least nine people, injures nearly 900, with 77 trapped "
        "in tunnels and collapsed buildings.",
        HUALIEN_2024_LEAD,
        (
            "number: kills at least nine people (lower bound) ≠ At least 13 people died "
            "(lower bound)",
            "number: injures nearly 900 (approximate) ≠ over 1,100 were injured (lower bound)",
        ),
        "https://saindiamagazine.com/taiwan-hit-by-strongest-earthquake-in-25-years-killing-9-what-we-know-news",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "hualien-four-killed",
        "Four killed and dozens others injured after an earthquake measuring 7.4 on the "
        "Richter scale struck Taiwan on Wednesday, which also triggered a tsunami in Japan's "
        "Yonaguni Island.",
        HUALIEN_2024_LEAD,
        (
            "number: Four killed ≠ At least 13 people died (lower bound)",
            "number: dozens others injured (approximate) ≠ over 1,100 were injured (lower bound)",
        ),
        "https://taazatv.com/single-post.php?usr_lang=en&state=West%20Bengal&id=28793",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "hualien-seventeen",
        "Seventeen fatalities have been reported, along with a total of 1,145 people injured "
        "and 442 others declared stranded.",
        HUALIEN_2024_LEAD,
        ("number: Seventeen fatalities ≠ At least 13 people died (lower bound)",),
        "https://rumble.com/v4n4who-multiple-buildings-collapse-in-hualien-taiwan-after-usgs-reports-magnitude-.html",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "hualien-missing",
        "Two people were listed as missing namely a couple carrying dual Australian and "
        "Singaporean nationality.",
        "Casualties13 dead, 1,145 injured, 442 stranded or trapped, 6 missing",
        ("number: Two people were listed as missing ≠ 6 missing",),
        "https://rumble.com/v4n4who-multiple-buildings-collapse-in-hualien-taiwan-after-usgs-reports-magnitude-.html",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "ecuador-lasso-12",
        "Ecuadorian President Guillermo Lasso in a televised address to the nation said the "
        "earthquake killed 12 people.",
        ECUADOR_REUTERS_LEAD,
        ("number: killed 12 people ≠ At least 14 people were killed (lower bound)",),
        ECUADOR_SCRIPPS,
        ECUADOR_REUTERS,
    ),
    Pair(
        "ecuador-a-dozen",
        "A strong earthquake shook southern Ecuador and northern Peru on Saturday, killing at "
        "least a dozen people, trapping others under rubble, and sending rescue teams out into "
        "streets littered with debris and fallen power lines.",
        ECUADOR_REUTERS_LEAD,
        (
            "number: killing at least a dozen people (lower bound) ≠ At least 14 people were "
            "killed (lower bound)",
        ),
        ECUADOR_SCRIPPS,
        ECUADOR_REUTERS,
    ),
    Pair(
        "ecuador-more-than-380",
        "The presidency’s communication agency said the quake left 14 people dead, and more "
        "than 380 people were injured, largely in the El Oro province.",
        ECUADOR_OCHA_TOLL,
        ("number: more than 380 people were injured (lower bound, holds) ≠ 446 injured",),
        ECUADOR_REUTERS,
        ECUADOR_OCHA,
    ),
    Pair(
        "ecuador-almost-400",
        "The earthquake, which was also felt in many areas of northern Peru, collapsed more "
        "than 40 houses and damaged a hundred: at least 14 people died in the collapses and "
        "almost 400 were injured.",
        ECUADOR_OCHA_TOLL,
        ("number: almost 400 were injured (approximate) ≠ 446 injured",),
        "https://www.breakinglatest.news/world/there-was-a-magnitude-6-8-earthquake-in-ecuador-at-least-14-people-died/",
        ECUADOR_OCHA,
    ),
    Pair(
        "jiji-2500",
        "This marks the strongest earthquake to hit Taiwan in 25 years since a 7.2-magnitude "
        "temblor struck the country's Nantou county in 1999, killing more than 2,500 people "
        "and injuring over 1,300 others.",
        "2,415 people were killed, 11,305 injured, and NT$300 billion worth of damage was done.",
        (
            "number: killing more than 2,500 people (lower bound, contradicted) ≠ 2,415 people "
            "were killed",
            "number: injuring over 1,300 others (lower bound, holds) ≠ 11,305 injured",
        ),
        "https://taazatv.com/single-post.php?usr_lang=en&state=West%20Bengal&id=28793",
        "https://wiki.av1.space/content/wikipedia_en_all_mini_2025-06/1999_Jiji_earthquake",
    ),
    Pair(
        "izmit-17000",
        "In 1999, Izmit was hit by a tremor in Turkey of comparable size to the recent "
        "earthquakes, which killed over 17,000 people.",
        "Between 17,127 and 18,373 people died as a result, and it caused an estimated US $6.5 "
        "billion in damage.",
        (),
        "https://thenewsgod.com/turkey-and-syria-more-than-1700-people-confirmed-dead-following-two-major-earthquakes/",
        "https://encyclopedia.datana.cloud/content/wikipedia_en_all_mini_2024-04/A/1999_%C4%B0zmit_earthquake",
    ),
    Pair(
        "turkey-38044",
        "According to the media reports, the Turkish authorities said at least 38,044 people "
        "have been died in the country.",
        "53,537 deaths, 107,213 injured, 140 missing in Turkey",
        ("number: at least 38,044 people have been died (lower bound, holds) ≠ 53,537 deaths",),
        "https://www.editortimes.com/turkiye-and-syria-earthquake-death-toll-rises-to-44000/",
        "https://en.wikipedia.org/wiki/2023_Turkey%E2%80%93Syria_earthquake",
    ),
    Pair(
        "turkey-toll-44000",
        "The death toll from the deadly earthquakes in Turkiye and Syria has risen to more "
        "than 44,000.",
        "Casualties 59,488–62,013 deaths, 121,704 injured, 140 missing",
        ("number: more than 44,000 (lower bound, holds) ≠ 59,488–62,013 deaths",),
        "https://www.editortimes.com/turkiye-and-syria-earthquake-death-toll-rises-to-44000/",
        "https://new.infogalactic.com/info/2023_Turkey%E2%80%93Syria_earthquake",
    ),
    Pair(
        "ludian-up-to-three",
        "Villagers were living outdoors and hospitals were jammed after a strong earthquake "
        "shook China's southwest, killing up to three people and injuring as many as 600, "
        "officials and state media said yesterday.",
        LUDIAN_TOLL,
        (
            "number: killing up to three people (upper bound, holds) ≠ death toll at two",
            "number: injuring as many as 600 (upper bound, holds) ≠ 422 people were injured",
        ),
        LUDIAN_2004,
        LUDIAN_2004,
    ),
    Pair(
        "ludian-three-killed",
        "State television reported that three people were killed, after originally giving the "
        "figure as five in an earlier broadcast.",
        LUDIAN_TOLL,
        ("number: three people were killed ≠ death toll at two",),
        LUDIAN_2004,
        LUDIAN_2004,
    ),
    Pair(
        "hualien-2018-missing",
        "Rescuers combed through the rubble of collapsed buildings on Wednesday, some using "
        "their hands as they searched for about 85 people missing after a strong earthquake "
        "hit near the popular tourist city of Hualien overnight.",
        "A powerful earthquake struck Taiwan just before midnight Tuesday, damaging buildings "
        "in the city of Hualien, killing four people and leaving another 145 missing, "
        "according to the authorities.",
        ("number: about 85 people missing (approximate) ≠ 145 missing",),
        "https://www.trtworld.com:443/article/13103438",
        "https://www.wral.com/earthquake-strikes-taiwan-collapsing-buildings/17317464/",
    ),
    Pair(
        "hualien-2018-at-least-four",
        "A magnitude 6.4 earthquake struck near the coastal city of Hualien in Taiwan late on "
        "Tuesday, the US Geological Survey (USGS) said, killing at least four people and "
        "causing several buildings to collapse.",
        "A powerful earthquake struck Taiwan just before midnight Tuesday, damaging buildings "
        "in the city of Hualien, killing four people and leaving another 145 missing, "
        "according to the authorities.",
        (),
        "https://www.trtworld.com:443/article/13103438",
        "https://www.wral.com/earthquake-strikes-taiwan-collapsing-buildings/17317464/",
    ),
    # --- money and dates --------------------------------------------------------------------
    Pair(
        "twitter-bid",
        "Elon Musk on April 14, 2022, offered to buy Twitter for approximately $43 billion at "
        "an offer price of $54.20 per share.",
        "Musk offered to buy Twitter for $54.20 per share, valuing the company at about $43 "
        "billion.",
        (),
        "https://www.albawaba.com/business/elon-musk-offers-buy-twitter-approximately-43-billion-1473660",
        "https://www.washingtonpost.com/technology/2022/04/14/elon-musk-twitter/",
    ),
    Pair(
        "twitter-dateline",
        "San Francisco, 28 October 2022 (TDI): Elon Musk has officially taken over Twitter "
        "after completing a $44 billion deal to buy the social networking site.",
        TWITTER_DONE,
        ("date: 28 October 2022 ≠ October 27, 2022",),
        "https://thediplomaticinsight.com/elon-musk-becomes-twitters-new-chief/",
        TWITTER_WIKI,
    ),
    Pair(
        "twitter-premiums",
        "In a filing with the US SEC, Tesla CEO Elon Musk offered to pay $54.20 per share in "
        "cash, a 54% premium over the January 28 closing price.",
        "The deal, which represents a premium of 38 percent over the closing price on 1 April, "
        "values the company at roughly $43 billion.",
        (),  # premiums over two different closing prices
        "https://coingape.com/web-stories/brealing-elon-musk-offers-43-billion-to-buy-twitter/",
        "https://www.thequint.com/amp/story/tech-and-auto/tech-news/elon-musk-twitter-sale-hostile-takeover-free-speech-tesla-stock",
    ),
    Pair(
        "twitter-stake",
        "Musk has been keenly interested in buying Twitter since April 2022 when he first "
        "announced that he had acquired 9.2% of Twitter’s Stock valued at $2.64 billions, "
        "making him the largest shareholder in the company.",
        "Elon Musk acquired a 9.2% stake in Twitter and became its largest shareholder, and "
        "this was revealed on April 4.",
        (),
        "https://www.watchdoguganda.com/news/world-news/20221029/144878/elon-musk-takes-over-twitter-ownership-shuffles-top-management.html",
        "http://www.econotimes.com/Elon-Musk-wants-Twitter-takeover-with-43-billion-offer-after-rejecting-board-seat-1631534",
    ),
    Pair(
        "twitter-27th-october",
        "Elon Musk announced his complete acquisition of Twitter on Thursday 27th October, "
        "2022 after a series of agreements and court battles between Twitter and the Tesla "
        "boss.",
        TWITTER_DONE,
        (),
        "https://www.watchdoguganda.com/news/world-news/20221029/144878/elon-musk-takes-over-twitter-ownership-shuffles-top-management.html",
        TWITTER_WIKI,
    ),
    Pair(
        "nvidia-revenue",
        "Nvidia’s revenue for the first quarter was a record $26 billion, more than triple or "
        "262 percent higher than what it made in the same period last year.",
        "The company achieved $26.0 billion in revenue, reflecting an 18% increase from the "
        "previous quarter and a staggering 262% growth year-over-year.",
        (),
        NVIDIA_CRN,
        "https://fintechbits.net/?p=13990",
    ),
    Pair(
        "nvidia-data-center",
        "The main contributor was Nvidia’s data center revenue, which more than quintupled in "
        "the first quarter from the same period last year, growing 427 percent "
        "year-over-year to $22.5 billion.",
        "The company's growth was largely driven by significant advancements in its Data "
        "Center segment, which alone generated USD $22.6 billion in revenue, up 23% from the "
        "previous quarter and 427% higher compared to the same period last year.",
        ("money: $22.5 billion ≠ $22.6 billion",),
        NVIDIA_CRN,
        "https://datacenternews.asia/story/nvidia-achieves-record-revenue-of-usd-26-billion-in-q1-2025",
    ),
    # --- percentages and years --------------------------------------------------------------
    Pair(
        "cpi-9-1",
        "Inflation in the United States, already at 40 year highs, rose to an annual rate of "
        "9.1 percent in June, the Department of Labor said Wednesday.",
        CPI_BLS_RELEASE,
        (),
        CPI_SAVAGE,
        CPI_BLS,
    ),
    Pair(
        "cpi-since-1981",
        "This is the highest rate since 1981.",
        CPI_BLS_RELEASE,
        (),
        CPI_SAVAGE,
        CPI_BLS,
    ),
    Pair(
        "cpi-december-1981",
        "This is the highest level since December 1981, surpassing last month’s record 8.6% "
        "reading and even economists’ predictions of an 8.8% CPI increase in June.",
        CPI_BLS_RELEASE,
        ("date: December 1981 ≠ November 1981",),
        CPI_C3,
        CPI_BLS,
    ),
    Pair(
        "cpi-9-0",
        "The 12-month inflation rate was 9.0% in June of 2022.",
        CPI_BLS_RELEASE,
        ("percent: 9.0% ≠ 9.1 percent",),
        "https://econofact.org/factbrief/did-inflation-in-the-united-states-reach-its-highest-ever-value-in-the-2020s",
        CPI_BLS,
    ),
    Pair(
        "cpi-more-than-9",
        "US consumer prices jumped by more than 9% over the year to June, keeping up with the "
        "greatest pace of inflation since 1981, the Labor Department said in data on Wednesday "
        "that signaled no let up in aggressive interest rate hikes by the Federal Reserve to "
        "bring inflation lower.",
        CPI_BLS_RELEASE,
        (),
        CPI_BLS,
        CPI_BLS,
    ),
    Pair(
        "cpi-expected",
        "Economists had expected CPI to rise at an annual rate of 8.8 percent, up from 8.6 "
        "percent in May.",
        "Economists polled by US media had expected an 8.8% growth in the annual CPI reading, "
        "versus a year-on-year growth of 8.6% in May.",
        (),
        CPI_SAVAGE,
        CPI_BLS,
    ),
    Pair(
        "cpi-gasoline",
        "Energy contributed half of the monthly increase, as gasoline jumped 11.2 per cent in "
        "June and a staggering 59.9 per cent over the last 12 months.",
        "Gasoline prices were up nearly 60% over the year in June; the American Automobile "
        "Association reported the national average at the pump was $5.01 per gallon.",
        (),
        "https://timesofmalta.com/article/us-consumer-prices-surge-new-peak-9-1.968008",
        CPI_C3,
    ),
    Pair(
        "cpi-energy",
        CPI_AP_ENERGY,
        "In general, energy prices rose (by 41.6% year over year).",
        (),
        CPI_AP,
        CPI_C3,
    ),
    Pair(
        "cpi-april-1980",
        "Overall energy prices posted their biggest annual increase since April 1980.",
        CPI_AP_ENERGY,
        (),
        "https://tmanews.com/us-consumer-prices-surge-to-new-40-year-high-of-9-1/",
        CPI_AP,
    ),
    Pair(
        "cpi-core-monthly",
        "Excluding the volatile food and energy categories, so-called core prices rose 0.7% "
        "from May to June, the biggest such increase in a year.",
        "But the rate rose 0.7 per cent compared to May, up slightly from the prior two months.",
        (),
        "https://www.businessreport.com/economy/us-inflation-reaches-40-year-high-of-9-1-in-june",
        "https://timesofmalta.com/article/us-consumer-prices-surge-new-peak-9-1.968008",
    ),
    Pair(
        "cpi-core-annual",
        "Even if you toss out food and energy prices — which are notoriously volatile and have "
        "driven much of the price spike — so-called core inflation soared 5.9% over the past "
        "year.",
        CPI_BLS_RELEASE,
        (),  # core inflation against the all-items index: two different figures
        CPI_AP,
        CPI_BLS,
    ),
    Pair(
        "cpi-food",
        "Prices for food at home were up 12.2% over the year, with eggs up 33.1%, butter up "
        "21.3%, milk up 16.4%, chicken up 18.6%, and coffee up 15.8%.",
        "Prices for food at home increased 12.2% over the year, significantly driven by "
        "cereals, dairy and meats.",
        (),
        "https://vskub.org/web-stories/us-inflation-june-rising-9-1-percent/",
        CPI_C3,
    ),
    # --- votes and seats --------------------------------------------------------------------
    Pair(
        "uk-412-seats",
        "The Labour Party, headed by Sir Keir Starmer, won 412 parliamentary seats across the "
        "UK, securing a landslide majority well over the 326 seats mark and saw a gain of 211 "
        "seats since the last general election in 2019.",
        UK_2024_SEATS,
        ("number: 412 parliamentary seats ≠ 411 seats",),
        "https://iyamagazine.com/uk-election-labour-partys-landslide-win",
        UK_2024_WIKI,
    ),
    Pair(
        "uk-turnout",
        "Finally, turnout across the UK was 60%, the second-lowest in a UK election since "
        "1885, with the lowest being the 2001 election at 59%.",
        "Turnout | 28,924,725 59.8% ( 8.4 pp)",
        (),
        UK_2024_JUICE,
        UK_2024_WIKI,
    ),
    Pair(
        "uk-vote-share",
        "Despite gaining over 200 seats, Labour’s vote share only increased by less than two "
        "percentage points to 34%.",
        "The party's vote share was 33.7%, the lowest of any majority party on record, making "
        "this the least proportional general election in British history according to the "
        "Gallagher index.",
        (),
        UK_2024_JUICE,
        UK_2024_WIKI,
    ),
    Pair(
        "uk-as-few-as-122",
        "The Conservatives experienced their worst result in terms of seats in history, with "
        "projections suggesting they won as few as 122.",
        "412 seats for Labour, 121 for the Conservatives: the final results",
        ("number: 122 ≠ 121",),
        UK_2024_JUICE,
        "https://pledgetimes.com/uk-elections-here-are-the-final-results/",
    ),
    Pair(
        "speaker-211",
        "In the final vote tally shortly after midnight on Saturday January 7, House "
        "Republican Leader Kevin McCarthy of California was elected Speaker with 216 votes "
        "followed by Democratic Minority Leader Hakeem Jeffries (N.Y.) with 211 and 6 "
        "lawmakers voting present, in the 15th and final ballot.",
        SPEAKER_FINAL,
        ("number: 211 ≠ 212",),
        "https://www.washingtonblade.com/2023/01/07/mccarthy-elected-speaker-after-4th-day-and-the-15th-ballot/",
        SPEAKER_WIKI2,
    ),
    Pair(
        "speaker-218-needed",
        "On Tuesday, the House held three votes for Speaker, but Reps. Kevin Mcarthy, Hakeem "
        "Jeffries, and Andy Biggs could not get the 218 votes needed to win on the first "
        "ballot.",
        "First ballot: 434 votes cast, 218 needed for a majority",
        (),
        "https://www.iheart.com/content/2023-01-04-house-reconvenes-after-failing-to-elect-speaker/",
        SPEAKER_WIKI,
    ),
    Pair(
        "speaker-216",
        "McCarthy finally won the 15th ballot with 216 votes.",
        SPEAKER_FINAL,
        (),
        "https://nypost.com/2023/01/07/kevin-mccarthy-elected-speaker-of-the-house-on-the-15th-ballot-most-since-before-the-civil-war/",
        SPEAKER_WIKI2,
    ),
    Pair(
        "speaker-100-years",
        "It was the first time in 100 years that more than one vote was needed to elect the "
        "Speaker of the House.",
        "With 19 Republicans voting for candidates other than McCarthy on the first ballot, no "
        "candidate achieved a majority and the election proceeded to additional ballots for "
        "the first time since 1923.",
        (),  # "100 years" is a duration, 1923 a year: never compared
        SPEAKER_IHEART,
        SPEAKER_WIKI,
    ),
    Pair(
        "speaker-fourth-ballot",
        "McCarthy got 201 votes, Jeffries secured 212, and Donalds got 20.",
        "In the first round of voting, House Democratic Caucus leader Hakeem Jeffries of New "
        "York received 212 votes, McCarthy received 203 votes, and Andy Biggs of Arizona "
        "received 10 votes; other candidates who were not formally nominated received 9 votes.",
        (),  # the fourth ballot against the first: other votes, no contradiction
        SPEAKER_IHEART,
        SPEAKER_WIKI,
    ),
    Pair(
        "speaker-118th",
        "McCarthy was sworn in at 1:40 a.m. ET and, in turn, then swore in the assembled "
        "members of the 118th Congress en masse.",
        "At the opening of the 118th United States Congress, the members-elect of the House of "
        "Representatives elected in the 2022 midterms held an election for its speaker, "
        "marking the 128th speaker election since the office was created in 1789.",
        (),
        "https://www.washingtonblade.com/2023/01/07/mccarthy-elected-speaker-after-4th-day-and-the-15th-ballot/",
        SPEAKER_WIKI,
    ),
    # --- magnitudes and units that must not be compared ----------------------------------
    Pair(
        "hualien-7-7",
        "On April 3, 2024, Taiwan was rocked by an earthquake of 7.7 magnitude that damaged "
        "the eastern part of the island.",
        "On 3 April 2024, at 07:58:11 NST (23:58:11 UTC on 2 April), a Mw 7.4 earthquake "
        "struck 18 km (11 mi) south-southwest of Hualien City, Hualien County, Taiwan.",
        ("number: 7.7 magnitude ≠ Mw 7.4 earthquake",),
        "https://investguru.net/throwback-to-1999-jiji-earthquake-in-taiwan-where-2415-people-were-killed/",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "hualien-magnitude-7",
        "Taiwan was rocked by a magnitude 7 earthquake on Wednesday, the strongest to hit the "
        "island in 25 years.",
        "On 3 April 2024, at 07:58:11 NST (23:58:11 UTC on 2 April), a Mw 7.4 earthquake "
        "struck 18 km (11 mi) south-southwest of Hualien City, Hualien County, Taiwan.",
        (),
        "https://saindiamagazine.com/taiwan-hit-by-strongest-earthquake-in-25-years-killing-9-what-we-know-news",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "ecuador-magnitude",
        "Ecuador suffered an earthquake of magnitude 6.5 on the Richter scale on March 18 "
        "that, so far, has left a total of four deaths and extensive material damage in "
        "various regions of this South American nation.",
        "The U.S. Geological Survey (USGS) said the quake had a preliminary magnitude of 6.8 "
        "and struck about 66 kilometers below the surface.",
        ("number: magnitude 6.5 ≠ magnitude of 6.8",),
        "https://pledgetimes.com/at-least-four-dead-after-registering-a-magnitude-6-5-earthquake-in-ecuador/",
        "https://bnonews.com/index.php/2023/03/ecuador-quake-kills-at-least-fourteen/",
    ),
    Pair(
        "hualien-tsunami-units",
        "In Japan, at about 9:14am (00:14 GMT), a tsunami wave of 0.3 metres (1 foot) was "
        "detected off the coast of Yonaguni island.",
        "Tsunami82 cm (2.69 ft)",
        (),  # metres against centimetres, a foot against ft: never converted, never compared
        "https://saindiamagazine.com/taiwan-hit-by-strongest-earthquake-in-25-years-killing-9-what-we-know-news",
        HUALIEN_2024_WIKI,
    ),
    Pair(
        "ecuador-depth-and-distance",
        "The quake, which the U.S. Geological Survey (USGS) measured at magnitude 6.8, struck "
        "at a depth of 66.4 km (41.3 miles) about 10 km (6.2 miles) from the city of Balao in "
        "the province of Guayas.",
        "The earthquake, which struck at 12:12 p.m. local time on Saturday, was centered just "
        "a few kilometers offshore, about 67 kilometers south of Guayaquil and 94 kilometers "
        "west of Cuenca.",
        (),  # a depth and a distance: km and kilometers are kept apart
        ECUADOR_REUTERS,
        "https://bnonews.com/index.php/2023/03/ecuador-quake-kills-at-least-fourteen/",
    ),
)

# Pairs the engine still gets wrong, and why (kept in the table, run as strict xfails).
WRONG: dict[str, str] = {
    "twitter-premiums": "two premiums over different closing prices look like one percentage",
    "cpi-december-1981": "last month's 8.6% and the forecast 8.8% are compared with June's 9.1",
    "cpi-core-annual": "core inflation (5.9%) is compared with the all-items figure (9.1%)",
    "uk-412-seats": "the year of the last election (2019) is compared with Blair's 1997",
    "speaker-fourth-ballot": "the fourth ballot's 201 votes are compared with the first's 203",
    "morocco-distance": "kilometers and km are kept apart (comparing them would pair a depth "
    "with a distance in ecuador-depth-and-distance)",
}


# Held out: pairs gathered after the engine was frozen for the table above, expected flags
# written before the engine saw them; bench.conflicts scores them apart. The frozen engine got
# 4 of their 9 flags' figures (precision 1.0; bench/RESULTS.md). Its misses then led to five
# generic fixes ("no fewer than" read as "fewer than", "at least another 2,059", "the death
# of 296", a magnitude range's unit, event counts exempt from the FAR rule), so these pairs
# are held out no more: the next set must be new.
MOROCCO_SIMPLE = "https://simple.wikipedia.org/wiki/2023_Marrakesh%E2%80%93Safi_earthquake"
MOROCCO_TOLL = "2,946 people were killed and 5,674 others injured."
MOROCCO_WIKI = "https://review.clateway.com/wiki/view_html.php?q=2023_Al_Haouz_earthquake&sq=Qlik"
BREXIT_STATISTA = (
    "https://statista.com/forecasts/497508/digital-market-outlook-global-comparison-digital-"
    "payments-transaction-value"
)
BREXIT_COUNT = (
    "Of the 33.57 million people who voted in the referendum, 17.4 million voted to leave and "
    "16.1 million voted to remain."
)
BREXIT_TURNOUT = (
    "This represented quite a high turnout of 72.2 percent, the highest voter turnout in a "
    "UK-wide election since the 1992 General Election."
)

HELD_OUT: tuple[Pair, ...] = (
    Pair(
        "morocco-2946",
        "According to data from the Moroccan Interior Ministry, the quake killed 2,946 people "
        "and injured more than 5,600.",
        MOROCCO_TOLL,
        (),
        "https://sputnikglobe.com/20230922/nearly-3000-villages-were-affected-by-devastating-morocco-earthquake-1113596367.html",
        MOROCCO_SIMPLE,
    ),
    Pair(
        "morocco-2012",
        "At least 2,012 people died in the quake, mostly in Marrakech and five provinces near "
        "the epicentre, Morocco’s interior ministry said.",
        "At least 2,960 deaths were reported, with most occurring outside Marrakesh.",
        ("number: At least 2,012 people died (lower bound) ≠ At least 2,960 deaths (lower bound)",),
        "https://en.shafaqna.com/326397/at-least-2000-dead-thousands-more-injured-in-morocco-earthquake/",
        MOROCCO_WIKI,
    ),
    Pair(
        "morocco-no-fewer-than-600",
        "No fewer than 600 people were killed and hundreds injured after a powerful earthquake "
        "hit Morocco late on the night of Friday, 8 September, 2023.",
        MOROCCO_TOLL,
        (
            "number: No fewer than 600 people were killed (lower bound, holds) ≠ 2,946 people "
            "were killed",
            "number: hundreds injured (approximate) ≠ 5,674 others injured",
        ),
        "https://thegazellenews.com/?p=163375",
        MOROCCO_SIMPLE,
    ),
    Pair(
        "morocco-magnitude-7-2",
        "The magnitude 7.2 quake struck in Morocco’s High Atlas mountains late yesterday night.",
        "A magnitude 6.8–6.9 earthquake hit Marrakesh-Safi, Morocco on 8 September 2023 with an "
        "depth of 18.5 km.",
        ("number: magnitude 7.2 quake ≠ magnitude 6.8–6.9 earthquake",),
        "https://thegazellenews.com/?p=163375",
        MOROCCO_SIMPLE,
    ),
    Pair(
        "morocco-296",
        "Morocco s Ministry of Interior early in the morning today confirmed that the "
        "7-magnitude earthquake that struck several Moroccan cities across the country Friday "
        "night (September 08, 2023) caused the death of at least 296 and has left more than "
        "153 injured.",
        MOROCCO_TOLL,
        (
            "number: death of at least 296 (lower bound, holds) ≠ 2,946 people were killed",
            "number: more than 153 injured (lower bound, holds) ≠ 5,674 others injured",
        ),
        "https://comparemela.com/ampnews/morocco-earthquake-video",
        MOROCCO_SIMPLE,
    ),
    Pair(
        "morocco-2059-injured",
        "At least another 2,059 people were injured, 1,404 critically, officials said.",
        "The earthquake has tragically claimed the lives of 2901 individuals and left 5530 "
        "others injured (including 1404 in a state of critical health).",
        (
            "number: At least another 2,059 people were injured (lower bound, holds) ≠ 5530 "
            "others injured",
        ),
        "https://en.shafaqna.com/326397/at-least-2000-dead-thousands-more-injured-in-morocco-earthquake/",
        "https://www.safetylit.org/citations/index.php?fuseaction=citations.viewdetails&citationIds%5B%5D=citjournalarticle_791889_14",
    ),
    Pair(
        "morocco-distance",
        "On September 9, a 6.9-magnitude earthquake hit Morocco 77 kilometers (48 miles) "
        "southwest of the city of Marrakesh with a population of 839,000 people.",
        "The earthquake's epicenter was 73.4 km (45.6 mi) southwest of Marrakesh, near the town "
        "of Ighil and the Oukaïmeden ski resort in the Atlas Mountains.",
        ("number: 77 kilometers ≠ 73.4 km", "number: 48 miles ≠ 45.6 mi"),
        "https://sputnikglobe.com/20230922/nearly-3000-villages-were-affected-by-devastating-morocco-earthquake-1113596367.html",
        MOROCCO_WIKI,
    ),
    Pair(
        "brexit-votes",
        "The Leave vote won the referendum with 51.9% of the ballot, or 17.4 million votes; "
        "Remain received 48.1%, or 16.1 million votes.",
        BREXIT_COUNT,
        (),
        "https://econ-alerts.com/glossary/brexit/",
        BREXIT_STATISTA,
    ),
    Pair(
        "brexit-52-48",
        "The key, I discovered, wasn’t just looking at the final 52% vs. 48% tally.",
        "The result announced on 24 Jun was that the UK had voted by a majority of 51.9% to "
        "48.1% to leave the EU.",
        (),
        "https://visualfoodie.com/a-breakdown-of-the-official-brexit-vote",
        "https://www.caltrics.com/event/brexit-23-jun-2016-uk-voted-to-leave-the-european/242116",
    ),
    Pair(
        "brexit-turnout",
        "Turnout was 72.2% across the UK.",
        BREXIT_TURNOUT,
        (),
        "http://carolineansell.co.uk/eu-referendum-results/",
        BREXIT_STATISTA,
    ),
    Pair(
        "brexit-electorate",
        "The turnout was 72.2% (electorate 46,555,001), which means that 37.44% of the "
        "electorate had voted to leave the EU.",
        BREXIT_TURNOUT,
        (),
        "https://www.caltrics.com/event/brexit-23-jun-2016-uk-voted-to-leave-the-european/242116",
        BREXIT_STATISTA,
    ),
)


# Held out again (newuser10): six events the tables above do not cover (the Maui wildfires of
# 2023, the Derna floods of 2023, the Jeju Air crash of 2024, the Key Bridge collapse of 2024,
# Apple's first quarter of fiscal 2021, India's 2024 general election), found with the search
# tool; expected flags written before the engine was run on them. bench.conflicts scores them
# apart ("fresh"); bench/RESULTS.md has the engine's score on them before and after the fixes
# their misses led to.
MAUI_WIKI = "https://wikimili.com/en/2023_Hawaii_wildfires"  # a mirror of Wikipedia's article
MAUI_LEAD = (
    "The wind-driven fires prompted evacuations and caused widespread damage, killing at "
    "least 102 people and leaving two people missing in the town of Lahaina on Maui's "
    "northwest coast."
)
MAUI_WATCHERS = (
    "https://watchers.news/2023/08/12/the-deadliest-natural-disaster-in-hawaii-since-it-joined-"
    "u-s-in-1959/"
)
DERNA_WIKI = "https://unin.io/insights/keywords/derna_dam_collapses"  # quotes Wikipedia's lead
DERNA_TOLL = "The official death toll was 5,923, but as many as 24,000 people may have died."
DERNA_ASEAN = (
    "http://theaseandaily.com/catastrophic-dam-collapsesin-libya-leave-thousands-missing-and-"
    "over-5300-dead"
)
DERNA_POPULATION = (
    "Derna, home to a population of 90,000, is traversed by the Wadi Derna, a seasonal river "
    "originating in the southern highlands."
)
JEJU_BNO = (
    "https://bnonews.com/index.php/2024/12/jeju-air-plane-carrying-181-people-crashes-while-"
    "landing-south-korea-64-dead"
)
JEJU_FUEGO = "https://fuegoxm.com/?p=6445"
KEY_WMAR = "https://wmar2news.com/keybridgecollapse/maryland-72-hours-after-the-key-bridge-collapse"
APPLE_MACRUMORS = "https://www.macrumors.com/2021/01/27/apple-1q-2021-earnings/"
APPLE_RESULTS = (  # Apple's release, as the report gives it
    "For the quarter, Apple posted revenue of $111.4 billion and net quarterly profit of $28.8 "
    "billion, or $1.68 per diluted share, compared to revenue of $91.8 billion and net "
    "quarterly profit of $22.2 billion, or $1.25 per diluted share, in the year-ago quarter."
)
APPLE_IPHONEHACKS = (
    "https://www.iphonehacks.com/2021/01/apple-hits-over-100-billion-quarterly-revenue-for-the-"
    "first-time.html"
)
APPLE_FOX = (
    "https://www.foxbusiness.com/technology/apple-first-100b-quarter-company-history-after-"
    "strong-iphone-12-holiday-demand"
)
INDIA_ISSI = (
    "https://issi.org.pk/issue-brief-on-understanding-the-dynamics-of-18th-lok-sabha-election-"
    "results"
)
INDIA_WIKI = (  # a copy of Wikipedia's article
    "https://rt.http3.lol/index.php?q=aHR0cHM6Ly93d3cuc2NyaWJkLmNvbS9kb2N1bWVudC84MDg1ODM1NjMvMTU"
)
INDIA_NEWSX = (
    "https://www.newsx.com/election-2024/lok-sabha-2024-how-did-cabinet-ministers-perform-the-"
    "big-wins-loses/"
)
INDIA_MINT = (
    "https://www.livemint.com/elections/lok-sabha-election-result-2024-bjp-simple-majority-"
    "clean-sweep-mp-himachal-pradesh-delhi-uttarakhand-tripura-nda-india-11717555192760.html"
)

FRESH: tuple[Pair, ...] = (
    # --- Maui wildfires, August 2023 ------------------------------------------------------
    Pair(
        "maui-93",
        "The death toll from the Maui wildfires in Hawaii reached 93 on Saturday, according to "
        "the Maui County website, making it the deadliest U.S. wildfire in more than a century, "
        "with the total likely to rise as cadaver dogs sift through the ruins of Lahaina.",
        MAUI_LEAD,
        ("number: 93 ≠ killing at least 102 people (lower bound)",),
        "https://cyprus-today.online/?p=35751",
        MAUI_WIKI,
    ),
    Pair(
        "maui-80-lives",
        "Destructive wildfires in Maui, Hawaii have claimed at least 80 lives and destroyed "
        "more than 2 200 structures from August 8 to 9, 2023.",
        MAUI_LEAD,
        ("number: at least 80 lives (lower bound) ≠ killing at least 102 people (lower bound)",),
        MAUI_WATCHERS,
        MAUI_WIKI,
    ),
    Pair(
        "maui-36-died",
        "At least 36 people died as wildfires tore through the island of Maui in Hawaii, county "
        "officials said in a statement late Wednesday.",
        MAUI_LEAD,
        (
            "number: At least 36 people died (lower bound) ≠ killing at least 102 people "
            "(lower bound)",
        ),
        "https://www.thedailybeast.com/hawaii-officials-confirm-36-dead-in-hurricane-fanned-wildfires",
        MAUI_WIKI,
    ),
    Pair(
        "maui-risen-to-67",
        "Hawaii officials say the confirmed wildfire death toll on Maui has risen to 67, up "
        "from 55.",
        MAUI_LEAD,
        ("number: 67 ≠ killing at least 102 people (lower bound)",),
        "https://www.voanews.com/a/at-least-55-people-died-on-maui-residents-had-little-warning-before-wildfires-overtook-a-town-/7221795.html",
        MAUI_WIKI,
    ),
    Pair(
        "maui-115-victims",
        "A grandmother from California is the first tourist to have been identified as among "
        "the 115 confirmed victims in the Maui wildfires — dying just a day before she was due "
        "to fly home.",
        "Deaths | 102+ [2]",
        (),  # a later toll, within the infobox's "102+"
        "https://bandmoviez.pw/journey/tourist-died-maui-fire",
        MAUI_WIKI,
    ),
    Pair(
        "maui-over-1000-missing",
        "As a result of these fires, at least 115 people lost their lives, and over 1,000 "
        "others were reported missing.",
        MAUI_LEAD,
        (
            "number: over 1,000 others were reported missing (lower bound, contradicted) ≠ "
            "two people missing",
        ),
        "https://trendinginhawaii.com/real-estate/the-rock-angrily-oprah-winfrey-true-role-in-maui-wildfire",
        MAUI_WIKI,
    ),
    Pair(
        "maui-rebuild-cost",
        "The cost to rebuild Lahaina was estimated at $5.5 billion, according to the Federal "
        "Emergency Management Agency (FEMA), with more than 2,200 structures damaged or "
        "destroyed and more than 2,100 acres (850 hectares) burned.",
        "The damage caused by the fire has been estimated at nearly $6 billion.",
        (),
        "https://cyprus-today.online/?p=35751",
        "https://wikihandbk.com/wiki/%D0%90%D0%BD%D0%B3%D0%BB%D0%B8%D0%B9%D1%81%D0%BA%D0%B0%D1%8F_%D0%92%D0%B8%D0%BA%D0%B8%D0%BF%D0%B5%D0%B4%D0%B8%D1%8F:2023_Hawaii_wildfires",
    ),
    # --- Derna floods, September 2023 -----------------------------------------------------
    Pair(
        "derna-5300",
        "According to Libya's eastern government's interior ministry, as reported by state "
        "broadcaster LANA, at least 5,300 people have lost their lives.",
        DERNA_TOLL,
        (),  # a lower bound that holds, within the tolerance of 5,923
        "https://www.livemint.com/news/libya-over-5300-presumed-dead-thousands-missing-after-two-dams-collapse-due-to-heavy-rains-10-latest-updates/amp-11694568055128.html",
        DERNA_WIKI,
    ),
    Pair(
        "derna-2300",
        "At least 2,300 have been killed, according to the ambulance authority in Derna, the "
        "worst affected city.",
        DERNA_TOLL,
        ("number: At least 2,300 have been killed (lower bound, holds) ≠ death toll was 5,923",),
        "https://www.africa.com/harrowing-scenes-from-libya/",
        DERNA_WIKI,
    ),
    Pair(
        "derna-exceeding-5300",
        "On Tuesday evening, a local official confirmed a staggering death toll exceeding 5,300.",
        DERNA_TOLL,
        (),
        DERNA_ASEAN,
        DERNA_WIKI,
    ),
    Pair(
        "derna-10000-missing",
        "About 10,000 people are reported missing, the Red Crescent says, and the death toll is "
        "expected to rise further.",
        "Aid groups and officials estimate that around 10,000 individuals are missing, feared "
        "to have met the same grim fate as those already lost.",
        (),
        "https://www.africa.com/harrowing-scenes-from-libya/",
        "https://www.worldreportnow.com/news/libya-floods-derna-death-toll-rises-as-bodies-wash-ashore-aid-trickles-in/14194/",
    ),
    Pair(
        "derna-as-high-as-6000",
        "The Red Cross has reported that at least 10,000 individuals are missing following the "
        "catastrophic flooding that ravaged the port city of Derna over the weekend.",
        "Othman Abduljalil, the health minister in Libya's eastern administration, disclosed "
        "that the number of missing persons in the severely affected eastern city of Derna "
        "could be as high as 6,000.",
        (
            "number: at least 10,000 individuals are missing (lower bound) ≠ as high as 6,000 "
            "(upper bound)",
        ),
        DERNA_ASEAN,
        "https://www.livemint.com/news/libya-over-5300-presumed-dead-thousands-missing-after-two-dams-collapse-due-to-heavy-rains-10-latest-updates/amp-11694568055128.html",
    ),
    Pair(
        "derna-125000",
        "Derna, a community of around 125,000 people, was left with damaged neighborhoods, "
        "houses swept out, and automobiles turned on their roofs amid streets covered in muck "
        "and rubble left by a huge stream caused by dam failure.",
        DERNA_POPULATION,
        ("number: around 125,000 people (approximate) ≠ population of 90,000",),
        "https://securitywatch.ng/floods-in-libya-destroy-a-quarter-of-the-city-killing-thousands",
        DERNA_ASEAN,
    ),
    Pair(
        "derna-at-least-120000",
        "Entire areas of Derna, with an estimated population of at least 120,000 people, were "
        "swept away or covered in mud.",
        DERNA_POPULATION,
        ("number: at least 120,000 people (lower bound, contradicted) ≠ population of 90,000",),
        "https://pledgetimes.com/flood-in-libya-survivors-of-death-face-thirst-and-mines/",
        DERNA_ASEAN,
    ),
    # --- Jeju Air flight 2216, December 2024 ----------------------------------------------
    Pair(
        "jeju-deaths-of-179",
        "A devastating plane crash at Muan International Airport in South Korea on Sunday "
        "resulted in the deaths of 179 people.",
        "The aircraft was operating from Bangkok Suvarnabhumi to Muan carrying 175 passengers "
        "and six crew members, of which 179 passed away in the incident.",
        (),
        "https://dwngo.com/south-korea-plane-crash-claims-179-lives-bird-strike-suspected-1608.html",
        "https://centreforaviation.com/news/jeju-air-confirms-737-800-crash-upon-landing-at-muan-international-airport-1297593",
    ),
    Pair(
        "jeju-175-passengers",
        "The plane exploded after it crashed into a concrete structure at the end of the "
        "runway, killing all 175 passengers and four of six crew members.",
        "The plane was carrying a total of 181 people, including 175 passengers and 6 crew "
        "members.",
        (),
        "https://pantherprowler.org/jeju-air-crash-leaves-several-families-mourning",
        JEJU_BNO,
    ),
    Pair(
        "jeju-women-and-men",
        "Among the dead, at least 84 were women and 82 were men.",
        "According to authorities, of the 175 passengers, 82 were men and 93 were women.",
        (),
        "https://omniwire.xyz/?p=17567",
        "https://biz.chosun.com/en/en-society/2024/12/29/UDU3XMOLTNHQXNNGZSRTYL5EZI/?outputType=amp",
    ),
    Pair(
        "jeju-december-28",
        "On Saturday (December 28), a Boeing 737-800 Jeju Air flight, carrying 181 people, was "
        "arriving at the Muan International Airport (180 miles south of the South Korean city "
        "of Seoul), from Bangkok, Thailand, when its landing gear malfunctioned, causing the "
        "plane to hit the runway, skid off, and set fire, killing 179 people.",
        "Jeju Air Flight 2216’s deadly crash in South Korea killed 179 victims on Dec. 29.",
        ("date: December 28 ≠ Dec. 29",),
        JEJU_FUEGO,
        "https://pantherprowler.org/jeju-air-crash-leaves-several-families-mourning",
    ),
    # --- Francis Scott Key Bridge, March 2024 ---------------------------------------------
    Pair(
        "key-bridge-six-workers",
        "Local, state and federal crews responded to the collapse and were searching for six "
        "construction workers who were on the bridge when the ship struck.",
        "The tragedy left six construction workers dead, four of whom are still missing.",
        (),
        "https://peakfund.fastseoul.com/news/832d78398384.html",
        KEY_WMAR,
    ),
    Pair(
        "key-bridge-948-foot",
        "The 948-foot Singapore-flagged vessel, identified as the Dali, struck the bridge, a "
        "vital artery for the Port of Baltimore.",
        "Owned by Singapore-based Grace Ocean Private Ltd., the 948-foot DALI is managed by "
        "Synergy Marine Group.",
        (),
        "https://lagosmetropolitan.com/tag/port-disruption",
        KEY_WMAR,
    ),
    Pair(
        "key-bridge-containers",
        "Built in 2015, the DALI was at about half-capacity when it crashed, carrying 4,679 "
        "twenty-foot equivalent unit containers weighing a combined 116,851 pounds.",
        "At approximately 1:30 AM this morning, the Singapore-flagged, 10,000 TEU container "
        "ship, MV Dali struck the southern support pillar of the Francis Scott Key Bridge.",
        (),  # a load against a capacity; pounds of weight are no money
        KEY_WMAR,
        "https://www.oldsaltblog.com/tag/francis-scott-key-bridge/",
    ),
    # --- Apple, first quarter of fiscal 2021 ----------------------------------------------
    Pair(
        "apple-profit-28-4",
        "The Cupertino-based posted revenue of $111.4 billion and a net quarterly profit of "
        "$28.4 billion.",
        APPLE_RESULTS,
        ("money: $28.4 billion ≠ $28.8 billion",),
        APPLE_IPHONEHACKS,
        APPLE_MACRUMORS,
    ),
    Pair(
        "apple-profit-28-6",
        "The company has recorded $111.44 billion in revenue and reported $28.6 billion in "
        "profits.",
        APPLE_RESULTS,
        ("money: $28.6 billion ≠ $28.8 billion",),
        "https://techlomedia.in/2021/01/apples-breaks-past-100-billion-revenue-for-the-first-time-in-history-80670/",
        APPLE_MACRUMORS,
    ),
    Pair(
        "apple-eps",
        "Apple posted diluted earnings per share of $1.68, a 35% increase compared to the same "
        "period one year ago.",
        APPLE_RESULTS,
        (),
        APPLE_FOX,
        APPLE_MACRUMORS,
    ),
    Pair(
        "apple-year-ago",
        "For a comparison, Apple reported $91.8 billion in revenue in Q1 of 2020 and a profit "
        "of $22.2 billion.",
        APPLE_RESULTS,
        (),
        APPLE_IPHONEHACKS,
        APPLE_MACRUMORS,
    ),
    Pair(
        "apple-iphone-increase",
        "Sales of the latest iPhone model – Apple’s first to utilize 5G technology – generated "
        "$65.6 billion in sales, a $10 billion increase in the category compared to last year’s "
        "holiday season and surpassing the $59.8 billion expected on Wall Street.",
        "Comparing it the Q1 2020, iPhone revenue is up by almost $9 billion.",
        ("money: $10 billion ≠ almost $9 billion (approximate)",),
        APPLE_FOX,
        APPLE_IPHONEHACKS,
    ),
    Pair(
        "apple-international",
        "International sales accounted for 64% of the quarter’s revenue.",
        "Gross margin for the quarter was 39.8 percent, compared to 38.4 percent in the "
        "year-ago quarter, with international sales accounting for 64 percent of revenue.",
        (),
        "https://gadget.co.za/apple-breaks-all-time-revenue-record/",
        APPLE_MACRUMORS,
    ),
    # --- India, general election of 2024 --------------------------------------------------
    Pair(
        "india-233",
        "India’s Election Commission announced the results of the 2024 general elections, with "
        "the BJP-led National Democratic Alliance (NDA) winning 293 seats and the Indian "
        "National Congress-led INDIA bloc winning 233.",
        "For its part, the Indian National Congress (INC) managed to win 99 seats; while, "
        "cumulatively, the Indian National Developmental Inclusive Alliance (INDIA) bagged 234 "
        "seats in the Lok Sabha.",
        ("number: 233 ≠ 234 seats",),
        "https://theatlasnews.co/brief/2024/06/04/modis-bjp-wins-majority-in-2024-elections-set-to-create-government-for-third-term/",
        INDIA_ISSI,
    ),
    Pair(
        "india-around-292",
        "The BJP-led NDA was hovering around 292 seats, as of 8.30 pm.",
        "The NDA coalition tally totals 293 seats out of 543.",
        (),
        "https://www.livemint.com/elections/lok-sabha-election-results-2024-pm-modi-set-for-historic-3rd-term-congress-emerges-a-strong-opposition-11717512144001.html",
        INDIA_ISSI,
    ),
    Pair(
        "india-240-of-543",
        "However, in actual fact, the BJP only managed to win 240 seats out of 543, falling "
        "short by 32 seats for a simple majority.",
        "General elections were held in India from 19 April to 1 June 2024 in seven phases, to "
        "elect all 543 members of the Lok Sabha.",
        (),
        INDIA_ISSI,
        INDIA_WIKI,
    ),
    Pair(
        "india-allies-16-and-12",
        "With the backing of crucial allies like N Chandrababu Naidu’s Telugu Desam Party (TDP) "
        "with 16 seats in Andhra Pradesh and SNitish Kumar’s JD(U) with 12 seats in Bihar, "
        "alongside other coalition partners, the NDA managed to surpass the halfway threshold.",
        "The BJP had to rely on the 28 cumulative seats won by the Andhra Pradesh-based Telugu "
        "Desam Party led by Chandrababu Naidu and the Bihar-based Janata Dal (United) led by "
        "Nitish Kumar in order for the NDA to retain its majority in the Lok Sabha.",
        (),  # 16 and 12 make the 28
        INDIA_NEWSX,
        INDIA_WIKI,
    ),
    Pair(
        "india-370-target",
        "According to the Election Commission of India (ECI), despite aiming for 370 seats on "
        "its own and more than 400 with its allies, the BJP won 240 seats.",
        "For itself, the BJP was projecting a figure of 370 seats, way more than the 303 it "
        "secured in 2019.",
        (),
        INDIA_MINT,
        INDIA_ISSI,
    ),
    Pair(
        "india-303-and-282",
        "This marks a decline from its previous victories, securing 303 and 282 seats in 2019 "
        "and 2014, respectively, where it enjoyed a standalone majority.",
        "For the first time, since the Bharatiya Janata Party swept to power in 2014, it did "
        "not secure a majority on its own --- far fewer than the record 303 it won in the 2019 "
        "election.",
        (),
        INDIA_NEWSX,
        "https://en.prothomalo.com/international/india/r56je15sin",
    ),
)
