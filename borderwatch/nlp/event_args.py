"""Event arguments and status from the dependency parse of one sentence.

Given the trigger token of an event (the verb that reports it), find:

- the **actor**: the subject of the trigger (``nsubj``), the agent of a passive ("by X"), or,
  when the trigger has no subject of its own (an ``xcomp``: "X threatened to attack Y"), the
  subject of the verb it depends on;
- the **recipient**: the direct object, the subject of a passive ("Y was attacked"), or the
  object of a preposition that marks a target ("against", "on", "at", "to", "with", "into",
  "toward");
- the **status**: negated ("did not attack"), denied ("denied its forces were building up"),
  hypothetical ("if … invades"), threatened ("threatened to attack"), planned ("will hold
  talks", "plans to"), claimed (attributed: "according to", "reportedly", a material event
  inside what somebody "said"), historical (background: past perfect, "in the 1990s", a date
  long before publication), else occurred.

Every decision returns the cue that made it, for the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SPEECH_VERBS = {"say", "tell", "claim", "report", "state", "announce", "add", "note", "declare", "write", "insist",
                "assert", "allege", "confirm", "quote", "cite", "suggest", "explain", "believe", "accord", "reveal"}
DENY_VERBS = {"deny", "dismiss", "refute", "reject", "rebuff"}
THREAT_VERBS = {"threaten", "vow", "warn", "pledge"}
PLAN_VERBS = {"plan", "intend", "prepare", "expect", "schedule", "aim", "seek", "propose", "hope", "want", "decide"}
TARGET_PREPS = {"against", "on", "at", "to", "with", "into", "toward", "towards", "upon", "from"}
VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE", "SUPPORT", "CONCEDE", "CONSULT"}
HYPOTHETICAL_MARKS = {"if", "unless", "whether"}
CLAIM_CUES = ("according to", "reportedly", "allegedly", "purportedly", "is said to", "are said to", "was said to",
              "were said to", "is believed to", "are believed to", "claimed", "claims", "unconfirmed")


@dataclass
class Argument:
    start: int  # char offsets in the document
    end: int
    text: str
    head: int  # char offset of the head token


def _span_of(tok: Any) -> Argument:
    """The noun phrase headed by ``tok``: its subtree without relative clauses, appositions or punctuation ends."""
    keep = [tok]
    for child in tok.children:
        if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "advcl") and child.i > tok.i:
            continue
        if child.dep_ == "prep" and child.lower_ != "of":  # "members of Jamaat Ansarullah" stays whole
            continue
        keep.extend(child.subtree)
    lo = min(t.i for t in keep)
    hi = max(t.i for t in keep)
    doc = tok.doc
    while lo < hi and doc[lo].is_punct:
        lo += 1
    while hi > lo and doc[hi].is_punct:
        hi -= 1
    span = doc[lo : hi + 1]
    return Argument(span.start_char, span.end_char, span.text, tok.idx)


def _conjuncts(tok: Any) -> list[Any]:
    return [tok, *[c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]]


def actor_of(trigger: Any) -> list[Argument]:
    v = trigger
    for _ in range(3):
        subj = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if subj:
            return [_span_of(t) for t in _conjuncts(subj[0])]
        agent = [c for c in v.children if c.dep_ == "agent"]
        if agent:
            pobj = [c for c in agent[0].children if c.dep_ == "pobj"]
            if pobj:
                return [_span_of(t) for t in _conjuncts(pobj[0])]
        if v.dep_ in ("xcomp", "conj", "advcl", "ccomp") and v.head is not v:
            if v.dep_ == "ccomp" and v.head.lemma_ in SPEECH_VERBS:
                break  # "X said Y attacked": the speaker is not the actor
            v = v.head
            continue
        break
    return []


def recipient_of(trigger: Any) -> list[Argument]:
    objs = [c for c in trigger.children if c.dep_ in ("dobj", "dative", "nsubjpass", "obj")]
    if objs:
        return [_span_of(t) for t in _conjuncts(objs[0])]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
        pobj = [c for c in prep.children if c.dep_ == "pobj"]
        if pobj:
            return [_span_of(t) for t in _conjuncts(pobj[0])]
    # "threatened to attack Tajikistan": the object of the xcomp
    for x in (c for c in trigger.children if c.dep_ == "xcomp"):
        objs = [c for c in x.children if c.dep_ in ("dobj", "obj")]
        if objs:
            return [_span_of(t) for t in _conjuncts(objs[0])]
    return []


@dataclass
class Status:
    status: str  # occurred | claimed | denied | threatened | planned | hypothetical | historical | negated
    cue: str
    claimant_head: int | None = None  # char offset of the speaker's head token, for claimed/denied


def _ancestors(tok: Any) -> list[Any]:
    return list(tok.ancestors)


def status_of(trigger: Any, sent: Any, event_type: str | None, date_relation: str | None = None,
              date_is_background: bool = False) -> Status:
    """Status of the event whose trigger is ``trigger`` in sentence ``sent`` (a spaCy Span)."""
    if any(c.dep_ == "neg" for c in trigger.children):
        return Status("negated", "negation of the trigger")
    chain = [trigger, *_ancestors(trigger)]
    for a in chain[1:]:
        if a.lemma_ in DENY_VERBS:
            subj = [c for c in a.children if c.dep_ == "nsubj"]
            return Status("denied", f"'{a.text}' governs the event", subj[0].idx if subj else None)
    for a in chain:
        marks = [c for c in a.children if c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS]
        if marks:
            return Status("hypothetical", f"'{marks[0].text}' clause")
        if a.dep_ == "advcl" and any(c.lower_ == "event" for c in a.head.subtree if c.i < a.i):
            return Status("hypothetical", "'in the event of' clause")
    sent_lower = sent.text.lower()
    if "in the event of" in sent_lower or "hypothetically" in sent_lower:
        return Status("hypothetical", "hypothetical wording")
    head = trigger.head if trigger.dep_ in ("xcomp", "ccomp") else None
    if head is not None and head.lemma_ in THREAT_VERBS and event_type != "THREATEN":
        return Status("threatened", f"'{head.text}' + the event")
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll"} or (head is not None and head.lemma_ in PLAN_VERBS) or date_relation == "future":
        return Status("planned", "future tense or plan" if date_relation != "future" else "date after publication")
    if aux & {"could", "might", "may", "would"} and event_type not in VERBAL_TYPES:
        return Status("hypothetical", f"modal '{next(iter(aux & {'could', 'might', 'may', 'would'}))}'")
    if date_is_background:
        return Status("historical", "date long before publication")
    if "had" in aux and trigger.tag_ == "VBN":
        return Status("historical", "past perfect")
    # attribution
    for cue in CLAIM_CUES:
        if cue in sent_lower:
            return Status("claimed", f"'{cue}'")
    if event_type not in VERBAL_TYPES:
        for a in chain[1:]:
            if a.lemma_ in SPEECH_VERBS:
                subj = [c for c in a.children if c.dep_ == "nsubj"]
                return Status("claimed", f"inside what '{a.text}'", subj[0].idx if subj else None)
    return Status("occurred", "")
