"""Text-overlap metrics for main-text extraction. Pure functions, standard library only.

The main metric reproduces ``evaluate.py`` of the Zyte article-extraction benchmark
(github.com/scrapinghub/article-extraction-benchmark), as pinned in
``shared/design/BASELINES.md`` section 1:

* tokens are ``\\w+`` regex runs (case kept);
* a text is the multiset of its 4-token shingles; a text with fewer than 4 tokens is one
  shorter shingle (and an empty text has none);
* TP/FP/FN are counted per page over the shingle multisets, then P and R per page;
* P is averaged over pages with a non-empty prediction, R over pages with a non-empty gold
  text, and F1 is the harmonic mean of those two averages (not the mean of per-page F1);
* the spread is the bootstrap standard deviation over 1,000 resamples of pages. Note that the
  benchmark's own README prints ``1.96 * SD`` after its "±"; we report the SD itself (and
  ``*_ci95`` = 1.96 SD so that figures can be compared with the README).

Checked against the benchmark's published output files in BASELINES.md (trafilatura 2.0.0
F1 0.958, readability-lxml 0.8.4.1 0.922, html-text 0.665: all reproduced exactly).

A plain bag-of-tokens P/R/F1 (whitespace tokens, case kept, per page, averaged over pages) is
also provided because it is the simpler figure other BorderWatch evaluations quote.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Sequence

__all__ = [
    "TOKEN_RE",
    "bag_prf",
    "bag_prf_corpus",
    "metrics_from_counts",
    "paired_bootstrap_diff",
    "shingle_counts",
    "shingles",
    "tokenize",
    "zyte_prf",
]

TOKEN_RE = re.compile(r"\w+", re.UNICODE)

Counts = tuple[float, float, float]  # (tp, fp, fn), normalised to sum to 1 when non-zero


def tokenize(text: str | None) -> list[str]:
    """``\\w+`` runs, case kept: exactly the benchmark's tokenizer."""
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of ``n``-token shingles; a text shorter than ``n`` tokens is one shingle."""
    toks = tokenize(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(pred: str | None, gold: str | None, n: int = 4) -> Counts:
    """Per-page (tp, fp, fn) over shingle multisets, normalised so the three sum to 1.

    The normalisation is the benchmark's; it does not change per-page P or R.
    """
    g = shingles(gold, n)
    p = shingles(pred, n)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    s = tp + fp + fn
    if s > 0:
        return (tp / s, fp / s, fn / s)
    return (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def metrics_from_counts(counts: Sequence[Counts]) -> dict[str, float]:
    """P averaged over pages with a prediction, R over pages with gold, F1 of the two means."""
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return {"p": p, "r": r, "f1": f1}


def zyte_prf(
    pred_texts: Sequence[str | None],
    gold_texts: Sequence[str | None],
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """The Zyte benchmark metric over aligned lists of predictions and gold texts.

    Returns ``p``, ``r``, ``f1``; ``p_sd``, ``r_sd``, ``f1_sd`` (bootstrap SD over
    ``n_bootstrap`` resamples of pages, fixed ``seed`` so reruns agree); ``f1_ci95``
    (1.96 SD, the benchmark README's "±"); ``n`` pages; ``n_empty_pred``.
    ``None`` predictions count as empty (they lower recall, not precision).
    """
    if len(pred_texts) != len(gold_texts):
        raise ValueError(f"{len(pred_texts)} predictions for {len(gold_texts)} gold texts")
    counts = [shingle_counts(p, g) for p, g in zip(pred_texts, gold_texts, strict=True)]
    out: dict[str, float] = dict(metrics_from_counts(counts))
    out["n"] = len(counts)
    out["n_empty_pred"] = sum(1 for p in pred_texts if not tokenize(p))
    out.update(_bootstrap_sd(counts, n_bootstrap, seed))
    return out


def _bootstrap_sd(counts: Sequence[Counts], n_bootstrap: int, seed: int) -> dict[str, float]:
    n = len(counts)
    if n == 0 or n_bootstrap < 2:
        return {"p_sd": 0.0, "r_sd": 0.0, "f1_sd": 0.0, "f1_ci95": 0.0}
    rng = random.Random(seed)
    vals: dict[str, list[float]] = {"p": [], "r": [], "f1": []}
    for _ in range(n_bootstrap):
        sample = [counts[rng.randrange(n)] for _ in range(n)]
        m = metrics_from_counts(sample)
        for k in vals:
            vals[k].append(m[k])
    sd = {f"{k}_sd": statistics.stdev(v) for k, v in vals.items()}
    sd["f1_ci95"] = 1.96 * sd["f1_sd"]
    return sd


def paired_bootstrap_diff(
    pred_a: Sequence[str | None],
    pred_b: Sequence[str | None],
    gold_texts: Sequence[str | None],
    n_bootstrap: int = 1000,
    seed: int = 0,
) -> dict[str, float]:
    """F1(a) - F1(b) on the same pages, with its paired-bootstrap SD and the share of resamples
    in which ``a`` is not better (a one-sided bootstrap p-value).

    Two systems that share most of their errors can differ significantly even when their
    unpaired SDs overlap, and vice versa; this is the honest test for "does A beat B".
    """
    ca = [shingle_counts(p, g) for p, g in zip(pred_a, gold_texts, strict=True)]
    cb = [shingle_counts(p, g) for p, g in zip(pred_b, gold_texts, strict=True)]
    n = len(ca)
    diff = metrics_from_counts(ca)["f1"] - metrics_from_counts(cb)["f1"]
    if n == 0 or n_bootstrap < 2:
        return {"diff": diff, "sd": 0.0, "p_not_better": float("nan")}
    rng = random.Random(seed)
    diffs = []
    for _ in range(n_bootstrap):
        idx = [rng.randrange(n) for _ in range(n)]
        diffs.append(
            metrics_from_counts([ca[i] for i in idx])["f1"] - metrics_from_counts([cb[i] for i in idx])["f1"]
        )
    return {
        "diff": diff,
        "sd": statistics.stdev(diffs),
        "p_not_better": sum(1 for d in diffs if d <= 0) / n_bootstrap,
    }


def bag_prf(pred: str | None, gold: str | None) -> dict[str, float]:
    """Bag-of-whitespace-tokens P/R/F1 for one page (multiset overlap, case kept).

    An empty prediction scores P = R = F1 = 0 against a non-empty gold; both empty is 1.
    """
    p = Counter((pred or "").split())
    g = Counter((gold or "").split())
    if not p and not g:
        return {"p": 1.0, "r": 1.0, "f1": 1.0}
    tp = sum((p & g).values())
    prec = tp / sum(p.values()) if p else 0.0
    rec = tp / sum(g.values()) if g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
    return {"p": prec, "r": rec, "f1": f1}


def bag_prf_corpus(pred_texts: Sequence[str | None], gold_texts: Sequence[str | None]) -> dict[str, float]:
    """:func:`bag_prf` per page, each of P, R and F1 averaged over all pages."""
    rows = [bag_prf(p, g) for p, g in zip(pred_texts, gold_texts, strict=True)]
    if not rows:
        return {"p": 0.0, "r": 0.0, "f1": 0.0}
    return {k: statistics.fmean(r[k] for r in rows) for k in ("p", "r", "f1")}
