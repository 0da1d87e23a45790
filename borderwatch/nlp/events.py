"""PLOVER events from a parsed document: type, arguments, status, date, place, quantities, evidence.

One sentence may hold several events: the sentence classifier gives the main type and its
trigger; verbs conjoined with the trigger ("killed three and detained five") whose own
trigger lexicon type differs give further events. Every field keeps the character offsets
it came from, and every event its sentence.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from borderwatch.nlp.event_args import Argument, actor_of, recipient_of, status_of
from borderwatch.ontology import plover

CODER = "borderwatch-events/1"
# how much an event of each status counts toward the escalation index: background and
# hypothetical events are not news (issue 5), denials and negations are not events
STATUS_FACTOR = {"occurred": 1.0, "claimed": 0.6, "threatened": 0.5, "planned": 0.5, "denied": 0.2,
                 "negated": 0.0, "hypothetical": 0.0, "historical": 0.0}
MAX_EVENTS_PER_SENTENCE = 3
MAX_SENTENCE_CHARS = 1500  # longer "sentences" are tables or run-on lists: coded from their first part only

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
MODE_RULES: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "COERCE": [("seize", re.compile(r"\b(seiz\w*|confiscat\w*|impound\w*)\b", re.I)),
               ("arrest", re.compile(r"\b(arrest\w*|detain\w*|detention|custody)\b", re.I)),
               ("deport", re.compile(r"\b(deport\w*|expel\w*)\b", re.I)),
               ("restrict", re.compile(r"\b(clos\w*|restrict\w*|ban\w*|suspend\w*)\b", re.I)),
               ("censor", re.compile(r"\b(censor\w*|block\w* (websites?|access))\b", re.I))],
    "MOBILIZE": [("troops", re.compile(r"\b(troops|soldiers|forces|servicemen|units?|battalions?|personnel|parade)\b", re.I)),
                 ("weapons", re.compile(r"\b(weapons|tanks?|artillery|missiles?|armou?r|equipment|vehicles)\b", re.I)),
                 ("police", re.compile(r"\b(police|border guards)\b", re.I))],
    "ASSAULT": [("drone", re.compile(r"\b(drones?|unmanned aerial)\b", re.I)),
                ("aerial", re.compile(r"\b(air ?strikes?|bomb(ed|ing) from the air|aircraft)\b", re.I)),
                ("explosives", re.compile(r"\b(explosi\w*|bomb\w*|IED|grenades?|mines?)\b", re.I)),
                ("heavy-weapons", re.compile(r"\b(shell\w*|artillery|mortars?|rockets?)\b", re.I)),
                ("firearms", re.compile(r"\b(shot|shoot\w*|gunfire|fire[ds]?|opened fire|rifles?|gunmen|firefight|shootout)\b", re.I)),
                ("abduct", re.compile(r"\b(abduct\w*|kidnap\w*|hostages?)\b", re.I))],
    "CONSULT": [("visit", re.compile(r"\b(visit\w*|travel\w* to|arriv\w* in)\b", re.I)),
                ("phone", re.compile(r"\b(phone|telephone|call(ed)?|video ?conference)\b", re.I)),
                ("multilateral", re.compile(r"\b(summit|session|multilateral|conference|council)\b", re.I))],
    "RETREAT": [("withdraw", re.compile(r"\b(withdr\w*|pull\w* (out|back))\b", re.I)),
                ("release", re.compile(r"\b(releas\w*|freed?)\b", re.I)),
                ("ceasefire", re.compile(r"\b(cease-?fire|truce|not (to )?attack each other)\b", re.I))],
    "THREATEN": [("violence", re.compile(r"\b(attack|strike|war|force|resistance|military|retaliat\w*)\b", re.I)),
                 ("territory", re.compile(r"\b(territor\w*|occupy|seize)\b", re.I))],
    "SANCTION": [("discontinue", re.compile(r"\b(cancel\w*|suspend\w*|halt\w*|cut off|stop\w*)\b", re.I))],
}


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

    def as_row(self) -> dict[str, Any]:
        return asdict(self)


def _event_id(doc_id: str, sentence: int, trigger: int, etype: str) -> str:
    return hashlib.sha256(f"{doc_id}\0{sentence}\0{trigger}\0{etype}".encode()).hexdigest()[:16]


def _contexts(text: str, etype: str) -> list[str]:
    out = [name for name, rx in CONTEXT_RULES if rx.search(text)]
    if etype == "COERCE" and "illegal_drugs" in out and "trafficking" not in out:
        out.append("trafficking")  # a drug seizure at a border is trafficking (PLOVER manual example)
    return out


def _mode(etype: str, text: str, predicted: str | None) -> str | None:
    modes = plover().types[etype].modes
    if predicted and predicted in modes:
        return predicted
    for mode, rx in MODE_RULES.get(etype, []):
        if mode in modes and rx.search(text):
            return mode
    return None


def _ref(arg: Argument, mentions: list[Any], kb_actors: dict[str, Any]) -> dict[str, Any]:
    """An argument with the actor whose mention lies inside it (the head's mention first)."""
    inside = [m for m in mentions if m.actor_id and arg.start <= m.start and m.end <= arg.end]
    inside.sort(key=lambda m: (not (m.start <= arg.head < m.end), m.start))
    ref: dict[str, Any] = {"text": arg.text, "start": arg.start, "end": arg.end, "id": None, "name": None,
                           "country": None, "sector": None}
    if inside:
        m = inside[0]
        a = kb_actors.get(m.actor_id)
        ref.update(id=m.actor_id, name=a.name if a else m.text, country=a.country if a else None,
                   sector=a.sector if a else None)
        if a is None and inside[0].actor_id.startswith("demonym:"):
            ref.update(id=None, country=inside[0].actor_id.split(":")[1])
    return ref


def _compound(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Compound actors listed once each: "Russia and Tajikistan" -> two entries, no repeats."""
    seen, out = set(), []
    for r in refs:
        key = r["id"] or r["text"].lower()
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _location(sent: Any, trigger: Any, places: list[dict[str, Any]], args: list[dict[str, Any]],
              focus: dict[str, Any] | None) -> dict[str, Any] | None:
    """The place where this event happened: a resolved place attached to the trigger by a
    locative preposition, else the nearest resolved place in the sentence that is not itself
    the actor or recipient, else the document's focus place (marked as such)."""
    in_sent = [p for p in places if sent.start_char <= p["start"] < sent.end_char and p.get("place_id")]
    arg_spans = [(a["start"], a["end"]) for a in args]
    attached = []
    for p in in_sent:
        tok = sent.doc.char_span(p["start"], p["end"], alignment_mode="expand")
        if tok is None:
            continue
        head = tok.root
        chain = [head, *head.ancestors]
        prep = next((t for t in chain if t.dep_ == "prep" and t.lower_ in ("in", "at", "near", "into", "across", "to",
                                                                            "from", "along", "on", "inside", "outside")),
                    None)
        if prep is not None and (trigger in prep.ancestors or prep.head == trigger):
            attached.append(p)
    candidates = attached or [p for p in in_sent if not any(a <= p["start"] and p["end"] <= b for a, b in arg_spans)]
    if candidates:
        best = min(candidates, key=lambda p: abs(p["start"] - trigger.idx))
        return {**best, "basis": "sentence_attached" if attached else "sentence"}
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
        from borderwatch.nlp.event_type import classify

        predictions = classify(sents)
    focus = _focus_place(places)
    onto = plover()
    events: list[Event] = []
    previous_date = None
    for idx, (sent, pred) in enumerate(zip(sents, predictions, strict=True)):
        # "the day before", "a week later" resolve against the last date the text stated
        sent_dates = dates_mod.find_dates(sent.text, published, doc=sent, previous=previous_date)
        resolved_dates = [d for d in sent_dates if d.date is not None]
        if resolved_dates:
            previous_date = resolved_dates[-1]
        if pred is None or getattr(pred, "event_type", None) is None:
            continue
        etype = pred.event_type
        trigger = _trigger_token(sent, pred)
        if trigger is None:
            continue
        for t_tok, t_type in _events_in_sentence(sent, trigger, etype)[:MAX_EVENTS_PER_SENTENCE]:
            ev = _build(doc, doc_id, idx, sent, t_tok, t_type, pred if t_tok is trigger else None, published,
                        actor_mentions, places, kb_actors, focus, sent_dates, q_mod, dates_mod, onto)
            if ev is not None:
                events.append(ev)
    return events


def _trigger_token(sent: Any, pred: Any) -> Any | None:
    trig = getattr(pred, "trigger", None)
    if trig:
        span = sent.doc.char_span(sent.start_char + trig[0], sent.start_char + trig[1], alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    verbs = [t for t in sent if t.pos_ == "VERB"]
    return verbs[0] if verbs else root


def _events_in_sentence(sent: Any, trigger: Any, etype: str) -> list[tuple[Any, str]]:
    out = [(trigger, etype)]
    try:
        from borderwatch.nlp.event_type import lexicon_type
    except ImportError:
        return out
    for conj in trigger.conjuncts:
        if conj.pos_ != "VERB":
            continue
        t = lexicon_type(conj.lemma_)
        if t and t != etype and all(t != x for _tok, x in out):
            out.append((conj, t))
    return out


def _focus_place(places: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The document's most mentioned resolved place, preferring finer places on ties."""
    counts: dict[str, list[dict[str, Any]]] = {}
    for p in places:
        if p.get("place_id"):
            counts.setdefault(p["place_id"], []).append(p)
    if not counts:
        return None
    best = max(counts.values(), key=lambda ps: (len(ps), -ps[0].get("precision_km", 1e9)))
    p = best[0]
    return {k: p.get(k) for k in ("place_id", "name", "lat", "lon", "country_code", "precision_km")}


def _build(doc: Any, doc_id: str, idx: int, sent: Any, trigger: Any, etype: str, pred: Any, published: date | None,
           actor_mentions: list[Any], places: list[dict[str, Any]], kb_actors: dict[str, Any],
           focus: dict[str, Any] | None, sent_dates: list[Any], q_mod: Any, dates_mod: Any, onto: Any) -> Event | None:
    actor_args = actor_of(trigger)
    recip_args = recipient_of(trigger)
    is_passive = any(c.dep_ == "nsubjpass" for c in trigger.children)
    if etype == "MOBILIZE" and not actor_args and is_passive:
        actor_args, recip_args = recip_args, []  # "special forces were redeployed": the forces are the actor's side
    actors = _compound([_ref(a, actor_mentions, kb_actors) for a in actor_args])
    recipients = _compound([_ref(a, actor_mentions, kb_actors) for a in recip_args])
    rel_offset = trigger.idx - sent.start_char
    when = dates_mod.event_date(sent_dates, published, trigger_offset=rel_offset)
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
    quantities = [q for q in q_mod.find_quantities(sent.text, doc=sent)]
    size = q_mod.casualties(quantities)
    qrows = [{"value": q.value, "low": q.low, "high": q.high, "unit": q.unit, "what": q.what, "text": q.text,
              "start": sent.start_char + q.start, "end": sent.start_char + q.end, "approximate": q.approximate}
             for q in quantities]
    location = _location(sent, trigger, places, actors + recipients, focus)
    mode = _mode(etype, sent.text, getattr(pred, "mode", None))
    contexts = _contexts(sent.text, etype)
    score = float(getattr(pred, "score", 0.6) or 0.6) if pred is not None else 0.5
    completeness = 0.6 + 0.2 * bool(actors and actors[0]["id"]) + 0.1 * bool(recipients) + 0.1 * (when.basis == "explicit")
    confidence = round(min(1.0, score * completeness), 3)
    weight = round(onto.types[etype].weight(mode) * STATUS_FACTOR[st.status], 2)
    date_text = when.text if when.basis != "published_fallback" else None
    ev = Event(
        id=_event_id(doc_id, idx, trigger.idx, etype), doc_id=doc_id, sentence=idx, event_type=etype, mode=mode,
        context=contexts, status=st.status, status_cue=st.cue, actor=actors, recipient=recipients, claimant=claimant,
        date=when.date, date_end=when.date_end, date_precision=when.precision, date_text=date_text,
        date_basis=when.basis, location=location, dead=size.get("dead"), injured=size.get("injured"),
        arrested=size.get("arrested"), quantities=qrows, trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger.text), trigger_text=trigger.text,
        evidence=[{"doc_id": doc_id, "sentence": idx, "start": sent.start_char, "end": sent.end_char,
                   "date_start": (sent.start_char + when.start) if date_text else None,
                   "date_end": (sent.start_char + when.end) if date_text else None}],
        confidence=confidence, weight=weight, doc_ids=[doc_id],
    )
    return ev


def _long_before(when: Any, published: date | None, days: int = 120) -> bool:
    """An event dated well before publication is background, not news."""
    if published is None or not when.date_end:
        return False
    try:
        return (published - date.fromisoformat(when.date_end)).days > days
    except ValueError:
        return False
