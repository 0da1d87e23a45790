"""Exact and near-duplicate detection.

Exact: SHA-256 of the text's comparison key (lower case, words only), so whitespace,
punctuation and case changes do not make a "new" article.

Near: word 3-shingles, each hashed once with xxHash64. A MinHash (datasketch, 128
permutations) over them feeds an LSH index that finds candidates generously; each
candidate is then checked on the exact hashed shingle sets of both texts, so the reported
score is a true Jaccard (up to 64-bit hash collisions), not an estimate. A syndicated copy
that drops or adds a paragraph is caught by containment (the share of the shorter text's
shingles found in the longer one). Thresholds are measured in docs/dedup.md
(benchmarks/dedup_thresholds.py).
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
MIN_SHINGLES = 12  # shorter texts are compared by exact hash only
SCHEME = "affine32"  # datasketch 2 hashing scheme; stored signatures are only valid under it
FINGERPRINT_CACHE = 100_000  # indexed documents whose shingle hashes stay in memory (~2.5 kB each)
# A candidate whose estimated Jaccard is below this is not verified: a copy wholly inside a
# text 2.5 times its size (the containment limit) has Jaccard 0.4, and 0.25 leaves more
# than 3 standard deviations of estimator noise (about 0.04 at 128 permutations) below it.
SCREEN_JACCARD = 0.25

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class Fingerprint:
    text_hash: str
    shingles: np.ndarray  # sorted unique uint64 hashes of word 3-shingles
    signature: np.ndarray | None  # MinHash values (uint64), None for very short texts


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def text_key(text: str) -> str:
    return " ".join(_tokens(text))


def text_hash(text: str) -> str:
    return hashlib.sha256(text_key(text).encode()).hexdigest()


def shingle_hashes(toks: list[str], k: int = SHINGLE) -> np.ndarray:
    import xxhash

    if len(toks) < k:
        grams = [" ".join(toks)] if toks else []
    else:
        grams = [" ".join(toks[i : i + k]) for i in range(len(toks) - k + 1)]
    h = xxhash.xxh64_intdigest
    return np.unique(np.fromiter((h(g.encode()) for g in grams), dtype=np.uint64, count=len(grams)))


def fingerprint(text: str) -> Fingerprint:
    toks = _tokens(text)
    sh = shingle_hashes(toks)
    return Fingerprint(hashlib.sha256(" ".join(toks).encode()).hexdigest(), sh, signature_of(sh))


@lru_cache(maxsize=1)
def _permutations():  # built once: datasketch derives them from a seeded RNG on every MinHash()
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def _identity(x: int) -> int:
    return x


def signature_of(sh: np.ndarray) -> np.ndarray | None:
    """MinHash values of a shingle-hash set; the low 32 bits of each xxHash64 are the
    scheme's 32-bit input. Stored signatures are only comparable under the same hash."""
    if len(sh) < MIN_SHINGLES:
        return None
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME, permutations=_permutations(), hashfunc=_identity)
    m.update_batch((sh & np.uint64(0xFFFFFFFF)).tolist())
    return m.hashvalues.astype(np.uint64)


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


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger) of two sorted unique hash arrays."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def is_near(a: np.ndarray, b: np.ndarray) -> tuple[bool, float, float]:
    j, c = similarity(a, b)
    ratio = min(len(a), len(b)) / max(len(a), len(b)) if len(a) and len(b) else 0.0
    return (j >= JACCARD_MIN or (c >= CONTAINMENT_MIN and ratio >= CONTAINMENT_SIZE_RATIO)), j, c


class DedupIndex:
    """In-memory index over stored documents: exact hashes and an LSH over MinHashes.

    ``load_text`` fetches a stored document's text by id when its shingles are not cached.
    """

    def __init__(self, load_text: Callable[[str], str | None]):
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._exact: dict[str, str] = {}
        self._load_text = load_text
        self._shingles: dict[str, np.ndarray] = {}
        self._signatures: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._exact)

    def add(self, doc_id: str, thash: str, signature: np.ndarray | None, sh: np.ndarray | None = None) -> None:
        self._exact.setdefault(thash, doc_id)
        if signature is not None and doc_id not in self._signatures:
            self._lsh.insert(doc_id, _lean(signature))
            self._signatures[doc_id] = signature
            if sh is not None and len(self._shingles) < FINGERPRINT_CACHE:
                self._shingles[doc_id] = sh

    def remove(self, doc_id: str) -> None:
        """Forget a document (its input was replaced by a newer version)."""
        if doc_id in self._signatures:
            self._lsh.remove(doc_id)
            del self._signatures[doc_id]
        for h in [h for h, d in self._exact.items() if d == doc_id]:
            del self._exact[h]
        self._shingles.pop(doc_id, None)

    def _shingles_of(self, doc_id: str) -> np.ndarray | None:
        sh = self._shingles.get(doc_id)
        if sh is None:
            text = self._load_text(doc_id)
            if text is None:
                return None
            sh = shingle_hashes(_tokens(text))
            if len(self._shingles) < FINGERPRINT_CACHE:
                self._shingles[doc_id] = sh
        return sh

    def find(self, fp: Fingerprint) -> Match | None:
        """The best earlier document this text duplicates, or None."""
        if fp.text_hash in self._exact:
            return Match(self._exact[fp.text_hash], "exact", 1.0, 1.0)
        if fp.signature is None:
            return None
        best: Match | None = None
        for cand in self._lsh.query(_lean(fp.signature)):
            if np.count_nonzero(self._signatures[cand] == fp.signature) < SCREEN_JACCARD * NUM_PERM:
                continue
            other = self._shingles_of(cand)
            if other is None:
                continue
            near, j, c = is_near(fp.shingles, other)
            if near and (best is None or (j, c) > (best.jaccard, best.containment)):
                best = Match(cand, "near", j, c)
        return best
