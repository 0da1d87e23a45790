"""Which place named in a sentence is where *this* event happened: a small learned ranker.

A sentence often names several places: "Iraqi police said a bomb exploded in a market in
western Mosul, two days after the Baghdad talks" holds one event place (Mosul) and two that
are not (the police's country, the talks' city). Each candidate place span gets features from
the dependency path between it and the event's trigger (the preposition that attaches it,
the labels on the way up, whether the trigger governs it), its role (a qualifier such as
"Iraqi police", a participant, a dateline), its position and distance, its NER label and
whether the gazetteer resolved it. A logistic regression over those features scores each
candidate; the best one above a threshold is the event's place, otherwise the sentence does
not say where (and the caller falls back on context or the document's focus, marked so).

The weights live in ``data/location/model.json`` (a few hundred features, plain JSON; no
scikit-learn at run time). They are trained by ``borderwatch train event-location`` on the
~9,100 non-RELABEL records of Halterman's event-location data, never on the 496 RELABEL
records that ``borderwatch eval event-location`` scores (see docs/model_card_event_location.md).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).resolve().parent / "data" / "location"
LOCATIVE = {"in", "at", "near", "into", "across", "to", "from", "along", "on", "inside", "outside",
            "around", "towards", "toward", "through", "over", "off", "within", "beyond", "past", "throughout",
            "between", "opposite", "onto", "upon", "under"}
PLACE_HEADS = {"border", "province", "district", "region", "city", "area", "village", "town", "valley", "frontier",
               "side", "territory", "countryside", "outskirts", "suburb", "neighbourhood", "neighborhood", "coast",
               "capital", "state", "county", "camp", "street", "road", "market", "part", "north", "south", "east",
               "west", "centre", "center", "governorate", "highway", "base"}
MAX_PATH = 4


@dataclass(frozen=True)
class LocationModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> LocationModel | None:
    """The shipped ranker, or None when its file is missing (the caller's rules then decide)."""
    f = Path(path) if path else MODEL_DIR / "model.json"
    if not f.is_file():
        return None
    data = json.loads(f.read_text(encoding="utf-8"))
    return LocationModel(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                         threshold=float(data["threshold"]))


def _bucket(n: int) -> str:
    for lim, name in ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= lim:
            return name
    return "21+"


def _path_up(tok: Any, stop: Any) -> list[Any]:
    """Tokens from ``tok`` up to (not including) ``stop``; the whole chain to the root when
    ``stop`` is not an ancestor."""
    out = []
    t = tok
    while t is not stop and t.head is not t and len(out) < 12:
        out.append(t)
        t = t.head
    if t is not stop and t.head is t and t is not stop:
        out.append(t)
    return out


def _lca(a: Any, b: Any) -> Any | None:
    anc = {a.i, *(t.i for t in a.ancestors)}
    for t in [b, *b.ancestors]:
        if t.i in anc:
            return t
    return None


def features(sent: Any, trigger: Any, span: Any, cand: dict[str, Any], arg_spans: list[tuple[int, int]],
             n_candidates: int, rank: int) -> list[str]:
    """Feature strings of one candidate place span (a spaCy Span) for the event on ``trigger``.
    ``rank`` is the candidate's rank by distance to the trigger (0 = nearest)."""
    root = span.root
    f = ["bias_cand"]
    kind = cand.get("kind") or "toponym"
    f.append(f"kind={kind}")
    f.append(f"ent={root.ent_type_ or '-'}")
    resolved = bool(cand.get("place_id")) and cand.get("place_id") != "unresolved"
    f.append(f"resolved={resolved}")
    prec = cand.get("precision_km")
    if resolved and prec is not None:
        f.append("prec=" + ("fine" if prec <= 30 else "admin" if prec <= 300 else "country"))
    f.append(f"dep={root.dep_}")
    f.append(f"headdep={root.dep_}>{root.head.dep_}")
    head_lemma = root.head.lemma_.lower()
    if root.dep_ in ("compound", "amod", "poss", "nmod"):
        f.append("qualifies_place_noun" if head_lemma in PLACE_HEADS else "qualifies_noun")
        if root.head.ent_type_:
            f.append(f"qualifies_ent={root.head.ent_type_}")
    if root.dep_ == "pobj":
        prep = root.head
        f.append(f"prep={prep.lower_}")
        f.append(f"prep_head_pos={prep.head.pos_}")
        if prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in PLACE_HEADS:
            f.append(f"prep_of_place_noun={prep.lower_}")
    elif root.dep_ == "appos":
        f.append(f"appos_of_dep={root.head.dep_}")
    # the nearest preposition above the candidate (through a place noun: "in the city of X")
    prep = next((t for t in _path_up(root, trigger) if t.dep_ == "prep"), None)
    if prep is not None:
        f.append(f"nearprep={prep.lower_}")
        f.append(f"nearprep_loc={prep.lower_ in LOCATIVE}")
    # dependency path between trigger and candidate
    lca = _lca(root, trigger)
    if lca is None:
        f.append("path=none")
    else:
        up = [t.dep_ for t in _path_up(root, lca)]
        down = [t.dep_ for t in _path_up(trigger, lca)]
        f.append(f"up_len={min(len(up), MAX_PATH + 1)}")
        f.append(f"down_len={min(len(down), 3)}")
        f.append("up=" + ">".join(up[:MAX_PATH]))
        if not down:
            f.append("governed_by_trigger")
            f.append("gov_up=" + ">".join(up[-2:]))
        elif lca is root or root in trigger.ancestors:
            f.append("governs_trigger")
        else:
            f.append("down=" + ">".join(down[:2]))
            f.append(f"lca_pos={lca.pos_}")
        clause_breaks = sum(d in ("ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis") for d in up + down)
        f.append(f"clause_breaks={min(clause_breaks, 3)}")
        if any(d in ("relcl", "acl") for d in up):
            f.append("in_relcl_or_acl")
    # position and distance
    before = span.start < trigger.i
    f.append("before" if before else "after")
    dist = (trigger.i - span.end) if before else (span.start - trigger.i)
    f.append(f"dist={_bucket(max(0, dist))}")
    f.append(f"rank={min(rank, 3)}")
    f.append(f"n_cand={min(n_candidates, 4)}")
    f.append(f"rank={min(rank, 3)}&{'before' if before else 'after'}")
    if span.start - sent.start <= 1:
        f.append("sentence_initial")
    if root.text.isupper() and len(root.text) > 2:
        f.append("all_caps")
    if any(a <= cand["start"] and cand["end"] <= b for a, b in arg_spans):
        f.append("inside_argument")
        if any(a == cand["start"] and cand["end"] == b for a, b in arg_spans):
            f.append("is_argument")
    nxt = sent.doc[span.end] if span.end < len(sent.doc) else None
    if nxt is not None and nxt.text in ("—", "–", "(", ":") and span.start - sent.start <= 1:
        f.append("dateline")
    if nxt is not None and nxt.lower_ in ("'s", "’s"):
        f.append("possessive")
    return f


def candidate_features(sent: Any, trigger: Any, cands: list[dict[str, Any]], args: list[dict[str, Any]]
                       ) -> list[tuple[list[str], dict[str, Any]]]:
    """(features, candidate) for every candidate place dict inside ``sent`` (others are skipped)."""
    doc = sent.doc
    arg_spans = [(a["start"], a["end"]) for a in args if a.get("start") is not None]
    spans = []
    for c in cands:
        span = doc.char_span(c["start"], c["end"], alignment_mode="expand")
        if span is not None and len(span) and sent.start <= span.start < sent.end:
            spans.append((c, span))
    order = sorted(range(len(spans)), key=lambda i: abs(spans[i][1].start - trigger.i))
    rank = {i: r for r, i in enumerate(order)}
    return [(features(sent, trigger, span, c, arg_spans, len(spans), rank[i]), c) for i, (c, span) in enumerate(spans)]


def rank_candidates(sent: Any, trigger: Any, cands: list[dict[str, Any]], args: list[dict[str, Any]],
                    model: LocationModel) -> list[tuple[float, dict[str, Any]]]:
    """(score, candidate) for every candidate place dict inside ``sent``, best first."""
    scored = [(model.score(f), c) for f, c in candidate_features(sent, trigger, cands, args)]
    return sorted(scored, key=lambda x: -x[0])


def trigger_args(trigger: Any) -> list[dict[str, Any]]:
    """Actor and recipient spans of a trigger as the event stage finds them (subject or agent;
    the actor-like objects and targets), for scoring places where no event record exists yet."""
    from borderwatch.nlp.event_args import actor_of, recipient_of

    return [{"start": a.start, "end": a.end, "text": a.text} for a in actor_of(trigger) + recipient_of(trigger)]
