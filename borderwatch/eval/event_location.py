"""Evaluate the event stage's *place of the event* on Halterman's event–location gold (496 records).

Data: ``<data_dir>/event_location/labeled_text.jsonl.zip`` (or the unzipped
``labeled_text.jsonl``; see SOURCES.md). Despite its name the file is one JSON array of Prodigy
records ``{text, tokens, spans, source, ...}``. Gold = the records with ``source == "RELABEL"``
(the adjudicated set), in file order. Each holds one ``VERB`` span (the event trigger) and the
``LOCATION`` spans where *that* event happened; a record with no LOCATION span is a negative
(the verb's place is not stated). Two RELABEL records have no span at all, not even the verb:
they are skipped (``skipped``), leaving 494 (336 with a location, 158 without).

Gold offsets: 215 of the 372 RELABEL LOCATION spans carry *token indices* in their ``start``/
``end`` fields instead of character offsets (``start == token_start``, ``end == token_end``, so a
one-token place looks like an empty span). ``token_start``/``token_end`` (inclusive) are right in
every span and are what this module reads. Whitespace-only tokens are never scored.

Scoring (token level, micro over records, as the paper's "measured by token" P/R):

- our prediction for a record is one span: the location of our event on the gold verb, when its
  basis is ``sentence_attached``, ``sentence`` or ``sentence_unresolved`` (a ``context``,
  ``document_focus`` or missing location is *no prediction*: it names no tokens of the sentence);
- its tokens are the gold tokens overlapping its character span (:func:`span_tokens`);
- gold tokens = the union of the record's LOCATION spans' tokens;
- **precision** = shared tokens / predicted tokens, **recall** = shared tokens / gold tokens,
  summed over records; **negatives_correct** = share of gold negatives where we predict nothing;
  **exact_match** = share of gold positives where our tokens equal one gold span's tokens;
  **hit_rate** = share of gold positives where our span overlaps a gold span (the right place,
  loosely bounded).

Two prediction paths, each with those figures under its prefix:

- ``events_*`` (strict, the production path): the event must be detected on the gold verb (our
  event whose trigger overlaps the VERB span); no such event = no prediction. Candidates are
  every toponym span, resolved by the geocoder or not, as in production.
- ``chooser_*``: the location chooser (:func:`borderwatch.nlp.events._location`, the learned
  ranker of :mod:`borderwatch.nlp.location_model`) called for the gold verb token, whether or
  not an event was detected there; arguments are the event's when it exists, else the parse's
  actor and recipient spans. No context or document focus (the records are single sentences).

Diagnostics: ``events_detected_share`` (an event on the gold verb), ``events_basis`` (how the
production locations were chosen), ``resolved_candidate_share`` / ``toponym_candidate_share``
(gold positives where some resolved place / some candidate overlaps a gold span: the ceiling
with resolved places only, and the ceiling of the candidates we actually rank: toponym spans
and the place-like names of :func:`borderwatch.nlp.location_model.proper_noun_candidates`).

Training: the ranker is trained by ``borderwatch train event-location`` on the file's other
records (not RELABEL; RELABEL texts excluded), as Halterman's model was.

Anchor: Halterman (2019) reports token precision and recall "over 0.83" for a neural tagger
trained on the other ~9,700 records of the same file.

Usage::

    python -m borderwatch.eval.event_location [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing
from borderwatch.train.event_type import default_data_dir

__all__ = ["GoldRecord", "default_data_dir", "load_gold", "predict", "read_records", "run", "score", "span_tokens",
           "worst_cases"]

SUBDIR = Path("event_location")
JSONL = "labeled_text.jsonl"
ZIPPED = "labeled_text.jsonl.zip"
GOLD_SOURCE = "RELABEL"
PREDICTING_BASES = ("sentence_attached", "sentence", "sentence_unresolved")  # bases naming a span of the sentence
PATHS = ("events", "chooser")


@dataclass(frozen=True)
class GoldRecord:
    """One gold record: its text, the gold tokens' character offsets, the VERB token range and
    the LOCATION token ranges (all ``[start, end)`` in token indices), and the whitespace tokens."""

    id: str
    text: str
    tokens: tuple[tuple[int, int], ...]
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]
    spaces: frozenset[int] = frozenset()

    def chars(self, rng: tuple[int, int]) -> tuple[int, int]:
        """Character offsets of a token range."""
        return self.tokens[rng[0]][0], self.tokens[rng[1] - 1][1]

    def gold_spans(self) -> list[frozenset[int]]:
        """Each LOCATION span as a set of (non-whitespace) token indices; empty ones dropped."""
        spans = [frozenset(range(a, b)) - self.spaces for a, b in self.locations]
        return [s for s in spans if s]

    def gold_chars(self) -> list[tuple[int, int]]:
        """Character offsets of the LOCATION spans (empty or out-of-range ones dropped)."""
        return [self.chars(g) for g in self.locations if g[0] < g[1] <= len(self.tokens)]

    def predicted(self, span: tuple[int, int] | None) -> frozenset[int]:
        """The gold tokens a predicted character span covers (none for no prediction)."""
        return frozenset() if span is None else span_tokens(self.tokens, span[0], span[1], self.spaces)


def span_tokens(tokens: Sequence[tuple[int, int]], start: int, end: int, skip: Iterable[int] = ()) -> frozenset[int]:
    """Indices of the tokens (``(start_char, end_char)`` pairs) that share at least one character
    with ``[start, end)``, without those in ``skip`` (whitespace tokens)."""
    skip = set(skip)
    return frozenset(i for i, (a, b) in enumerate(tokens) if a < end and start < b and i not in skip)


def score(items: Iterable[tuple[frozenset[int], list[frozenset[int]]]]) -> dict[str, Any]:
    """Token-level scores of ``(predicted tokens, gold spans as token sets)`` pairs, micro over records.

    Gold tokens of a record are the union of its spans; a record without gold spans is a negative.
    Returns precision, recall, f1 (0.0 when undefined), negatives_correct, exact_match and hit_rate
    (None when there is no record to take the share over), predicted_share, and the counts.
    """
    tp = fp = fn = 0
    pos = neg = neg_ok = exact = hit = predicted = 0
    for pred, spans in items:
        gold = frozenset().union(*spans) if spans else frozenset()
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
        predicted += bool(pred)
        if gold:
            pos += 1
            exact += bool(pred) and any(pred == s for s in spans)
            hit += any(pred & s for s in spans)
        else:
            neg += 1
            neg_ok += not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    n = pos + neg
    return {
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "negatives_correct": round(neg_ok / neg, 4) if neg else None,
        "exact_match": round(exact / pos, 4) if pos else None,
        "hit_rate": round(hit / pos, 4) if pos else None,
        "predicted_share": round(predicted / n, 4) if n else None,
        "tokens_tp": tp, "tokens_fp": fp, "tokens_fn": fn,
    }


# -- gold ------------------------------------------------------------------------------------

def _read_array(data_dir: Path) -> list[dict[str, Any]]:
    base = Path(data_dir) / SUBDIR
    plain, zipped = base / JSONL, base / ZIPPED
    if plain.is_file():
        raw = plain.read_text(encoding="utf-8")
    elif zipped.is_file():
        with zipfile.ZipFile(zipped) as z:
            names = [n for n in z.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX")]
            if not names:
                raise DataMissing(f"{zipped} holds no .jsonl file")
            raw = z.read(names[0]).decode("utf-8")
    else:
        raise DataMissing(f"event_location gold not found: need {zipped} or {plain} "
                          "(github.com/ahalterman/event_location, see SOURCES.md)")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:  # real JSON lines, should a later copy be one
        try:
            data = [json.loads(line) for line in raw.splitlines() if line.strip()]
        except json.JSONDecodeError as e:
            raise DataMissing(f"event_location gold is neither a JSON array nor JSON lines: {e}") from e
    if not isinstance(data, list):
        raise DataMissing("event_location gold is not a list of records")
    return data


def _record(rec: dict[str, Any]) -> GoldRecord | None:
    spans = rec.get("spans") or []
    verbs = [s for s in spans if s.get("label") == "VERB"]
    if not verbs:
        return None
    toks = rec["tokens"]
    tokens = tuple((int(t["start"]), int(t["end"])) for t in toks)
    spaces = frozenset(i for i, t in enumerate(toks) if not str(t.get("text", "x")).strip())

    def rng(s: dict[str, Any]) -> tuple[int, int]:
        return int(s["token_start"]), int(s["token_end"]) + 1  # Prodigy's token_end is inclusive

    locs = tuple(rng(s) for s in spans if s.get("label") == "LOCATION")
    return GoldRecord(id=str(rec.get("_id") or rec.get("doc_id") or ""), text=rec["text"], tokens=tokens,
                      verb=rng(verbs[0]), locations=locs, spaces=spaces)


def read_records(data_dir: Path) -> list[tuple[str, GoldRecord]]:
    """Every record of the file that has a VERB span, in file order, with its ``source``."""
    out = []
    for rec in _read_array(data_dir):
        if isinstance(rec, dict):
            r = _record(rec)
            if r is not None:
                out.append((str(rec.get("source") or ""), r))
    return out


def load_gold(data_dir: Path, limit: int | None = None) -> tuple[list[GoldRecord], int]:
    """The RELABEL records in file order (first ``limit`` usable ones) and how many were skipped
    for having no VERB span. Raises :class:`DataMissing`."""
    out: list[GoldRecord] = []
    skipped = 0
    for rec in _read_array(data_dir):
        if not isinstance(rec, dict) or rec.get("source") != GOLD_SOURCE:
            continue
        r = _record(rec)
        if r is None:
            skipped += 1
            continue
        out.append(r)
        if limit is not None and len(out) >= limit:
            break
    if not out:
        raise DataMissing(f"no {GOLD_SOURCE} records with a VERB span in {Path(data_dir) / SUBDIR}")
    return out, skipped


# -- predictions -----------------------------------------------------------------------------

@dataclass
class Prediction:
    """Our predicted location span (character offsets) for one record on each path (None = no
    prediction), with what is needed to explain it."""

    spans: dict[str, tuple[int, int] | None]
    event_found: bool
    event_type: str | None = None
    basis: str | None = None  # basis of the production event's location ("none" when it has none)
    location_text: str | None = None  # the production location's text (or name, for focus/context)
    resolved: list[str] = field(default_factory=list)
    toponyms: list[str] = field(default_factory=list)
    resolved_cover: bool = False  # some resolved place overlaps a gold span
    toponym_cover: bool = False  # some candidate span (toponym or place-like name) overlaps a gold span
    also: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # coordinated places, per path

    def tokens(self, r: GoldRecord, path: str) -> frozenset[int]:
        """The gold tokens our prediction on ``path`` covers: its place and those coordinated with it."""
        out = r.predicted(self.spans[path])
        for span in self.also.get(path, []):
            out |= r.predicted(span)
        return out


def _sentence_span(loc: dict[str, Any] | None) -> tuple[int, int] | None:
    if not loc or loc.get("basis") not in PREDICTING_BASES or loc.get("start") is None:
        return None
    return int(loc["start"]), int(loc["end"])


def _also(loc: dict[str, Any] | None) -> list[tuple[int, int]]:
    if _sentence_span(loc) is None:
        return []
    return [(int(a["start"]), int(a["end"])) for a in (loc or {}).get("also") or []]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predict(records: list[GoldRecord]) -> tuple[list[Prediction], float]:
    """Our location span for each record on both paths, and the seconds the event stage took
    (models loaded first; the chooser calls are not timed)."""
    from borderwatch.eval.event_stage import code_texts
    from borderwatch.nlp.events import _location
    from borderwatch.nlp.location_model import sentence_candidates, trigger_args

    coded, secs = code_texts([r.text for r in records], with_places=True)
    out: list[Prediction] = []
    for r, c in zip(records, coded, strict=True):
        doc = c.doc
        if doc.text != r.text:  # offsets would not line up; never seen, but do not score nonsense
            raise ValueError(f"the pipeline changed the text of record {r.id!r}")
        verb = r.chars(r.verb)
        on_verb = [e for e in c.events if _overlaps((e.trigger_start, e.trigger_end), verb)]
        ev = min(on_verb, key=lambda e: (e.trigger_start != verb[0], e.trigger_start)) if on_verb else None
        span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
        resolved = [p for p in c.places if p.get("place_id")]
        cands = sentence_candidates(span.root.sent, c.places) if span is not None and len(span) else c.places
        gold_chars = r.gold_chars()
        pred = Prediction(
            spans=dict.fromkeys(PATHS), event_found=ev is not None,
            resolved=[p["text"] for p in resolved], toponyms=[p["text"] for p in cands],
            resolved_cover=any(_overlaps((p["start"], p["end"]), g) for p in resolved for g in gold_chars),
            toponym_cover=any(_overlaps((p["start"], p["end"]), g) for p in cands for g in gold_chars))
        if ev is not None:
            loc = ev.location
            pred.event_type = ev.event_type
            pred.basis = (loc or {}).get("basis") or "none"
            pred.location_text = (loc or {}).get("text") or (loc or {}).get("name")
            pred.spans["events"], pred.also["events"] = _sentence_span(loc), _also(loc)
        if span is not None and len(span):
            t = span.root
            args = (ev.actor + ev.recipient) if ev is not None else trigger_args(t)
            loc = _location(t.sent, t, c.places, args, None)
            pred.spans["chooser"], pred.also["chooser"] = _sentence_span(loc), _also(loc)
        out.append(pred)
    return out, secs


# -- run ---------------------------------------------------------------------------------------

def _metrics(records: list[GoldRecord], preds: list[Prediction]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path in PATHS:
        s = score((p.tokens(r, path), r.gold_spans()) for r, p in zip(records, preds, strict=True))
        for k in ("precision", "recall", "f1", "negatives_correct", "exact_match", "hit_rate", "predicted_share"):
            out[f"{path}_{k}"] = s[k]
    return out


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the event stage's location on the RELABEL gold (first ``limit`` records).

    Returns n, n_with_location, n_without_location, skipped; for each path (``events``,
    ``chooser``) precision, recall, f1,
    negatives_correct, exact_match, hit_rate, predicted_share; events_detected_share,
    events_basis, resolved_candidate_share, toponym_candidate_share, seconds, records_per_second.
    """
    records, skipped = load_gold(data_dir, limit)
    preds, secs = predict(records)
    positives = [i for i, r in enumerate(records) if r.gold_spans()]
    out: dict[str, Any] = {"n": len(records), "n_with_location": len(positives),
                           "n_without_location": len(records) - len(positives), "skipped": skipped}
    out.update(_metrics(records, preds))
    out["events_detected_share"] = round(sum(p.event_found for p in preds) / len(preds), 4)
    out["events_basis"] = dict(Counter(p.basis or "no event" for p in preds).most_common())
    if positives:
        out["resolved_candidate_share"] = round(sum(preds[i].resolved_cover for i in positives) / len(positives), 4)
        out["toponym_candidate_share"] = round(sum(preds[i].toponym_cover for i in positives) / len(positives), 4)
    out["seconds"] = round(secs, 2)
    out["records_per_second"] = round(len(records) / secs, 1) if secs > 0 else None
    return out


def _text(r: GoldRecord, span: tuple[int, int] | None) -> str | None:
    return None if span is None else r.text[span[0]:span[1]]


def worst_cases(data_dir: Path, n: int = 10, limit: int | None = None) -> list[dict[str, Any]]:
    """The ``n`` records where the production path (``events``) is furthest from the gold
    tokens (wrong tokens predicted + gold tokens missed), with the other paths beside it."""
    records, _ = load_gold(data_dir, limit)
    preds, _ = predict(records)
    rows = []
    for r, p in zip(records, preds, strict=True):
        spans = r.gold_spans()
        gold = frozenset().union(*spans) if spans else frozenset()
        ours = p.tokens(r, "events")
        err = len(ours - gold) + len(gold - ours)
        if err:
            rows.append((err, r, p))
    rows.sort(key=lambda x: -x[0])
    out = []
    for err, r, p in rows[:n]:
        out.append({
            "id": r.id, "text": r.text, "verb": _text(r, r.chars(r.verb)),
            "gold": [_text(r, r.chars(g)) for g in r.locations if g[1] > g[0]], "token_errors": err,
            "event": p.event_type if p.event_found else None, "basis": p.basis, "location": p.location_text,
            **{path: _text(r, p.spans[path]) for path in PATHS},
            "resolved_places": p.resolved, "toponym_spans": p.toponyms,
        })
    return out


def main(argv: list[str] | None = None) -> int:
    from borderwatch.eval.runner import module_main

    return module_main("event_location RELABEL gold: the place of the verb's event", run, worst_cases, argv)


if __name__ == "__main__":
    raise SystemExit(main())
