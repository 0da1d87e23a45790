"""Geocoding evaluation on GeoWebNews (GWN), TR-News and LGL (Gritta et al.'s copies).

Metrics follow ../shared/design/BASELINES.md §3 so figures are comparable with the naive
population prior measured there:

- **gold spans**: every gold toponym that has coordinates is resolved from its gold span
  (GWN: ``<extractedName>`` spans with ``<latitude>``; TR-News/LGL: ``<toponym>`` with a
  ``<gaztag>``). ``acc161_gold`` = share within 161 km of the gold point, **unresolved spans
  count as misses**; ``median_km_gold`` over resolved spans only; ``exact_id_gold`` = share of
  spans with a gold GeoNames id whose resolved place has that id; ``coverage_gold`` = share
  resolved at all; ``acc161_or_id_gold`` also counts a same-id hit (BASELINES' third figure:
  a country's GeoNames point is a convention no package ships).
- **end to end**: our own detection. The pinned spaCy model plus an EntityRuler fed with
  ``Geocoder.pattern_names()`` and the demonyms (placed before "ner", overwriting), then
  :func:`borderwatch.nlp.toponyms.toponym_spans`, then ``resolve_document`` on those spans.
  A gold toponym (with coordinates) is **detected** when a predicted span overlaps it by at
  least one character; it is **correct end to end** when the predicted span overlapping it
  (the longest overlap if several) resolves within 161 km of the gold point.
  ``acc161_e2e`` = correct / gold toponyms with coordinates (so detection misses count as
  misses); ``exact_id_e2e`` likewise with the GeoNames id. Detection precision = predicted
  spans overlapping *any* gold toponym span (with or without coordinates, GWN's non-locational
  and literal-expression spans included) / predicted spans; recall = detected / gold spans
  with coordinates.
- **held-out half**: weights were chosen on GWN only; ``*_heldout`` figures are over the
  odd-indexed documents (0-based order in the file) of each corpus, a half that was also
  never inspected for TR-News and LGL.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing

_SUB = "Pragmatic-Guide-to-Geoparsing-Evaluation/data"
FILES = {"gwn": "GWN.xml", "tr": "Corpora/TR-News.xml", "lgl": "Corpora/lgl.xml"}


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    gid: int | None = None
    kind: str = ""  # GWN pragmatic type, or the GeoNames feature code for TR/LGL


@dataclass
class Doc:
    index: int
    text: str
    gold: list[Gold] = field(default_factory=list)  # with coordinates
    other: list[Gold] = field(default_factory=list)  # annotated spans without coordinates


def _find(data_dir: Path, corpus: str) -> Path:
    rel = FILES[corpus]
    for cand in (data_dir / _SUB / rel, data_dir / rel, data_dir / Path(rel).name):
        if cand.is_file():
            return cand
    hits = sorted(data_dir.rglob(Path(rel).name)) if data_dir.is_dir() else []
    if hits:
        return hits[0]
    raise DataMissing(f"{Path(rel).name} not found under {data_dir} (expected {data_dir / _SUB / rel}; "
                      "see ../shared/external/SOURCES.md)")


def _realign(text: str, s: int, e: int, name: str) -> tuple[int, int]:
    """TR-News has 116 spans whose offsets are one character late; find the name nearby."""
    if text[s:e] == name or not name:
        return s, e
    for d in (-1, 1, -2, 2, -3, 3):
        if text[s + d:e + d] == name:
            return s + d, e + d
    return s, e


def load_corpus(data_dir: Path, corpus: str, limit: int | None = None) -> list[Doc]:
    path = _find(data_dir, corpus)
    root = ET.parse(path).getroot()
    docs: list[Doc] = []
    for i, a in enumerate(root.iter("article")):
        if limit is not None and i >= limit:
            break
        text = a.findtext("text") or ""
        d = Doc(i, text)
        for t in a.iter("toponym"):
            if corpus == "gwn":
                name = t.findtext("extractedName") or ""
                s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
                lat = t.findtext("latitude")
                gid = t.findtext("geonamesID")
                g = Gold(s, e, name, float(lat) if lat else None, float(t.findtext("longitude")) if lat else None,
                         int(gid) if gid else None, t.findtext("type") or "")
            else:
                name = t.findtext("phrase") or ""
                s, e = _realign(text, int(t.findtext("start") or 0), int(t.findtext("end") or 0), name)
                tag = t.find("gaztag")
                if tag is not None:
                    g = Gold(s, e, name, float(tag.findtext("lat") or "nan"), float(tag.findtext("lon") or "nan"),
                             int(tag.get("geonameid")) if tag.get("geonameid") else None, tag.findtext("fcode") or "")
                else:
                    g = Gold(s, e, name)
            (d.gold if g.lat is not None and not math.isnan(g.lat) else d.other).append(g)
        docs.append(d)
    return docs


def _km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    from borderwatch.nlp.gazetteer import haversine

    return haversine(a_lat, a_lon, b_lat, b_lon)


_NLP: Any = None


def e2e_pipeline() -> Any:
    """The production NER pipeline (``borderwatch.nlp.entities.pipeline``: KB ruler, the pinned
    model's NER, the gazetteer ruler after it), so end-to-end figures measure what ships."""
    global _NLP
    if _NLP is None:
        from borderwatch.nlp.entities import pipeline

        _NLP = pipeline()
    return _NLP


def _score(docs: list[Doc], preds_gold: list[list[Any]], preds_e2e: list[list[Any]] | None,
           e2e_spans: list[list[tuple[int, int]]] | None) -> dict[str, Any]:
    n = hits = resolved = idn = idhits = or_id = 0
    errs: list[float] = []
    for d, res in zip(docs, preds_gold, strict=True):
        for gsp, r in zip(d.gold, res, strict=True):
            n += 1
            if gsp.gid:
                idn += 1
            if r.place is None:
                continue
            resolved += 1
            km = _km(gsp.lat, gsp.lon, r.place.lat, r.place.lon)  # type: ignore[arg-type]
            errs.append(km)
            same = bool(gsp.gid and r.place.geonames_id == gsp.gid)
            hits += km < 161
            idhits += same
            or_id += (km < 161) or same
    out: dict[str, Any] = {
        "n_spans": n, "n_docs": len(docs),
        "acc161_gold": round(hits / n, 4) if n else None,
        "acc161_or_id_gold": round(or_id / n, 4) if n else None,
        "exact_id_gold": round(idhits / idn, 4) if idn else None,
        "median_km_gold": round(statistics.median(errs), 1) if errs else None,
        "coverage_gold": round(resolved / n, 4) if n else None,
    }
    if preds_e2e is not None and e2e_spans is not None:
        tp_pred = npred = detected = ok = okid = 0
        for d, spans, res in zip(docs, e2e_spans, preds_e2e, strict=True):
            allgold = d.gold + d.other
            for s, e in spans:
                npred += 1
                if any(s < g.end and g.start < e for g in allgold):
                    tp_pred += 1
            for gsp in d.gold:
                best = None
                ov = 0
                for (s, e), r in zip(spans, res, strict=True):
                    o = min(e, gsp.end) - max(s, gsp.start)
                    if o > ov:
                        ov, best = o, r
                if best is None:
                    continue
                detected += 1
                if best.place is not None:
                    ok += _km(gsp.lat, gsp.lon, best.place.lat, best.place.lon) < 161  # type: ignore[arg-type]
                    okid += bool(gsp.gid and best.place.geonames_id == gsp.gid)
        p = tp_pred / npred if npred else 0.0
        r_ = detected / n if n else 0.0
        out.update({
            "acc161_e2e": round(ok / n, 4) if n else None,
            "exact_id_e2e": round(okid / idn, 4) if idn else None,
            "detect_p": round(p, 4), "detect_r": round(r_, 4),
            "detect_f1": round(2 * p * r_ / (p + r_), 4) if p + r_ else 0.0,
        })
    return out


def evaluate(corpus: str, data_dir: Path | None = None, limit: int | None = None,
             e2e: bool = True) -> dict[str, Any]:
    """Run one corpus; returns the flat metric dict (see the module docstring)."""
    from borderwatch.nlp.geocode import Geocoder
    from borderwatch.nlp.toponyms import toponym_spans

    data_dir = data_dir or _default_data_dir()
    docs = load_corpus(data_dir, corpus, limit)
    geo = Geocoder.shared()
    _ = geo.gazetteer  # build outside the timed loop; reported separately
    t0 = time.perf_counter()
    gold_res = [geo.resolve_document(d.text, [(g.start, g.end) for g in d.gold]) for d in docs]
    t_gold = time.perf_counter() - t0
    e2e_res = spans_all = None
    t_e2e = 0.0
    if e2e:
        nlp = e2e_pipeline()
        t1 = time.perf_counter()
        spans_all, e2e_res = [], []
        for d, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=16), strict=True):
            sp = [(s, e) for s, e, _k in toponym_spans(doc)]
            spans_all.append(sp)
            e2e_res.append(geo.resolve_document(d.text, sp))
        t_e2e = time.perf_counter() - t1
    out = _score(docs, gold_res, e2e_res, spans_all)
    odd = [i for i, d in enumerate(docs) if d.index % 2 == 1]
    held = _score([docs[i] for i in odd], [gold_res[i] for i in odd],
                  [e2e_res[i] for i in odd] if e2e_res is not None else None,
                  [spans_all[i] for i in odd] if spans_all is not None else None)
    for k, v in held.items():
        if k != "n_docs":
            out[f"{k}_heldout"] = v
    out["n_docs_heldout"] = len(odd)
    out["seconds"] = round(t_gold + t_e2e, 2)
    out["ms_per_doc"] = round(1000 * (t_gold + t_e2e) / max(1, len(docs)), 1)
    out["ms_per_doc_gold_spans"] = round(1000 * t_gold / max(1, len(docs)), 2)
    return out


def _default_data_dir() -> Path:
    from borderwatch.eval.runner import default_data_dir

    return default_data_dir()


def run_gwn(data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    return evaluate("gwn", data_dir, limit)


def run_tr(data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    return evaluate("tr", data_dir, limit)


def run_lgl(data_dir: Path | None = None, limit: int | None = None) -> dict[str, Any]:
    return evaluate("lgl", data_dir, limit)


def worst_cases(data_dir: Path | None = None, n: int = 10, limit: int | None = None,
                corpus: str = "gwn") -> list[dict[str, Any]]:
    """The gold-span errors with the largest distance (unresolved first), for error analysis."""
    from borderwatch.nlp.geocode import Geocoder

    docs = load_corpus(data_dir or _default_data_dir(), corpus, limit)
    geo = Geocoder.shared()
    rows: list[dict[str, Any]] = []
    for d in docs:
        res = geo.resolve_document(d.text, [(g.start, g.end) for g in d.gold])
        for gsp, r in zip(d.gold, res, strict=True):
            km = None if r.place is None else _km(gsp.lat, gsp.lon, r.place.lat, r.place.lon)  # type: ignore[arg-type]
            if km is not None and km < 161:
                continue
            rows.append({"doc": d.index, "text": gsp.name, "gold": [gsp.lat, gsp.lon, gsp.gid], "kind": gsp.kind,
                         "got": None if r.place is None else f"{r.place.name} ({r.place.id}, {r.place.feature}, "
                                                            f"{r.place.country_code})",
                         "km": None if km is None else round(km), "reason": r.reason, "candidates": r.candidates})
    rows.sort(key=lambda x: -(x["km"] if x["km"] is not None else 1e9))
    return rows[:n]
