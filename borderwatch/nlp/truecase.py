"""Truecasing of lines written in capitals, before the parse, with every offset kept.

en_core_web_sm is a cased model: in a wire or a headline written in capitals
("TAJIK BORDER GUARDS SEIZED 300 KG OF HASHISH NEAR ISHKASHIM") the tagger takes every word
for a proper noun, the NER joins words into one long name and the parser loses the verb. So a
line whose letters are nearly all capitals is given to spaCy in ordinary case. The stored text
never changes: the recased copy has the same length (a letter is swapped for its own other
case, one for one), so every offset the stages record points into the original, and
:func:`restore_text` puts the original's words back into the coded rows' ``text`` fields.

How a word in capitals is recased, first rule that applies:

1. A name the knowledge base, the gazetteer's pattern names or the demonyms know, longest
   first, takes the case written there ("GORNO-BADAKHSHAN" → "Gorno-Badakhshan", "CSTO",
   "Sherkhan Bandar", "Tajik").
2. Letters with full stops ("U.S.") stay as they are; "I" is a capital; a month or a day of the
   week is capitalised ("MAY" and "MARCH" only beside a number); a title before a name ("MR",
   "GEN") is capitalised.
3. A word English does not know (not in the lemmatizer's WordNet word lists, no simple
   inflection of one, Zipf frequency below 3.5 in wordfreq) is a name: capitalised, or kept in
   capitals when it looks like an acronym (four letters or fewer, or few vowels: "GKNB",
   "UNHCR").
4. Anything else is lower case, and the first word of a sentence is capitalised.

Names that are also ordinary English words and in no list ("DAVID", "MOHAMMAD") stay in lower
case; the NER then often still finds the name from its neighbours.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

# a word: letters only; an apostrophe or hyphen separates words ("TALIBAN'S", "GORNO-BADAKHSHAN")
_WORD = re.compile(r"[^\W\d_]+")
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")  # "U.S.", "U.N."
_SENTENCE_END = re.compile(r"^[.!?]['\"’”)]*\s+['\"‘“(]?$")
_NUMBER = re.compile(r"\d")
# the separators a multi-word name may have between its words
_NAME_GAP = re.compile(r"^(?:\s{1,2}|-|'|’|\s?-\s?)$")
MAX_NAME_WORDS = 6
MIN_LETTERS = 12         # a shorter line ("UPDATE", "GKNB, CSTO") is left alone
MIN_WORDS = 3
CAPITALS_SHARE = 0.9     # share of the line's cased letters in capitals
NAME_ZIPF = 4.5          # a word rarer than this that English does not know is a name
WEAK_ZIPF = 5.5          # a word WordNet does not know, commoner than NAME_ZIPF: a name only beside one
COMMON_NOUN_ZIPF = 4.0   # a noun this common is a word before it is a place ("bath" 4.3, "calais" 3.2)
BIG_PLACE = 1_000_000    # a place name made of English words keeps its capitals from this many people
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""), ("est", ""), ("men", "man"))
# a wire's dateline: a place in capitals, maybe its country, date and agency, then a dash or colon
_DATELINE = re.compile(r"^\s*(?P<place>(?:[A-Z][A-Z.'’-]*\s?){1,4})(?:,\s?(?:[A-Z][A-Za-z.'’-]*\s?){1,3})?"
                       r"(?:,?\s?[A-Z][A-Za-z]{2,8}\.?\s\d{1,2}(?:,?\s\d{4})?)?\s?(?:\([A-Z][A-Za-z .&-]{1,20}\))?"
                       r"\s*(?:--|—|–|-|:)\s")

MONTHS = frozenset({"january", "february", "april", "june", "july", "august", "september", "october",
                    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                    "nov", "dec"})
MONTHS_BESIDE_NUMBER = frozenset({"may", "march", "mar"})
TITLES = frozenset({"mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "sgt", "capt", "prof", "gov", "sen",
                    "rep", "st", "mullah", "sheikh", "haji", "maulvi", "mawlawi"})
_VOWELS = set("aeiouy")


def shouting(line: str) -> bool:
    """Is this line written in capitals (three words or more, at least MIN_LETTERS cased letters,
    90% of them capitals)?"""
    upper = lower = 0
    for ch in line:
        if ch.isupper():
            upper += 1
        elif ch.islower():
            lower += 1
    return (upper >= MIN_LETTERS and upper >= CAPITALS_SHARE * (upper + lower)
            and len(_WORD.findall(line)) >= MIN_WORDS)


def _lower(s: str) -> str:
    """Lower case, one character for one (a letter whose lower case is longer stays)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in s)


def _cased_like(source: str, model: str) -> str:
    """``source``'s letters in ``model``'s case, when both spell the same word."""
    if len(source) != len(model) or _lower(source) != _lower(model):
        return source
    return "".join(m if len(m) == 1 else s for s, m in zip(source, model, strict=True))


def _capitalised(word: str) -> str:
    low = _lower(word)
    first = word[0].upper() if len(word[0].upper()) == 1 else word[0]
    return first + low[1:]


def _acronym_like(low: str) -> bool:
    """"GKNB", "CSTO", "UNHCR", "FBI" rather than "Abiy", "Panj", "Isaf": three letters or
    fewer, no vowel, three consonants to start, or under a quarter vowels."""
    vowels = sum(ch in _VOWELS for ch in low)
    return (len(low) <= 3 or vowels == 0 or not any(ch in _VOWELS for ch in low[:3])
            or vowels / len(low) < 0.25)


class Truecaser:
    """Recases the lines in capitals of a text.

    ``sure``: names always written as given (KB names, demonyms). ``gazetteer``: place names,
    taken as given unless every word is an English word, then only when ``usual_sense(name)``.
    ``lexicon``: lower-case English words with their parts of speech."""

    def __init__(self, sure: list[str], gazetteer: list[str], lexicon: dict[str, frozenset[str]],
                 usual_sense: Callable[[str], bool] | None = None) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        self.lexicon = lexicon
        self.stop = frozenset(STOP_WORDS)
        self.names: dict[tuple[str, ...], tuple[str, ...]] = {}
        for name, checked in [(n, True) for n in sure] + [(n, False) for n in gazetteer]:
            words = tuple(_WORD.findall(name))
            if not words or len(words) > MAX_NAME_WORDS:
                continue
            key = tuple(_lower(w) for w in words)
            if key in self.names or all(k in self.stop for k in key) or words == key:
                continue  # "the", or a name written all in lower case: nothing to learn
            if not checked and all(self._word(k) for k in key) and not (usual_sense and usual_sense(name)):
                continue  # "Reading", "Northern Border": in capitals, most likely the words
            self.names[key] = words

    def english(self, low: str) -> bool:
        """Is ``low`` an English word: a stop word, a WordNet word, a simple inflection of one, two
        of them run together ("airstrikes", "gunmen"), or common in wordfreq's English?"""
        from wordfreq import zipf_frequency

        return (low in self.stop or self._known(low) or self._compound(low)
                or zipf_frequency(low, "en") >= NAME_ZIPF)

    def _word(self, low: str) -> bool:
        """Is a word of a place name an English word rather than a name? WordNet lists proper
        nouns too ("calais", "kabul"), so a noun alone counts only when it is common ("bath",
        "reading"); a word WordNet lacks is a name however common ("gaza")."""
        from wordfreq import zipf_frequency

        pos = self.lexicon.get(low)
        if pos is None:
            return low in self.stop or self._known(low) or self._compound(low)
        return pos != {"noun"} or zipf_frequency(low, "en") >= COMMON_NOUN_ZIPF

    def _known(self, low: str) -> bool:
        if low in self.lexicon:
            return True
        for suffix, repl in _INFLECTIONS:
            if low.endswith(suffix) and len(low) > len(suffix) + 2:
                stem = low[: -len(suffix)] + repl
                if stem in self.lexicon or (stem[-1] == stem[-2] and stem[:-1] in self.lexicon):
                    return True
        return False

    def _compound(self, low: str) -> bool:
        return len(low) >= 7 and any(self._known(low[:k]) and self._known(low[k:]) and low[:k] in self.lexicon
                                     for k in range(3, len(low) - 2))

    def weak(self, low: str) -> bool:
        """A word that is English only as a noun (WordNet lists "david", "leo") or common in
        wordfreq but unknown to WordNet ("jared", "obama"): a name beside another name."""
        from wordfreq import zipf_frequency

        if low in self.stop or len(low) < 3:
            return False
        pos = self.lexicon.get(low)
        if pos is not None:
            return pos == {"noun"}
        return not self._known(low) and not self._compound(low) and zipf_frequency(low, "en") < WEAK_ZIPF

    def __call__(self, text: str) -> str:
        """``text`` with its lines in capitals recased; the same string when there are none."""
        if not any(ch.isupper() for ch in text):
            return text
        out: list[str] | None = None
        pos = 0
        for line in text.splitlines(keepends=True):
            if shouting(line):
                if out is None:
                    out = [text[:pos]]
                out.append(self.line(line))
            elif out is not None:
                out.append(line)
            pos += len(line)
        return text if out is None else "".join(out)

    def line(self, line: str) -> str:
        """One line in capitals, recased (same length)."""
        chars = list(_lower(line))
        dateline = _DATELINE.match(line)
        # the place of a wire's dateline stays in capitals, as wires write it ("KABUL, Afghanistan (AP) --")
        keep_until = dateline.end("place") if dateline else 0
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(line) if m.start() >= keep_until]
        chars[:keep_until] = list(line[:keep_until])
        lows = [_lower(w) for _s, _e, w in words]
        dotted = [(m.start(), m.end()) for m in _DOTTED.finditer(line)]
        kind = [""] * len(words)  # "name": a known or unknown name; "weak": a noun that may be one

        def put(start: int, cased: str) -> None:
            chars[start:start + len(cased)] = list(cased)

        i = 0
        while i < len(words):
            s, e, w = words[i]
            if any(a <= s < b for a, b in dotted):
                put(s, line[s:e])
                i += 1
                continue
            n = self._name_at(line, words, lows, i)
            if n:
                for k in range(n):
                    put(words[i + k][0], _cased_like(words[i + k][2], self.names[tuple(lows[i:i + n])][k]))
                    kind[i + k] = "known"
                i += n
                continue
            low = lows[i]
            if s and line[s - 1].isdigit():
                pass  # "201ST", "3RD", "50KG": a suffix of a number
            elif low == "i" and line[e:e + 1] != ".":
                put(s, "I")
            elif low in MONTHS or low in TITLES or (low in MONTHS_BESIDE_NUMBER and self._beside_number(line, s, e)):
                put(s, _capitalised(w))
            elif low in MONTHS_BESIDE_NUMBER or (i > 0 and line[words[i - 1][1]:s] in ("'", "’") and len(low) <= 2):
                pass
            elif len(low) > 1 and not self.english(low):
                put(s, w if _acronym_like(low) else _capitalised(w))
                kind[i] = "name"
            elif self.weak(low):
                kind[i] = "weak"
            i += 1
        # a noun-only word or a common first name just before an unknown name ("leo VARADKAR"); a
        # common first name also before a known one ("JARED KUSHNER")
        for k in range(len(words) - 2, -1, -1):
            after = kind[k + 1] == "name" or (kind[k + 1] == "known" and lows[k] not in self.lexicon)
            if kind[k] == "weak" and after and _NAME_GAP.match(line[words[k][1]:words[k + 1][0]]):
                put(words[k][0], _capitalised(words[k][2]))
                kind[k] = "name"
        # the first word of each sentence
        for k, (s, _e, _w) in enumerate(words):
            gap = line[words[k - 1][1]:s] if k else line[keep_until:s]
            if k == 0:
                starts = not any(ch.isalnum() for ch in gap)
            else:
                prev_low = lows[k - 1]
                starts = (_SENTENCE_END.search(gap) is not None and prev_low not in TITLES and len(prev_low) > 1
                          and not any(ch.isdigit() for ch in gap))
            if starts and chars[s].islower():
                chars[s] = chars[s].upper() if len(chars[s].upper()) == 1 else chars[s]
        return "".join(chars)

    def _name_at(self, line: str, words: list[tuple[int, int, str]], lows: list[str], i: int) -> int:
        """Number of words of the longest known name starting at word ``i`` (0: none)."""
        for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
            if tuple(lows[i:i + n]) in self.names and all(
                    _NAME_GAP.match(line[words[k][1]:words[k + 1][0]]) for k in range(i, i + n - 1)):
                return n
        return 0

    @staticmethod
    def _beside_number(line: str, s: int, e: int) -> bool:
        return bool(_NUMBER.search(line[max(0, s - 4):s]) or _NUMBER.search(line[e:e + 4]))


def _lexicon(nlp: Any) -> dict[str, frozenset[str]]:
    """Lower-case English words with their parts of speech: the rule lemmatizer's WordNet lists
    and irregular forms ("overran")."""
    words: dict[str, set[str]] = {}
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups
        for table in ("lemma_index", "lemma_exc"):
            data = lookups.get_table(table)
            for pos in ("noun", "verb", "adj", "adv"):
                for w in data.get(nlp.vocab.strings[pos], ()):
                    if isinstance(w, str) and "_" not in w:
                        words.setdefault(w, set()).add(pos)
    except (KeyError, ValueError, AttributeError):
        pass
    return {w: frozenset(p) for w, p in words.items()}


@lru_cache(maxsize=2)
def truecaser(region: str = "tajik_afghan") -> Truecaser:
    """The truecaser of a region: its KB names, the gazetteer's pattern names and demonyms."""
    from borderwatch.kb.loader import load_kb
    from borderwatch.nlp.entities import DEMONYMS, _demonym_names, _gazetteer_names, pipeline

    kb = load_kb(region)
    sure = [n for a in kb.actors.values() for n in a.names()]
    sure += [n for p in kb.places.values() for n in p.names()]
    sure += list(DEMONYMS) + [n for n, _label in _demonym_names(region)]
    gazetteer = [n for n, _label in _gazetteer_names(region)]
    lookup = None
    try:
        from borderwatch.nlp.geocode import Geocoder

        lookup = Geocoder.shared(region).lookup
    except ImportError:
        pass

    def usual_sense(name: str) -> bool:
        """Is a gazetteer name made of English words ("New York", "Northern Border", "Reading")
        still the place when written in capitals? A country or continent, or a place of a
        million people."""
        if lookup is None:
            return False
        return any(p.feature in ("country", "continent") or (p.population or 0) >= BIG_PLACE
                   for p in lookup(name))

    return Truecaser(sure, gazetteer, _lexicon(pipeline(region)), usual_sense)


def for_parse(text: str, region: str = "tajik_afghan") -> str:
    """The text spaCy should read: ``text`` itself, or its lines in capitals recased."""
    if not any(shouting(line) for line in text.splitlines()):
        return text
    return truecaser(region)(text)


_SPAN_KEYS = ("start", "end")


def restore_text(obj: Any, original: str) -> Any:
    """Coded rows with every ``text`` / ``X_text`` field that has its offsets (``start``/``end``,
    ``X_start``/``X_end``) read again from the original text, so a recased word never reaches
    the store. Dicts and lists are walked; other values are returned as they are."""
    if isinstance(obj, list):
        return [restore_text(v, original) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {k: restore_text(v, original) for k, v in obj.items()}
    for key, value in out.items():
        if not isinstance(value, str) or not (key == "text" or key.endswith("_text")):
            continue
        prefix = key[: -len("text")]
        s, e = out.get(prefix + "start"), out.get(prefix + "end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(original) and e - s == len(value):
            out[key] = original[s:e]
    return out
