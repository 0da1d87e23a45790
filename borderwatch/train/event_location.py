"""Train the event-location ranker shipped in ``borderwatch/nlp/data/location/model.json``.

Reproducible: ``borderwatch train event-location`` (or ``python -m borderwatch.train.event_location``)
re-creates the model files from the same inputs (the boosting has no random step: no
subsampling, no early stopping, a fixed seed) and writes ``metrics.json`` beside them.

Training data, and only this: the records of Halterman's event-location file
(``event_location/labeled_text.jsonl.zip``, see SOURCES.md) whose ``source`` is **not**
``RELABEL``, minus every record whose text (whitespace and case folded) is also the text of a
RELABEL record. The 496 RELABEL records are what ``borderwatch eval event-location`` scores; they
are never read here except to exclude their texts. Each record is one sentence with one VERB
span and zero or more LOCATION spans (where that verb's event happened).

Each toponym span our pipeline finds in the verb's sentence (resolved by the geocoder or not)
is a candidate, labelled positive when it overlaps a gold LOCATION span. The decision threshold
is chosen by 5-fold cross-validation grouped by record on the token F1 that the eval adapter
computes (one predicted span per record): the lowest threshold within ``PLATEAU`` of the best;
the boosting settings (``BOOST``) were chosen
the same way.

Also trained on, always (in every cross-validation fold, never scored there): the 46 sentences
of ``data/locations_written.tsv``, written for the project about this border, weighted 5. They
carry the region's conventions — the destination of a deployment is where it happens ("sent
5,000 troops to the Panj River"), the city a spokesman spoke from is not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from borderwatch.train.event_type import default_data_dir

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "location"
# gradient boosting, fixed (chosen by the same grouped 5-fold CV on 2026-12-07 against the
# logistic regression it replaced: docs/model_card_event_location.md)
BOOST = {"learning_rate": 0.05, "max_iter": 600, "max_leaf_nodes": 31, "max_depth": 8, "l2_regularization": 1.0}
MIN_COUNT = 20
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 13))  # 0.05 .. 0.60
N_FOLDS = 5
PLATEAU = 0.002  # CV token F1 this close to the best is the same (the folds differ by more)


def training_records(data_dir: Path) -> tuple[list[Any], int]:
    """The non-RELABEL records (GoldRecord) whose text is not a RELABEL text, and how many were
    excluded for sharing a RELABEL text."""
    from borderwatch.eval.event_location import GOLD_SOURCE, read_records

    recs = read_records(data_dir)

    def key(t: str) -> str:
        return " ".join(t.split()).lower()

    held_out = {key(r.text) for src, r in recs if src == GOLD_SOURCE}
    train = [r for src, r in recs if src != GOLD_SOURCE]
    kept = [r for r in train if key(r.text) not in held_out]
    return kept, len(train) - len(kept)


WRITTEN = Path(__file__).resolve().parent / "data" / "locations_written.tsv"
WRITTEN_WEIGHT = 5.0  # 46 sentences against 9,144 records: the region's conventions need a voice


def written_records(path: Path = WRITTEN) -> list[Any]:
    """Our own sentences (``sentence<TAB>trigger<TAB>place|place``) as GoldRecords. Tokens are
    words and punctuation marks; the trigger and each place are their first whole-word
    occurrence. A trigger or place not found in its sentence is an error with the line number."""
    import re

    from borderwatch.eval.event_location import GoldRecord

    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise ValueError(f"{path.name}:{n}: expected 3 tab-separated columns, got {len(cols)}")
        text, trigger, places = cols
        tokens = tuple((m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text))

        def rng(word: str, text: str = text, tokens: tuple[tuple[int, int], ...] = tokens, n: int = n
                ) -> tuple[int, int]:
            m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
            if m is None:
                raise ValueError(f"{path.name}:{n}: {word!r} is not in the sentence")
            idx = [i for i, (a, b) in enumerate(tokens) if a < m.end() and m.start() < b]
            return idx[0], idx[-1] + 1

        out.append(GoldRecord(id=f"written:{n}", text=text, tokens=tokens, verb=rng(trigger),
                              locations=tuple(rng(p) for p in places.split("|") if p.strip())))
    return out


def candidate_rows(records: list[Any], batch_size: int = 64) -> list[list[tuple[list[str], bool, dict[str, Any], list[Any]]]]:
    """Per record: (features, is_gold, place dict, the candidates coordinated with it) of every
    candidate place in the verb's sentence."""
    from borderwatch.eval.event_stage import REGION
    from borderwatch.nlp.entities import pipeline
    from borderwatch.nlp.geocode import Geocoder
    from borderwatch.nlp.location_model import (
        candidate_features,
        conjoined,
        sentence_candidates,
        trigger_args,
    )
    from borderwatch.nlp.toponyms import place_dicts

    nlp = pipeline(REGION)
    geo = Geocoder.shared(REGION)
    out = []
    for r, doc in zip(records, nlp.pipe([r.text for r in records], batch_size=batch_size), strict=True):
        v = r.chars(r.verb)
        span = doc.char_span(v[0], v[1], alignment_mode="expand")
        gold = r.gold_chars()
        rows: list[tuple[list[str], bool, dict[str, Any], list[Any]]] = []
        if span is not None and len(span):
            t = span.root
            cands = sentence_candidates(t.sent, place_dicts(doc, geo))
            for feats, p in candidate_features(t.sent, t, cands, trigger_args(t)):
                rows.append((feats, any(p["start"] < e and s < p["end"] for s, e in gold), p,
                             conjoined(t.sent, p, cands)))
        out.append(rows)
    return out


def _record_f1(records: list[Any], rows: list[list[Any]], probs: Any, threshold: float, conj: bool = True) -> float:
    from borderwatch.eval.event_location import score

    k = 0
    items = []
    for r, cs in zip(records, rows, strict=True):
        ps = probs[k:k + len(cs)]
        k += len(cs)
        pred: frozenset[int] = frozenset()
        if cs:
            j = max(range(len(cs)), key=lambda i: ps[i])
            if ps[j] >= threshold:
                for p in [cs[j][2], *(cs[j][3] if conj else [])]:
                    pred |= r.predicted((p["start"], p["end"]))
        items.append((pred, r.gold_spans()))
    return float(score(items)["f1"])


def _flat_trees(clf: Any) -> dict[str, Any]:
    """The fitted trees of a binary HistGradientBoostingClassifier as flat node arrays (see
    ``borderwatch.nlp.location_model.BoostedLocationModel``)."""
    import numpy as np

    feature, left, right, value, roots = [], [], [], [], []
    depth = 0
    for (tree,) in clf._predictors:  # one tree per round for a binary target
        nodes = tree.nodes
        base = len(feature)
        roots.append(base)
        for i, n in enumerate(nodes):
            leaf = bool(n["is_leaf"])
            feature.append(-1 if leaf else int(n["feature_idx"]))
            left.append(base + (i if leaf else int(n["left"])))
            right.append(base + (i if leaf else int(n["right"])))
            value.append(float(n["value"]) if leaf else 0.0)
            if not leaf and abs(float(n["num_threshold"]) - 0.5) > 1e-9:
                raise ValueError("a split not between absent (0) and present (1)")
        depth = max(depth, int(nodes["depth"].max()))
    return {"feature": np.array(feature, dtype=np.int32), "left": np.array(left, dtype=np.int32),
            "right": np.array(right, dtype=np.int32), "value": np.array(value, dtype=np.float64),
            "roots": np.array(roots, dtype=np.int32), "depth": depth,
            "baseline": float(np.ravel(clf._baseline_prediction)[0])}


def train(data_dir: Path, out_dir: Path) -> dict[str, Any]:
    """Fit the ranker, write ``model.json``, ``trees.npz`` and ``metrics.json`` to ``out_dir``;
    returns the metrics."""
    import io

    import numpy as np
    from scipy.sparse import vstack as sp_vstack
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold

    from borderwatch.nlp.location_model import load_model

    t0 = time.perf_counter()
    records, excluded = training_records(data_dir)
    written = written_records()
    rows = candidate_rows(records)
    wrows = candidate_rows(written)
    dv = DictVectorizer()
    dv.fit([dict.fromkeys(c[0], 1) for cs in rows + wrows for c in cs])
    X = dv.transform([dict.fromkeys(c[0], 1) for cs in rows for c in cs]).tocsr()
    y = np.array([c[1] for cs in rows for c in cs], dtype=int)
    Xw = dv.transform([dict.fromkeys(c[0], 1) for cs in wrows for c in cs]).tocsr()
    yw = np.array([c[1] for cs in wrows for c in cs], dtype=int)
    groups = np.array([i for i, cs in enumerate(rows) for _ in cs])
    # features seen on at least MIN_COUNT training candidates (the rest are too rare to split on)
    keep = np.where(np.asarray((X > 0).sum(0)).ravel() >= MIN_COUNT)[0]
    names = [str(n) for n in dv.get_feature_names_out()[keep]]
    X, Xw = X[:, keep], Xw[:, keep]

    def fit(Xa: Any, ya: Any) -> Any:
        """Fit on ``Xa`` plus our written sentences (always training data, weighted)."""
        w = np.concatenate([np.ones(len(ya)), np.full(len(yw), WRITTEN_WEIGHT)])
        clf = HistGradientBoostingClassifier(**BOOST, early_stopping=False, random_state=0)
        return clf.fit(sp_vstack([Xa, Xw]).toarray().astype(np.float32), np.concatenate([ya, yw]), sample_weight=w)

    oof = np.zeros(len(y))
    for tr, va in GroupKFold(N_FOLDS).split(X, y, groups):
        oof[va] = fit(X[tr], y[tr]).predict_proba(X[va].toarray().astype(np.float32))[:, 1]
    cv = {f"threshold={th}": round(_record_f1(records, rows, oof, th), 4) for th in THRESHOLDS}
    # the lowest threshold on the plateau of the best: an analyst would rather see a place with its
    # score than none, and the gold's negatives are noisy (docs/model_card_event_location.md)
    best = max(cv.values())
    th = min(t for t in THRESHOLDS if cv[f"threshold={t}"] >= best - PLATEAU)
    f1 = cv[f"threshold={th}"]
    single = _record_f1(records, rows, oof, th, conj=False)  # what the coordinated places add
    m = fit(X, y)
    flat = _flat_trees(m)
    out_dir.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez_compressed(buf, **{k: flat[k] for k in ("feature", "left", "right", "value", "roots")})
    trees = buf.getvalue()
    (out_dir / "trees.npz").write_bytes(trees)
    model = {"format": 2, "kind": "gradient-boosted trees", "trees": "trees.npz", "threshold": th,
             "depth": flat["depth"], "baseline": round(flat["baseline"], 8), "hyperparameters": BOOST,
             "min_count": MIN_COUNT, "features": names}
    body = json.dumps(model, indent=0, sort_keys=True) + "\n"
    (out_dir / "model.json").write_text(body, encoding="utf-8")
    # the shipped file must score as scikit-learn does
    load_model.cache_clear()
    shipped = load_model(str(out_dir / "model.json"))
    load_model.cache_clear()
    sample = list(range(0, len(y), max(1, len(y) // 300)))
    ours = np.array([shipped.score([names[j] for j in X[i].indices]) for i in sample])  # type: ignore[union-attr]
    theirs = m.predict_proba(X[sample].toarray().astype(np.float32))[:, 1]
    if not np.allclose(ours, theirs, atol=1e-6):
        raise RuntimeError(f"exported trees disagree with scikit-learn (max diff {np.abs(ours - theirs).max():.2e})")
    metrics = {
        "training_records": len(records), "excluded_relabel_texts": excluded,
        "written_sentences": len(written), "written_weight": WRITTEN_WEIGHT,
        "records_with_location": sum(bool(r.gold_spans()) for r in records),
        "candidates": int(len(y)), "positive_candidates": int(y.sum()), "features": len(names),
        "trees": len(flat["roots"]), "nodes": len(flat["feature"]),
        "chosen": {"threshold": th, "cv_token_f1": f1, "cv_token_f1_without_coordinated_places": round(single, 4)},
        "cv_token_f1": cv,
        "model_sha256": hashlib.sha256(body.encode()).hexdigest(), "trees_sha256": hashlib.sha256(trees).hexdigest(),
        "seconds": round(time.perf_counter() - t0, 1),
    }
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return metrics


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = ap.parse_args()
    m = train(a.data_dir or default_data_dir(), a.out)
    print(json.dumps({k: v for k, v in m.items() if k != "cv_token_f1"}, indent=1))


if __name__ == "__main__":
    main()
