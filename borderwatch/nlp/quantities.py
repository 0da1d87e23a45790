"""Quantities in news text: how many dead, injured, arrested; troops, militants, vehicles,
weapons, ammunition, drugs (amount and unit), money, refugees.

A quantity is a number expression ("162", "20,000", "2 thousand", "1.5 million", "$10,000",
"twenty-five", "a dozen", "dozens", "tens of thousands") with its modifier ("approximately",
"more than", "at least", "up to"), the unit or counted noun after it ("tons of narcotics",
"pieces of equipment", "members of the armed terrorist group") and, for people, the role the
clause gives them ("were neutralized", "killed three …", "was reported wounded").

Why rules and not spaCy's CARDINAL/QUANTITY/MONEY entities: the small model splits and
mislabels them ("2 thousand" CARDINAL, "approximately five tons" QUANTITY, "a 13:31 minute"
TIME) and says nothing of what is counted. A parse is optional: when ``doc`` is given, its
DATE, TIME and ORDINAL entities only add to the spans that are never quantities.

Not quantities (skipped): numbers inside date phrases (borderwatch.nlp.dates finds them:
"in 2022", "September 23", "two days ago"), durations and ages ("27 years", "for three hours",
"a 25-year-old"), clock times ("13:31"), ordinals ("201st", "fifth"), designations ("M-16",
"T-72B1", "Su-25", "Resolution 2593", "No. 5") and a bare four-digit year-like number with
nothing counted after it.

Conventions for vague amounts (value None, approximate True, low..high): a plural of a
number word means at least two of it and fewer than the next one up: "dozens" 24..99,
"scores" 40..99, "tens" 20..99, "hundreds" 200..999, "thousands" 2,000..9,999, "tens of
thousands" 20,000..99,999, "hundreds of thousands" 200,000..999,999, "millions"
2,000,000..999,999,999; "a few" 2..5, "several" 3..9, "a handful" 2..5, "a couple" 2..2.
Bounds from modifiers: "more than 100" low 101 (counts; 100 for measures), high None; "at
least 5" low 5; "up to 5" high 5; "fewer than 5" high 4; "nearly 5" high 5; "about 5" no
bounds, approximate. ``value`` keeps the number as stated (None only for vague words and
ranges), so "more than 100 killed" gives dead 100 in :func:`casualties`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

CATEGORIES = ("dead", "injured", "arrested", "troops", "militants", "vehicles", "weapons", "ammunition", "drugs",
              "money", "refugees", "other")


@dataclass(frozen=True)
class Quantity:
    """One counted or measured amount; offsets into the text passed to :func:`find_quantities`.

    ``subtotal`` (an extra with a default) marks a part of a total given in the same
    sentence ("five killed, including two children"), which :func:`casualties` leaves out."""

    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    what: str
    text: str
    start: int
    end: int
    approximate: bool
    subtotal: bool = False  # follows "including" / "among them": part of a total counted elsewhere

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


# ---------------------------------------------------------------------------------------------
# tokens

_TOKEN = re.compile(r"[$€£₽]|\d[\d,.]*\d[A-Za-z]*|\d[A-Za-z]*|[A-Za-z][A-Za-z0-9]*(?:['’\-][A-Za-z0-9]+)*|%|\S")


@dataclass
class _Tok:
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SUFFIX_MULT = {"k": 1_000, "thousand": 1_000, "mln": 1_000_000, "mn": 1_000_000, "million": 1_000_000,
                "m": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
# vague amounts: (low, high)
_VAGUE: list[tuple[str, tuple[float, float]]] = [
    ("tens of thousands", (20_000, 99_999)), ("hundreds of thousands", (200_000, 999_999)),
    ("tens of millions", (20_000_000, 99_999_999)), ("hundreds of millions", (200_000_000, 999_999_999)),
    ("billions", (2_000_000_000, 999_999_999_999)),
    ("several dozen", (24, 99)), ("a few dozen", (24, 99)), ("several hundred", (200, 999)),
    ("a few hundred", (200, 999)), ("several thousand", (2_000, 9_999)), ("a few thousand", (2_000, 9_999)),
    ("several million", (2_000_000, 9_999_999)), ("dozens", (24, 99)), ("scores", (40, 99)),
    ("hundreds", (200, 999)), ("thousands", (2_000, 9_999)), ("millions", (2_000_000, 999_999_999)),
    ("tens", (20, 99)), ("a handful of", (2, 5)), ("a handful", (2, 5)), ("a few", (2, 5)), ("several", (3, 9)),
    ("a couple of", (2, 2)), ("a couple", (2, 2)),
]
_SMALL_VAGUE = {"a few", "several", "a handful of", "a handful", "a couple of", "a couple"}

_MODS: list[tuple[str, str]] = [  # (phrase, kind)
    ("more than", "gt"), ("over", "gt"), ("in excess of", "gt"), ("upwards of", "gt"), ("just over", "gt"),
    ("well over", "gt"), ("at least", "ge"), ("no fewer than", "ge"), ("no less than", "ge"), ("a minimum of", "ge"),
    ("not less than", "ge"), ("up to", "le"), ("as many as", "le"), ("at most", "le"), ("no more than", "le"),
    ("a maximum of", "le"), ("not more than", "le"), ("less than", "lt"), ("fewer than", "lt"), ("under", "lt"),
    ("just under", "lt"), ("nearly", "near"), ("almost", "near"), ("close to", "near"), ("approximately", "approx"),
    ("about", "approx"), ("around", "approx"), ("some", "approx"), ("roughly", "approx"), ("an estimated", "approx"),
    ("estimated", "approx"), ("circa", "approx"), ("approx.", "approx"), ("~", "approx"), ("between", "between"),
    ("another", "exact"), ("an additional", "exact"), ("a further", "exact"), ("a total of", "exact"),
    ("total of", "exact"), ("only", "exact"), ("exactly", "exact"), ("all", "exact"), ("the", "exact"),
]
_MODS.sort(key=lambda m: -len(m[0]))

# ---------------------------------------------------------------------------------------------
# units and counted things

_MEASURES = {
    "ton": "ton", "tons": "ton", "tonne": "ton", "tonnes": "ton", "kg": "kg", "kgs": "kg", "kilogram": "kg",
    "kilograms": "kg", "kilo": "kg", "kilos": "kg", "kilogrammes": "kg", "gram": "gram", "grams": "gram", "g": "gram",
    "gr": "gram", "grammes": "gram", "pound": "pound", "pounds": "pound", "lb": "pound", "lbs": "pound",
    "liter": "liter", "liters": "liter", "litre": "liter", "litres": "liter", "km": "km", "kilometer": "km",
    "kilometers": "km", "kilometre": "km", "kilometres": "km", "mile": "mile", "miles": "mile", "meter": "m",
    "meters": "m", "metre": "m", "metres": "m", "hectare": "hectare", "hectares": "hectare", "percent": "percent",
    "per": "percent", "%": "percent", "percentage": "percent",
}
_COUNT_UNITS = {"piece": "item", "pieces": "item", "unit": "item", "units": "item", "item": "item", "items": "item",
                "pack": "pack", "packs": "pack", "packet": "pack", "packets": "pack", "package": "pack",
                "packages": "pack", "box": "box", "boxes": "box", "bag": "bag", "bags": "bag", "sack": "bag",
                "sacks": "bag", "bundle": "bundle", "bundles": "bundle", "crate": "crate", "crates": "crate",
                "round": "round", "rounds": "round", "head": "head", "batch": "batch", "batches": "batch"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "usd": "USD", "somoni": "TJS", "somonis": "TJS", "tjs": "TJS",
                   "afghani": "AFN", "afghanis": "AFN", "afn": "AFN", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB",
                   "roubles": "RUB", "rub": "RUB", "euro": "EUR", "euros": "EUR", "eur": "EUR", "yuan": "CNY",
                   "cny": "CNY", "tenge": "KZT", "kzt": "KZT", "som": "KGS", "soms": "KGS", "kgs": "KGS",
                   "sum": "UZS", "sums": "UZS", "uzs": "UZS", "rupees": "PKR", "rupee": "PKR", "pkr": "PKR",
                   "sterling": "GBP", "gbp": "GBP"}
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
_TIME_UNITS = re.compile(r"^(?:seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?"
                         r"|yrs?|decades?|centuries|century|year-old|years-old|day-long|week-long|month-long|year-long"
                         r"|hour-long|minute-long|[a-z]+-(?:year|month|week|day|hour|minute)s?(?:-old|-long)?)$")
_CATEGORY_RES: list[tuple[str, re.Pattern[str]]] = [
    ("drugs", re.compile(r"\b(?:narcotics?(?: substances?)?|synthetic drugs?|drug substances?|drugs?|heroin|opium|hashish|hash|cannabis|marijuana"
                         r"|methamphetamines?|meth|cocaine|morphine|tramadol|psychotropic(?: substances?)?|poppy"
                         r"|charas|anasha|nasvai)\b")),
    ("ammunition", re.compile(r"\b(?:rounds of ammunition|detonator capsules?|cartridges?|bullets?|shells?|ammunition|munitions?"
                              r"|magazines?|detonators?|fuses?|explosives?|tnt|primers?)\b")),
    ("weapons", re.compile(r"\b(?:improvised explosive devices?|explosive devices?|assault rifles?|sniper rifles?|hand grenades?"
                           r"|grenade launchers?|machine[- ]guns?|missile systems?|rocket systems?|weapons?|arms|firearms?|guns?|rifles?|carbines?"
                           r"|pistols?|revolvers?|kalashnikovs?|ak-47s?|akms?|rpgs?"
                           r"|mortars?|launchers?|missiles?|rockets?|grenades?|mines?|landmines?|ieds?"
                           r"|howitzers?|artillery(?: pieces?| systems?)?|mlrs|manpads)\b")),
    ("vehicles", re.compile(r"\b(?:armou?red personnel carriers?|armou?red vehicles?|vehicles?|tanks?|apcs?|trucks?|cars?|pickups?|jeeps?|buses|bus"
                            r"|helicopters?|aircraft|planes?|airplanes?|jets?|drones?|uavs?|boats?|equipment|hardware"
                            r"|motorcycles?|bmps?|btrs?|humvees?)\b")),
    ("refugees", re.compile(r"\b(?:refugees?|asylum[- ]seekers?|displaced(?: people| persons)?|idps?|migrants?"
                            r"|evacuees?|returnees?)\b")),
    ("troops", re.compile(r"\b(?:special forces(?: personnel)?|security forces|government forces|border guards?|border troops"
                          r"|military personnel|police officers?|service members?|soldiers?|troops?|servicem[ae]n"
                          r"|servicemembers?|forces|guards?|guardsm[ae]n"
                          r"|commandos?|paratroopers?|marines?|policem[ae]n|police|officers?"
                          r"|conscripts?|reservists?|sappers?|personnel|peacekeepers?|battalions?"
                          r"|brigades?|regiments?|servicewom[ae]n|military)\b")),
    ("militants", re.compile(r"\b(?:militants?|insurgents?|terrorists?|fighters?|rebels?|gunm[ae]n|jihadists?"
                             r"|extremists?|attackers?|assailants?|bandits?|mujahideen|taliban|members? of (?:the |an? )?"
                             r"(?:[\w-]+ ){0,3}?(?:armed|terrorist|terror|militant|extremist|insurgent|jihadist|rebel"
                             r"|criminal|illegal)(?: [\w-]+){0,2}|members? of (?:the )?(?:[\w-]+ )?(?:group|gang|cell"
                             r"|jamaat|ansarullah|islamic state|isis|isil|is|isk|iskp|al-qaeda|ttp|imu|hizb[\w-]*)\b)")),
    ("person", re.compile(r"\b(?:people|persons?|civilians?|residents?|villagers?|m[ae]n|wom[ae]n|children|child"
                          r"|members?|citizens?|nationals?|workers?|drivers?|smugglers?|traffickers?|couriers?"
                          r"|suspects?|detainees?|prisoners?|hostages?|pilots?|students?|journalists?|officials?"
                          r"|diplomats?|delegates?|others|individuals?|teenagers?|farmers?|passengers?|victims?"
                          r"|bodies|crew|them|whom|tajiks|afghans|uzbeks|russians|pakistanis|foreigners)\b")),
]
_PERSONLIKE = {"troops", "militants", "refugees", "person"}
_NP_STOP = {"and", "or", "but", "were", "was", "is", "are", "have", "has", "had", "been", "be", "being", "will",
            "would", "could", "may", "might", "in", "on", "at", "from", "to", "by", "with", "for", "into", "during",
            "near", "after", "before", "since", "across", "along", "who", "which", "that", "as", "than", "while",
            "when", "where", "including", "among", "inside", "outside", "through", "toward", "towards", "against",
            "per", "each", "killed", "wounded", "injured", "dead", "died", "detained", "arrested", "captured",
            "neutralized", "neutralised", "reportedly", "also", "said", "this", "these", "those", "under", "over",
            "about", "between", "led", "via", "crossed", "entered", "left", "remained", "got", "if", "unless",
            "because", "so", "whether", "then", "until", "till", "whose", "whom", "like", "such"}
_VERBISH = {"met", "went", "fought", "took", "began", "came", "fell", "ran", "stood", "held", "saw", "made", "fled",
            "hid", "hide", "hides", "sat", "lay", "set", "fired", "shot", "stole", "sent", "brought", "drove", "flew",
            "remain", "remains", "continue", "continues", "stay", "stays", "live", "lives", "say", "says"}
_ADVERBS = {"north", "south", "east", "west", "northward", "southward", "back", "away", "home", "out", "up", "down",
            "there", "here", "again", "together", "abroad", "nearby", "overnight", "yesterday", "today", "now",
            "then", "also", "still", "already", "respectively", "each", "apiece", "too"}
_NP_PUNCT = set(",;:.!?()[]\"“”'‘’…")
_DESIGNATION_BEFORE = re.compile(
    r"(?:\b(?:no|nos|nr|number|article|articles|resolution|resolutions|paragraph|chapter|section|page|pages|route"
    r"|highway|road|flight|item|point|phase|level|grade|class|zone|sector|camp|block|building|room|platform|line"
    r"|gate|post|outpost|checkpoint|unit|division|brigade|regiment|battalion|base|code|case|file|law|decree|order"
    r"|version|model|series|type|mark|mk|vol|volume|part|annex|protocol|tier|group|covid|g|p|t|su|mi|bmp|btr|s)\.?\s*"
    r"|#\s*|[A-Za-z]-)$", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages|ageing|aging)\s+(?:of\s+)?$", re.I)
_TIME_AFTER = re.compile(r"^(?:[:/]\d|\s*(?:a\.?m\.?|p\.?m\.?|gmt|utc|local\s+time|o['’]clock|hrs\b))", re.I)
_TIME_BEFORE = re.compile(r"\d[:/]$")

# casualty roles
_ROLE_OF = {
    "kill": "dead", "neutrali": "dead", "eliminat": "dead", "liquidat": "dead", "shot dead": "dead",
    "shot and killed": "dead", "death": "dead", "bodies": "dead", "dead": "dead", "died": "dead", "die": "dead",
    "lost their lives": "dead", "perished": "dead", "toll": "dead", "fatalit": "dead", "massacre": "dead",
    "wound": "injured", "injur": "injured", "hurt": "injured", "hospitali": "injured",
    "detain": "arrested", "arrest": "arrested", "captur": "arrested", "apprehend": "arrested", "round": "arrested",
    "custody": "arrested", "prisoner": "arrested", "detention": "arrested",
    "lost": "dead", "lose": "dead", "losing": "dead",  # "the army lost two soldiers" (people only)
}
_BEFORE_ROLE = re.compile(
    r"\b(?P<v>killed|killing|kills|kill|neutrali[sz](?:ed|ing|e|es)|eliminat(?:ed|ing|e|es)|liquidat(?:ed|ing|e|es)"
    r"|shot dead|shot and killed|wound(?:ed|ing|s)?|injur(?:ed|ing|es|e)|detain(?:ed|ing|s)?|arrest(?:ed|ing|s)?"
    r"|captur(?:ed|ing|es|e)|apprehend(?:ed|ing|s)?|round(?:ed|ing) up|deaths? of|bodies of|massacre of"
    r"|lost|loses|lose|losing"
    r"|(?:death|casualty) toll\b(?:\s+[\w-]+){0,4}?\s+(?:to|at|of|reached|hit)"
    r"|number of (?:the )?(?:dead|killed|fatalities|victims|deaths)(?:\s+[\w-]+){0,4}?\s+(?:to|at|reached|hit)"
    r"|number of (?:the )?(?:injured|wounded)(?:\s+[\w-]+){0,4}?\s+(?:to|at|reached|hit)"
    r"|number of (?:the )?(?:detained|arrested|detainees|arrests)(?:\s+[\w-]+){0,4}?\s+(?:to|at|reached|hit))\s*$",
    re.I)
_AFTER_ROLE = re.compile(
    r"^\s*(?:of\s+(?:[\w'’-]+\s+){1,5}?)?,?\s*(?:(?:who|which|that)\s+)?(?P<aux>(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|got|get|being"
    r"|been|reportedly|reported|confirmed|also|later|all|both|allegedly|officially|subsequently|then|to\s+have\s+been"
    r"|to\s+be|said\s+to\s+be|believed\s+to\s+be|feared|left|lay|now"
    r"|(?:had|has|have)(?=\s+(?:died|perished|lost\s+their\s+lives)))\s+)*)"
    r"(?P<v>killed|dead|died|die|neutrali[sz]ed|eliminated|liquidated|shot\s+dead|lost\s+their\s+lives|perished"
    r"|wounded|injured|hurt|sustained\s+(?:\w+\s+)?injuries|hospitali[sz]ed|detained|arrested|captured|apprehended"
    r"|taken\s+into\s+custody|taken\s+prisoner|in\s+custody|deaths|fatalities|injuries|arrests)\b"
    r"(?P<tail>\s*[^\s]+)?", re.I)
_AUX_AHEAD = r"(?=\s*,?\s+(?:were|was|are|is|have|has|had|got|reportedly|later|all|both)\b)"
_BETWEEN_NP_AND_VERB = re.compile(
    rf"^\s*,\s*(?:[^,.;:()\"“”]{{2,60}}?),{_AUX_AHEAD}"  # an apposition: ", all residents of the district,"
    rf"|^\s+(?:and|or)\s+(?:[\w'’-]+\s+){{0,3}}?[\w'’-]+{_AUX_AHEAD}", re.I)  # a conjunct: " and a civilian"
# "two guards and a civilian were killed": the singular conjunct is one more of them
_ONE_MORE = re.compile(r"^\s+and\s+(?P<np>(?:an?|one)\s+(?:[\w'’-]+\s+){0,2}?(?:civilian|child|boy|girl|woman|man|"
                       r"soldier|guard|officer|policeman|serviceman|militant|fighter|smuggler|resident|villager|driver|"
                       r"passenger|journalist|teenager|student|worker|border guard|police officer))\b", re.I)
_ALWAYS_INTRANSITIVE = ("dead", "died", "die", "lost", "perished", "hurt", "sustained", "hospitali", "taken", "in custody",
                        "deaths", "fatalities", "injuries", "arrests", "shot")
_PASSIVE_TAIL = {"in", "on", "at", "by", "during", "near", "after", "when", "while", "as", "and", "or", "since",
                 "overnight", "yesterday", "today", "last", "this", "earlier", "following", "amid", "inside", "outside",
                 "across", "along", "from", "within", "over", "so", "according", "to"}
_SUBTOTAL_BEFORE = re.compile(r"(?:\bincluding|\bamong\s+them|\bamong\s+whom|\bof\s+whom|\bof\s+them|\bincl\.)\s*"
                              r"(?:(?:at\s+least|about|some|nearly|around)\s+)?$", re.I)
_ENTITY_SKIP_LABELS = ("DATE", "TIME", "ORDINAL")


# ---------------------------------------------------------------------------------------------
# number parsing


def _parse_digits(tok: str) -> tuple[float | None, str]:
    """"20,000" → 20000; "1.5" → 1.5; "2,5" → 2.5 (decimal comma); "120kg" → (120, "kg")."""
    m = re.fullmatch(r"(\d[\d,.]*\d|\d)([A-Za-z]*)", tok)
    if not m:
        return None, ""
    num, suffix = m.group(1), m.group(2).lower()
    if len(num) > 18:
        return None, suffix  # a digit run, not an amount
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", num):
        return float(num.replace(",", "")), suffix
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num) and num.count(".") >= 2:  # 1.000.000 (European thousands)
        return float(num.replace(".", "")), suffix
    if re.fullmatch(r"\d+\.\d+", num):
        return float(num), suffix
    if re.fullmatch(r"\d+,\d{1,2}", num):
        return float(num.replace(",", ".")), suffix
    if num.isdigit():
        return float(num), suffix
    return None, suffix


def _word_value(words: list[str]) -> float | None:
    """"twenty five", "one hundred and twenty", "two thousand" → value; None if not a number."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        if w == "and":
            continue
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in ("thousand", "million", "billion"):
            total += (current or 1) * _SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


@dataclass
class _Num:
    i: int  # first token of the number expression (after the modifier)
    j: int  # one past its last token
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    vague: bool
    currency: str | None
    unit: str | None  # a unit glued to the number ("120kg") or from a compound ("850-mile")
    compound: str | None  # "member" in "six-member", "mile" in "850-mile-long"
    is_word: bool  # spelled out ("three") rather than digits


def _number_at(toks: list[_Tok], i: int) -> _Num | None:
    """The number expression starting at token ``i``, if any."""
    t = toks[i]
    low = t.low
    cur = None
    k = i
    if t.text in _CURRENCY_SIGNS and i + 1 < len(toks) and toks[i + 1].text[:1].isdigit():
        cur = _CURRENCY_SIGNS[t.text]
        k = i + 1
        t = toks[k]
        low = t.low
    elif low in ("us", "usd") and i + 2 < len(toks) and toks[i + 1].text == "$":
        cur = "USD"
        k = i + 2
        t = toks[k]
        low = t.low
    # vague words
    rest = " ".join(x.low for x in toks[k:k + 4])
    for phrase, (lo, hi) in _VAGUE:
        if rest == phrase or rest.startswith(phrase + " "):
            n = len(phrase.split())
            if phrase in ("scores", "tens") and (k + n >= len(toks) or toks[k + n].low != "of"):
                return None  # "settle scores", "tens" alone: only "scores of" / "tens of" count
            return _Num(k, k + n, None, float(lo), float(hi), True, True, cur, None, None, True)
    if t.text[:1].isdigit():
        val, suffix = _parse_digits(t.text)
        if val is None:
            return None
        unit = None
        mult = 1.0
        if suffix:
            if suffix in ("st", "nd", "rd", "th", "s"):
                return None  # ordinal ("201st") or decade ("1990s")
            if suffix in _SUFFIX_MULT and (suffix != "m" or cur):
                mult = _SUFFIX_MULT[suffix]
            elif suffix in _MEASURES:
                unit = _MEASURES[suffix]
            else:
                return None  # "82A", "72B1": a designation
        j = k + 1
        if j < len(toks) and toks[j].low in ("thousand", "million", "billion", "mln", "mn", "bn", "k"):
            mult *= _SUFFIX_MULT[toks[j].low]
            j += 1
        elif j < len(toks) and toks[j].low == "dozen":
            mult *= 12
            j += 1
        compound = None
        if j + 1 < len(toks) and toks[j].text in ("-", "–") and toks[j].end == toks[j + 1].start \
                and toks[j].start == toks[j - 1].end and toks[j + 1].text[:1].isalpha():
            compound = toks[j + 1].low
            j += 2
        return _Num(k, j, val * mult, None, None, False, False, cur, unit, compound, False)
    if low == "a" and k + 1 < len(toks) and toks[k + 1].low in ("dozen", "hundred", "thousand", "million"):
        if toks[k + 1].low == "dozen":
            return _Num(k, k + 2, 12.0, None, None, True, False, cur, None, None, True)
        return _Num(k, k + 2, float(_SCALES[toks[k + 1].low]), None, None, False, False, cur, None, None, True)
    # spelled-out numbers, hyphenated compounds included ("twenty-five", "six-member")
    words: list[str] = []
    j = k
    compound = None
    while j < len(toks):
        w = toks[j].low
        parts = w.split("-")
        if len(parts) > 1 and parts[0] in _UNITS_WORDS:
            if all(p in _UNITS_WORDS for p in parts):
                words += parts
                j += 1
                continue
            words.append(parts[0])
            compound = "-".join(parts[1:])
            j += 1
            break
        if w in _UNITS_WORDS or w in ("hundred", "thousand", "million", "billion") or (
                w == "and" and words and j + 1 < len(toks) and toks[j + 1].low in _UNITS_WORDS):
            words.append(w)
            j += 1
            continue
        break
    if not words:
        return None
    val = _word_value(words)
    if val is None:
        return None
    if j < len(toks) and toks[j].low == "dozen":
        val *= 12
        j += 1
    return _Num(k, j, val, None, None, False, False, cur, None, compound, True)


# ---------------------------------------------------------------------------------------------
# scanning


def _singular(w: str) -> str:
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if w.endswith("men"):
        return w[:-3] + "man"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def _blocked_spans(text: str, doc: Any) -> list[tuple[int, int]]:
    """Spans that are never quantities: date phrases (ours, and spaCy DATE/TIME/ORDINAL)."""
    spans: list[tuple[int, int]] = []
    try:
        from borderwatch.nlp.dates import find_dates

        spans += [(d.start, d.end) for d in find_dates(text, None)]
    except Exception:  # noqa: BLE001 - a date bug must not lose the quantities
        pass
    if doc is not None and getattr(doc, "text", None) == text:
        off = getattr(doc, "start_char", 0)
        for ent in getattr(doc, "ents", ()):
            if ent.label_ in _ENTITY_SKIP_LABELS:
                spans.append((ent.start_char - off, ent.end_char - off))
    return spans


def _modifier_before(text: str, toks: list[_Tok], i: int) -> tuple[str | None, int]:
    """A modifier ("more than", "about") ending right before token ``i``: (kind, start offset)."""
    start = toks[i].start
    head = text[max(0, start - 24):start].lower()
    for phrase, kind in _MODS:
        if re.search(r"(?:^|[^\w])" + re.escape(phrase) + r"\s+$", head):
            pos = head.rstrip().rfind(phrase)
            return kind, start - len(head) + pos
    return None, start


def _noun_phrase(text: str, toks: list[_Tok], j: int) -> tuple[int, int, str | None, str | None, str | None, int]:
    """What is counted, from token ``j``: (first token, end token, measure/count unit, currency,
    category, char end)."""
    unit = None
    cur = None
    k = j
    # "per cent", "percent", "%", "tons (of)", "pieces (of)", "dollars", "US dollars"
    if k < len(toks) and toks[k].low == "us" and k + 1 < len(toks) and toks[k + 1].low in ("dollars", "dollar"):
        return j, k + 2, "USD", "USD", None, toks[k + 1].end
    if k < len(toks) and toks[k].low == "per" and k + 1 < len(toks) and toks[k + 1].low == "cent":
        return j, k + 2, "percent", None, None, toks[k + 1].end
    if k < len(toks) and toks[k].low in _CURRENCY_WORDS:
        c = _CURRENCY_WORDS[toks[k].low]
        if toks[k].low in ("sum", "sums", "som", "soms") and not (k + 1 >= len(toks) or toks[k + 1].low in _NP_STOP
                                                                    or toks[k + 1].text in _NP_PUNCT):
            pass  # "sum" is mostly an English word
        else:
            return j, k + 1, c, c, None, toks[k].end
    if k < len(toks) and (toks[k].low in _MEASURES or toks[k].low in _COUNT_UNITS):
        unit = _MEASURES.get(toks[k].low) or _COUNT_UNITS.get(toks[k].low)
        k += 1
        if unit == "percent":
            return j, k, unit, None, None, toks[k - 1].end
    # the counted noun: up to 7 tokens, "of" chains allowed
    window: list[_Tok] = []
    m = k
    while m < len(toks) and len(window) < 7:
        t = toks[m]
        if window and (t.text == "," or t.low == "and") and _demonym(window[-1].text):
            # "2,500 Russian, Tajik and Uzbek troops": skip the list of nationalities to the noun
            n = m
            while n < len(toks) and (toks[n].text == "," or toks[n].low == "and" or _demonym(toks[n].text)):
                n += 1
            if n < len(toks) and n > m and toks[n].text[:1].islower() and toks[n].low not in _NP_STOP:
                m = n
                continue
        if t.text in _NP_PUNCT or (t.low in _NP_STOP and t.low != "of") or _number_at(toks, m) is not None:
            break
        if window and t.text[:1].isupper() and window[-1].low == "of" and t.low not in ("the",):
            window.append(t)  # "members of Jamaat Ansarullah"
            m += 1
            continue
        window.append(t)
        m += 1
    while window and window[-1].low in ("of", "the", "a", "an", "more", "other", "additional"):
        window.pop()
    if not window:
        end_char = toks[k - 1].end if k > j else (toks[j - 1].end if j > 0 else 0)
        return j, k, unit, cur, None, end_char
    # the head noun: the last word before "of" (or the last word, for "of equipment" after a unit)
    # a verb or adverb after a noun ends the phrase: "50 pieces of equipment moved south", "militants hid"
    for n in range(1, len(window)):
        w, prev = window[n].low, window[n - 1].low
        if prev not in ("of", "the", "a", "an") and (w in _VERBISH or w in _ADVERBS or (w.endswith("ed") and n > 0
                                                                                         and _pluralish(prev))):
            window = window[:n]
            break
    lows = [t.low for t in window]
    lead = 0  # "dozens of special forces of the army", "tons of narcotics": skip the leading "of (the)"
    while lead < len(lows) and lows[lead] in ("of", "the", "its", "their", "his", "her", "these", "those"):
        lead += 1
    if lead and lows[lead - 1] == "of" and lead < len(lows) and lows[lead] in ("them", "whom", "those", "us", "these"):
        return j, toks.index(window[lead]) + 1, unit or "person", cur, "person", window[lead].end  # "1,800 of them"
    head_n = (lows.index("of", lead) if "of" in lows[lead:] else len(window)) - 1
    if head_n < lead:
        head_n = len(window) - 1
    while head_n > lead and (lows[head_n].endswith("ed") or lows[head_n] in _VERBISH):
        head_n -= 1  # "hundreds of people gathered": a verb after the noun is not the head
    offsets = []  # char offset of each window token in ``words``
    pos = 0
    for t in window:
        offsets.append(pos)
        pos += len(t.low) + 1
    words = " ".join(lows)
    head_at = offsets[head_n]
    best: tuple[int, int, int, str] | None = None  # (end, length, start, category)
    for cat, rx in _CATEGORY_RES:
        for mm in rx.finditer(words):
            if not mm.start() <= head_at < mm.end():
                continue  # "334 terrorist attacks": the thing counted is the attacks
            cand = (mm.end(), mm.end() - mm.start(), mm.start(), cat)
            if best is None or cand[:2] > best[:2]:
                best = cand
    if best is not None:
        last_n = max(n for n, off in enumerate(offsets) if off < best[0])
        last_n = max(last_n, head_n)
        return j, toks.index(window[last_n]) + 1, unit, cur, best[3], window[last_n].end
    # not a known thing: a plural noun, else the first word that is not a past participle, is the unit
    head_toks = window[:head_n + 1]
    pick = next((t for t in head_toks if _plural_noun(t.low) and t.text.isalpha()), None)
    if pick is None:
        pick = next((t for n, t in reversed(list(enumerate(head_toks))) if t.text.isalpha()
                     and not (t.low.endswith("ed") and n == len(head_toks) - 1)), None)
    if pick is None:
        end_char = toks[k - 1].end if k > j else toks[j - 1].end
        return j, k, unit, cur, None, end_char
    if unit is None:
        unit = _singular(pick.low)
    return j, toks.index(pick) + 1, unit, cur, None, pick.end


_DEMONYM_END = ("an", "ian", "ese", "ik", "ek", "ish", "i", "ch", "ic")


def _demonym(w: str) -> bool:
    """"Russian", "Tajik", "Uzbek", "Afghan", "Chinese", "Pakistani": a capitalised nationality adjective."""
    return w[:1].isupper() and w.isalpha() and w.lower().endswith(_DEMONYM_END) and len(w) > 3


def _plural_noun(w: str) -> bool:
    """"exercises", "attacks" but not "simultaneous", "various", "previous", "this"."""
    return w.endswith("s") and not w.endswith(("ss", "us", "is", "ics", "ys")) and len(w) > 3


def _pluralish(w: str) -> bool:
    return (w.endswith("s") and not w.endswith("ss")) or w.endswith("men") or w in (
        "people", "children", "personnel", "equipment", "police", "aircraft", "taliban", "mujahideen", "crew", "staff",
        "hardware", "heroin", "opium", "hashish", "cannabis", "ammunition", "cash")


def _role(text: str, qstart: int, np_end: int) -> str | None:
    """dead | injured | arrested from the clause around a quantity of people, or None."""
    return _role_and_verb(text, qstart, np_end)[0]


def _role_and_verb(text: str, qstart: int, np_end: int) -> tuple[str | None, str]:
    before = text[max(0, qstart - 60):qstart]
    mb = _BEFORE_ROLE.search(before)
    if mb:
        return _role_word(mb.group("v")), mb.group("v")
    after = text[np_end:np_end + 80]
    skip = _BETWEEN_NP_AND_VERB.match(after)
    if skip:
        # "three men, all residents of the district, were detained", "two guards and a civilian
        # were killed": the words between the counted phrase and its verb
        after = after[skip.end():]
    ma = _AFTER_ROLE.match(after)
    if ma:
        v = ma.group("v").lower()
        if not ma.group("aux").strip() and not v.startswith(_ALWAYS_INTRANSITIVE):
            tail = (ma.group("tail") or "").strip().lower()
            # "three militants killed two guards": active voice, the militants are not the dead
            if tail and tail[0].isalnum() and tail not in _PASSIVE_TAIL:
                return None, ""
        return _role_word(v), v
    return None, ""


def _role_word(v: str) -> str | None:
    v = v.lower()
    for stem, role in _ROLE_OF.items():
        if stem in v:
            return role
    return None


def _bounds(kind: str | None, value: float, count_like: bool) -> tuple[float | None, float | None, bool]:
    step = 1.0 if count_like and value == int(value) else 0.0
    if kind == "gt":
        return value + step, None, True
    if kind == "ge":
        return value, None, True
    if kind == "le":
        return None, value, True
    if kind == "lt":
        return None, value - step, True
    if kind == "near":
        return None, value, True
    if kind == "approx":
        return None, None, True
    return value, value, False


def find_quantities(text: str, doc: Any = None) -> list[Quantity]:
    """Every quantity in ``text`` (a sentence, usually), in text order; offsets into ``text``.

    ``doc`` (a spaCy Doc or Span of the same text) is optional: its DATE/TIME/ORDINAL
    entities are added to the spans never read as quantities."""
    if not isinstance(text, str) or not text or not re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine"
                                                              r"|ten|eleven|twelve|thir|fif|twent|fort|sixt|sevent"
                                                              r"|eight|ninet|hundred|thousand|million|dozen|scores"
                                                              r"|several|few|couple|handful|tens)", text, re.I):
        return []
    toks = _tokens(text)
    blocked = _blocked_spans(text, doc)
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        num = _number_at(toks, i)
        if num is None:
            i += 1
            continue
        q = _build(text, toks, num, blocked)
        if q is not None:
            out.append(q)
            one = _ONE_MORE.match(text[q.end:]) if q.what in ("dead", "injured", "arrested") else None
            if one is not None:
                s, e = q.end + one.start("np"), q.end + one.end("np")
                out.append(Quantity(value=1.0, low=1.0, high=1.0, unit="person", what=q.what, text=text[s:e],
                                    start=s, end=e, approximate=False, subtotal=q.subtotal))
            i = max(i + 1, _tok_after(toks, q.end))
        else:
            i = max(i + 1, num.j)
    return out


def _tok_after(toks: list[_Tok], char_end: int) -> int:
    for n, t in enumerate(toks):
        if t.start >= char_end:
            return n
    return len(toks)


def _build(text: str, toks: list[_Tok], num: _Num, blocked: list[tuple[int, int]]) -> Quantity | None:
    first = toks[num.i if num.currency is None else max(0, num.i - 1)]
    if num.currency is not None and toks[num.i - 1].low == "$" and num.i >= 2 and toks[num.i - 2].low in ("us", "usd"):
        first = toks[num.i - 2]
    nstart, nend = first.start, toks[num.j - 1].end
    if any(a <= toks[num.i].start < b for a, b in blocked):
        return None
    before = text[max(0, nstart - 30):nstart]
    after = text[nend:nend + 20]
    if _TIME_BEFORE.search(before) or _TIME_AFTER.match(after):
        return None  # "13:31", "10 a.m."
    if _DESIGNATION_BEFORE.search(before) and not num.is_word and num.currency is None:
        return None  # "No. 5", "Resolution 2593", "M-16"
    if _AGE_BEFORE.search(before):
        return None
    if num.compound is not None and _TIME_UNITS.match(num.compound):
        return None  # "25-year-old", "two-day", "a 13-hour"
    # the next word: time units make durations, not quantities
    nxt = toks[num.j] if num.j < len(toks) else None
    if nxt is not None and _TIME_UNITS.match(nxt.low):
        return None
    if nxt is not None and nxt.low in ("year-old", "years-old"):
        return None
    # ranges: "5 to 10", "5-10", "five or six", "between 5 and 10"
    kind, mstart = _modifier_before(text, toks, num.i if num.currency is None else toks.index(first))
    low = num.low
    high = num.high
    value = num.value
    approx = num.approximate
    j = num.j
    range_hi: float | None = None
    if j + 1 < len(toks) and value is not None and toks[j].low in ("-", "–", "to", "or", "and") and \
            (toks[j].low != "and" or kind == "between"):
        other = _number_at(toks, j + 1)
        if other is not None and other.value is not None and other.value > value and not other.vague:
            range_hi = other.value
            j = other.j
            if other.currency and not num.currency:
                num.currency = other.currency
    # what is counted
    if num.compound is not None and num.unit is None:
        comp_unit = num.compound.split("-")[0]
        np_i, np_j, unit, cur, cat, np_end = _noun_phrase(text, toks, j)
        if comp_unit in _MEASURES:
            unit, cat = _MEASURES[comp_unit], None
        elif comp_unit in ("member", "man", "strong", "person", "people"):
            unit = "person"
            cat = cat if cat in ("troops",) else "person"
        else:
            unit = _singular(comp_unit)
            cat = None
        np_end = max(np_end, toks[j - 1].end)
    else:
        np_i, np_j, unit, cur, cat, np_end = _noun_phrase(text, toks, j)
        if num.unit is not None:
            unit = num.unit
            if np_j == j:
                np_end = toks[j - 1].end
    currency = num.currency or cur
    if currency is None and cat is None:
        # "tens of millions of dollars": the currency comes after "of"
        mm = re.match(r"\s*(?:of\s+)?(?:US\s+)?([A-Za-z]+)", text[toks[j - 1].end:toks[j - 1].end + 30])
        if mm and mm.group(1).lower() in _CURRENCY_WORDS and mm.group(1).lower() not in ("sum", "sums", "som", "soms"):
            currency = _CURRENCY_WORDS[mm.group(1).lower()]
            np_end = max(np_end, toks[j - 1].end + mm.end())
    if currency:
        unit = currency
        if num.currency:
            np_end = toks[j - 1].end  # "$1.2 billion power line": the amount is the money, not the line
    # year-like bare numbers and lone spelled-out words need something counted
    if value is not None and range_hi is None and cat is None and unit is None and not currency:
        if _year_like(toks, num):
            return None
        role = _role(text, mstart, np_end)
        if num.is_word and role is None:
            return None  # a lone "three" with nothing counted and no role
    if num.vague and cat is None and not currency and _vague_small(toks, num) and _role(text, mstart, np_end) is None:
        return None  # "several reasons", "a few yards": only known things or casualties are worth a vague count
    if num.is_word and value == 1 and cat is None and num.compound is None and _role(text, mstart, np_end) is None:
        return None  # "one thing", "one side", "at one point": the pronoun/determiner "one"
    if _year_like(toks, num) and cat is None and not currency and unit not in _MEASURES.values() and range_hi is None:
        return None  # "the 2022 elections": a year used as a modifier
    count_like = unit in (None, "person", "item", "vehicle", "pack", "box", "bag", "round", "crate", "bundle") \
        and not currency
    if range_hi is not None:
        value, low, high, approx = None, value, range_hi, True
    elif value is not None:
        lo_b, hi_b, ap = _bounds(kind if kind != "between" else None, value, count_like)
        low, high, approx = lo_b, hi_b, approx or ap
    # role and category
    what = "other"
    if currency:
        what = "money"
    elif unit == "percent":
        what = "other"
    elif cat in ("drugs", "weapons", "ammunition", "vehicles"):
        what = cat
    elif cat in _PERSONLIKE or cat is None:
        role, verb = _role_and_verb(text, mstart, np_end)
        countable_unknown = cat is None and unit is not None and unit not in _MEASURES.values() \
            and unit not in _COUNT_UNITS.values() and not verb.lower().startswith("captur")
        if role is not None and verb.lower().startswith("los") and cat is None:
            role = None  # "lost two seats", "lost 5 kg": only people lost are dead
        if role is not None and (cat is not None or unit is None or countable_unknown):
            what = role  # "three Chinese employees were killed"
        elif cat in ("troops", "militants", "refugees"):
            what = cat
    if cat in _PERSONLIKE and unit is None:
        unit = "person"
    if what in ("dead", "injured", "arrested") and unit is None:
        unit = "person"
    if cat == "vehicles" and unit is None:
        unit = "vehicle"
    if cat in ("weapons", "ammunition") and unit is None:
        unit = "item"
    if cat == "drugs" and unit is None:
        unit = None
    start = mstart if kind is not None and kind != "exact" or (kind == "exact" and _keeps_exact_mod(text, mstart)) \
        else nstart
    end = max(np_end, toks[j - 1].end)
    subtotal = bool(_SUBTOTAL_BEFORE.search(text[max(0, start - 30):start]))
    return Quantity(value=value, low=low, high=high, unit=unit, what=what, text=text[start:end], start=start, end=end,
                    approximate=approx, subtotal=subtotal)


def _year_like(toks: list[_Tok], num: _Num) -> bool:
    """A lone four-digit token 1900-2100 ("2022"), not "2 thousand" or "2,000"."""
    t = toks[num.i].text
    return num.j == num.i + 1 and num.currency is None and bool(re.fullmatch(r"(?:19\d\d|20\d\d|2100)", t))


def _keeps_exact_mod(text: str, mstart: int) -> bool:
    """"another two", "a total of 5" stay in the phrase; "the" and "all" do not."""
    return not re.match(r"(?:the|all)\b", text[mstart:mstart + 4], re.I)


def _vague_small(toks: list[_Tok], num: _Num) -> bool:
    phrase = " ".join(t.low for t in toks[num.i:num.j])
    return phrase in _SMALL_VAGUE


def casualties(quantities: list[Quantity]) -> dict[str, int | None]:
    """{"dead", "injured", "arrested"}: the sum of the quantities with that role (a vague one
    counts its lower bound: "dozens killed" is at least 24), leaving out subtotals ("five
    killed, including two children"); None when the sentence gives none."""
    out: dict[str, int | None] = {"dead": None, "injured": None, "arrested": None}
    for q in quantities:
        if q.what not in out:
            continue
        n = q.value if q.value is not None else q.low
        if n is None:
            continue
        if q.subtotal:
            continue
        out[q.what] = (out[q.what] or 0) + int(round(n))
    return out
