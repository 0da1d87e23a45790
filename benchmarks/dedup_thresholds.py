"""Measure near-duplicate thresholds (docs/dedup.md).

Positives: copies of real article bodies (the Zyte benchmark's gold texts) edited the
way syndication edits them — a credit line added, a few words changed, a paragraph
dropped, the end cut off. Negatives: every pair of distinct articles, plus "rewrites"
(the same story with 35% of its words replaced), which must stay separate because they
count as independent reports.

    python benchmarks/dedup_thresholds.py [--data ../shared/external]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

from borderwatch.clean import dedup


def edits(text: str, rng: random.Random) -> dict[str, str]:
    paras = [p for p in text.split("\n") if p.strip()]
    words = text.split()

    def replace_share(share: float) -> str:
        w = list(words)
        for i in rng.sample(range(len(w)), int(len(w) * share)):
            w[i] = rng.choice(["the", "said", "report", "officials", "new", "border", "a", "of"])
        return " ".join(w)

    out = {
        "credit_added": text + "\n\n(Reporting by Oxus Monitor; editing by Steppe Wire)",
        "light_edit_5pct": replace_share(0.05),
        "edit_10pct": replace_share(0.10),
        "truncated_60pct": " ".join(words[: int(len(words) * 0.6)]),
        "rewrite_35pct": replace_share(0.35),
    }
    if len(paras) >= 4:
        drop = rng.randrange(1, len(paras))
        out["paragraph_dropped"] = "\n".join(p for i, p in enumerate(paras) if i != drop)
    return out


POSITIVE = {"credit_added", "light_edit_5pct", "edit_10pct", "truncated_60pct", "paragraph_dropped"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "external"))
    args = ap.parse_args()
    gt = Path(args.data) / "article-extraction-benchmark" / "ground-truth.json"
    if not gt.exists():
        sys.exit(f"gold data absent: {gt}")
    bodies = [v["articleBody"] for v in json.loads(gt.read_text()).values() if len(v["articleBody"].split()) >= 80]
    rng = random.Random(7)
    sh = [dedup.fingerprint(b).shingles for b in bodies]
    variants = []  # (original index, kind, shingles)
    for i, b in enumerate(bodies):
        for kind, t in edits(b, rng).items():
            variants.append((i, kind, dedup.fingerprint(t)))
    grid = [(j, c) for j in (0.4, 0.5, 0.6, 0.7, 0.8) for c in (0.7, 0.8, 0.9, 1.01)]
    print(f"{len(bodies)} articles, {len(variants)} edited copies, {len(bodies) * (len(bodies) - 1) // 2} distinct pairs")
    print("| Jaccard ≥ | containment ≥ | recall (syndicated copies) | rewrites flagged | distinct pairs flagged |")
    print("|---|---|---|---|---|")
    pair_sims = [dedup.similarity(a, b) + (min(len(a), len(b)) / max(len(a), len(b)),) for a, b in itertools.combinations(sh, 2)]
    var_sims = [(kind, *dedup.similarity(sh[i], f.shingles), min(len(sh[i]), len(f.shingles)) / max(len(sh[i]), len(f.shingles)))
                for i, kind, f in variants]
    for jmin, cmin in grid:
        def flag(j: float, c: float, ratio: float, jmin: float = jmin, cmin: float = cmin) -> bool:
            return j >= jmin or (c >= cmin and ratio >= dedup.CONTAINMENT_SIZE_RATIO)

        pos = [flag(j, c, r) for k, j, c, r in var_sims if k in POSITIVE]
        rew = [flag(j, c, r) for k, j, c, r in var_sims if k == "rewrite_35pct"]
        neg = sum(flag(j, c, r) for j, c, r in pair_sims)
        cm = "off" if cmin > 1 else cmin
        print(f"| {jmin} | {cm} | {sum(pos) / len(pos):.3f} ({sum(pos)}/{len(pos)}) | {sum(rew)}/{len(rew)} | {neg}/{len(pair_sims)} |")
    by_kind: dict[str, list[float]] = {}
    for k, j, _c, _r in var_sims:
        by_kind.setdefault(k, []).append(j)
    print("\nJaccard of each edit kind against its original (min / median):")
    for k, js in sorted(by_kind.items()):
        js.sort()
        print(f"- {k}: {js[0]:.2f} / {js[len(js) // 2]:.2f}")
    print(f"\nhighest Jaccard among distinct pairs: {max(j for j, _c, _r in pair_sims):.3f}; "
          f"highest containment (size ratio ≥ {dedup.CONTAINMENT_SIZE_RATIO}): "
          f"{max((c for _j, c, r in pair_sims if r >= dedup.CONTAINMENT_SIZE_RATIO), default=0):.3f}; "
          f"highest Jaccard of a rewrite: {max(by_kind['rewrite_35pct']):.3f}")
    # LSH candidate recall at the shipped settings
    t0 = time.perf_counter()
    index = dedup.DedupIndex(lambda _id: None)
    for n, s in enumerate(sh):
        index.add(str(n), str(n), dedup.signature_of(s), s)
    found = 0
    for i, kind, f in variants:
        if kind in POSITIVE:
            m = index.find(f)
            found += m is not None and m.doc_id == str(i)
    secs = time.perf_counter() - t0
    npos = sum(1 for _i, k, _f in variants if k in POSITIVE)
    print(f"\nshipped settings (LSH {dedup.LSH_THRESHOLD}, Jaccard {dedup.JACCARD_MIN}, containment {dedup.CONTAINMENT_MIN}): "
          f"end-to-end recall {found}/{npos} = {found / npos:.3f}; {secs:.1f}s")


if __name__ == "__main__":
    main()
