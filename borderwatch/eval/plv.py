"""Evaluate event detection + PLOVER typing on the PLV **test** split (1,033 rows, 1,032 distinct sentences).

Data: ``shared/external/event-coding-reliability/plv.csv`` (see SOURCES.md). Gold: one PLOVER
root event per sentence (pre-2021 label set: YIELD = CONCEDE or RETREAT). Every sentence holds
an event, so a sentence the pipeline judges to hold no event counts as wrong ("the event must be
detected, not only classified", issue 5).

Scoring: the full path — the sentence is parsed by the pinned spaCy model and classified by
:func:`borderwatch.nlp.event_type.classify`, no-event decision included; predicted CONCEDE or
RETREAT count as YIELD. Metrics over distinct sentences (the CSV repeats test sentence 27 once
per source–target pair, with the same label): accuracy, macro-F1 over the 15 gold labels,
per-type F1, detected share, n, seconds, sentences/second.

Hook for later: ``run(..., with_arguments=True)`` will add actor/recipient span F1 once
argument extraction exists (``_argument_scores``: gold ``source``/``target`` columns are read
already and passed through in :func:`predict`).

Usage::

    python -m borderwatch.eval.plv [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
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


def predict(rows: list[dict[str, str]]) -> tuple[list[Any], float]:
    """Predictions for ``rows`` through the full path (parse + classify) and the seconds it took.

    Timing covers parsing (spaCy, NER excluded) and classification, not model loading.
    """
    from borderwatch.nlp.event_type import _nlp, classify, load_model

    model = load_model()
    _nlp()
    t0 = time.perf_counter()
    preds = classify([r["text"] for r in rows], model=model)
    return preds, time.perf_counter() - t0


def _argument_scores(rows: list[dict[str, str]], preds: list[Any]) -> dict[str, Any]:
    """Actor/recipient span F1 — to be filled in when argument extraction exists (issue 5).

    Gold spans: ``row["source"]`` (actor) and ``row["target"]`` (recipient), verbatim text.
    """
    return {}


def run(data_dir: Path, limit: int | None = None, with_arguments: bool = False) -> dict[str, Any]:
    """Score the event-type stage on the PLV test split (first ``limit`` sentences).

    Returns accuracy, macro_f1, per_type_f1, detected_share, n, seconds, sentences_per_second,
    plus predicted-type counts and the confusion of the most frequent errors.
    """
    rows = load_test(data_dir, limit)
    preds, secs = predict(rows)
    gold = [r["label"] for r in rows]
    pred = [collapse(p.event_type) for p in preds]
    out = plv_metrics(gold, pred)
    out["seconds"] = round(secs, 2)
    out["sentences_per_second"] = round(len(rows) / secs, 1) if secs > 0 else None
    out["predicted"] = dict(Counter(p or "none" for p in pred).most_common())
    out["top_confusions"] = [f"{g}->{p or 'none'} {n}" for (g, p), n in
                             Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p).most_common(8)]
    if with_arguments:
        out.update(_argument_scores(rows, preds))
    return out


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
    ap = argparse.ArgumentParser(description="PLV test split: event detection + PLOVER type")
    ap.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--worst", type=int, default=0)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.data_dir, args.limit), indent=1))
    if args.worst:
        for case in worst_cases(args.data_dir, args.worst, args.limit):
            print(json.dumps(case, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
