"""English words that say nothing about what a sentence is about.

``FUNCTION_WORDS``: pronouns, determiners, auxiliaries and modals, prepositions,
conjunctions, common adverbs, contractions without their apostrophe, number words, and the
light verbs of reporting and doing ("said", "told", "make", "get"). Written from English
grammar, not from any data set. The matcher still indexes them (BM25 ranks better with
them: bench/RESULTS.md); they only do not count as a topic a claim and a passage share, and
the focus panel does not highlight them.

>>> {"has", "from", "its", "said"} <= FUNCTION_WORDS
True
>>> {"ceasefire", "earthquake", "killed", "election"} & FUNCTION_WORDS
set()
"""

from __future__ import annotations

_WORDS = """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst an and another any anybody anyone anything anyway
    anywhere are around as at be became because become becomes becoming been before behind
    being below beside besides between beyond both but by can cannot could did do does doing
    done down during each either else elsewhere enough etc even ever every everybody
    everyone everything everywhere except few for from further had has have having he her
    here hers herself him himself his how however i if in indeed instead into is it its
    itself just least less may me meanwhile might mine more moreover most mostly much must
    my myself namely neither never nevertheless next no nobody none nor not nothing now
    nowhere of off often on once only onto or other others otherwise our ours ourselves out
    over own per perhaps quite rather really same shall she should since so some somebody
    someone something sometime sometimes somewhere still such than that the their theirs
    them themselves then there thereafter thereby therefore these they this those though
    through throughout thus to together too toward towards under unless until up upon us
    very via was we well were what whatever when whenever where whereas wherever whether
    which while who whoever whole whom whose why will with within without would yet you your
    yours yourself yourselves
    im ive id youre youve youll theyre weve isnt arent wasnt werent dont doesnt didnt cant
    couldnt wouldnt shouldnt wont hasnt havent hadnt thats theres whats lets
    s t d ll m re ve
    say says said saying tell tells told get gets got getting go goes went gone going make
    makes made making come comes came take takes took taken give gives gave given know knows
    knew known think thinks thought see sees saw seen want wants wanted look looks looked
    seem seems seemed put puts let keep keeps kept like yes oh ok okay
    one two three four five six seven eight nine ten eleven twelve twenty hundred thousand
    million billion trillion first second third last new old many lot lots thing things way
    ways time times
"""
FUNCTION_WORDS = frozenset(_WORDS.split())
"""Lower-case English function words (see the module docstring)."""
