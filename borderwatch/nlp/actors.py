"""Actor resolution: entity mentions -> KB actors (or new actors), with evidence.

Order of evidence for one mention, strongest first:

1. the KB ruler matched a name or alias (the entity carries ``actor:<id>``);
2. the name, folded and stripped of honorifics ("Mr", "academician", "Mullah"), equals a
   KB name or alias;
3. its transliteration key equals one (Rakhmon/Rahmon, Masud/Massoud, Zabihulla/Zabihullah:
   kh→h, ou→u, doubled letters single, final h dropped, ...);
4. within the document, a surname or a shortened name refers back to the last full name
   that ends with it ("Mr Rahmon" after "Emomali Rahmon"; "Masud" after "Ahmad Masud");
5. a role phrase ("the Tajik president", "the Taliban's deputy prime minister") resolves to
   whoever held that office on the article's date — preferring one the article names;
6. a close fuzzy match (rapidfuzz ratio ≥ 92 on transliteration keys of the whole name,
   same number of name parts, same last name key) — never across a ``not_same_as`` guard.

Anything else becomes a new actor (kind from its NER label), never dropped: its id is
derived from the folded name, so the same unknown name in two articles is one actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from borderwatch.kb.loader import KB, Actor, fold
from borderwatch.nlp.entities import doc_text
from borderwatch.nlp.event_args import _named_as_place

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "academician", "mullah", "mawlawi", "maulvi",
              "sheikh", "haji", "general", "gen", "maj", "major", "colonel", "col", "lieutenant", "lt", "captain",
              "capt", "president", "minister", "commander", "mr.", "mrs.", "ms.", "dr.", "gen.", "col.", "lt.", "sir",
              "comrade", "ambassador", "senator", "spokesman", "spokeswoman", "deputy", "chairman", "leader"}
LABEL_KIND = {"PERSON": "person", "ORG": "organisation", "NORP": "group", "GPE": "state", "FAC": "organisation"}
ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
NEW_ACTOR_LABELS = {"PERSON", "ORG"}  # a NORP outside the KB ("Central Asian") is a description, not an actor
_MODEL_NUMBER = re.compile(r"\d|^[A-Z]{2,5}$")  # "BMP-2M", "Mi-24", "MLRS": equipment, not actors


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    label: str
    actor_id: str
    method: str  # kb_ruler | alias | translit | coref | role | title | fuzzy | capital | owner | new
    score: float


@dataclass
class NewActor:
    id: str
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)


def translit_key(name: str) -> str:
    """A spelling-variant key for names transliterated from Tajik, Russian, Dari, Pashto, Arabic."""
    s = fold(name)
    s = re.sub(r"[^a-z ]", "", s)
    for a, b in (("dzh", "j"), ("kh", "h"), ("zh", "j"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"),
                 ("w", "v"), ("y", "i"), ("ph", "f"), ("ck", "k")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)  # doubled letters
    s = re.sub(r"(?<=[aeiou])h\b", "", s)  # Zabihullah -> zabihulla
    return re.sub(r"\s+", " ", s).strip()


def strip_honorifics(name: str) -> str:
    words = name.replace("’", "'").split()
    while words and fold(words[0]).rstrip(".") in HONORIFICS and len(words) > 1:
        words = words[1:]
    s = " ".join(words)
    s = re.sub(r"^(the)\s+", "", s, flags=re.I)
    return re.sub(r"'s$", "", s)


class ActorIndex:
    """Name lookups over a KB, built once per KB."""

    def __init__(self, kb: KB):
        self.kb = kb
        self.by_name: dict[str, set[str]] = {}
        self.by_key: dict[str, set[str]] = {}
        # (actor id, kind, translit key, its words) of every KB name, for the fuzzy step
        self._keys: list[tuple[str, str, str, list[str]]] = []
        for a in kb.actors.values():
            for n in a.names():
                k = translit_key(n)
                self.by_name.setdefault(fold(n), set()).add(a.id)
                self.by_key.setdefault(k, set()).add(a.id)
                self._keys.append((a.id, a.kind, k, k.split()))
        self._capital_states: dict[str, str] | None = None
        self.roles: dict[str, list[tuple[Actor, Any]]] = {}
        for a in kb.actors.values():
            for o in a.offices:
                for r in o.roles:
                    self.roles.setdefault(r, []).append((a, o))
        # longest role phrases first, so "tajik president" wins over "president"
        self.role_re = re.compile(
            r"\b(?:the\s+)?(" + "|".join(re.escape(r) for r in sorted(self.roles, key=len, reverse=True)) + r")\b"
        ) if self.roles else None

    def capital_state(self, name: str) -> str | None:
        """The KB state whose capital is ``name`` ("Dushanbe" -> tajikistan), or None."""
        if self._capital_states is None:  # read from countryinfo on first use only
            from borderwatch.nlp.gazetteer import capitals

            states = {a.country: a.id for a in self.kb.actors.values() if a.kind == "state" and a.country}
            self._capital_states = {cap: states[cc] for cap, cc in capitals().items() if cc in states}
        return self._capital_states.get(fold(name).strip())

    def exact(self, name: str) -> str | None:
        ids = self.by_name.get(fold(name))
        return next(iter(ids)) if ids and len(ids) == 1 else None

    def translit(self, name: str) -> str | None:
        ids = self.by_key.get(translit_key(name))
        return next(iter(ids)) if ids and len(ids) == 1 else None

    def fuzzy(self, name: str, kind: str | None) -> tuple[str, float] | None:
        from rapidfuzz import fuzz

        key = translit_key(name)
        parts = key.split()
        if len(key) < 6 or not parts:
            return None
        best: tuple[str, float] | None = None
        for aid, akind, k, kp in self._keys:
            if kind == "person" and akind != "person":
                continue
            if len(kp) != len(parts) or kp[-1][:3] != parts[-1][:3]:
                continue
            score = fuzz.ratio(key, k)
            if score >= 92 and (best is None or score > best[1]):
                best = (aid, score)
        return best


def actor_index(region: str = "tajik_afghan") -> ActorIndex:
    """The name index of the region's KB, rebuilt when the KB files change."""
    from borderwatch.kb.loader import load_kb

    return _actor_index(id(load_kb(region)), region)


@lru_cache(maxsize=4)
def _actor_index(_kb_key: int, region: str) -> ActorIndex:
    from borderwatch.kb.loader import load_kb

    return ActorIndex(load_kb(region))


def _new_id(name: str) -> str:
    return "x_" + re.sub(r"[^a-z0-9]+", "_", translit_key(name)).strip("_")[:60]


def _not_an_actor(name: str) -> bool:
    """Equipment designations and lone common words the statistical NER calls ORG or PERSON."""
    from borderwatch.clean.hyphen import _zipf

    if _MODEL_NUMBER.search(name) or len(name) < 3 or not name[:1].isupper():
        return True
    words = name.split()
    return len(words) == 1 and _zipf(name.lower()) >= 4.0


def _guarded(index: ActorIndex, a: str, b: str) -> bool:
    """True when actors a and b must never be merged."""
    A, B = index.kb.actors.get(a), index.kb.actors.get(b)
    return bool(A and b in A.not_same_as) or bool(B and a in B.not_same_as)


def _stands_for_state(ent: Any) -> bool:
    """Is this place name a participant (subject, object, "by"/"with"/"against" Kabul) rather
    than where something is ("in Kabul", "Kabul's airport")?"""
    root = ent.root
    if root.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"):
        return True
    return root.dep_ == "pobj" and root.head.lower_ in ("by", "with", "against")


def resolve_actors(doc: Any, index: ActorIndex, published: date | None = None
                   ) -> tuple[list[ActorMention], dict[str, NewActor]]:
    """Resolve the actor mentions of one parsed document."""
    mentions: list[ActorMention] = []
    new: dict[str, NewActor] = {}
    # full names seen so far in this document: last-name key -> actor id (latest wins)
    surnames: dict[str, str] = {}
    seen_order: list[str] = []

    def remember(actor_id: str, name: str) -> None:
        parts = translit_key(strip_honorifics(name)).split()
        if len(parts) >= 2:
            surnames[parts[-1]] = actor_id
            surnames[" ".join(parts)] = actor_id
        seen_order.append(actor_id)

    for ent in doc.ents:
        eid = ent.ent_id_
        if eid.startswith("actor:") and not _owned_elsewhere(doc, ent, mentions, index):
            aid = eid[6:]
            key = translit_key(ent.text)
            if ent.label_ == "PERSON" and len(ent) == 1 and surnames.get(key, aid) != aid:
                # "Mawlawi Amanuddin Rahimi ... Rahimi said": the surname is the person this
                # document named in full, not the KB's other Rahimi
                mentions.append(ActorMention(ent.start_char, ent.end_char, ent.text, ent.label_, surnames[key],
                                             "coref", 0.85))
                continue
            mentions.append(ActorMention(ent.start_char, ent.end_char, ent.text, ent.label_, aid, "kb_ruler", 1.0))
            remember(aid, ent.text)
            continue
        if ent.label_ == "GPE" and _stands_for_state(ent) and (x := index.capital_state(ent.text)) is not None:
            # "Kabul rejected the demand", "the Taliban warned Dushanbe": a capital that acts or is
            # acted on stands for its state (a place still: the geocoder keeps its mention)
            mentions.append(ActorMention(ent.start_char, ent.end_char, ent.text, ent.label_, x, "capital", 0.8))
            continue
        if ent.label_ not in ACTOR_LABELS or eid.startswith(("place:", "demonym:")):
            continue
        name = strip_honorifics(ent.text)
        if not re.search(r"[^\W\d_]", name):
            continue
        aid, method, score = None, "", 0.0
        owner = _owner(doc, ent, mentions, index) if ent.label_ == "ORG" or eid.startswith("actor:") else None
        if owner is not None:
            # "Russia's Ministry of Defence", "the Taliban's Ministry of Defence": the KB's ministry of
            # that owner when there is one, else a new actor of that owner - never one shared
            # "Ministry of Defence" for every state, nor a KB body of another country
            owner_id, owner_name, owner_country = owner
            plain = index.exact(name)
            if (x := index.exact(f"{name} of {owner_name}")) is not None:
                aid, method, score = x, "owner", 0.9
            elif plain is not None and owner_country and getattr(index.kb.actors.get(plain), "country", None) == owner_country:
                aid, method, score = plain, "owner", 0.9
            else:
                name = f"{name} ({owner_name})"
        if aid is not None or owner is not None:
            pass
        elif (x := index.exact(name)) is not None:
            aid, method, score = x, "alias", 0.95
        elif (x := index.translit(name)) is not None:
            aid, method, score = x, "translit", 0.9
        else:
            key = translit_key(name)
            parts = key.split()
            if parts and (key in surnames or (len(parts) == 1 and parts[0] in surnames)):
                aid, method, score = surnames.get(key) or surnames[parts[0]], "coref", 0.85
            elif (fz := index.fuzzy(name, LABEL_KIND.get(ent.label_))) is not None:
                aid, method, score = fz[0], "fuzzy", fz[1] / 100 * 0.9
        if aid is None and owner is None and ent.label_ in ("ORG", "PERSON", "NORP") \
                and (x := index.capital_state(name)) is not None:
            # "Dushanbe denied the accusation": the NER took a capital used for its government
            # for an organisation; it is the state, not a new actor called "Dushanbe"
            aid, method, score = x, "capital", 0.8
        if aid is None:
            if ent.label_ not in NEW_ACTOR_LABELS or _not_an_actor(name) or _named_as_place(ent):
                continue  # (a name the text calls a place, "the Lyaur and Momirak ranges", is no actor)
            nid = _new_id(name)
            key_parts = translit_key(name).split()
            if len(key_parts) == 1 and key_parts[0] in surnames:
                nid = surnames[key_parts[0]]
            if nid.startswith("x_"):
                na = new.setdefault(nid, NewActor(nid, name, LABEL_KIND.get(ent.label_, "organisation")))
                na.aliases.add(ent.text)
                if len(name) > len(na.name):
                    na.name = name
            aid, method, score = nid, "new", 0.6
        mentions.append(ActorMention(ent.start_char, ent.end_char, ent.text, ent.label_, aid, method, score))
        remember(aid, ent.text)

    mentions += _roles(doc, index, published, mentions)
    mentions += _titles(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions, new


#: titles a named person is introduced with and later called by ("Foreign Minister Sirojiddin
#: Muhriddin ... The minister thanked Tehran")
TITLE_NOUNS = frozenset({"minister", "president", "ambassador", "envoy", "commander", "governor", "spokesman",
                         "spokeswoman", "spokesperson", "general", "colonel", "chairman", "mayor", "prosecutor",
                         "premier", "chancellor", "secretary", "representative", "senator", "chief", "emir",
                         "king", "prince", "mullah", "deputy", "director", "head", "leader"})
TITLE_WINDOW = 6  # tokens before a name in which its title is looked for


def _titles(doc: Any, named: list[ActorMention]) -> list[ActorMention]:
    """ "the minister", "the colonel": the person last introduced in the document with that title
    ("Minister of Foreign Affairs Sirojiddin Muhriddin", "Colonel Rustam Nazarov, who commands",
    "Rustam Nazarov, the detachment's commander"), when no KB role took the phrase, no name
    follows it and no country or organisation qualifies it ("the Iranian minister" is someone
    else). A title never seen before a name resolves to nothing."""
    people = [m for m in named if m.label == "PERSON" and m.actor_id]
    if not people:
        return []
    taken = [(m.start, m.end) for m in named]
    introduced: list[tuple[int, str, str]] = []  # (offset, title noun, actor id)
    for m in people:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        before = doc[max(span.sent.start, span.start - TITLE_WINDOW):span.start]
        titles = {t.lemma_.lower() for t in before if t.lemma_.lower() in TITLE_NOUNS}
        # "Rustam Nazarov, the detachment's commander": an apposition after the name
        titles |= {t.lemma_.lower() for t in span.root.children if t.dep_ == "appos" and t.lemma_.lower() in TITLE_NOUNS}
        introduced += [(m.start, t, m.actor_id) for t in titles]
    if not introduced:
        return []
    out: list[ActorMention] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        if lemma not in TITLE_NOUNS or tok.tag_ != "NN" or tok.ent_type_:
            continue
        if any(a <= tok.idx < b for a, b in taken):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            continue
        if any(c.dep_ in ("amod", "compound", "poss", "nmod") and (c.ent_type_ or c.pos_ == "PROPN") for c in tok.children) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children) \
                or (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN"):
            continue  # "the Iranian minister", "the minister of defence", "the minister Ahmadi": someone named otherwise
        if any(c.lower_ in ("deputy", "vice", "former", "new", "late") for c in tok.children):
            continue
        earlier = [(o, aid) for o, t, aid in introduced if t == lemma and o < tok.idx]
        if not earlier:
            continue
        start = min(c.idx for c in tok.children if c.dep_ == "det" and c.i < tok.i)
        end = tok.idx + len(tok.text)
        out.append(ActorMention(start, end, doc_text(doc)[start:end], "ROLE", earlier[-1][1], "title", 0.7))
    return out


def _owned_elsewhere(doc: Any, ent: Any, mentions: list[ActorMention], index: ActorIndex) -> bool:
    """A KB organisation's name owned by another country: "the State Committee for National
    Security of Kyrgyzstan" is not Tajikistan's committee, whose name it shares."""
    a = index.kb.actors.get(ent.ent_id_[6:])
    if a is None or a.kind != "organisation" or not a.country:
        return False
    owner = _owner(doc, ent, mentions, index)
    return owner is not None and owner[2] is not None and owner[2] != a.country


def _owner(doc: Any, ent: Any, mentions: list[ActorMention], index: ActorIndex) -> tuple[str, str, str | None] | None:
    """The actor an organisation's name belongs to: a possessive just before it ("Russia's
    Ministry of Defence") or "of" and a state or group just after it ("the State Committee for
    National Security of Kyrgyzstan", when the NER stopped the name before "of"): (actor id, its
    name, its country), else None."""
    m = None
    if ent.start >= 2 and doc[ent.start - 1].lower_ in ("'s", "’s"):
        end = doc[ent.start - 2].idx + len(doc[ent.start - 2].text)
        m = next((m for m in reversed(mentions) if m.end == end), None)
    elif ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of" and doc[ent.end + 1].ent_id_.startswith("actor:"):
        aid = doc[ent.end + 1].ent_id_[6:]
        a = index.kb.actors.get(aid)
        if a is not None and a.kind in ("state", "armed_group"):
            return aid, a.name, a.country
    if m is None:
        return None
    a = index.kb.actors.get(m.actor_id)
    return m.actor_id, (a.name if a else m.text), (a.country if a else None)


def _entity_country(tok: Any, index: ActorIndex) -> str | None:
    """The country a named entity token stands for: a KB actor's or place's, a demonym's."""
    eid = tok.ent_id_ or ""
    if eid.startswith("demonym:"):
        code = eid.split(":", 1)[1]
        return code.upper() if len(code) == 3 else None
    if eid.startswith("actor:"):
        a = index.kb.actors.get(eid.split(":", 1)[1])
        return a.country if a else None
    if eid.startswith("place:"):
        p = index.kb.places.get(eid.split(":", 1)[1])
        return getattr(p, "country", None) if p else None
    return None


def _role_context(doc: Any, s: int, e: int, index: ActorIndex) -> tuple[bool, bool, str | None]:
    """(a name follows the role, a country or organisation qualifies it, that qualifier's country).

    Qualifiers: "Japan's prime minister", "the Japanese prime minister", "the president of
    Armenia". A qualifier whose country is unknown still counts: it rules out this region's
    office-holders, whose roles carry their own qualifier ("tajik president")."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return False, False, None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.ent_type_ in ("PERSON", ""):
        return True, False, None
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ in ("'s", "’s") and span.start > 1:
        prev = doc[span.start - 2]
    while prev is not None and prev.lower_ in ("former", "acting", "interim", "then", "new", "deputy", "vice"):
        prev = doc[prev.i - 1] if prev.i > 0 else None
    if prev is not None and prev.ent_type_ in ("GPE", "NORP", "ORG", "LOC") and prev.ent_type_:
        return False, True, _entity_country(prev, index)
    if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(doc) and doc[nxt.i + 1].ent_type_ in ("GPE", "ORG"):
        return False, True, _entity_country(doc[nxt.i + 1], index)
    return False, False, None


# words before a role that make it someone other than the office's holder on the article's date
# (and an indefinite one: "a spokesman for the Taliban's 217th corps", "a Taliban spokesman" is
# someone speaking for them, not the office's holder)
_NOT_THE_HOLDER = re.compile(r"(?:\b(?:deputy|vice|former|assistant|late|then|acting deputy|a|an|one|another)\s+|\bex-\s*)$")


def _roles(doc: Any, index: ActorIndex, published: date | None, named: list[ActorMention]) -> list[ActorMention]:
    """Role phrases ("the Tajik president") resolved to the office-holder on the article's date."""
    if index.role_re is None:
        return []
    text = doc_text(doc)
    lower = fold(text)
    if len(lower) != len(text):  # folding changed offsets: fall back to plain lower-casing
        lower = text.lower()
    taken = [(m.start, m.end) for m in named]
    out: list[ActorMention] = []
    for m in index.role_re.finditer(lower):
        s, e = m.start(1), m.end(1)
        if any(a <= s and e <= b for a, b in taken):  # the role is part of a name already resolved
            continue
        if _NOT_THE_HOLDER.search(lower[max(0, s - 20):s]):
            continue  # "their deputy interior minister", "the former president": not the office's holder
        role = m.group(1)
        holders = [a for a, o in index.roles[role] if o.held_on(published)]
        holders = list({a.id: a for a in holders}.values())
        if not holders:
            continue
        named_after, qualified, country = _role_context(doc, s, e, index)
        if named_after:
            continue  # "Prime Minister Ryutaro Hashimoto", "President Bush": the name says who
        if qualified:
            # "Japan's prime minister", "the president of Armenia": only a holder of that country
            holders = [h for h in holders if country and h.country == country]
            if not holders:
                continue
        before = [x.actor_id for x in named if x.start < s]
        chosen = None
        for aid in reversed(before):
            if any(h.id == aid for h in holders):
                chosen = aid
                break
        if chosen is None and len(holders) == 1 and role != "president":
            chosen = holders[0].id
        if chosen is None:
            # a country qualifier in the role ("tajik president") has already narrowed it;
            # otherwise prefer the holder whose country the article names most
            counts: dict[str, int] = {}
            for x in named:
                a = index.kb.actors.get(x.actor_id)
                if a and a.country:
                    counts[a.country] = counts.get(a.country, 0) + 1
            ranked = sorted(holders, key=lambda h: -counts.get(h.country or "", 0))
            if ranked and counts.get(ranked[0].country or "", 0) > 0 and (
                    len(ranked) == 1 or counts.get(ranked[0].country or "", 0) > counts.get(ranked[1].country or "", 0)):
                chosen = ranked[0].id
        if chosen:
            out.append(ActorMention(s, e, text[s:e], "ROLE", chosen, "role", 0.75))
    return out
