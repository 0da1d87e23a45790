"""Evaluate event detection and PLOVER typing on the PETRARCH-2 gold-standard validation records
(78 real-news sentences), with the CAMEO codes mapped to PLOVER by the official table.

Data: ``shared/external/UniversalPetrarch/PETR2_GSR_validation.xml`` and
``shared/external/PLOVER/CAMEO2PLOVER-2021.txt`` (see SOURCES.md). The XML is not well formed
(``<Sentence .../>`` is closed early, ``#`` comment lines), so it is read with patterns: XML
comments are dropped first (they hold retired codings), then each ``<Sentence>`` gives its id,
date, category, ``<EventCoding eventcode sourcecode targetcode>`` expectations (or
``noevents="True"``) and ``<Text>`` (one record's ``<Text>`` is empty: its sentence is rebuilt from
the CoNLL-U ``<Parse>``). 92 expectations: 80 codings on 66 sentences, 12 sentences
expecting no event.

Gold type: each CAMEO event code is looked up in CAMEO2PLOVER - the full code, then ever
shorter prefixes down to the two-digit root (the first line of a duplicated code wins, so the
root ``08`` reads CONCEDE). The table has no 01 (public statement) or 02 (appeal) lines: such
codings have no PLOVER type, and a sentence whose codings are all unmapped is left out of the
type figures (counted in ``unmapped_sentences``, with what we predicted for them).

Scoring, per sentence, through the full event stage (:mod:`borderwatch.eval.plover_gsr`'s
``predict``; each sentence is coded with its record's date as the publication date):

- ``type_accuracy_first``: our main event's type equals the PLOVER type of the sentence's first
  mapped coding; ``type_accuracy_any``: it is the type of any of its codings (a sentence may
  carry several). Undetected = wrong. ``macro_f1``/``per_type_f1``/``detected_share``:
  :func:`borderwatch.train.event_type.plv_metrics` on the first definition;
- ``noevent_accuracy``: on the ``noevents`` sentences, we detect no event at all;
- country agreement (``actor_country_accuracy``, ``recipient_country_accuracy``): the gold
  countries of a sentence are the first three letters of its codings' source (target) codes
  that are ISO3 countries (``USA``, ``IRQMUS`` -> IRQ; ``IGO...``, ``---REB``, ``IMG...`` left
  out); over sentences with at least one, right when any actor (recipient) of our main event
  has one of them (``*_first_accuracy``: our first actor/recipient has one).

Usage::

    python -m borderwatch.eval.petrarch [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing
from borderwatch.eval.plover_gsr import (
    GoldPrediction,
    country_agreement,
    country_of,
    predict,
    rate,
    spread,
    top_confusions,
)
from borderwatch.train.event_type import default_data_dir, plv_metrics

__all__ = ["MAP_REL", "PETR_REL", "PetrSentence", "PloverCode", "cameo_to_plover", "default_data_dir",
           "load_cameo2plover", "load_sentences", "parse_cameo2plover", "parse_validation", "run",
           "score_sentences", "worst_cases"]

PETR_REL = Path("UniversalPetrarch") / "PETR2_GSR_validation.xml"
MAP_REL = Path("PLOVER") / "CAMEO2PLOVER-2021.txt"


# -- CAMEO -> PLOVER ------------------------------------------------------------------------
@dataclass(frozen=True)
class PloverCode:
    """One line of CAMEO2PLOVER: the PLOVER event type, mode and contexts of a CAMEO code."""

    event: str
    mode: str | None = None
    context: tuple[str, ...] = ()


_MAP_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([^#]*)")


def parse_cameo2plover(text: str) -> dict[str, PloverCode]:
    """``CODE: PLOVER_EVENT, mode, context  # description`` lines as {code: PloverCode}.

    Blank mode/context fields are None/empty; contexts are split on ``;``; the first line of a
    duplicated code wins. Comment, blank and other lines are skipped."""
    table: dict[str, PloverCode] = {}
    for line in text.splitlines():
        m = _MAP_LINE.match(line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        if not fields or not re.fullmatch(r"[A-Z]+", fields[0]):
            continue
        mode = fields[1] if len(fields) > 1 and fields[1] else None
        ctx = tuple(c.strip() for c in fields[2].split(";") if c.strip()) if len(fields) > 2 else ()
        table.setdefault(m.group(1), PloverCode(fields[0], mode, ctx))
    return table


def load_cameo2plover(data_dir: Path) -> dict[str, PloverCode]:
    path = Path(data_dir) / MAP_REL
    if not path.is_file():
        raise DataMissing(f"CAMEO->PLOVER table not found: need {path} "
                          "(openeventdata/PLOVER CAMEO2PLOVER-2021.txt, see SOURCES.md)")
    table = parse_cameo2plover(path.read_text(encoding="utf-8"))
    if not table:
        raise DataMissing(f"no CODE: EVENT lines in {path}")
    return table


def cameo_to_plover(code: str | None, table: dict[str, PloverCode]) -> PloverCode | None:
    """The PLOVER mapping of a CAMEO event code: the full code, else its longest prefix in the
    table (down to the two-digit root); None when nothing matches (01x, 02x, junk)."""
    code = (code or "").strip()
    if not code.isdigit():
        return None
    for k in range(len(code), 1, -1):
        if code[:k] in table:
            return table[code[:k]]
    return None


# -- validation records ---------------------------------------------------------------------
@dataclass
class PetrSentence:
    id: str
    category: str
    date: date | None
    text: str
    codings: list[dict[str, str]] = field(default_factory=list)  # eventcode, sourcecode, targetcode
    noevents: bool = False


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>")
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PARSE = re.compile(r"<Parse>(.*?)</Parse>", re.S)


def _parse_text(conllu: str) -> str:
    """The sentence of a CoNLL-U parse: the FORM column, spaced unless ``SpaceAfter=No``."""
    out = []
    for line in conllu.strip().splitlines():
        cols = line.split("\t")
        if len(cols) < 10 or not cols[0].isdigit():
            continue
        out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def _date(s: str) -> date | None:
    try:
        return date(int(s[:4]), int(s[4:6]), int(s[6:8])) if re.fullmatch(r"\d{8}", s) else None
    except ValueError:
        return None


def parse_validation(text: str) -> list[PetrSentence]:
    """The ``<Sentence>`` records of a PETRARCH validation file (comments dropped)."""
    text = _COMMENT.sub("", text)
    starts = list(_SENTENCE.finditer(text))
    out: list[PetrSentence] = []
    for i, m in enumerate(starts):
        chunk = text[m.end(): starts[i + 1].start() if i + 1 < len(starts) else len(text)]
        attrs = dict(_ATTR.findall(m.group(1)))
        tm = _TEXT.search(chunk)
        if tm is None:
            continue
        head = chunk[:tm.start()]
        codings, noevents = [], False
        for c in _CODING.finditer(head):
            a = dict(_ATTR.findall(c.group(1)))
            if a.get("noevents", "").lower() == "true":
                noevents = True
            elif a.get("eventcode"):
                codings.append({k: a.get(k, "") for k in ("eventcode", "sourcecode", "targetcode")})
        sentence = " ".join(html.unescape(tm.group(1)).split())
        if not sentence and (pm := _PARSE.search(chunk)):  # one record has an empty <Text>
            sentence = _parse_text(html.unescape(pm.group(1)))
        if not sentence:
            continue
        out.append(PetrSentence(attrs.get("id", f"#{i}"), attrs.get("category", ""), _date(attrs.get("date", "")),
                                sentence, codings, noevents and not codings))
    return out


def load_sentences(data_dir: Path, limit: int | None = None) -> list[PetrSentence]:
    """Sentences with an expectation (codings or ``noevents``) in file order; ``limit``: an evenly
    spaced subset (:func:`borderwatch.eval.plover_gsr.spread`; the file is grouped by source)."""
    path = Path(data_dir) / PETR_REL
    if not path.is_file():
        raise DataMissing(f"PETRARCH-2 validation records not found: need {path} "
                          "(openeventdata/UniversalPetrarch data/text/PETR2_GSR_validation.xml, see SOURCES.md)")
    rows = [s for s in parse_validation(path.read_text(encoding="utf-8")) if s.codings or s.noevents]
    if not rows:
        raise DataMissing(f"no <Sentence> records with expectations in {path}")
    return spread(rows, limit)


# -- scoring --------------------------------------------------------------------------------
def _gold_types(s: PetrSentence, table: dict[str, PloverCode]) -> list[str]:
    """PLOVER types of a sentence's codings, in coding order, unmapped ones dropped."""
    out = []
    for c in s.codings:
        pc = cameo_to_plover(c["eventcode"], table)
        if pc is not None:
            out.append(pc.event)
    return out


def score_sentences(sents: list[PetrSentence], preds: list[str | None], table: dict[str, PloverCode],
                    actor_countries: list[list[str | None]] | None = None,
                    recipient_countries: list[list[str | None]] | None = None) -> dict[str, Any]:
    """Metrics of predicted main-event types (None = no event) against the sentences' codings.
    Countries (ours, per sentence) are optional; without them the country keys are absent."""
    typed = [(s, p, _gold_types(s, table)) for s, p in zip(sents, preds, strict=True) if s.codings]
    scored = [(s, p, g) for s, p, g in typed if g]
    unmapped = [(s, p) for s, p, g in typed if not g]
    noev = [p for s, p in zip(sents, preds, strict=True) if s.noevents]
    first_gold = [g[0] for _s, _p, g in scored]
    first_pred = [p for _s, p, _g in scored]
    m = plv_metrics(first_gold, first_pred) if scored else {"macro_f1": None, "detected_share": None,
                                                            "per_type_f1": {}}
    n_any = sum(1 for _s, p, g in scored if p in g)
    out: dict[str, Any] = {
        "n": len(sents),
        "type_n": len(scored),
        "type_accuracy_first": rate(sum(1 for _s, p, g in scored if p == g[0]), len(scored)),
        "type_accuracy_any": rate(n_any, len(scored)),
        "macro_f1": None if m["macro_f1"] is None else round(m["macro_f1"], 4),
        "detected_share": None if m["detected_share"] is None else round(m["detected_share"], 4),
        "per_type_f1": m["per_type_f1"],
        "noevent_n": len(noev),
        "noevent_accuracy": rate(sum(1 for p in noev if p is None), len(noev)),
        "codings": sum(len(s.codings) for s in sents),
        "unmapped_codings": sorted({c["eventcode"] for s in sents for c in s.codings
                                    if cameo_to_plover(c["eventcode"], table) is None}),
        "unmapped_sentences": len(unmapped),
        "unmapped_predicted": dict(Counter(p or "none" for _s, p in unmapped).most_common()),
    }
    if actor_countries is not None and recipient_countries is not None:
        for role, key, ours in (("actor", "sourcecode", actor_countries), ("recipient", "targetcode", recipient_countries)):
            c = country_agreement([[country_of(x[key]) for x in s.codings] for s in sents], ours)
            out[f"{role}_country_accuracy"] = c["accuracy"]
            out[f"{role}_country_first_accuracy"] = c["first_accuracy"]
            out[f"{role}_country_missing"] = c["missing"]
            out[f"{role}_country_n"] = c["n"]
    wrong = [(g[0], p) for _s, p, g in scored if p not in g]
    out["top_confusions"] = top_confusions([g for g, _p in wrong], [p for _g, p in wrong])
    out["false_events"] = dict(Counter(p for p in noev if p is not None).most_common())
    return out


def _predict_dated(sents: list[PetrSentence]) -> tuple[list[GoldPrediction], float]:
    """Predictions in sentence order, each sentence coded with its own date as publication date."""
    groups: dict[date | None, list[int]] = defaultdict(list)
    for i, s in enumerate(sents):
        groups[s.date].append(i)
    preds: list[GoldPrediction | None] = [None] * len(sents)
    secs = 0.0
    for d, idx in groups.items():
        got, t = predict([sents[i].text for i in idx], d)
        secs += t
        for i, p in zip(idx, got, strict=True):
            preds[i] = p
    return [p for p in preds if p is not None], secs


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the event stage on the PETRARCH-2 validation sentences (``limit``: evenly spaced subset)."""
    table = load_cameo2plover(data_dir)
    sents = load_sentences(data_dir, limit)
    preds, secs = _predict_dated(sents)
    out = score_sentences(sents, [p.event_type for p in preds], table,
                          [p.actor_countries for p in preds], [p.recipient_countries for p in preds])
    out["seconds"] = round(secs, 2)
    out["sentences_per_second"] = round(len(sents) / secs, 1) if secs > 0 else None
    out["predicted"] = dict(Counter(p.event_type or "none" for p in preds).most_common())
    return out


def worst_cases(data_dir: Path, n: int = 10, limit: int | None = None) -> list[dict[str, Any]]:
    """The ``n`` most confident errors: a type among none of the codings' (undetected events by
    their no-event score), or an event found in a ``noevents`` sentence."""
    table = load_cameo2plover(data_dir)
    sents = load_sentences(data_dir, limit)
    preds, _ = _predict_dated(sents)
    bad = []
    for s, p in zip(sents, preds, strict=True):
        gold = _gold_types(s, table)
        if s.noevents and p.event_type is not None:
            bad.append((p.score, s, p, ["none"]))
        elif gold and p.event_type not in gold:
            bad.append((p.score if p.event_type else p.none_score, s, p, gold))
    bad.sort(key=lambda x: -x[0])
    out = []
    for conf, s, p, gold in bad[:n]:
        top = sorted(p.scores.items(), key=lambda kv: -kv[1])[:3]
        out.append({
            "id": s.id, "category": s.category, "text": s.text, "gold": "/".join(dict.fromkeys(gold)),
            "cameo": ", ".join(f"{c['eventcode']} {c['sourcecode']}->{c['targetcode']}" for c in s.codings) or "noevents",
            "predicted": p.event_type or "none", "confidence": round(conf, 3),
            "top3": ", ".join(f"{k} {v:.2f}" for k, v in top), "trigger": p.trigger_text,
            "actor": "; ".join(f"{t} [{c or '-'}]" for t, c in zip(p.actors, p.actor_countries, strict=True)),
            "recipient": "; ".join(f"{t} [{c or '-'}]" for t, c in zip(p.recipients, p.recipient_countries,
                                                                         strict=True)),
        })
    return out


def main(argv: list[str] | None = None) -> int:
    from borderwatch.eval.runner import module_main

    return module_main("PETRARCH-2 validation records via CAMEO2PLOVER: event detection and type", run, worst_cases, argv)


if __name__ == "__main__":
    raise SystemExit(main())
