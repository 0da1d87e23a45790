"""The claims ledger: attributed propositions, their stance, and where sources contradict each other.

A claim is what somebody asserts, denies or doubts, through some channel:

- every quote is a claim by its speaker (stance from the cue: "denied" → denies,
  "doubted"/"questioned" → doubts, else asserts), linked to the event reported in the same
  sentence when there is one;
- every event whose status is ``claimed`` or ``denied`` is a claim by its claimant ("according
  to the Russian media", "a source in the Tajik border service", the spokesman who denied it).

Contradictions are found across the whole database, within and across documents, between
reports of the *same* event (``same_event``: the same PLOVER type, and place, stated date,
actors and figures compared - nearby sentences of one document, or at least two agreeing
features across documents with at most one disagreeing):

- ``claim_denial``: one report asserts it, another denies it;
- ``conflicting_figures``: both give a figure for the same thing (troops, dead, arrested; other
  things only in the same unit) and the figures differ by a factor of 3 or more ("dozens"
  against "thousands");
- ``conflicting_dates``: both date it to the day, more than 2 days apart;
- ``conflicting_places``: both place it at fine places (under 150 km precision) farther apart
  than their precisions allow.
"""

from __future__ import annotations

import hashlib
import math
import re
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


# a negated cue just before the cue word ("have not commented", "did not say", "never said")
_NOT_SAID = re.compile(r"\b(?:not|never|n['’]t)\s+(?:yet\s+)?$", re.I)


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
        if q.cue is not None and _NOT_SAID.search(text[max(0, q.cue[0] - 30):q.cue[0]]):
            continue  # "the border troops have not commented on the report": nobody claimed anything
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


FINE_PLACE_KM = 150.0  # a place coarser than this (a country, "southern Tajikistan") cannot tell events apart
PEOPLE = {"troops", "dead", "injured", "arrested", "people", "refugees", "militants", "personnel"}


def _place_agreement(a: dict[str, Any], b: dict[str, Any]) -> int:
    """+1 same place, -1 different places, 0 unknown (no place, a focus place, or too coarse)."""
    la, lb = a.get("location"), b.get("location")
    if not (la and lb) or "document_focus" in (la.get("basis"), lb.get("basis")):
        return 0
    if "sentence_unresolved" in (la.get("basis"), lb.get("basis")):
        # a place the gazetteer does not know: its coordinates are borrowed, only its words compare
        same = la.get("basis") == lb.get("basis") and (la.get("text") or "").lower() == (lb.get("text") or "").lower()
        return 1 if same else 0
    pa, pb = la.get("precision_km") or 0.0, lb.get("precision_km") or 0.0
    if la.get("place_id") and la.get("place_id") == lb.get("place_id"):
        return 1 if max(pa, pb) <= FINE_PLACE_KM else 0
    if max(pa, pb) > FINE_PLACE_KM:
        return 0
    km = _km(la, lb)
    if km <= max(pa, pb):
        return 1
    return -1 if km > pa + pb + 50 else 0


def _date_agreement(a: dict[str, Any], b: dict[str, Any]) -> int:
    """+1 stated dates that agree, -1 two stated days more than DATE_TOLERANCE_DAYS apart, 0 else."""
    if "published_fallback" in (a.get("date_basis"), b.get("date_basis")):
        return 0
    a0, a1 = _days(a.get("date")), _days(a.get("date_end") or a.get("date"))
    b0, b1 = _days(b.get("date")), _days(b.get("date_end") or b.get("date"))
    if not (a0 and a1 and b0 and b1):
        return 0
    tol = DATE_TOLERANCE_DAYS
    if (a0 - b1).days > tol or (b0 - a1).days > tol:
        return -1 if a.get("date_precision") == "day" == b.get("date_precision") else 0
    return 1 if max((a1 - a0).days, (b1 - b0).days) <= 31 else 0


def _actor_agreement(a: dict[str, Any], b: dict[str, Any]) -> int:
    """+1 a shared actor (or, failing ids, a shared country), -1 actors of different countries, 0 unknown."""
    ia, ib = _actor_ids(a), _actor_ids(b)
    if ia & ib:
        return 1
    ca = {x.get("country") for x in a.get("actor", []) if x.get("country")}
    cb = {x.get("country") for x in b.get("actor", []) if x.get("country")}
    if ca and cb:
        return 1 if ca & cb else -1
    return 0


def _figure_pairs(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, tuple[float, float], tuple[float, float]]]:
    """Figures both reports give for the same thing: people by category; other things only
    when the unit is the same ("500 pieces of hardware" and "18 aircraft" are not comparable)."""
    fa, fb = _figures(a), _figures(b)
    out = []
    for key in fa.keys() & fb.keys():
        what, _, unit = key.partition("|")
        if what in PEOPLE or unit:
            out.append((what if what in PEOPLE else f"{what} ({unit})", fa[key], fb[key]))
    return out


def _figure_agreement(a: dict[str, Any], b: dict[str, Any]) -> int:
    pairs = _figure_pairs(a, b)
    if not pairs:
        return 0
    if any(_ratio(x, y) >= FIGURE_RATIO for _w, x, y in pairs):
        return -1
    return 1 if all(_ratio(x, y) <= 1.25 for _w, x, y in pairs) else 0


def _ratio(x: tuple[float, float], y: tuple[float, float]) -> float:
    (alo, ahi), (blo, bhi) = x, y
    if ahi <= 0 or bhi <= 0:
        return 1.0
    return max(blo / ahi, alo / bhi, 1.0)


def agreement(a: dict[str, Any], b: dict[str, Any]) -> dict[str, int]:
    return {"place": _place_agreement(a, b), "date": _date_agreement(a, b), "actor": _actor_agreement(a, b),
            "figures": _figure_agreement(a, b)}


def same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Could two event records describe the same happening?

    The PLOVER type must agree. Four features are compared: place, stated date, actors and
    figures (each agrees, disagrees or cannot tell). Within one document, reports in nearby
    sentences (at most two apart) are the same event when no feature disagrees and one agrees;
    a denial and a claim of the same type are, anywhere in the document, when no feature
    disagrees; two claims by different sources in nearby sentences are one event whose figures
    conflict when only the figures disagree. Across
    documents, at least two features must agree and at most one disagree - the one that is
    then reported as the contradiction - and dates, when both are known, within
    SAME_EVENT_WINDOW_DAYS."""
    if a["id"] == b["id"] or a["event_type"] != b["event_type"]:
        return False
    if bool(a.get("aggregate")) != bool(b.get("aggregate")):
        return False  # a count over a period is never one of the incidents it counts
    da, db_ = _days(a.get("date")), _days(b.get("date"))
    if da and db_ and abs((da - db_).days) > SAME_EVENT_WINDOW_DAYS:
        return False
    ag = agreement(a, b)
    agree = sum(1 for v in ag.values() if v > 0)
    disagree = sum(1 for v in ag.values() if v < 0)
    if a["doc_id"] == b["doc_id"]:
        # one text telling one story: a denial answers a claim of the same kind anywhere in it;
        # otherwise nearby reports are one event only when nothing sets them apart and
        # something links them
        if ("denied" in (a["status"], b["status"])) != (a["status"] == b["status"] == "denied"):
            return disagree == 0
        if abs(a["sentence"] - b["sentence"]) > 2 or agree < 1:
            return False
        # "the border service said three were killed; Taliban officials said only one died": two
        # sources' figures for one episode are its conflicting figures, not two episodes
        return disagree == 0 or (disagree == 1 and ag["figures"] < 0 and _other_sources(a, b))
    return agree >= 2 and disagree <= 1


def _other_sources(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Are two reports claims of two different sources?"""
    ca, cb = a.get("claimant") or {}, b.get("claimant") or {}
    if a["status"] != "claimed" or b["status"] != "claimed" or not ca or not cb:
        return False
    if ca.get("id") and cb.get("id"):
        return ca["id"] != cb["id"]
    return (ca.get("text") or "").lower() != (cb.get("text") or "").lower()


def _figures(e: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Figures of an event by ``what|unit`` (unit empty for people)."""
    out: dict[str, tuple[float, float]] = {}
    for q in e.get("quantities", []):
        lo = q.get("low") if q.get("low") is not None else q.get("value")
        hi = q.get("high") if q.get("high") is not None else q.get("value")
        if lo is None and hi is None:
            continue
        lo = lo if lo is not None else hi
        hi = hi if hi is not None else lo
        what = q.get("what")
        if what and what != "other":
            unit = "" if what in PEOPLE else (q.get("unit") or "").lower()
            out.setdefault(f"{what}|{unit}", (float(lo), float(hi)))
    return out


def contradictions(a: dict[str, Any], b: dict[str, Any]) -> list[tuple[str, str]]:
    """How two reports of the same event contradict each other: [(kind, detail)]."""
    out: list[tuple[str, str]] = []
    pos = {"occurred", "claimed"}
    if (a["status"] in pos and b["status"] == "denied") or (b["status"] in pos and a["status"] == "denied"):
        out.append(("claim_denial", f"{a['status']} vs {b['status']}"))
    for what, x, y in _figure_pairs(a, b):
        if _ratio(x, y) >= FIGURE_RATIO:
            base = what.split(" (")[0]
            ta = next((q["text"] for q in a["quantities"] if q.get("what") == base), "?")
            tb = next((q["text"] for q in b["quantities"] if q.get("what") == base), "?")
            out.append(("conflicting_figures", f"{what}: '{ta}' vs '{tb}'"))
    if _date_agreement(a, b) < 0:
        out.append(("conflicting_dates", f"{a['date']} vs {b['date']}"))
    if _place_agreement(a, b) < 0:
        out.append(("conflicting_places", f"{a['location'].get('name')} vs {b['location'].get('name')}"))
    return out


def _block_keys(e: dict[str, Any]) -> set[str]:
    """Keys under which an event is compared with other documents' events: one of place or
    actor must agree for two reports to be the same event (``same_event`` needs two features)."""
    keys = {f"a:{i}" for i in _actor_ids(e)}
    keys |= {f"c:{x['country']}" for x in e.get("actor", []) if x.get("country")}
    loc = e.get("location")
    if loc and loc.get("basis") not in ("document_focus", "sentence_unresolved") and loc.get("place_id"):
        keys.add(f"p:{loc['place_id']}")
    return keys


def find_contradictions(events: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """All contradicting pairs (event_a, event_b, kind, detail) over a corpus.

    Pairs are blocked for speed: by PLOVER type; within a document, sentences at most two
    apart, or any denial with any other report; across documents, events sharing a place or an actor (id or country) whose dates,
    when both are known, lie within SAME_EVENT_WINDOW_DAYS."""
    out: dict[tuple[str, str, str], str] = {}
    seen: set[tuple[str, str]] = set()

    def check(a: dict[str, Any], b: dict[str, Any]) -> None:
        key = (a["id"], b["id"]) if a["id"] < b["id"] else (b["id"], a["id"])
        if key in seen:
            return
        seen.add(key)
        if same_event(a, b):
            first, second = (a, b) if a["id"] == key[0] else (b, a)
            for kind, detail in contradictions(first, second):
                out.setdefault((key[0], key[1], kind), detail)

    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    buckets: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in events:
        if e["status"] in ("hypothetical", "negated"):
            continue
        by_doc.setdefault((e["event_type"], e["doc_id"]), []).append(e)
        for k in _block_keys(e):
            buckets.setdefault((e["event_type"], k), []).append(e)
    for evs in by_doc.values():
        evs.sort(key=lambda e: e["sentence"])
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                if b["sentence"] - a["sentence"] > 2 and "denied" not in (a["status"], b["status"]):
                    continue
                check(a, b)
    for evs in buckets.values():
        dated = sorted((e for e in evs if _days(e.get("date"))), key=lambda e: e["date"])
        undated = [e for e in evs if not _days(e.get("date"))]
        for i, a in enumerate(dated):
            da = _days(a["date"])
            for b in dated[i + 1:]:
                if (_days(b["date"]) - da).days > SAME_EVENT_WINDOW_DAYS:  # type: ignore[operator]
                    break
                if b["doc_id"] != a["doc_id"]:
                    check(a, b)
        for i, a in enumerate(undated):
            for b in undated[i + 1:] + dated:
                if b["doc_id"] != a["doc_id"]:
                    check(a, b)
    return [(a, b, kind, detail) for (a, b, kind), detail in sorted(out.items())]
