"""The event-location (Halterman 2019) and CASE 2021 adapters: scorer, span mapping, ACLED→PLOVER
mapping on hand-made cases, and each adapter on a small subset of the real gold data."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from borderwatch.errors import DataMissing
from borderwatch.eval import case2021
from borderwatch.eval import event_location as el

# -- span -> token mapping ---------------------------------------------------------------------

# "Gunmen attacked  Al-Bayaa district ." with a whitespace token (the double space) at index 2
TOKENS = [(0, 6), (7, 15), (15, 16), (17, 19), (19, 20), (20, 25), (26, 34), (35, 36)]


def test_span_tokens_overlap_and_whitespace():
    assert el.span_tokens(TOKENS, 17, 25) == {3, 4, 5}  # "Al-Bayaa" = Al, -, Bayaa
    assert el.span_tokens(TOKENS, 20, 25) == {5}  # "Bayaa" alone (our trimmed span)
    assert el.span_tokens(TOKENS, 18, 22) == {3, 4, 5}  # any shared character counts
    assert el.span_tokens(TOKENS, 15, 19, skip={2}) == {3}  # the whitespace token is never scored
    assert el.span_tokens(TOKENS, 25, 26) == frozenset()  # the gap between tokens
    assert el.span_tokens(TOKENS, 0, 0) == frozenset()


def test_gold_record_spans_and_prediction():
    r = el.GoldRecord("x", "", tuple(TOKENS), verb=(1, 2), locations=((3, 7),), spaces=frozenset({2}))
    assert r.chars(r.verb) == (7, 15) and r.chars((3, 7)) == (17, 34)
    assert r.gold_spans() == [frozenset({3, 4, 5, 6})]
    assert r.predicted((20, 34)) == {5, 6} and r.predicted(None) == frozenset()
    empty = el.GoldRecord("y", "", tuple(TOKENS), verb=(1, 2), locations=((2, 3),), spaces=frozenset({2}))
    assert empty.gold_spans() == []  # a span of whitespace only is no location


# -- token scorer --------------------------------------------------------------------------------

def test_token_scorer_known_answer():
    f = frozenset
    items = [
        (f({2, 3}), [f({2, 3})]),  # exact: tp 2
        (f({6}), [f({5})]),  # wrong place: fp 1, fn 1
        (f({1, 2}), [f({2, 3}), f({8})]),  # partial: tp 1 (token 2), fp 1, fn 2; a hit, not exact
        (f(), []),  # negative, nothing predicted: right
        (f({4}), []),  # negative, a place predicted: fp 1
        (f(), [f({7})]),  # missed: fn 1
    ]
    s = el.score(items)
    assert (s["tokens_tp"], s["tokens_fp"], s["tokens_fn"]) == (3, 3, 4)
    assert s["precision"] == 0.5 and s["recall"] == round(3 / 7, 4)
    assert s["f1"] == round(2 * 0.5 * (3 / 7) / (0.5 + 3 / 7), 4)
    assert s["negatives_correct"] == 0.5
    assert s["exact_match"] == 0.25 and s["hit_rate"] == 0.5
    assert s["predicted_share"] == round(4 / 6, 4)


def test_token_scorer_degenerate():
    s = el.score([(frozenset(), [])])
    assert s["precision"] == 0.0 and s["recall"] == 0.0 and s["f1"] == 0.0
    assert s["negatives_correct"] == 1.0 and s["exact_match"] is None
    assert el.score([])["predicted_share"] is None


# -- gold loading ------------------------------------------------------------------------------

def _record(text: str, verb: int, locs: list[tuple[int, int]], source: str = "RELABEL", broken: bool = False) -> dict:
    toks, pos = [], 0
    for i, w in enumerate(text.split(" ")):
        toks.append({"text": w, "start": pos, "end": pos + len(w), "id": i})
        pos += len(w) + 1
    spans = [{"start": toks[verb]["start"], "end": toks[verb]["end"], "token_start": verb, "token_end": verb,
              "label": "VERB"}]
    for a, b in locs:  # token_end inclusive, as Prodigy writes it
        s, e = (a, b) if broken else (toks[a]["start"], toks[b]["end"])
        spans.append({"start": s, "end": e, "token_start": a, "token_end": b, "label": "LOCATION"})
    return {"text": text, "tokens": toks, "spans": spans, "source": source, "_id": f"t{verb}"}


def _write_zip(tmp: Path, records: list[dict]) -> Path:
    d = tmp / "event_location"
    d.mkdir(parents=True)
    with zipfile.ZipFile(d / el.ZIPPED, "w") as z:
        z.writestr("__MACOSX/._labeled_text.jsonl", "junk")
        z.writestr("labeled_text.jsonl", json.dumps(records))
    return tmp


def test_load_gold_reads_token_ranges_not_char_offsets(tmp_path: Path):
    recs = [
        _record("Rebels shelled the old town of Nova Zora today", 1, [(6, 7)], broken=True),  # start/end = token idx
        _record("Police patrolled quietly", 1, []),  # a negative
        _record("Troops marched into Vell", 1, [(3, 3)], source="APW_RA"),  # not gold
        {"text": "no spans at all", "tokens": [], "source": "RELABEL"},  # skipped
    ]
    gold, skipped = el.load_gold(_write_zip(tmp_path, recs))
    assert skipped == 1 and [len(g.gold_spans()) for g in gold] == [1, 0]
    first = gold[0]
    assert first.locations == ((6, 8),) and first.verb == (1, 2)
    a, b = first.chars(first.locations[0])
    assert first.text[a:b] == "Nova Zora"
    assert len(el.load_gold(tmp_path, limit=1)[0]) == 1


def test_load_gold_missing(tmp_path: Path):
    with pytest.raises(DataMissing, match="event_location"):
        el.load_gold(tmp_path)


# -- ACLED -> PLOVER mapping -------------------------------------------------------------------

CASE_TYPES = {"ARMED_CLASH", "DISR_WEAP", "PEACE_PROTEST", "VIOL_DEMONSTR", "MAN_MADE_DISASTER", "GRENADE", "DIPLO",
              "SUIC_BOMB", "GOV_REGAINS_TERIT", "NATURAL_DISASTER", "CHEM_WEAP", "REM_EXPLOS", "ART_MISS_ATTACK",
              "AIR_STRIKE", "ARREST", "AGREEMENT", "CHANGE_TO_GROUP_ACT", "ORG_CRIME", "ATTRIB", "ATTACK",
              "NON_STATE_ACTOR_OVERTAKES_TER", "SEX_VIOL", "FORCE_AGAINST_PROTEST", "PROTEST_WITH_INTER",
              "HQ_ESTABLISHED", "PROPERTY_DISTRUCT", "NON_VIOL_TERRIT_TRANSFER", "ABDUCT_DISSAP", "MOB_VIOL", "OTHER"}


def test_mapping_covers_every_case_type_once_with_valid_plover():
    from borderwatch.ontology import plover

    onto = plover()
    assert set(case2021.ACLED_TO_PLOVER) | set(case2021.EXCLUDED) == CASE_TYPES
    assert not set(case2021.ACLED_TO_PLOVER) & set(case2021.EXCLUDED)
    for sub, (t, modes) in case2021.ACLED_TO_PLOVER.items():
        if t == case2021.NO_EVENT:
            assert modes == (), sub
            continue
        assert t in onto.types, sub
        assert set(modes) <= set(onto.types[t].modes), (sub, modes)


def test_mapping_known_answers():
    g = case2021.gold_of
    assert g("ARREST") == ("COERCE", ("arrest",))
    assert g("peace_protest ") == ("PROTEST", ("demo",))
    assert g("AIR_STRIKE") == ("ASSAULT", ("aerial", "drone"))
    assert g("AGREEMENT") == ("AGREE", ())
    assert g("NATURAL_DISASTER") == (case2021.NO_EVENT, ())
    assert g("OTHER") is None and g("NOT_A_TYPE") is None


def test_case_scoring_known_answer():
    R, P = case2021.Row, case2021.Prediction
    rows = [R("1", "a", "ARREST"), R("2", "b", "ARREST"), R("3", "c", "AIR_STRIKE"), R("4", "d", "AGREEMENT"),
            R("5", "e", "NATURAL_DISASTER"), R("6", "f", "MAN_MADE_DISASTER"), R("7", "g", "OTHER")]
    preds = [P("COERCE", "arrest", "t", 0.9, 0.0), P("COERCE", "seize", "t", 0.9, 0.0),
             P("ASSAULT", "drone", "t", 0.9, 0.0), P(None, None, None, 0.1, 0.8),
             P(None, None, None, 0.1, 0.8), P("ASSAULT", None, "t", 0.9, 0.0), P("ASSAULT", None, "t", 0.9, 0.0)]
    m = case2021._score(rows, preds)
    assert (m["n"], m["n_scored"], m["n_no_event"], m["n_excluded"]) == (7, 4, 2, 1)
    assert m["accuracy"] == 0.75 and m["detected_share"] == 0.75
    assert m["per_type_f1"] == {"AGREE": 0.0, "ASSAULT": 1.0, "COERCE": 1.0}
    assert m["macro_f1"] == round(2 / 3, 4)
    assert m["mode_accuracy"] == round(2 / 3, 4) and m["mode_n"] == 3  # arrest ok, seize wrong, drone ok
    assert m["no_event_accuracy"] == 0.5 and m["excluded_detected_share"] == 1.0
    assert m["per_subtype_accuracy"]["ARREST"] == 1.0 and m["per_subtype_accuracy"]["AGREEMENT"] == 0.0


def test_case_load(tmp_path: Path):
    with pytest.raises(DataMissing, match="CASE 2021"):
        case2021.load_test(tmp_path)
    p = tmp_path / case2021.DATA
    p.parent.mkdir(parents=True)
    p.write_text('id\tEventSnippet\tSubType\n1\tPolice said "no" to the march\tPEACE_PROTEST\n2\t\tOTHER\n',
                 encoding="utf-8")
    rows = case2021.load_test(tmp_path)
    assert [(r.id, r.text, r.subtype) for r in rows] == [("1", 'Police said "no" to the march', "PEACE_PROTEST")]


# -- the real pipeline: a hand-made record, then the gold subsets ------------------------------

def test_location_paths_on_a_written_sentence():
    text = "A bomb exploded in Kabul on Monday ."
    gold = el._record(_record(text, 2, [(4, 4)]))
    assert gold is not None
    (p,), _secs = el.predict([gold])
    assert p.event_found
    for path in el.PATHS:
        assert p.spans[path] is not None and text[slice(*p.spans[path])] == "Kabul", path


def test_event_location_subset(external_dir: Path):
    if not (external_dir / el.SUBDIR).is_dir():
        pytest.skip("event_location gold is absent")
    m = el.run(external_dir, limit=60)
    assert m["n"] == 60 and m["n_with_location"] + m["n_without_location"] == 60
    assert 0.5 <= m["events_detected_share"] <= 1.0
    for path in el.PATHS:
        assert 0.2 <= m[f"{path}_precision"] <= 1.0, path
        assert 0.1 <= m[f"{path}_recall"] <= 1.0, path
        assert 0.3 <= m[f"{path}_negatives_correct"] <= 1.0, path
    assert m["toponym_candidate_share"] >= m["resolved_candidate_share"]


def test_case2021_subset(external_dir: Path):
    if not (external_dir / case2021.DATA).is_file():
        pytest.skip("CASE 2021 gold is absent")
    m = case2021.run(external_dir, limit=150)
    assert m["n"] == 150 and m["n_scored"] + m["n_no_event"] + m["n_excluded"] == 150
    assert 0.45 <= m["accuracy"] <= 1.0 and 0.2 <= m["macro_f1"] <= 1.0
    assert 0.8 <= m["detected_share"] <= 1.0
    assert m["mode_accuracy"] is not None and 0.4 <= m["mode_accuracy"] <= 1.0
    assert "ASSAULT" in m["per_type_f1"] and m["per_type_f1"]["ASSAULT"] >= 0.6
    assert "unknown_subtypes" not in m
