"""Exact and near-duplicate detection.

Exact: SHA-256 of the text's comparison key (lower case, words only), so whitespace,
punctuation and case changes do not make a "new" article.

Near: MinHash over word 3-shingles with datasketch LSH to find candidates, then the
candidate's exact shingle sets to decide, so the reported score is a true Jaccard and
not an estimate. A syndicated copy that drops or adds a paragraph is caught by
containment (the share of the shorter text's shingles found in the longer one).
Thresholds are measured in docs/dedup.md (benchmarks/dedup_thresholds.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE = 3
LSH_THRESHOLD = 0.3  # candidate recall: low on purpose, candidates are verified exactly
JACCARD_MIN = 0.5  # near duplicate when the shingle Jaccard reaches this ...
CONTAINMENT_MIN = 0.8  # ... or the shorter text is this much inside the longer one
CONTAINMENT_SIZE_RATIO = 0.4  # ... and is at least this share of the longer one's size
MIN_SHINGLES = 12
SHINGLE_CACHE = 20_000  # documents whose shingle sets stay in memory for verification
# Candidates whose estimated Jaccard is below this are not verified. A copy wholly
# contained in a text 1/0.4 = 2.5 times its size has Jaccard 0.4; 0.25 leaves 3+ SD of
# estimator noise below that.
SCREEN_JACCARD = 0.25
SCHEME = "affine32"  # datasketch 2 hashing scheme; stored signatures are only valid under it  # shorter texts are compared by exact hash only

_TOKEN = re.compile(r"\w+", re.UNICODE)


def text_key(text: str) -> str:
    return " ".join(_TOKEN.findall(text.casefold()))


def text_hash(text: str) -> str:
    return hashlib.sha256(text_key(text).encode()).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    toks = _TOKEN.findall(text.casefold())
    if len(toks) < k:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)}


@lru_cache(maxsize=1)
def _permutations():  # built once: datasketch derives them from a seeded RNG on every MinHash()
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def _hash32(b: bytes) -> int:
    import xxhash

    return xxhash.xxh32_intdigest(b)


def minhash(sh: set[str]):  # -> datasketch.MinHash
    """MinHash of a shingle set. xxHash32 replaces datasketch's default SHA-1 (3x faster here);
    signatures stored in the database are only comparable under the same hash and scheme."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations(), hashfunc=_hash32)
    m.update_batch([s.encode() for s in sh])
    return m


def _lean(signature: np.ndarray):
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=signature, scheme=SCHEME)


@dataclass(frozen=True)
class Match:
    doc_id: str
    kind: str  # "exact" | "near"
    jaccard: float
    containment: float

    @property
    def reason(self) -> str:
        if self.kind == "exact":
            return "exact"
        return f"near: jaccard {self.jaccard:.2f}, containment {self.containment:.2f}"


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_near(a: set[str], b: set[str]) -> tuple[bool, float, float]:
    j, c = similarity(a, b)
    ratio = min(len(a), len(b)) / max(len(a), len(b)) if a and b else 0.0
    return (j >= JACCARD_MIN or (c >= CONTAINMENT_MIN and ratio >= CONTAINMENT_SIZE_RATIO)), j, c


class DedupIndex:
    """In-memory index over stored documents: exact hashes and an LSH over MinHashes.

    ``load_text`` fetches a stored document's text by id so candidates can be verified.
    """

    def __init__(self, load_text: Callable[[str], str | None]):
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._exact: dict[str, str] = {}
        self._load_text = load_text
        self._shingle_cache: dict[str, set[str]] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, doc_id: str, thash: str, signature: np.ndarray | None, sh: set[str] | None = None) -> None:
        self._exact.setdefault(thash, doc_id)
        if signature is not None and doc_id not in self._lsh:
            self._lsh.insert(doc_id, _lean(signature))
            self._signatures[doc_id] = signature
            if sh is not None and len(self._shingle_cache) < SHINGLE_CACHE:
                self._shingle_cache[doc_id] = sh

    def remove(self, doc_id: str) -> None:
        """Forget a document (its input was replaced by a newer version)."""
        if doc_id in self._lsh:
            self._lsh.remove(doc_id)
        for h in [h for h, d in self._exact.items() if d == doc_id]:
            del self._exact[h]
        self._shingle_cache.pop(doc_id, None)
        self._signatures.pop(doc_id, None)

    def find(self, thash: str, sh: set[str], signature: np.ndarray | None) -> Match | None:
        """The best earlier document this text duplicates, or None."""
        if thash in self._exact:
            return Match(self._exact[thash], "exact", 1.0, 1.0)
        if signature is None:
            return None
        best: Match | None = None
        for cand in self._lsh.query(_lean(signature)):
            # MinHash's Jaccard estimate (SD about 0.04 at 128 permutations) screens out
            # candidates far below both thresholds before the exact check; containment
            # cannot be estimated without sizes, so a low estimate only skips when even a
            # fully contained shorter text could not reach CONTAINMENT_MIN.
            est = float(np.mean(self._signatures[cand] == signature)) if cand in self._signatures else 1.0
            if est < SCREEN_JACCARD:
                continue
            other = self._shingle_cache.get(cand)
            if other is None:
                text = self._load_text(cand)
                if text is None:
                    continue
                other = shingles(text)
            near, j, c = is_near(sh, other)
            if near and (best is None or (j, c) > (best.jaccard, best.containment)):
                best = Match(cand, "near", j, c)
        return best


def signature_of(sh: set[str]) -> np.ndarray | None:
    if len(sh) < MIN_SHINGLES:
        return None
    return minhash(sh).hashvalues.astype(np.uint64)
