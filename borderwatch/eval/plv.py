"""Evaluate event detection + PLOVER typing on the PLV **test** split (1,033 rows, 1,032 distinct sentences).

Data: ``shared/external/event-coding-reliability/plv.csv`` (see SOURCES.md). Gold: one PLOVER
root event per sentence (pre-2021 label set: YIELD = CONCEDE or RETREAT). Every sentence holds
an event, so a sentence the pipeline judges to hold no event counts as wrong ("the event must be
detected, not only classified", issue 5).

Scoring: the full path - the sentence goes through the production pipeline (rulers, NER,
parser, actor resolution) and the event stage (:func:`borderwatch.nlp.events.extract_events`:
no-event decision, type-score cut, arguments); predicted CONCEDE or RETREAT count as YIELD. Metrics over distinct sentences (the CSV repeats test sentence 27 once
per source–target pair, with the same label): accuracy, macro-F1 over the 15 gold labels,
per-type F1, detected share, n, seconds, sentences/second.

Arguments: actor and recipient token-F1 of the main event's spans against PLV's gold
``source``/``target`` spans (``_argument_scores``).

Usage::

    python -m borderwatch.eval.plv [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing
from borderwatch.train.event_type import collapse, default_data_dir, load_plv, plv_metrics

__all__ = ["default_data_dir", "load_test", "predict", "run", "worst_cases"]


def load_test(data_dir: Path, limit: int | None = None) -> list[dict[str, str]]:
    """Distinct PLV test sentences in file order (first ``limit``). Raises :class:`DataMissing`."""
    rows = load_plv(Path(data_dir), "test")
    if not rows:
        raise DataMissing(f"no PLV test rows in {data_dir}")
    return rows[:limit] if limit is not None else rows


@dataclass
class PipelinePrediction:
    """What the full event stage made of one PLV sentence: the main event's type (None = no
    event detected), its actor and recipient texts, and the classifier's own prediction."""

    event_type: str | None
    score: float
    none_score: float
    scores: dict[str, float]
    trigger_text: str | None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    classifier_type: str | None = None
    confidence: float | None = None  # the main event's confidence, as stored


def predict(rows: list[dict[str, str]]) -> tuple[list[PipelinePrediction], float]:
    """Predictions for ``rows`` through the full event stage, and the seconds it took.

    Each sentence goes through :func:`borderwatch.eval.event_stage.code_texts` (the production
    pipeline and :func:`borderwatch.nlp.events.extract_events`: event detection, the type-score
    cut, arguments and all). The main event is the one on the classifier's trigger of the
    sentence with the highest type score; no event = not detected. Geocoding is left out (it
    changes neither type nor arguments). Timing excludes model loading.
    """
    from borderwatch.eval.event_stage import code_texts

    coded, secs = code_texts(r["text"] for r in rows)
    out: list[PipelinePrediction] = []
    for c in coded:
        preds = c.predictions
        top = max(preds, key=lambda p: p.score if p.event_type else -1.0)
        main = c.main_event()
        out.append(PipelinePrediction(
            event_type=main.event_type if main else None,
            score=top.score, none_score=top.none_score, scores=top.scores,
            trigger_text=main.trigger_text if main else None,
            actors=[a["text"] for a in main.actor] if main else [],
            recipients=[a["text"] for a in main.recipient] if main else [],
            classifier_type=top.event_type, confidence=main.confidence if main else None))
    return out, secs


_TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text) if t.lower() not in ("the", "a", "an")]


def token_f1(pred: str, gold: str) -> float:
    """Token-overlap F1 of two spans (lower-cased words, articles dropped), as in SQuAD."""
    p, g = _tokens(pred), _tokens(gold)
    if not p or not g:
        return float(p == g)
    common = sum((Counter(p) & Counter(g)).values())
    if common == 0:
        return 0.0
    prec, rec = common / len(p), common / len(g)
    return 2 * prec * rec / (prec + rec)


def _argument_scores(rows: list[dict[str, str]], preds: list[Any]) -> dict[str, Any]:
    """Actor and recipient token-F1 against PLV's gold source and target spans.

    Per sentence with a gold span: the F1 of the predicted span that matches it best (a
    compound actor is several spans); a missing prediction scores 0. Averaged over sentences.
    """
    out: dict[str, Any] = {}
    for role, gold_key, attr in (("actor", "source", "actors"), ("recipient", "target", "recipients")):
        scores = []
        for r, p in zip(rows, preds, strict=True):
            gold = (r.get(gold_key) or "").strip()
            if not gold:
                continue
            cands = getattr(p, attr, [])
            scores.append(max((token_f1(c, gold) for c in cands), default=0.0))
        out[f"{role}_token_f1"] = round(sum(scores) / len(scores), 4) if scores else None
        out[f"{role}_n"] = len(scores)
    return out


def run(data_dir: Path, limit: int | None = None, with_arguments: bool = True) -> dict[str, Any]:
    """Score the event stage on the PLV test split (first ``limit`` sentences).

    Returns accuracy, macro_f1, per_type_f1, detected_share (all through the full event stage),
    the classifier's own accuracy and macro-F1 (``classifier_*``: the sentence's type before
    event assembly), actor and recipient token-F1, n, seconds, sentences_per_second, plus
    predicted-type counts and the most frequent confusions.
    """
    rows = load_test(data_dir, limit)
    preds, secs = predict(rows)
    gold = [r["label"] for r in rows]
    pred = [collapse(p.event_type) for p in preds]
    out = plv_metrics(gold, pred)
    alone = plv_metrics(gold, [collapse(p.classifier_type) for p in preds])
    out["classifier_accuracy"] = round(alone["accuracy"], 4)
    out["classifier_macro_f1"] = round(alone["macro_f1"], 4)
    out["seconds"] = round(secs, 2)
    out["sentences_per_second"] = round(len(rows) / secs, 1) if secs > 0 else None
    out["predicted"] = dict(Counter(p or "none" for p in pred).most_common())
    out["top_confusions"] = [f"{g}->{p or 'none'} {n}" for (g, p), n in
                             Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p).most_common(8)]
    out["confidence_bins"] = confidence_bins(gold, preds)
    if with_arguments:
        out.update(_argument_scores(rows, preds))
        out.update(_in_capitals(rows))
    return out


CONFIDENCE_EDGES = (0.0, 0.3, 0.5, 0.7, 1.01)


def confidence_bins(gold: list[str], preds: list[PipelinePrediction]) -> dict[str, str]:
    """Does an event's confidence mean something? For the main events whose confidence falls in
    each band: how many, and the share whose type is right ("0.5-0.7": "212 events, 81% right")."""
    out: dict[str, str] = {}
    for lo, hi in zip(CONFIDENCE_EDGES, CONFIDENCE_EDGES[1:], strict=False):
        hits = [collapse(p.event_type) == g for g, p in zip(gold, preds, strict=True)
                if p.confidence is not None and lo <= p.confidence < hi]
        if hits:
            out[f"{lo:.1f}-{min(hi, 1.0):.1f}"] = f"{len(hits)} events, {sum(hits) / len(hits):.0%} of types right"
    return out


def _in_capitals(rows: list[dict[str, str]]) -> dict[str, Any]:
    """The same sentences written in capitals, as some wires and headlines are: type accuracy and
    macro-F1, actor and recipient token-F1 (``caps_*``). The stage recases such lines before the
    parse (borderwatch.nlp.truecase); without it, the cased model loses most names."""
    caps = [dict(r, text=r["text"].upper()) for r in rows]
    preds, _secs = predict(caps)
    m = plv_metrics([r["label"] for r in rows], [collapse(p.event_type) for p in preds])
    args = _argument_scores(rows, preds)
    return {"caps_accuracy": round(m["accuracy"], 4), "caps_macro_f1": round(m["macro_f1"], 4),
            "caps_actor_token_f1": args["actor_token_f1"], "caps_recipient_token_f1": args["recipient_token_f1"]}


def worst_cases(data_dir: Path, n: int = 10, limit: int | None = None) -> list[dict[str, Any]]:
    """The ``n`` most confident wrong predictions (and undetected events), for error analysis."""
    rows = load_test(data_dir, limit)
    preds, _ = predict(rows)
    bad = []
    for r, p in zip(rows, preds, strict=True):
        if collapse(p.event_type) != r["label"]:
            bad.append((p.score if p.event_type else p.none_score, r, p))
    bad.sort(key=lambda x: -x[0])
    out = []
    for conf, r, p in bad[:n]:
        top = sorted(p.scores.items(), key=lambda kv: -kv[1])[:3]
        out.append({
            "sentence_id": r["id"], "text": r["text"], "gold": r["label"], "predicted": p.event_type or "none",
            "confidence": round(conf, 3), "top3": ", ".join(f"{k} {v:.2f}" for k, v in top),
            "trigger": p.trigger_text, "none_score": round(p.none_score, 3),
        })
    return out


def main(argv: list[str] | None = None) -> int:
    from borderwatch.eval.runner import module_main

    return module_main("PLV test split: event detection + PLOVER type", run, worst_cases, argv)


if __name__ == "__main__":
    raise SystemExit(main())
