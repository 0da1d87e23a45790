"""Evaluate event detection + PLOVER typing on the CASE 2021 task 2 test snippets (1,019 rows).

Data: ``<data_dir>/case-2021-shared-task/test_set_final_release_with_labels.tsv`` (header ``id,
EventSnippet, SubType``; see SOURCES.md). Gold: one fine-grained type per news snippet: 25 ACLED
sub-event types plus the task's five "unseen" types (DIPLO, ATTRIB, ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER). Snippets are one to a few sentences; some place names were
replaced by invented ones.

Mapping (:data:`ACLED_TO_PLOVER`, one commented line per type): each ACLED sub-event type maps to
a PLOVER 2.0 type and, where the sub-event type fixes it, the acceptable PLOVER modes. The two
disaster types map to *no event* (:data:`NO_EVENT`): nobody acts on anybody, and PLOVER codes
none of it, so the right answer is that the snippet holds no event. Types with no single PLOVER
equivalent are excluded (:data:`EXCLUDED`, with the reason); they are counted, not scored.

Our prediction: the main event of the snippet (:meth:`borderwatch.eval.event_stage.Coded.main_event`:
the event on the trigger of the sentence the classifier is surest of) through the full event
stage (:func:`borderwatch.nlp.events.extract_events`), geocoding left out; no event = None.

Metrics, over the snippets whose gold maps to a PLOVER type (``n_scored``): accuracy, macro-F1
over the gold PLOVER types present and per-type F1 (:func:`borderwatch.train.event_type.plv_metrics`:
a snippet we judge to hold no event counts as wrong), detected_share; **mode_accuracy** over
snippets whose gold fixes a mode and whose type we got right (our mode among the acceptable
ones; ``mode_n`` of them); **no_event_accuracy** over the disaster snippets (``n_no_event``): the
share where we code no event; per-subtype accuracy; the most frequent confusions; seconds.

Usage::

    python -m borderwatch.eval.case2021 [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing
from borderwatch.train.event_type import default_data_dir, plv_metrics

__all__ = ["ACLED_TO_PLOVER", "EXCLUDED", "NO_EVENT", "default_data_dir", "gold_of", "load_test", "predict", "run",
           "worst_cases"]

DATA = Path("case-2021-shared-task") / "test_set_final_release_with_labels.tsv"
NO_EVENT = "NO_EVENT"  # gold: the snippet holds no PLOVER event

# ACLED / CASE 2021 sub-event type -> (PLOVER 2.0 type or NO_EVENT, acceptable modes; empty = the
# type does not fix the mode, which is then not scored)
ACLED_TO_PLOVER: dict[str, tuple[str, tuple[str, ...]]] = {
    # Battles
    "ARMED_CLASH": ("ASSAULT", ()),  # two-sided fighting between armed groups; ACLED does not fix the weapons
    "GOV_REGAINS_TERIT": ("ASSAULT", ()),  # a battle won by the government; CAMEO's "occupy territory" -> COERCE-seize is the other reading
    "NON_STATE_ACTOR_OVERTAKES_TER": ("ASSAULT", ()),  # the same battle won by a non-state group
    # Explosions / remote violence
    "CHEM_WEAP": ("ASSAULT", ("unconventional",)),  # CBRN weapons: PLOVER "unconventional" (CAMEO 2041)
    "AIR_STRIKE": ("ASSAULT", ("aerial", "drone")),  # ACLED's "air/drone strike" is both PLOVER modes
    "SUIC_BOMB": ("ASSAULT", ("suicide-attack",)),  # suicide bombing (CAMEO 1831)
    "ART_MISS_ATTACK": ("ASSAULT", ("heavy-weapons",)),  # shelling, artillery, missiles (CAMEO 194)
    "REM_EXPLOS": ("ASSAULT", ("explosives",)),  # IEDs, landmines, remote bombs (CAMEO 1833)
    "GRENADE": ("ASSAULT", ("explosives",)),  # a thrown explosive; PLOVER has no grenade mode
    # Violence against civilians
    "ATTACK": ("ASSAULT", ()),  # one-sided violence on civilians, any weapon
    "SEX_VIOL": ("ASSAULT", ("sexual",)),  # sexual violence (CAMEO 1821)
    "ABDUCT_DISSAP": ("ASSAULT", ("abduct",)),  # abduction, forced disappearance (CAMEO 181)
    # Protests and riots
    "PEACE_PROTEST": ("PROTEST", ("demo",)),  # peaceful demonstration (CAMEO 141)
    "PROTEST_WITH_INTER": ("PROTEST", ("demo",)),  # a peaceful protest the authorities break up: the protest is the event
    "FORCE_AGAINST_PROTEST": ("ASSAULT", ("crowd-control",)),  # excessive force on protesters: PLOVER's crowd-control mode
    "VIOL_DEMONSTR": ("PROTEST", ("riot",)),  # violent demonstration (CAMEO 145)
    "MOB_VIOL": ("ASSAULT", ("beat", "primitive")),  # mobs beating or lynching people: harm done, not a protest against a recipient
    # Strategic developments
    "AGREEMENT": ("AGREE", ()),  # agreements, ceasefires, exchanges; signing could be SUPPORT, a ceasefire RETREAT
    "ARREST": ("COERCE", ("arrest",)),  # arrests and detentions (CAMEO 173)
    "DISR_WEAP": ("COERCE", ("seize",)),  # weapons seized, found or defused before use: a seizure
    "HQ_ESTABLISHED": ("MOBILIZE", ("troops", "militia")),  # a group sets up a base or post: a military move short of force
    "NON_VIOL_TERRIT_TRANSFER": ("RETREAT", ("withdraw",)),  # territory given up without fighting: withdrawal
    "PROPERTY_DISTRUCT": ("ASSAULT", ("destroy",)),  # looting and arson; CAMEO puts looting under COERCE-seize
    # CASE 2021 "unseen" types with no actor acting on anybody
    "NATURAL_DISASTER": (NO_EVENT, ()),  # floods, earthquakes, epidemics: no political event
    "MAN_MADE_DISASTER": (NO_EVENT, ()),  # fires, explosions in plants, crashes, poisonings: accidents, no event
}

# types with no single PLOVER equivalent: counted, not scored
EXCLUDED: dict[str, str] = {
    "CHANGE_TO_GROUP_ACT": "defections, new units, redeployments, preparations: MOBILIZE, RETREAT or nothing",
    "OTHER": "ACLED's residual type: mass graves, displacement, missile programmes",
    "ORG_CRIME": "robbery, smuggling, gangs: PLOVER codes political events, and the arrest or attack a snippet "
                 "reports may be either",
    "DIPLO": "sanctions, expulsions of diplomats, condemnations: SANCTION, ACCUSE or CONSULT depending on the snippet",
    "ATTRIB": "claims of responsibility and blame: PLOVER has no claim type; blaming is ACCUSE, the claimed attack ASSAULT",
}


def gold_of(subtype: str) -> tuple[str, tuple[str, ...]] | None:
    """The PLOVER (type, acceptable modes) of an ACLED/CASE sub-event type; (NO_EVENT, ()) for the
    disaster types; None for an excluded or unknown type."""
    return ACLED_TO_PLOVER.get(subtype.strip().upper())


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    subtype: str


def load_test(data_dir: Path, limit: int | None = None) -> list[Row]:
    """The test snippets in file order (first ``limit``). Raises :class:`DataMissing`."""
    path = Path(data_dir) / DATA
    if not path.is_file():
        raise DataMissing(f"CASE 2021 task 2 test set not found: need {path} "
                          "(github.com/emerging-welfare/case-2021-shared-task, see SOURCES.md)")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"id", "EventSnippet", "SubType"} - set(reader.fieldnames or [])
        if missing:
            raise DataMissing(f"{path} lacks the column(s) {', '.join(sorted(missing))}")
        rows = [Row(str(r["id"]), r["EventSnippet"] or "", (r["SubType"] or "").strip()) for r in reader
                if (r.get("EventSnippet") or "").strip()]
    if not rows:
        raise DataMissing(f"no snippets in {path}")
    return rows[:limit] if limit is not None else rows


@dataclass
class Prediction:
    """The main event of a snippet: type (None = no event detected), mode, trigger, and the
    classifier's score for that sentence."""

    event_type: str | None
    mode: str | None
    trigger: str | None
    score: float
    none_score: float


def predict(rows: list[Row]) -> tuple[list[Prediction], float]:
    """The main event of every snippet through the full event stage, and the seconds it took
    (models loaded first)."""
    from borderwatch.eval.event_stage import code_texts

    coded, secs = code_texts(r.text for r in rows)
    out = []
    for c in coded:
        main = c.main_event()
        top = max(c.predictions, key=lambda p: p.score if p.event_type else -1.0) if c.predictions else None
        if main is not None:
            p = c.predictions[main.sentence]
            out.append(Prediction(main.event_type, main.mode, main.trigger_text, float(p.score or 0.0),
                                  float(p.none_score or 0.0)))
        else:
            out.append(Prediction(None, None, None, float(top.score or 0.0) if top else 0.0,
                                  float(top.none_score or 0.0) if top else 0.0))
    return out, secs


def _score(rows: list[Row], preds: list[Prediction]) -> dict[str, Any]:
    scored = [(r, p, g) for r, p in zip(rows, preds, strict=True) if (g := gold_of(r.subtype)) and g[0] != NO_EVENT]
    none = [(r, p) for r, p in zip(rows, preds, strict=True) if (g := gold_of(r.subtype)) and g[0] == NO_EVENT]
    excluded = [(r, p) for r, p in zip(rows, preds, strict=True) if gold_of(r.subtype) is None]
    out: dict[str, Any] = {"n": len(rows), "n_scored": len(scored), "n_no_event": len(none), "n_excluded": len(excluded)}
    if scored:
        m = plv_metrics([g[0] for _r, _p, g in scored], [p.event_type for _r, p, _g in scored])
        out.update(accuracy=round(m["accuracy"], 4), macro_f1=round(m["macro_f1"], 4),
                   detected_share=round(m["detected_share"], 4))
        moded = [(p, g) for _r, p, g in scored if g[1] and p.event_type == g[0]]
        out["mode_accuracy"] = round(sum(p.mode in g[1] for p, g in moded) / len(moded), 4) if moded else None
        out["mode_n"] = len(moded)
        out["per_type_f1"] = m["per_type_f1"]
    out["no_event_accuracy"] = round(sum(p.event_type is None for _r, p in none) / len(none), 4) if none else None
    out["excluded_detected_share"] = (round(sum(p.event_type is not None for _r, p in excluded) / len(excluded), 4)
                                      if excluded else None)
    by_sub: dict[str, list[bool]] = defaultdict(list)
    for r, p, g in scored:
        by_sub[r.subtype].append(p.event_type == g[0])
    for r, p in none:
        by_sub[r.subtype].append(p.event_type is None)
    out["per_subtype_accuracy"] = {k: round(sum(v) / len(v), 3) for k, v in sorted(by_sub.items())}
    out["predicted"] = dict(Counter(p.event_type or "none" for _r, p, _g in scored).most_common())
    out["top_confusions"] = [f"{g}->{p or 'none'} {n}" for (g, p), n in Counter(
        (g[0], p.event_type) for _r, p, g in scored if p.event_type != g[0]).most_common(8)]
    unknown = sorted({r.subtype for r, _p in excluded if r.subtype not in EXCLUDED})
    if unknown:
        out["unknown_subtypes"] = unknown
    return out


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the event stage on the CASE 2021 task 2 test snippets (first ``limit``).

    Returns n, n_scored, n_no_event, n_excluded, accuracy, macro_f1, detected_share,
    mode_accuracy, mode_n, per_type_f1, no_event_accuracy, excluded_detected_share,
    per_subtype_accuracy, predicted, top_confusions, seconds, snippets_per_second.
    """
    rows = load_test(data_dir, limit)
    preds, secs = predict(rows)
    out = _score(rows, preds)
    out["seconds"] = round(secs, 2)
    out["snippets_per_second"] = round(len(rows) / secs, 1) if secs > 0 else None
    return out


def worst_cases(data_dir: Path, n: int = 10, limit: int | None = None) -> list[dict[str, Any]]:
    """The ``n`` most confident wrong predictions: wrong PLOVER type on a mapped snippet, or an
    event coded on a disaster snippet (excluded types are not cases)."""
    rows = load_test(data_dir, limit)
    preds, _ = predict(rows)
    bad = []
    for r, p in zip(rows, preds, strict=True):
        g = gold_of(r.subtype)
        if g is None:
            continue
        want = None if g[0] == NO_EVENT else g[0]
        if p.event_type != want:
            bad.append((p.score if p.event_type else p.none_score, r, p, g))
    bad.sort(key=lambda x: -x[0])
    return [{"id": r.id, "text": r.text, "subtype": r.subtype, "gold": g[0], "gold_modes": list(g[1]),
             "predicted": p.event_type or "none", "mode": p.mode, "trigger": p.trigger, "confidence": round(conf, 3)}
            for conf, r, p, g in bad[:n]]


def main(argv: list[str] | None = None) -> int:
    from borderwatch.eval.runner import module_main

    return module_main("CASE 2021 task 2 test: event detection + PLOVER type via ACLED mapping", run, worst_cases, argv)


if __name__ == "__main__":
    raise SystemExit(main())
