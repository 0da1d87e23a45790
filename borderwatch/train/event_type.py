"""Train the PLOVER event-type model shipped in ``borderwatch/nlp/data/event_type/``.

Reproducible: ``borderwatch train event-type`` (or ``python -m borderwatch.train.event_type``)
re-creates the model files byte for byte from the same inputs (fixed seed; the SVM solver is
deterministic for a fixed ``random_state``), and writes ``metrics.json`` beside them.

Training data (and only these; see docs/model_card_event_type.md):

* the PLV **train** split (``event-coding-reliability/plv.csv``, rows whose ``meta`` says
  ``split=train``; 1,050 rows = 1,044 distinct sentences). Its YIELD rows get CONCEDE or RETREAT
  from ``borderwatch/train/data/plv_train_yield_split.tsv`` (our hand split, ids only);
* sentences written for the project in ``borderwatch/train/data/written_*.tsv``: no-event
  sentences (class ``NONE``, weight 1) and event sentences (weight 0.1: at weight 0.3–1 they
  cost PLV-train CV 0.4–1.0 accuracy points, at 0.1 nothing, while lifting held-out accuracy on
  the written border sentences from 0.71 to 0.75).

The PLV test split, the PLOVER and PETRARCH gold records and the seed articles are never read here.

Hyper-parameters were chosen by 5-fold CV on the PLV train split (docs/event_typing.md):
LinearSVC C=1 with balanced class weights over word 1–2-gram TF-IDF + char_wb 2–5-gram TF-IDF
(min_df 2) + parse/lexicon features, each block l2-normalised. The softmax temperature and the
no-event threshold are fitted here on cross-validated decision values.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing

PLV_REL = Path("event-coding-reliability") / "plv.csv"
TRAIN_DATA = Path(__file__).resolve().parent / "data"
YIELD_SPLIT = TRAIN_DATA / "plv_train_yield_split.tsv"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "event_type"
WRITTEN_EVENT_WEIGHT = 0.1
SVM_C = 1.0
CHAR_MIN_DF = 2
MIN_DETECTED_SHARE = 0.995  # the no-event threshold may drop at most 0.5% of PLV-train events (CV)
N_FOLDS = 5


def default_data_dir() -> Path:
    """``<repo>/../shared/external``."""
    return Path(__file__).resolve().parents[2].parent / "shared" / "external"


def plv_path(data_dir: Path) -> Path:
    """plv.csv inside ``data_dir`` (shared/external) or ``data_dir`` itself; DataMissing when absent."""
    data_dir = Path(data_dir)
    for cand in (data_dir / PLV_REL, data_dir / "plv.csv", data_dir):
        if cand.is_file() and cand.name == "plv.csv":
            return cand
    raise DataMissing(f"PLV data not found under {data_dir} (need {PLV_REL}, from "
                      "github.com/yibo-hu-lab/event-coding-reliability, commit 06c479d)")


def load_plv(data_dir: Path, split: str) -> list[dict[str, str]]:
    """Distinct PLV sentences of one split ("train" or "test"), first row per ``sentence_id``.

    The CSV repeats a sentence once per (source, target) pair (train sentence 788 six times,
    test sentence 27 twice), always with the same label, so the split holds 1,044 train and
    1,032 test distinct sentences.
    """
    if split not in ("train", "test"):
        raise ValueError(split)
    rows: dict[str, dict[str, str]] = {}
    with plv_path(data_dir).open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            meta = r.get("meta") or ""
            if f"split={split}" not in meta:
                continue
            sid = meta.rsplit("sentence_id=", 1)[-1]
            if sid not in rows:
                rows[sid] = {"id": sid, "text": r["text"], "label": r["label"], "source": r.get("source", ""),
                             "target": r.get("target", "")}
    return list(rows.values())


def _read_tsv(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t"))
    return out


def load_written() -> list[dict[str, str]]:
    """Our own training sentences: ``type<TAB>sentence`` lines of ``train/data/written_*.tsv``."""
    from borderwatch.nlp.event_type import NONE_LABEL, TYPES

    out = []
    for p in sorted(TRAIN_DATA.glob("written_*.tsv")):
        for i, cols in enumerate(_read_tsv(p)):
            label, text = cols[0].strip(), cols[1].strip()
            if label not in TYPES and label != NONE_LABEL:
                raise ValueError(f"{p.name}: unknown label {label!r}")
            out.append({"id": f"{p.stem}:{i}", "text": text, "label": label})
    return out


def training_rows(data_dir: Path) -> list[dict[str, Any]]:
    """PLV train (YIELD split into CONCEDE/RETREAT) + written sentences, with sample weights."""
    split = {cols[0]: cols[1] for cols in _read_tsv(YIELD_SPLIT)}
    rows: list[dict[str, Any]] = []
    for r in load_plv(data_dir, "train"):
        label = r["label"]
        if label == "YIELD":
            label = split[r["id"]]
        rows.append({"id": f"plv:{r['id']}", "text": r["text"], "label": label, "plv_label": r["label"],
                     "weight": 1.0, "origin": "plv"})
    for r in load_written():
        w = 1.0 if r["label"] == "NONE" else WRITTEN_EVENT_WEIGHT
        rows.append({**r, "plv_label": collapse(r["label"]), "weight": w, "origin": "written"})
    return rows


def collapse(label: str | None) -> str | None:
    """PLOVER 2.0 type -> PLV label (CONCEDE and RETREAT are YIELD there)."""
    return "YIELD" if label in ("CONCEDE", "RETREAT") else label


def _fit(rows: list[dict[str, Any]], feats: list[list[str]], seed: int) -> Any:
    """Fit vocabularies and the SVM on ``rows``; returns an EventTypeModel (temperature 1, no threshold)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    from borderwatch.nlp.event_type import EventTypeModel

    texts = [r["text"] for r in rows]
    wv = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    cv = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=CHAR_MIN_DF).fit(texts)
    parse_vocab = sorted({f for fs in feats for f in fs})
    word_terms = wv.get_feature_names_out().tolist()
    char_terms = cv.get_feature_names_out().tolist()
    model = EventTypeModel(
        classes=[], word_vocab={t: i for i, t in enumerate(word_terms)}, word_idf=wv.idf_.tolist(),
        char_vocab={t: i for i, t in enumerate(char_terms)}, char_idf=cv.idf_.tolist(),
        feat_vocab={t: i for i, t in enumerate(parse_vocab)}, coef=None, intercept=None, temperature=1.0,
        none_threshold=1.01, block_weights={"word": 1.0, "char": 1.0, "parse": 1.0}, meta={},
    )
    x = _matrix(model, texts, feats)
    y = np.array([r["label"] for r in rows])
    sw = np.array([r["weight"] for r in rows])
    # balanced class weights from the *weighted* counts: with sklearn's class_weight="balanced" the
    # 0.1-weight written rows would count fully and halve the weight of rare PLV classes (COOPERATE
    # CV F1 fell from 0.58 to 0.32 that way)
    totals: dict[str, float] = {}
    for lab, w in zip(y, sw, strict=True):
        totals[lab] = totals.get(lab, 0.0) + float(w)
    cw = {lab: float(sw.sum()) / (len(totals) * t) for lab, t in totals.items()}
    sw = sw * np.array([cw[lab] for lab in y])
    svm = LinearSVC(C=SVM_C, random_state=seed, max_iter=5000)
    svm.fit(x, y, sample_weight=sw)
    model.classes = svm.classes_.tolist()
    model.coef = svm.coef_.T.astype(np.float32)
    model.intercept = svm.intercept_.astype(np.float64)
    return model


def _matrix(model: Any, texts: list[str], feats: list[list[str]]) -> Any:
    """Training matrix built with the inference code itself, so train and serve features agree."""
    from scipy import sparse

    n = model.n_word + model.n_char + len(model.feat_vocab)
    rows, cols, vals = [], [], []
    for i, (t, f) in enumerate(zip(texts, feats, strict=True)):
        for j, v in model.vector(t, f).items():
            rows.append(i)
            cols.append(j)
            vals.append(v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), n))


def _decisions(model: Any, texts: list[str], feats: list[list[str]]) -> Any:
    return model.decision([model.vector(t, f) for t, f in zip(texts, feats, strict=True)])


def fit_temperature(decisions: Any, classes: list[str], labels: list[str]) -> float:
    """Softmax temperature minimising held-out negative log-likelihood (grid 0.5–10, step 0.05)."""
    import numpy as np

    idx = np.array([classes.index(lab) for lab in labels])
    best_t, best_nll = 1.0, math.inf
    for t in np.arange(0.5, 10.0001, 0.05):
        z = decisions * t
        z = z - z.max(axis=1, keepdims=True)
        logp = z[np.arange(len(z)), idx] - np.log(np.exp(z).sum(axis=1))
        nll = float(-logp.mean())
        if nll < best_nll - 1e-12:
            best_t, best_nll = float(t), nll
    return round(best_t, 2)


def _decide(probs: Any, classes: list[str], threshold: float) -> list[str | None]:
    """PLV-level labels from probabilities, with the same rule as ``classify``."""
    ci = {c: i for i, c in enumerate(classes)}
    out: list[str | None] = []
    for p in probs:
        if "NONE" in ci and p[ci["NONE"]] >= threshold:
            out.append(None)
            continue
        merged = {c: float(p[i]) for c, i in ci.items() if c not in ("NONE", "CONCEDE", "RETREAT")}
        merged["YIELD"] = float(p[ci["CONCEDE"]] + p[ci["RETREAT"]])
        out.append(max(merged, key=merged.__getitem__))
    return out


def plv_metrics(gold: list[str], pred: list[str | None]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels present, per-type F1, detected share (None = no event)."""
    labels = sorted(set(gold))
    per: dict[str, float] = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        per[lab] = 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)
    n = len(gold)
    return {
        "n": n,
        "accuracy": sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / n if n else 0.0,
        "macro_f1": sum(per.values()) / len(per) if per else 0.0,
        "detected_share": sum(1 for p in pred if p is not None) / n if n else 0.0,
        "per_type_f1": {k: round(v, 4) for k, v in per.items()},
    }


def _parse_all(texts: list[str]) -> list[list[str]]:
    from borderwatch.nlp.event_type import _nlp, sentence_features

    return [sentence_features(d[:]) for d in _nlp().pipe(texts, batch_size=64)]


def cross_validate(rows: list[dict[str, Any]], feats: list[list[str]], seed: int, folds: int = N_FOLDS
                   ) -> tuple[Any, list[str]]:
    """Out-of-fold decision values for every row (stratified by label, PLV and written rows alike)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    labels = [r["label"] for r in rows]
    dec = None
    classes: list[str] = []
    skf = StratifiedKFold(folds, shuffle=True, random_state=seed)
    for tr, te in skf.split(np.zeros(len(rows)), labels):
        m = _fit([rows[i] for i in tr], [feats[i] for i in tr], seed)
        d = _decisions(m, [rows[i]["text"] for i in te], [feats[i] for i in te])
        if dec is None:
            classes = m.classes
            dec = np.zeros((len(rows), len(classes)))
        dec[te] = d
    return dec, classes


def choose_threshold(probs: Any, classes: list[str], rows: list[dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    """The lowest no-event threshold that keeps ≥ 99.5% of held-out PLV events detected.

    Lower thresholds reject more no-event sentences; the PLV constraint bounds the cost to real events.
    """
    import numpy as np

    ci = classes.index("NONE")
    plv = np.array([r["origin"] == "plv" for r in rows])
    none = np.array([r["label"] == "NONE" for r in rows])
    written_ev = ~plv & ~none
    table = []
    chosen = None
    for th in [round(x, 2) for x in np.arange(0.30, 0.951, 0.05)]:
        det_plv = float((probs[plv, ci] < th).mean())
        rej = float((probs[none, ci] >= th).mean()) if none.any() else 0.0
        det_w = float((probs[written_ev, ci] < th).mean()) if written_ev.any() else 0.0
        table.append({"threshold": th, "plv_detected": round(det_plv, 4), "written_none_rejected": round(rej, 4),
                      "written_events_detected": round(det_w, 4)})
        if chosen is None and det_plv >= MIN_DETECTED_SHARE:
            chosen = th
    return (chosen if chosen is not None else 0.95), {"grid": table}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(data_dir: Path, out_dir: Path, seed: int = 13) -> dict[str, Any]:
    """Train on PLV train + written sentences, write the model and ``metrics.json`` to ``out_dir``.

    Returns the metrics dict (cross-validated on the training rows: PLV accuracy, macro-F1,
    detected share, per-type F1, no-event rejection on written sentences; plus counts, the
    temperature and the threshold). Takes about a minute on 2 cores (parse + 5 CV fits + 1 fit).
    """
    import numpy as np
    import sklearn

    t0 = time.perf_counter()
    rows = training_rows(Path(data_dir))
    feats = _parse_all([r["text"] for r in rows])
    dec, classes = cross_validate(rows, feats, seed)
    temperature = fit_temperature(dec, classes, [r["label"] for r in rows])
    z = dec * temperature
    z = z - z.max(axis=1, keepdims=True)
    probs = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    threshold, grid = choose_threshold(probs, classes, rows)
    plv_idx = [i for i, r in enumerate(rows) if r["origin"] == "plv"]
    pred = _decide(probs[plv_idx], classes, threshold)
    cv = plv_metrics([rows[i]["plv_label"] for i in plv_idx], pred)
    none_idx = [i for i, r in enumerate(rows) if r["label"] == "NONE"]
    wev_idx = [i for i, r in enumerate(rows) if r["origin"] == "written" and r["label"] != "NONE"]
    wpred = _decide(probs[wev_idx], classes, threshold)
    cv["written_none_rejected"] = float((probs[none_idx, classes.index("NONE")] >= threshold).mean())
    cv["written_events_accuracy"] = float(np.mean([p == rows[i]["plv_label"] for p, i in zip(wpred, wev_idx,
                                                                                              strict=True)]))

    model = _fit(rows, feats, seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    vocab = {"word": sorted(model.word_vocab, key=model.word_vocab.__getitem__),
             "char": sorted(model.char_vocab, key=model.char_vocab.__getitem__),
             "parse": sorted(model.feat_vocab, key=model.feat_vocab.__getitem__)}
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    _save_npz(out_dir / "weights.npz", coef=model.coef.astype(np.float32), intercept=model.intercept,
              word_idf=np.asarray(model.word_idf), char_idf=np.asarray(model.char_idf))
    counts = Counter(r["label"] for r in rows)
    metrics: dict[str, Any] = {
        "cv_on_training_data": {"folds": N_FOLDS, "seed": seed, **cv, "threshold_grid": grid["grid"]},
        "temperature": temperature,
        "none_threshold": threshold,
        "training_rows": {"plv_train": len(plv_idx), "written_none": len(none_idx), "written_events": len(wev_idx),
                          "by_label": dict(sorted(counts.items()))},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    manifest = {
        "format": 1,
        "name": "borderwatch-event-type",
        "method": "LinearSVC over word 1-2gram TF-IDF + char_wb 2-5gram TF-IDF + spaCy parse/lexicon features",
        "classes": model.classes,
        "temperature": temperature,
        "none_threshold": threshold,
        "block_weights": model.block_weights,
        "seed": seed,
        "svm_c": SVM_C,
        "written_event_weight": WRITTEN_EVENT_WEIGHT,
        "sklearn_version": sklearn.__version__,
        "training_data": ["PLV train split (event-coding-reliability/plv.csv, split=train; YIELD split by "
                          "borderwatch/train/data/plv_train_yield_split.tsv)",
                          "borderwatch/train/data/written_*.tsv (written for the project)"],
        "sha256": {name: _sha256(out_dir / name) for name in ("vocab.json", "weights.npz")},
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    from borderwatch.nlp.event_type import _load

    _load.cache_clear()
    return metrics


def _save_npz(path: Path, **arrays: Any) -> None:
    """np.savez_compressed with fixed zip timestamps, so a retrain gives identical bytes."""
    import io
    import zipfile

    import numpy as np

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.asanyarray(arr), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    """``borderwatch train event-type [--data DIR] [--out DIR] [--seed N]``: train and print the CV metrics."""
    ap = argparse.ArgumentParser(prog="borderwatch train event-type", description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=default_data_dir(), help="shared/external (holds the PLV csv)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model folder (default: the shipped one)")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    m = train(args.data, args.out, args.seed)
    cv = m["cv_on_training_data"]
    print(f"wrote {args.out}: CV on PLV train accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}, "
          f"detected {cv['detected_share']:.3f}; written no-event rejected {cv['written_none_rejected']:.3f}; "
          f"T={m['temperature']} threshold={m['none_threshold']} ({m['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
