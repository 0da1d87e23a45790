"""Named entities: the pinned spaCy pipeline plus rulers fed from the knowledge base.

The statistical NER of en_core_web_sm mislabels this region's names (Tajikistan as NORP in
~85% of mentions, Dushanbe as ORG, Jamaat Ansarullah as PERSON, "Tajik" as PERSON:
NLP_STACK.md §1b). Two EntityRulers fix that:

- ``kb_ruler`` (before "ner"): every KB actor and place name and alias, with the KB id as the entity id
  (``actor:rahmon``, ``place:darvoz_tj``), plus demonyms (``demonym:TJK``). Token patterns:
  acronyms and names that are also common English words match their exact case ("IS",
  "US", "Austin"), other names match case-insensitively.
- ``geo_ruler`` (after "ner", :class:`GeoRuler`): gazetteer place names (from the geocoder),
  case-sensitive. A name takes over what the NER labelled otherwise or left unlabelled, except
  a PERSON and a KB ruler entity. Measured end to end through this pipeline (GWN / TR / LGL
  Acc@161): as a plain EntityRuler before the NER, 0.629 / 0.689 / 0.662, but it took surnames
  and the last word of unknown names for places ("John Kerry" → Kerry, Ireland; "Dashti Qala"
  → Qala, Azerbaijan) and the NER could no longer see the person; as a case-insensitive
  EntityRuler after the NER filling gaps only, 0.608 / 0.670 / 0.631 (and "turkey" on a menu
  was Turkey); this one, 0.619 / 0.686 / 0.657.

The statistical NER labels what the KB ruler left, around its spans.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from borderwatch.kb.loader import KB, fold

ACTOR_LABEL = {"person": "PERSON", "organisation": "ORG", "igo": "ORG", "media": "ORG", "armed_group": "ORG",
               "state": "GPE", "group": "NORP", "ethnic_group": "NORP"}
PLACE_LABEL = {"river": "LOC", "valley": "LOC", "mountains": "LOC", "range": "LOC", "lake": "LOC", "border": "LOC",
               "area": "LOC", "pass": "LOC", "region": "LOC", "continent": "LOC",
               "crossing": "FAC", "border_post": "FAC", "military_base": "FAC", "airport": "FAC", "dam": "FAC", "canal": "FAC",
               "mine": "FAC", "road": "FAC"}
# Demonyms and adjectives of nationality -> ISO3. "Tajik" is a nationality, not a person.
DEMONYMS = {
    "Tajik": "TJK", "Tajiks": "TJK", "Tajikistani": "TJK", "Tajikistanis": "TJK",
    "Afghan": "AFG", "Afghans": "AFG", "Afghani": "AFG",
    "Russian": "RUS", "Russians": "RUS", "Soviet": "RUS",
    "Uzbek": "UZB", "Uzbeks": "UZB", "Uzbekistani": "UZB",
    "Turkmen": "TKM", "Kyrgyz": "KGZ", "Kazakh": "KAZ", "Kazakhs": "KAZ", "Kazakhstani": "KAZ",
    "Chinese": "CHN", "Pakistani": "PAK", "Pakistanis": "PAK", "Iranian": "IRN", "Iranians": "IRN",
    "American": "USA", "Americans": "USA", "Indian": "IND", "British": "GBR", "French": "FRA", "German": "DEU",
    "Qatari": "QAT", "Turkish": "TUR", "Ukrainian": "UKR", "Belarusian": "BLR", "Armenian": "ARM",
    "Pashtun": None, "Pashtuns": None, "Hazara": None, "Hazaras": None,
}
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.&/-]{0,7}$")


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per document. spaCy rebuilds ``Doc.text`` from every token on
    each access; reading it per sentence or per span made it the largest single cost of the
    NLP stage (a third of the time on 500-word articles)."""
    text = doc.user_data.get("bw_text")
    if text is None:
        text = doc.user_data["bw_text"] = doc.text
    return text


def _case_sensitive(name: str) -> bool:
    """Match exactly as written: acronyms, and single words that are common English words."""
    from borderwatch.clean.hyphen import _zipf

    if _ACRONYM.match(name):
        return True
    words = name.split()
    return len(words) == 1 and _zipf(name.lower()) >= 3.3


def _token_pattern(nlp: Any, name: str) -> list[dict[str, str]] | str:
    """A case-sensitive token pattern for acronyms and common words; otherwise the name itself,
    a phrase pattern the ruler matches case-insensitively (PhraseMatcher on LOWER: several
    times faster than the token Matcher for hundreds of names)."""
    if _case_sensitive(name):
        return [{"ORTH": t.text} for t in nlp.make_doc(name)]
    return name


def kb_patterns(nlp: Any, kb: KB) -> list[dict[str, Any]]:
    pats: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for a in kb.actors.values():
        label = ACTOR_LABEL[a.kind]
        for name in a.names():
            key = (fold(name), label)
            if key in seen or len(name) < 2:
                continue
            seen.add(key)
            pats.append({"label": label, "pattern": _token_pattern(nlp, name), "id": f"actor:{a.id}"})
            if name.lower().startswith("the ") and len(name) > 6:
                pats.append({"label": label, "pattern": _token_pattern(nlp, name[4:]), "id": f"actor:{a.id}"})
    for p in kb.places.values():
        label = PLACE_LABEL.get(p.feature, "GPE")
        for name in p.names():
            key = (fold(name), label)
            if key in seen:
                continue
            seen.add(key)
            pats.append({"label": label, "pattern": _token_pattern(nlp, name), "id": f"place:{p.id}"})
    for word, iso in DEMONYMS.items():
        pats.append({"label": "NORP", "pattern": [{"ORTH": word}], "id": f"demonym:{iso or word.lower()}"})
    return pats


def pipeline(region: str = "tajik_afghan", with_gazetteer: bool = True) -> Any:
    """The NER pipeline for a region, built once per process and knowledge-base version."""
    from borderwatch.nlp.annotate import kb_hash

    return _pipeline(region, with_gazetteer, kb_hash(region))


@lru_cache(maxsize=2)
def _pipeline(region: str, with_gazetteer: bool, _kb_hash: str) -> Any:
    import spacy

    from borderwatch.kb.loader import load_kb
    from borderwatch.nlp.spacy_model import verify

    kb = load_kb(region)
    nlp = spacy.load(verify())
    _register_paragraph_breaks()
    nlp.add_pipe("bw_paragraph_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="kb_ruler", before="ner",
                         config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(kb_patterns(nlp, kb))
    _register_trim_entities()
    nlp.add_pipe("bw_trim_entities", after="ner")
    if with_gazetteer:
        names = _gazetteer_names(region)
        if names:
            _register_geo_ruler()
            geo = nlp.add_pipe("bw_geo_ruler", name="geo_ruler", after="ner")
            geo.add_names(names)
            geo.add_demonyms([w for w, _label in _demonym_names(region)])
    return nlp


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _unit_around(ent: Any, sp: Any) -> bool:
    """Is the NER place ``ent`` the gazetteer name ``sp`` plus unit words ("Badakhshan province",
    "the Kevron district", "Gaza City")? Then the longer name stands."""
    from borderwatch.nlp.gazetteer import SUFFIXES

    if ent.label_ not in PLACE_LABELS or not (ent.start <= sp.start and sp.end <= ent.end) or len(ent) == len(sp):
        return False
    extra = [t.lower_ for t in ent if not (sp.start <= t.i < sp.end)]
    return all(w in SUFFIXES or w in ("the", "city", "of") for w in extra)


class GeoRuler:
    """Gazetteer place names after the statistical NER, case-sensitive (ORTH: "turkey" on a
    menu is not Turkey). A name takes over what the NER labelled otherwise ("Takhar" as NORP,
    "Dushanbe" as ORG, "Knox County" inside "Knox County Sheriff's Office") or left unlabelled,
    except a PERSON ("John Kerry" keeps Kerry), a KB ruler entity and the name with its unit word
    the NER found around it ("Badakhshan province", "Gaza City"). (Keeping any longer NER name
    that contains the place, "Colorado State University", lost places inside organisation
    names: LGL end to end 0.659 -> 0.623.) Two more sources of place mentions: a dateline in
    capitals (``_datelines``) and, only where no entity is, a nationality adjective the NER
    left unlabelled (``add_demonyms``)."""

    def __init__(self, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.gap_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")  # only where no entity is
        self.upper_names: set[str] = set()  # "SAN DIEGO": names as an all-caps dateline writes them

    def add_names(self, names: list[tuple[str, str]]) -> None:
        by_label: dict[str, list[str]] = {}
        for name, label in names:
            by_label.setdefault(label, []).append(name)
            if label in PLACE_LABELS and not name.isupper():
                self.upper_names.add(name.upper())
        for label, group in by_label.items():
            self.matcher.add(label, list(self.nlp.tokenizer.pipe(group)))

    def add_demonyms(self, words: list[str]) -> None:
        """Adjectives of nationality ("Danish", "Salvadoran") the NER left unlabelled become
        NORP; an entity the NER found around one ("Danish Refugee Council") stays."""
        self.gap_matcher.add("NORP", list(self.nlp.tokenizer.pipe(words)))

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span
        from spacy.util import filter_spans

        from borderwatch.nlp.gazetteer import UNIT_WORDS

        # a capitalised unit word right after a gazetteer name belongs to it: "Guernsey County"
        # is the Ohio county, not the island
        n = len(doc)

        def unit_after(e: int) -> bool:
            return e < n and doc[e].lower_ in UNIT_WORDS and doc[e].text[:1].isupper()

        datelines = self._datelines(doc)
        found = filter_spans([Span(doc, s, e + 1 if unit_after(e) else e, label=m) for m, s, e in self.matcher(doc)]
                             + datelines)
        heads = {(d.start, d.end) for d in datelines}
        ents = list(doc.ents)
        for sp in found:
            over = [e for e in ents if e.start < sp.end and sp.start < e.end]
            # a dateline in capitals is a place even where the NER saw a person ("KHUJAND, Oct 14 -")
            person_ok = (sp.start, sp.end) in heads
            if any((e.label_ == "PERSON" and not person_ok) or e.ent_id_ or _unit_around(e, sp) for e in over):
                continue
            ents = [e for e in ents if not (e.start < sp.end and sp.start < e.end)] + [sp]
        taken = {i for e in ents for i in range(e.start, e.end)}
        for m, s, e in self.gap_matcher(doc):
            if not taken.intersection(range(s, e)):
                ents.append(Span(doc, s, e, label=m))
                taken.update(range(s, e))
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc

    def _datelines(self, doc: Any) -> list[Any]:
        """A wire dateline's place in capitals ("ALBUQUERQUE, N.M. (AP) -", "SAN DIEGO -"): a
        gazetteer place name written in capitals, at the start of a line or after a full stop
        and followed by a comma, a bracket, a colon or a dash, or anywhere when a bracketed agency or a month follows
        ("... his conduct. BOSTON (Reuters) -", "WASHINGTON, April 5") as in text scraped
        without its line breaks."""
        from spacy.tokens import Span

        out = []
        n = len(doc)
        for i, tok in enumerate(doc):
            if not (tok.is_alpha and tok.is_upper) or (i > 0 and doc[i - 1].is_alpha and doc[i - 1].is_upper):
                continue
            j = i
            while j < n and j - i < 4 and doc[j].is_alpha and doc[j].is_upper:
                j += 1
            if j >= n or doc[j].text not in (",", "(", "-", "--", "---", "—", "–", ":"):
                continue
            # a line start, or right after a headline's full stop in text scraped without its
            # line breaks ("... after second rebuff. COLUMBIA --- South Carolina Gov. ...")
            line_start = i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text) or doc[i - 1].text in (".", "!", "?")
            nxt = doc[j + 1] if j + 1 < n else None
            wire = nxt is not None and ((doc[j].text == "(" and nxt.text[:1].isupper() and j + 2 < n
                                         and doc[j + 2].text == ")")
                                        or (doc[j].text == "," and nxt.lower_ in _MONTHS))
            if not (line_start or wire):
                continue
            if doc[i:j].text in self.upper_names and sum(len(t) for t in doc[i:j]) >= 4:
                out.append(Span(doc, i, j, label="GPE"))
        return out


_MONTHS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                     "sept", "oct", "nov", "dec"})


def _register_geo_ruler() -> None:
    from spacy.language import Language

    if "bw_geo_ruler" in Language.factories:
        return

    @Language.factory("bw_geo_ruler")
    def make_geo_ruler(nlp: Any, name: str) -> GeoRuler:
        return GeoRuler(nlp)


def _register_paragraph_breaks() -> None:
    """A component that starts a sentence after every blank line and at every bulleted line: a
    heading, a byline, a list item or a paragraph never runs into the next sentence (the parser
    alone joins them)."""
    from spacy.language import Language

    if "bw_paragraph_breaks" in Language.factories:
        return

    @Language.component("bw_paragraph_breaks")
    def paragraph_breaks(doc: Any) -> Any:
        for tok in doc[:-1]:
            if tok.is_space and (tok.text.count("\n") >= 2 or (
                    "\n" in tok.text and doc[tok.i + 1].text in _BULLETS and doc[tok.i + 1].text != "|")):
                # (a bulleted line is an item of its own: "* Kyrgyz MPs approve border treaty")
                doc[tok.i + 1].is_sent_start = True
                if doc[tok.i + 1].text in _BULLETS and tok.i + 2 < len(doc) and not doc[tok.i + 2].is_space:
                    doc[tok.i + 2].is_sent_start = False  # the bullet belongs to its item
                    # and so does its label: "- 13 Aug, GBAO: A landmine exploded ..." is one item
                    colon = next((t.i for t in doc[tok.i + 2:min(len(doc) - 1, tok.i + 10)]
                                  if t.text == ":" or "\n" in t.text), None)
                    if colon is not None and doc[colon].text == ":" and not doc[colon + 1].is_space:
                        doc[colon + 1].is_sent_start = False
        for tok in doc[:-2]:
            if (tok.i == 0 or "\n" in doc[tok.i - 1].text) and tok.text in _INTERVIEW_MARKS \
                    and doc[tok.i + 1].text == ":":
                # "Q: ..." / "A: No. Dushanbe moved ...": an interview's marker is no subject, and a
                # one-word answer is a sentence of its own
                k = tok.i + 2
                while k < len(doc) and doc[k].is_space:
                    k += 1
                if k < len(doc):
                    doc[k].is_sent_start = True
                if k + 2 < len(doc) and doc[k].lower_ in ("no", "yes") and doc[k + 1].text in (".", "!") \
                        and doc[k + 2].text[:1].isupper():
                    doc[k + 2].is_sent_start = True
        return doc


_INTERVIEW_MARKS = frozenset({"Q", "A", "Question", "Answer"})


_BULLETS = frozenset({"•", "·", "*", "-", "–", "—", "|", "►", "▪", "●", "◦"})


def _edge_junk(tok: Any) -> bool:
    """A line break or a bullet (not a full stop: "Glen Carbon, Ill." needs its "Ill.")."""
    return tok.is_space or tok.text.strip() in _BULLETS


def _register_trim_entities() -> None:
    """A component that trims line breaks and bullets from the ends of entities: the statistical
    NER sometimes takes the blank line after a name into it ("Shegnan\n\n")."""
    from spacy.language import Language
    from spacy.tokens import Span

    if "bw_trim_entities" in Language.factories:
        return

    @Language.component("bw_trim_entities")
    def trim_entities(doc: Any) -> Any:
        ents, changed = [], False
        for e in _longer_names(doc):
            lo, hi = e.start, e.end
            while lo < hi and _edge_junk(doc[lo]):
                lo += 1
            while hi > lo and _edge_junk(doc[hi - 1]):
                hi -= 1
            if e.label_ == "DATE":
                # "July 2021 - More than 1,000 Afghan soldiers flee": a timeline line's date ends at
                # its spaced dash
                dash = next((t.i for t in doc[lo:hi] if t.text in ("-", "–", "—", "--") and t.i > lo
                             and doc[t.i - 1].whitespace_ and t.whitespace_), None)
                if dash is not None:
                    hi = dash
            if (lo, hi) == (e.start, e.end):
                ents.append(e)
                continue
            changed = True
            if lo < hi:
                ents.append(Span(doc, lo, hi, label=e.label_, kb_id=e.kb_id_, span_id=e.id_))
        if changed:
            doc.ents = ents
        return doc


def _longer_names(doc: Any) -> list[Any]:
    """ "Mawlawi Amanuddin Rahimi": a one-word KB alias of a person (a surname, "Rahimi") that ends
    a longer name belongs to someone else with that surname. The name is one PERSON entity with
    no KB id, for the actor stage to resolve (a new actor, unless the KB knows the full name).
    The longer name is a PERSON entity of the NER right before it, or a bare proper noun that is
    no title ("President Rahmon", "Mr Rahimi" stay the KB's)."""
    from spacy.tokens import Span

    from borderwatch.nlp.actors import HONORIFICS

    ents = list(doc.ents)
    out: list[Any] = []
    merged = False
    for e in ents:
        prev = out[-1] if out else None
        if not (e.label_ == "PERSON" and len(e) == 1 and e.ent_id_.startswith("actor:") and e.start > 0):
            out.append(e)
            continue
        p = doc[e.start - 1]
        if p.whitespace_ != " " or p.lower_.rstrip(".") in HONORIFICS:
            out.append(e)
        elif prev is not None and prev.end == e.start and prev.label_ == "PERSON" and not prev.ent_id_ \
                and not all(t.lower_.rstrip(".") in HONORIFICS for t in prev):
            out[-1] = Span(doc, prev.start, e.end, label="PERSON")
            merged = True
        elif (prev is None or prev.end < e.start) and p.pos_ == "PROPN" and p.is_alpha and p.is_title \
                and not p.ent_type_:
            out.append(Span(doc, e.start - 1, e.end, label="PERSON"))
            merged = True
        else:
            out.append(e)
    if not merged:
        return ents
    doc.ents = out
    for e in out:
        if not e.id_:
            for t in e:
                t.ent_id_ = ""  # the merged surname's token would lend the span its KB id
    return list(doc.ents)


def _demonym_names(region: str) -> list[tuple[str, str]]:
    from borderwatch.nlp.geocode import Geocoder

    return Geocoder.shared(region).demonym_names()


def _gazetteer_names(region: str) -> list[tuple[str, str]]:
    try:
        from borderwatch.nlp.geocode import Geocoder
    except ImportError:  # the geocoder is optional for NER
        return []
    return Geocoder.shared(region).pattern_names() if hasattr(Geocoder, "shared") else Geocoder().pattern_names()
