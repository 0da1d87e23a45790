"""The claims ledger: attributed propositions, their stance, and where sources contradict each other.

A claim is what somebody asserts, denies or doubts, through some channel:

- every quote is a claim by its speaker (stance from the cue: "denied" → denies,
  "doubted"/"questioned" → doubts, else asserts), linked to the event reported in the same
  sentence when there is one;
- every event whose status is ``claimed`` or ``denied`` is a claim by its claimant ("according
  to the Russian media", "a source in the Tajik border service", the spokesman who denied it).

Contradictions are found across the whole database, within and across documents, between
claims about the *same* event — same PLOVER type, and the same place or an overlapping actor,
and dates that do not rule it out:

- ``claim_denial``: one report asserts it, another denies it;
- ``conflicting_figures``: both give a figure for the same thing (troops, dead, drugs...) and
  the figures differ by a factor of 3 or more ("dozens" against "thousands");
- ``conflicting_dates``: both date it to the day, more than 2 days apart;
- ``conflicting_places``: both place it, farther apart than their precisions allow.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

DENY_CUES = {"deny", "denied", "denies", "denying", "refute", "refuted", "dismiss", "dismissed", "reject", "rejected",
             "rebuff", "rebuffed"}
DOUBT_CUES = {"doubt", "doubted", "doubts", "question", "questioned", "unlikely", "skeptical", "sceptical", "not convinced"}
FIGURE_RATIO = 3.0  # figures this far apart describe different realities, not rounding
DATE_TOLERANCE_DAYS = 2
SAME_EVENT_WINDOW_DAYS = 14


@dataclass
class Claim:
    id: str
    doc_id: str
    claimant: dict[str, Any] | None  # {actor_id, name, text, start, end}
    channel: dict[str, Any] | None
    text: str
    start: int
    end: int
    stance: str  # asserts | denies | doubts
    event_id: str | None
    quote_index: int | None = None
    contradicts: list[dict[str, Any]] = field(default_factory=list)  # [{claim_id, kind, detail}]


def claim_id(doc_id: str, start: int, end: int, kind: str) -> str:
    return hashlib.sha256(f"{doc_id}\0{start}\0{end}\0{kind}".encode()).hexdigest()[:16]


def stance_of(cue_text: str | None, content: str) -> str:
    words = {w.strip(".,;:").lower() for w in (cue_text or "").split()}
    if words & DENY_CUES:
        return "denies"
    low = content.lower()
    if words & DOUBT_CUES or any(c in low for c in ("not convinced", "doubtful", "it is unclear whether")):
        return "doubts"
    return "asserts"


def claims_for_document(doc_id: str, text: str, events: list[dict[str, Any]], quotes: list[Any],
                        actor_names: dict[str, str]) -> list[Claim]:
    """Claims of one document from its quotes and its claimed/denied events."""
    out: list[Claim] = []
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for e in events:
        by_sentence.setdefault(e["sentence"], []).append(e)
    for qi, q in enumerate(quotes):
        speaker = None
        if q.speaker is not None or q.speaker_actor_id:
            s0, s1, stext = q.speaker if q.speaker else (None, None, None)
            speaker = {"actor_id": q.speaker_actor_id, "name": actor_names.get(q.speaker_actor_id or "", stext),
                       "text": stext, "start": s0, "end": s1}
        channel = None
        if q.channel is not None:
            c0, c1, ctext = q.channel
            channel = {"actor_id": q.channel_actor_id, "name": actor_names.get(q.channel_actor_id or "", ctext),
                       "text": ctext, "start": c0, "end": c1}
        linked = None
        for e in by_sentence.get(q.sentence if q.sentence is not None else -1, []):
            if q.start <= e["trigger_start"] < q.end or e["status"] in ("claimed", "denied"):
                linked = e["id"]
                break
        stance = stance_of(q.cue[2] if q.cue else None, q.text)
        out.append(Claim(claim_id(doc_id, q.start, q.end, "quote"), doc_id, speaker, channel, q.text, q.start, q.end,
                         stance, linked, quote_index=qi))
    quoted_events = {c.event_id for c in out if c.event_id}
    for e in events:
        if e["status"] not in ("claimed", "denied") or e["id"] in quoted_events:
            continue
        ev = e["evidence"][0]
        cl = e.get("claimant")
        claimant = None
        if cl:
            claimant = {"actor_id": cl.get("id"), "name": actor_names.get(cl.get("id") or "", cl.get("text")),
                        "text": cl.get("text"), "start": cl.get("start"), "end": cl.get("end")}
        out.append(Claim(claim_id(doc_id, ev["start"], ev["end"], "event:" + e["id"]), doc_id, claimant, None,
                         text[ev["start"]:ev["end"]], ev["start"], ev["end"],
                         "denies" if e["status"] == "denied" else "asserts", e["id"]))
    return out


# -- contradictions ---------------------------------------------------------------------------

def _actor_ids(e: dict[str, Any]) -> set[str]:
    return {a["id"] for a in e.get("actor", []) if a.get("id")}


def _days(d: str | None) -> date | None:
    try:
        return date.fromisoformat(d) if d else None
    except ValueError:
        return None


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Could two event records describe the same happening? Type must agree; place or actor must
    link them; dates (when both are known) must fall within SAME_EVENT_WINDOW_DAYS."""
    if a["id"] == b["id"] or a["event_type"] != b["event_type"]:
        return False
    da, db_ = _days(a.get("date")), _days(b.get("date"))
    if da and db_ and abs((da - db_).days) > SAME_EVENT_WINDOW_DAYS and a.get("date_basis") != "published_fallback" \
            and b.get("date_basis") != "published_fallback":
        return False
    la, lb = a.get("location"), b.get("location")
    same_place = bool(la and lb and la.get("basis") != "document_focus" and lb.get("basis") != "document_focus"
                      and (la.get("place_id") == lb.get("place_id")
                           or _km(la, lb) <= (la.get("precision_km") or 0) + (lb.get("precision_km") or 0)))
    shared_actor = bool(_actor_ids(a) & _actor_ids(b))
    if a["doc_id"] == b["doc_id"]:
        return same_place or shared_actor or abs(a["sentence"] - b["sentence"]) <= 1
    return same_place and (shared_actor or not _actor_ids(a) or not _actor_ids(b))


def _figures(e: dict[str, Any]) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for q in e.get("quantities", []):
        lo = q.get("low") if q.get("low") is not None else q.get("value")
        hi = q.get("high") if q.get("high") is not None else q.get("value")
        if lo is None and hi is None:
            continue
        lo = lo if lo is not None else hi
        hi = hi if hi is not None else lo
        if q.get("what") and q["what"] != "other":
            out.setdefault(q["what"], (float(lo), float(hi)))
    return out


def contradictions(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, str]]:
    """How two reports of the same event contradict each other: [(kind, detail)]."""
    out: list[tuple[str, str]] = []
    pos = {"occurred", "claimed"}
    if (a["status"] in pos and b["status"] == "denied") or (b["status"] in pos and a["status"] == "denied"):
        out.append(("claim_denial", f"{a['status']} vs {b['status']}"))
    fa, fb = _figures(a), _figures(b)
    for what in fa.keys() & fb.keys():
        (alo, ahi), (blo, bhi) = fa[what], fb[what]
        if ahi > 0 and bhi > 0 and (blo / ahi >= FIGURE_RATIO or alo / bhi >= FIGURE_RATIO):
            ta = next((q["text"] for q in a["quantities"] if q.get("what") == what), "?")
            tb = next((q["text"] for q in b["quantities"] if q.get("what") == what), "?")
            out.append(("conflicting_figures", f"{what}: '{ta}' vs '{tb}'"))
    da, db_ = _days(a.get("date")), _days(b.get("date"))
    if (da and db_ and a.get("date_precision") == "day" == b.get("date_precision")
            and a.get("date_basis") not in ("published_fallback", None) and b.get("date_basis") not in ("published_fallback", None)
            and abs((da - db_).days) > DATE_TOLERANCE_DAYS):
        out.append(("conflicting_dates", f"{a['date']} vs {b['date']}"))
    la, lb = a.get("location"), b.get("location")
    if (la and lb and la.get("basis") != "document_focus" and lb.get("basis") != "document_focus"
            and _km(la, lb) > (la.get("precision_km") or 0) + (lb.get("precision_km") or 0) + 50):
        out.append(("conflicting_places", f"{la.get('name')} vs {lb.get('name')}"))
    return out


def find_contradictions(events: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """All contradicting pairs (event_a, event_b, kind, detail), blocked by type for speed."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e["status"] in ("hypothetical", "negated"):
            continue
        by_type.setdefault(e["event_type"], []).append(e)
    out = []
    for evs in by_type.values():
        evs.sort(key=lambda e: e.get("date") or "")
        for i, a in enumerate(evs):
            for b in evs[i + 1 :]:
                if same_event(a, b):
                    for kind, detail in contradictions(a, b):
                        out.append((a["id"], b["id"], kind, detail))
    return out
