"""`borderwatch eval`: run stage evaluations on public gold data and write the report.

Each adapter reads its data from ../shared/external (or --data / BORDERWATCH_DATA), runs
the real pipeline stage, and returns a flat dict of metrics. Adapters for stages that do not
exist yet are listed as such, never hidden.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from borderwatch import __version__
from borderwatch.errors import BadOption, DataMissing

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Adapter:
    name: str
    stage: str
    data: str  # what gold data it reads
    module: str | None  # "borderwatch.eval.zyte:run"; None = stage not built yet
    anchors: str  # published or measured figures to put beside ours
    issue: int


ADAPTERS: dict[str, Adapter] = {a.name: a for a in [
    Adapter("extract-zyte", "HTML main-text extraction", "article-extraction-benchmark (181 pages)",
            "borderwatch.eval.zyte:run",
            "trafilatura 2.3.1 (include_comments=False) F1 0.960; readability-lxml 0.9 0.955; all visible text 0.665 "
            "(BASELINES.md, measured here with the benchmark's metric); published trafilatura 2.0.0 0.958", 2),
    Adapter("seeds", "text repair on the five seed articles", "../shared/seeds", "borderwatch.eval.seeds:run",
            "issue 2 asks for 6 documents, every title, every broken hyphen repaired, no real hyphen lost, all furniture gone", 2),
    Adapter("samples", "text repair and dedup on the demo corpus", "samples/ (ours, 23 files, 34 articles)",
            "borderwatch.eval.samples:run", "own corpus with a manifest; not independent gold", 2),
    Adapter("plv", "PLOVER event type + actor/recipient spans", "event-coding-reliability/plv.csv",
            "borderwatch.eval.plv:run",
            "TF-IDF+SVM 0.68 acc / 0.65 macro-F1; MiniLM+LR 0.66/0.61; NGEC macro-F1 0.52 (own data)", 5),
    Adapter("plover-gsr", "PLOVER type + actor/recipient country", "PLOVER/PLOVER_GSR_CAMEO.txt (322 records)",
            "borderwatch.eval.plover_gsr:run", "no published system figure on this set (idealised CAMEO manual examples)", 5),
    Adapter("petrarch-gsr", "PLOVER type via CAMEO2PLOVER", "UniversalPetrarch PETR2_GSR_validation.xml (78 sentences)",
            "borderwatch.eval.petrarch:run", "PETRARCH-2 itself produced most of these codings (silver-plus gold)", 5),
    Adapter("geo-gwn", "toponym resolution", "GWN.xml", "borderwatch.eval.geo:run_gwn",
            "Mordecai3 94.1 Acc@161 on its GWN subset; naive prior 0.51 (BASELINES.md)", 4),
    Adapter("geo-tr", "toponym resolution", "TR-News.xml", "borderwatch.eval.geo:run_tr", "Mordecai3 87.3; naive prior 0.59", 4),
    Adapter("geo-lgl", "toponym resolution", "lgl.xml", "borderwatch.eval.geo:run_lgl", "Mordecai3 82.7; naive prior 0.47", 4),
    Adapter("event-location", "place of the verb's event", "event_location RELABEL (496)",
            "borderwatch.eval.event_location:run",
            "token P/R about 0.83 (Halterman 2019)", 5),
    Adapter("quotes-polnear", "direct/indirect quote attribution", "PolNeAR test",
            "borderwatch.eval.polnear:run",
            "textacy para+merge F1 0.731 @0.3 / 0.667 @0.8, speakers 0.95; GGT 83.7 F1; Citron 83.2", 6),
    Adapter("case2021", "fine-grained event types mapped to PLOVER", "CASE 2021 task 2 test (1,019 snippets)",
            "borderwatch.eval.case2021:run", "no comparable figure (the task scored 30 ACLED labels; the mapping is ours)", 5),
]}


def worst_cases(name: str, data: Path, n: int, limit: int | None = None) -> list[dict[str, Any]]:
    """The N worst items of an adapter, if it offers error analysis."""
    a = ADAPTERS[name]
    mod = importlib.import_module((a.module or "").partition(":")[0])
    fn = getattr(mod, "worst_cases", None) or getattr(mod, "worst_pages", None)
    if fn is None:
        return []
    extra = {"corpus": name.removeprefix("geo-")} if name.startswith("geo-") else {}
    return list(fn(data, n=n, limit=limit, **extra))


def default_data_dir() -> Path:
    env = os.environ.get("BORDERWATCH_DATA")
    return Path(env) if env else REPO.parent / "shared" / "external"


def _load(adapter: Adapter) -> Callable[..., dict[str, Any]]:
    assert adapter.module
    mod, _, fn = adapter.module.partition(":")
    return getattr(importlib.import_module(mod), fn)


def run_adapter(name: str, data: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    """Run one adapter; returns {"status": "ok"|"missing_data"|"not_built", "metrics": ..., "seconds": ...}."""
    if name not in ADAPTERS:
        raise BadOption(f"unknown dataset {name!r}; choose one of: {', '.join(ADAPTERS)}")
    a = ADAPTERS[name]
    if a.module is None:
        return {"dataset": name, "status": "not_built", "detail": f"the {a.stage} stage does not exist yet (issue {a.issue})"}
    data_dir = data or default_data_dir()
    t0 = time.perf_counter()
    try:
        metrics = _load(a)(data_dir, limit=limit)
    except DataMissing as e:
        return {"dataset": name, "status": "missing_data", "detail": e.message}
    return {"dataset": name, "status": "ok", "limit": limit, "seconds": round(time.perf_counter() - t0, 2),
            "metrics": metrics}


def code_version() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                             timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        sha = ""
    return f"{__version__}" + (f" (git {sha})" if sha else "")


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    if isinstance(v, list):
        return f"{len(v)} items" if v else "none"
    if isinstance(v, dict):
        return ", ".join(f"{k} {_fmt(x)}" for k, x in v.items())
    return str(v)


def report_markdown(results: list[dict[str, Any]]) -> str:
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# Evaluation",
        "",
        f"Generated by `borderwatch eval report` on {now}, code version {code_version()}.",
        "Every figure below was measured by running the real pipeline stage on gold data written by others",
        "(`../shared/external`, see its SOURCES.md) or on the seed articles. Anchors are the figures of other",
        "systems, stated with how comparable they are. Stages not built yet are listed, not hidden.",
        "",
        "| dataset | stage | status | key figures | anchors | issue |",
        "|---|---|---|---|---|---|",
    ]
    details = []
    for r in results:
        a = ADAPTERS[r["dataset"]]
        if r["status"] == "ok":
            m = r["metrics"]
            key = "; ".join(f"{k} {_fmt(v)}" for k, v in m.items() if k in KEY_FIGURES.get(a.name, ()))
            details.append((a, r))
        else:
            key = r["detail"]
        out.append(f"| {a.name} | {a.stage} | {r['status']} | {key} | {a.anchors} | #{a.issue} |")
    for a, r in details:
        out += ["", f"## {a.name}: {a.stage}", "", f"Data: {a.data}. Run time {r['seconds']} s"
                + (f", limit {r['limit']}" if r.get("limit") else ", full set") + ".", "",
                "| metric | value |", "|---|---|"]
        for k, v in r["metrics"].items():
            if k in ("worst", "per_page"):
                continue
            out.append(f"| {k} | {_fmt(v)} |")
    out.append("")
    return "\n".join(out)


KEY_FIGURES = {
    "event-location": ("events_f1", "events_precision", "events_recall", "events_negatives_correct",
                       "chooser_all_toponyms_f1", "n"),
    "case2021": ("accuracy", "macro_f1", "mode_accuracy", "no_event_accuracy", "detected_share", "n_scored"),
    "plv": ("accuracy", "macro_f1", "detected_share", "actor_token_f1", "recipient_token_f1", "sentences_per_second",
            "caps_accuracy", "caps_actor_token_f1"),
    "plover-gsr": ("accuracy", "macro_f1", "detected_share", "actor_country_accuracy", "recipient_country_accuracy",
                   "actor_token_f1"),
    "petrarch-gsr": ("type_accuracy_any", "macro_f1", "noevent_accuracy", "actor_country_accuracy",
                     "recipient_country_accuracy"),
    "geo-gwn": ("acc161_gold", "exact_id_gold", "acc161_e2e", "exact_id_e2e", "median_km_gold"),
    "geo-tr": ("acc161_gold", "exact_id_gold", "acc161_e2e", "exact_id_e2e", "median_km_gold"),
    "geo-lgl": ("acc161_gold", "exact_id_gold", "acc161_e2e", "exact_id_e2e", "median_km_gold"),
    "quotes-polnear": ("direct_f1_03", "direct_f1_08", "speaker_acc_03", "all_r_03", "all_p_03", "im_r_03", "im_p_03"),
    "samples": ("documents", "titles", "authors", "dates", "broken_hyphens", "real_hyphens", "furniture", "duplicates",
                "false_duplicates"),
    "extract-zyte": ("f1", "precision", "recall", "f1_sd", "pages"),
    "seeds": ("documents", "titles", "broken_hyphens_repaired", "real_hyphens_kept", "furniture_lines_removed"),
}


NOTES_DIR = REPO / "docs" / "eval_notes"


def write_report(path: Path, data: Path | None = None) -> list[dict[str, Any]]:
    """Run every adapter on its full set and write the report, with the hand-written notes
    of docs/eval_notes/<dataset>.md (how comparable the anchors are, what was left out)."""
    results = [run_adapter(n, data) for n in ADAPTERS]
    text = report_markdown(results)
    notes = sorted(NOTES_DIR.glob("*.md")) if NOTES_DIR.is_dir() else []
    if notes:
        text += "\n# Notes\n"
        for n in notes:
            text += "\n" + n.read_text(encoding="utf-8").strip() + "\n"
    path.write_text(text, encoding="utf-8")
    return results


# -- quality gate ----------------------------------------------------------------------
BASELINE = REPO / "eval_baseline.json"


def gate(baseline: Path = BASELINE, data: Path | None = None) -> list[dict[str, Any]]:
    """Run each gated adapter on its CI subset; a metric below floor - margin fails."""
    spec = json.loads(baseline.read_text())
    margin = float(spec.get("margin", 0.0))
    rows = []
    for name, cfg in spec["datasets"].items():
        r = run_adapter(name, data, cfg.get("limit"))
        if r["status"] != "ok":
            rows.append({"dataset": name, "metric": "-", "value": None, "floor": None, "ok": True, "note": r["detail"]})
            continue
        for metric, floor in cfg["floors"].items():
            value = _number(r["metrics"].get(metric))
            ok = value is not None and value >= float(floor) - margin
            rows.append({"dataset": name, "metric": metric, "value": value, "floor": floor, "ok": ok, "note": ""})
    return rows


def _number(v: Any) -> float | None:
    """Metric value as a number: a float, an int, or an "a/b" fraction."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str) and "/" in v:
        a, _, b = v.partition("/")
        try:
            return float(a) / float(b) if float(b) else None
        except ValueError:
            return None
    return None


def module_main(description: str, run: Callable[..., dict[str, Any]],
                worst: Callable[..., list[dict[str, Any]]] | None, argv: list[str] | None = None) -> int:
    """``python -m borderwatch.eval.<adapter> [DATA_DIR] [--limit N] [--worst N]``: the same run
    as ``borderwatch eval <dataset>``, printed as JSON, for work on one adapter."""
    import argparse

    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--worst", type=int, default=0)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.data_dir, limit=args.limit), indent=1, default=str))
    if args.worst and worst is not None:
        for case in worst(args.data_dir, n=args.worst, limit=args.limit):
            print(json.dumps(case, ensure_ascii=False, default=str))
    return 0
