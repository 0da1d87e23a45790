"""Evaluate main-text extraction on the Zyte article-extraction benchmark (181 news pages).

Data: ``shared/external/article-extraction-benchmark/`` (``ground-truth.json`` maps a page id to
``{"articleBody", "url"}``; ``html/<id>.html.gz`` holds the page, UTF-8). Metric: the
benchmark's own 4-shingle P/R/F1 (:func:`borderwatch.eval.scoring.zyte_prf`).

Pages are sorted by id. Parameters of the BorderWatch cascade were chosen on the even-indexed
pages (0, 2, 4, ...); :func:`run` reports all pages and both halves, so the odd half is the
figure not used for any choice.

Usage::

    python -m borderwatch.eval.zyte [DATA_DIR] [--extractor NAME] [--limit N] [--worst N]

Extractors: ``borderwatch`` (:func:`borderwatch.ingest.html.extract_html`, no URL given, as
for the baselines), ``trafilatura`` (2.3.1, ``include_comments=False``: the benchmark's own
call), ``readability`` (readability-lxml ``summary(html_partial=True)`` rendered by html-text:
the benchmark's call), ``html-text`` (all visible text) and ``trafilatura-fast``
(``fast=True, include_comments=False``, the trafilatura half of our cascade).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing
from borderwatch.eval.scoring import bag_prf_corpus, paired_bootstrap_diff, shingle_counts, zyte_prf

__all__ = [
    "EXTRACTORS",
    "Page",
    "compare",
    "default_data_dir",
    "load_pages",
    "predict",
    "resolve_data_dir",
    "run",
    "worst_pages",
]

EXTRACTORS = ("borderwatch", "trafilatura", "trafilatura-fast", "readability", "html-text")


@dataclass(frozen=True)
class Page:
    id: str
    url: str | None
    html: str
    gold: str


def default_data_dir() -> Path:
    """``<repo>/../shared/external/article-extraction-benchmark``."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "external" / "article-extraction-benchmark"


def resolve_data_dir(data_dir: Path) -> Path:
    """The benchmark folder: ``data_dir`` itself or its ``article-extraction-benchmark``
    subfolder (so both the benchmark folder and ``shared/external`` work, the latter being what
    ``borderwatch eval`` passes). Raises :class:`DataMissing` when neither holds the data."""
    data_dir = Path(data_dir)
    for cand in (data_dir, data_dir / "article-extraction-benchmark"):
        if (cand / "ground-truth.json").is_file() and (cand / "html").is_dir():
            return cand
    raise DataMissing(
        f"Zyte article-extraction benchmark not found in {data_dir} (need ground-truth.json and "
        "html/*.html.gz from github.com/scrapinghub/article-extraction-benchmark, commit 4a3bc97)"
    )


def load_pages(data_dir: Path, limit: int | None = None) -> list[Page]:
    """Benchmark pages sorted by id (first ``limit`` of them). Raises :class:`DataMissing`."""
    bench = resolve_data_dir(data_dir)
    ground_truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(ground_truth)
    if limit is not None:
        ids = ids[: max(0, limit)]
    pages = []
    for page_id in ids:
        path = bench / "html" / f"{page_id}.html.gz"
        if not path.is_file():
            raise DataMissing(f"benchmark page {path} is missing")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            html = fh.read()
        entry = ground_truth[page_id]
        pages.append(Page(page_id, entry.get("url"), html, entry.get("articleBody") or ""))
    return pages


def _extractor(name: str) -> Callable[[str], tuple[str | None, str | None]]:
    """A function html -> (text, method) for one of :data:`EXTRACTORS`."""
    if name == "borderwatch":
        from borderwatch.ingest.html import extract_html

        def run_bw(html: str) -> tuple[str | None, str | None]:
            ext = extract_html(html)
            return (ext.text, ext.method) if ext else (None, None)

        return run_bw
    if name in ("trafilatura", "trafilatura-fast"):
        import trafilatura

        fast = name == "trafilatura-fast"
        return lambda html: (trafilatura.extract(html, include_comments=False, fast=fast), None)
    if name == "readability":
        import html_text
        from readability import Document

        return lambda html: (html_text.extract_text(Document(html).summary(html_partial=True)), None)
    if name == "html-text":
        import html_text

        return lambda html: (html_text.extract_text(html), None)
    raise ValueError(f"unknown extractor {name!r}; choose from {', '.join(EXTRACTORS)}")


def predict(
    pages: list[Page], extractor: str = "borderwatch"
) -> tuple[list[str | None], list[str | None], list[float]]:
    """Run one extractor on every page: (texts, methods, seconds per page).

    A baseline that raises on a page counts as an empty prediction (none did on this data).
    """
    fn = _extractor(extractor)
    fn(pages[0].html if pages else "<p>warm up imports</p>")  # keep import time out of ms/page
    texts: list[str | None] = []
    methods: list[str | None] = []
    secs: list[float] = []
    for page in pages:
        t0 = time.perf_counter()
        try:
            text, method = fn(page.html)
        except Exception:
            text, method = None, "error"
        secs.append(time.perf_counter() - t0)
        texts.append(text)
        methods.append(method)
    return texts, methods, secs


def _compact(m: dict[str, float]) -> dict[str, float]:
    return {k: m[k] for k in ("precision", "recall", "f1", "f1_sd", "pages")}


def _metrics(texts: list[str | None], gold: list[str], n_bootstrap: int) -> dict[str, float]:
    m = zyte_prf(texts, gold, n_bootstrap=n_bootstrap)
    return {
        "precision": m["p"],
        "recall": m["r"],
        "f1": m["f1"],
        "precision_sd": m["p_sd"],
        "recall_sd": m["r_sd"],
        "f1_sd": m["f1_sd"],
        "f1_ci95": m["f1_ci95"],
        "pages": int(m["n"]),
    }


def run(
    data_dir: Path, limit: int | None = None, extractor: str = "borderwatch", n_bootstrap: int = 1000
) -> dict[str, Any]:
    """Score ``extractor`` on the benchmark (``data_dir``: the benchmark folder or its parent).

    Returns, on all evaluated pages, ``precision``, ``recall``, ``f1``, their bootstrap SDs
    (``*_sd``), ``f1_ci95`` (the benchmark README's "±") and ``pages``; ``even`` and ``odd``:
    the same on each half (even = the half the cascade was tuned on); ``bag``: bag-of-tokens
    P/R/F1; ``ms_per_page``; ``empty_predictions``; for ``borderwatch`` also ``methods`` (how
    often each cascade path ran). Raises :class:`DataMissing` when the data is absent.
    """
    pages = load_pages(data_dir, limit)
    texts, methods, secs = predict(pages, extractor)
    gold = [p.gold for p in pages]
    out: dict[str, Any] = {"extractor": extractor}
    out.update(_metrics(texts, gold, n_bootstrap))
    out["even"] = _compact(_metrics(texts[0::2], gold[0::2], n_bootstrap))
    out["odd"] = _compact(_metrics(texts[1::2], gold[1::2], n_bootstrap))
    out["bag"] = bag_prf_corpus(texts, gold)
    out["ms_per_page"] = 1000 * sum(secs) / len(secs) if secs else 0.0
    out["empty_predictions"] = sum(1 for t in texts if not (t or "").strip())
    if extractor == "borderwatch":
        out["methods"] = dict(Counter(m or "none" for m in methods))
    return out


def compare(
    data_dir: Path,
    extractor: str = "borderwatch",
    baseline: str = "trafilatura",
    limit: int | None = None,
    n_bootstrap: int = 1000,
) -> dict[str, dict[str, float]]:
    """Paired-bootstrap F1 difference ``extractor - baseline`` on all pages and on each half.

    Each value: ``diff``, its ``sd`` and ``p_not_better`` (share of resamples where the
    extractor is not ahead). The paired test is the honest one: both systems fail on many of
    the same pages, so their unpaired SDs overstate the noise of the difference.
    """
    pages = load_pages(data_dir, limit)
    a, _, _ = predict(pages, extractor)
    b, _, _ = predict(pages, baseline)
    gold = [p.gold for p in pages]
    return {
        half: paired_bootstrap_diff(a[sl], b[sl], gold[sl], n_bootstrap=n_bootstrap)
        for half, sl in (("all", slice(None)), ("even", slice(0, None, 2)), ("odd", slice(1, None, 2)))
    }


def worst_pages(
    data_dir: Path, n: int = 10, extractor: str = "borderwatch", limit: int | None = None, excerpt: int = 300
) -> list[dict[str, Any]]:
    """The ``n`` pages with the lowest per-page shingle F1, for error analysis.

    Each row: ``index`` (position in id order; even = tuning half), ``id``, ``url``, ``p``,
    ``r``, ``f1``, ``method``, ``gold_tokens``/``pred_tokens`` and the start of both texts.
    """
    from borderwatch.eval.scoring import metrics_from_counts, tokenize

    pages = load_pages(data_dir, limit)
    texts, methods, _ = predict(pages, extractor)
    rows = []
    for i, (page, text, method) in enumerate(zip(pages, texts, methods, strict=True)):
        m = metrics_from_counts([shingle_counts(text, page.gold)])
        rows.append(
            {
                "index": i,
                "id": page.id,
                "url": page.url,
                "p": m["p"],
                "r": m["r"],
                "f1": m["f1"],
                "method": method,
                "gold_tokens": len(tokenize(page.gold)),
                "pred_tokens": len(tokenize(text)),
                "gold": page.gold[:excerpt],
                "pred": (text or "")[:excerpt],
            }
        )
    rows.sort(key=lambda r: (r["f1"], r["index"]))
    return rows[:n]


def _fmt(m: dict[str, Any]) -> str:
    return f"P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f} ± {m['f1_sd']:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=default_data_dir())
    ap.add_argument("--extractor", choices=EXTRACTORS, default="borderwatch")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--worst", type=int, default=0, help="also list the N worst pages")
    ap.add_argument("--compare", choices=EXTRACTORS, default=None, help="paired bootstrap against this one")
    args = ap.parse_args(argv)
    try:
        res = run(args.data_dir, args.limit, args.extractor)
    except DataMissing as exc:
        print(exc)
        return 2
    print(f"{res['extractor']}: pages={res['pages']}  {_fmt(res)}  ({res['ms_per_page']:.1f} ms/page)")
    print(f"  even (tuning) half:   {_fmt(res['even'])}")
    print(f"  odd (held-out) half:  {_fmt(res['odd'])}")
    print(
        f"  bag of tokens:        P {res['bag']['p']:.3f}  R {res['bag']['r']:.3f}  F1 {res['bag']['f1']:.3f}"
    )
    if "methods" in res:
        print(f"  methods: {res['methods']}")
    if args.compare:
        for half, d in compare(args.data_dir, args.extractor, args.compare, args.limit).items():
            print(
                f"  F1 minus {args.compare} ({half}): {d['diff']:+.4f} ± {d['sd']:.4f} "
                f"(share of resamples not better: {d['p_not_better']:.3f})"
            )
    for row in worst_pages(args.data_dir, args.worst, args.extractor, args.limit) if args.worst else []:
        print(
            f"\n#{row['index']} {row['url']}  P {row['p']:.2f} R {row['r']:.2f} method={row['method']} "
            f"tokens gold={row['gold_tokens']} pred={row['pred_tokens']}"
        )
        print("  GOLD:", row["gold"][:200].replace("\n", " | "))
        print("  PRED:", row["pred"][:200].replace("\n", " | "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
