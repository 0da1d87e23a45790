"""Ingest benchmark: documents/second for read + clean + dedup + store (docs/BENCHMARKS.md).

    python benchmarks/ingest_bench.py [--n 10000] [--runs 3] [--workers 1 2]

Builds the corpus with make_corpus.py (once, under bench-out/), then times whole
`borderwatch ingest` processes into a fresh database, reporting the median wall time and
the peak memory of the largest process (ru_maxrss of the children).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    out = REPO / "bench-out"
    corpus = out / f"corpus-{args.n}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "make_corpus.py"), "--n", str(args.n), "--out", str(corpus)],
                       check=True)
    exe = Path(sys.executable).with_name("borderwatch")
    print("| workers | documents | median wall s | docs/s | runs |\n|---|---|---|---|---|")
    for w in args.workers:
        walls = []
        for _ in range(args.runs):
            db = out / f"bench-{w}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            t0 = time.perf_counter()
            subprocess.run([str(exe), "ingest", "-q", "-j", str(w), "--db", str(db), str(corpus)], check=True,
                           stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - t0)
        med = statistics.median(walls)
        print(f"| {w} | {args.n} | {med:.1f} | {args.n / med:.0f} | {len(walls)} |")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak memory of the largest child process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
