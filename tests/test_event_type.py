"""Event detection and PLOVER typing (borderwatch.nlp.event_type), its trainer and the PLV evaluation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from borderwatch.errors import DataMissing
from borderwatch.nlp import event_type as et

EXTERNAL = Path(__file__).resolve().parents[1].parent / "shared" / "external"

# Sentences written for these tests (not in the training files), one obvious type each.
OBVIOUS = [
    ("Police arrested twelve suspected smugglers in the border town on Tuesday.", "COERCE"),
    ("Gunmen killed three soldiers in an attack on a checkpoint near the river.", "ASSAULT"),
    ("The foreign ministers of the two countries met in Moscow to discuss border security.", "CONSULT"),
    ("Thousands of people protested in the capital against the new tax law.", "PROTEST"),
    ("The government freed forty political prisoners on Friday.", "RETREAT"),
    ("The foreign minister condemned the killing of the journalist.", "ACCUSE"),
    ("The president threatened to close the border if the shelling continued.", "THREATEN"),
    ("The United Nations urged both sides to stop the fighting.", "REQUEST"),
    ("Russia deployed two thousand additional troops to the southern border.", "MOBILIZE"),
    ("Washington imposed sanctions on three senior commanders.", "COERCE"),  # CAMEO 163 -> COERCE, as PLV codes it
    ("Parliament rejected the proposed border agreement.", "REJECT"),
    ("Japan donated ten ambulances to the regional hospital.", "AID"),
    ("The two governments agreed to reopen the bridge next month.", "AGREE"),
    ("The prime minister praised the border guards for their courage.", "SUPPORT"),
    ("The president pardoned two hundred prisoners to mark the holiday.", "CONCEDE"),
    ("The two countries' police forces shared intelligence on the trafficking network.", "COOPERATE"),
]
NO_EVENT = [
    "The valley is about forty kilometres long and home to a few thousand people.",
    "The town lies at an altitude of two thousand metres.",
]


@pytest.fixture(scope="module")
def preds() -> list[et.TypePrediction]:
    return et.classify([s for s, _ in OBVIOUS] + NO_EVENT)


@pytest.mark.parametrize("i", range(len(OBVIOUS)), ids=[t for _, t in OBVIOUS])
def test_obvious_types(preds: list[et.TypePrediction], i: int) -> None:
    sentence, want = OBVIOUS[i]
    p = preds[i]
    assert p.event_type == want, (sentence, p.event_type, sorted(p.scores.items(), key=lambda kv: -kv[1])[:3])
    assert 0.0 < p.score <= 1.0
    assert set(p.scores) == set(et.TYPES)
    assert abs(sum(p.scores.values()) + p.none_score - 1.0) < 1e-6


def test_no_event_sentences(preds: list[et.TypePrediction]) -> None:
    for p in preds[len(OBVIOUS):]:
        assert p.event_type is None
        assert p.trigger is None
        assert p.none_score >= et.load_model().none_threshold


def test_trigger_offsets_point_at_the_trigger(preds: list[et.TypePrediction]) -> None:
    for (sentence, _), p in zip(OBVIOUS, preds, strict=False):
        assert p.trigger is not None, sentence
        s, e = p.trigger
        assert sentence[s:e] == p.trigger_text
    assert preds[0].trigger_text == "arrested" and preds[0].trigger_source == "lexicon"


def test_modes_by_rule(preds: list[et.TypePrediction]) -> None:
    by_text = {s: p for (s, _), p in zip(OBVIOUS, preds, strict=False)}
    assert by_text[OBVIOUS[0][0]].mode == "arrest"
    assert by_text[OBVIOUS[4][0]].mode == "release"
    assert by_text[OBVIOUS[8][0]].mode == "troops"
    assert et.mode_of("COERCE", "Border guards seized 40 kg of heroin.", "seized") == "seize"
    assert et.mode_of("ASSAULT", "A drone struck the convoy.", "struck") == "drone"
    assert et.mode_of("AGREE", "They agreed.", "agreed") is None  # AGREE has no modes


def test_spans_inside_a_document_match_strings() -> None:
    nlp = et._nlp()
    doc = nlp("The river is wide here. Tajik border guards seized 50 kilograms of heroin near the bridge.")
    sents = list(doc.sents)
    from_spans = et.classify(sents)
    from_text = et.classify([s.text for s in sents])
    assert [p.event_type for p in from_spans] == [p.event_type for p in from_text] == [None, "COERCE"]
    s, e = from_spans[1].trigger
    assert sents[1].text[s:e] == "seized"  # offsets are relative to the sentence, as events.py expects


def test_empty_input() -> None:
    assert et.classify([]) == []


def test_lexicon() -> None:
    assert et.lexicon_type("attack") == "ASSAULT"
    assert et.lexicon_type("Arrest") == "COERCE"
    assert et.lexicon_type("table") is None
    assert set(et.VERBS.values()) <= set(et.TYPES)
    assert set(et.PHRASES.values()) <= set(et.TYPES)
    assert set(et.NOUNS.values()) <= set(et.TYPES)


def test_modes_are_ontology_modes() -> None:
    from borderwatch.ontology import plover

    onto = plover()
    for etype, rules in et._MODE_RULES.items():
        for mode, _rx in rules:
            assert mode in onto.types[etype].modes, (etype, mode)


def test_model_is_small_and_hash_checked(tmp_path: Path) -> None:
    size = sum(f.stat().st_size for f in et.MODEL_DIR.iterdir())
    assert size < 8_000_000
    bad = tmp_path / "model"
    shutil.copytree(et.MODEL_DIR, bad)
    w = bad / "weights.npz"
    data = bytearray(w.read_bytes())
    data[-10] ^= 0xFF
    w.write_bytes(bytes(data))
    with pytest.raises(et.EventTypeModelError, match="sha256"):
        et.load_model(bad)
    (bad / "manifest.json").unlink()
    with pytest.raises(et.EventTypeModelError, match="manifest"):
        et.load_model(bad)


def test_manifest_describes_the_model() -> None:
    man = json.loads((et.MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert set(man["classes"]) == set(et.TYPES) | {et.NONE_LABEL}
    assert 0.0 < man["none_threshold"] < 1.0
    assert man["temperature"] > 0


def test_tfidf_matches_scikit_learn() -> None:
    """Inference re-implements TfidfVectorizer; the trainer relies on both agreeing."""
    sk = pytest.importorskip("sklearn.feature_extraction.text")
    import numpy as np

    docs = ["Border guards seized heroin near the Panj river.", "The  Taliban\twarned Tajikistan again, again.",
            "Aid arrived.", "Troops were deployed to the border; guards were put on alert."]
    for kind, fn, kw in (("word", et.word_ngrams, {"ngram_range": (1, 2)}),
                         ("char", et.char_wb_ngrams, {"analyzer": "char_wb", "ngram_range": (2, 5)})):
        v = sk.TfidfVectorizer(sublinear_tf=True, **kw).fit(docs)
        vocab = {t: i for i, t in enumerate(v.get_feature_names_out())}
        want = v.transform(docs).toarray()
        for d, row in zip(docs, want, strict=True):
            got = np.zeros(len(vocab))
            for j, x in et._tfidf_block(fn(d), vocab, v.idf_.tolist(), 0, 1.0).items():
                got[j] = x
            assert np.allclose(got, row), kind


def test_plv_missing_data_raises(tmp_path: Path) -> None:
    from borderwatch.eval import plv

    with pytest.raises(DataMissing):
        plv.run(tmp_path, limit=5)


@pytest.mark.external
def test_plv_test_split_floor() -> None:
    """First 300 PLV test sentences through parse + classify. Full split: accuracy 0.80, macro-F1 0.77
    (docs/event_typing.md); the floor leaves room for the sampling noise of 300 sentences (SD ~0.023)."""
    if not (EXTERNAL / "event-coding-reliability" / "plv.csv").is_file():
        pytest.skip("../shared/external (PLV) is absent")
    from borderwatch.eval import plv

    m = plv.run(EXTERNAL, limit=300)
    assert m["n"] == 300
    assert m["accuracy"] >= 0.72, m
    assert m["detected_share"] >= 0.97, m
    assert m["sentences_per_second"] > 20
    cases = plv.worst_cases(EXTERNAL, n=3, limit=60)
    assert len(cases) <= 3 and all(c["gold"] != c["predicted"] for c in cases)


@pytest.mark.external
@pytest.mark.slow
def test_training_is_reproducible(tmp_path: Path) -> None:
    """`borderwatch train event-type` re-creates the shipped files byte for byte (~30 s)."""
    pytest.importorskip("sklearn")
    if not (EXTERNAL / "event-coding-reliability" / "plv.csv").is_file():
        pytest.skip("../shared/external (PLV) is absent")
    from borderwatch.train.event_type import train

    metrics = train(EXTERNAL, tmp_path, seed=13)
    shipped = json.loads((et.MODEL_DIR / "manifest.json").read_text(encoding="utf-8"))
    fresh = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert fresh["sha256"] == shipped["sha256"]
    assert metrics["cv_on_training_data"]["accuracy"] > 0.78


def test_plv_scorers_on_hand_made_cases() -> None:
    """Token-F1 of argument spans and the type metrics, on cases with known answers."""
    from types import SimpleNamespace

    from borderwatch.eval.plv import _argument_scores, token_f1
    from borderwatch.train.event_type import plv_metrics

    assert token_f1("The Taliban", "Taliban") == 1.0  # articles dropped
    assert token_f1("Tajik border guards", "border guards") == 0.8  # P 2/3, R 1
    assert token_f1("Russia", "Uzbekistan") == 0.0
    rows = [{"source": "Taliban", "target": "Tajikistan"}, {"source": "Iran", "target": ""}]
    preds = [SimpleNamespace(actors=["the Taliban"], recipients=["Dushanbe", "Tajikistan"]),
             SimpleNamespace(actors=[], recipients=[])]
    s = _argument_scores(rows, preds)
    assert s["actor_token_f1"] == 0.5 and s["actor_n"] == 2  # 1.0 and a missing prediction 0.0
    assert s["recipient_token_f1"] == 1.0 and s["recipient_n"] == 1  # best of the compound, empty gold skipped
    m = plv_metrics(["ASSAULT", "ASSAULT", "AGREE"], ["ASSAULT", None, "ASSAULT"])
    assert m["accuracy"] == 1 / 3 and m["detected_share"] == 2 / 3
    assert m["per_type_f1"] == {"AGREE": 0.0, "ASSAULT": 0.5}


def test_a_light_verb_carries_its_event_noun() -> None:
    """ "launched a new offensive ..., targeting ...": the verb that carries the event noun is the
    trigger, as PLV and the event-location gold mark it, not a later word of the same type."""
    nlp = et._nlp()
    sent = next(iter(nlp("Taliban fighters launched a new offensive in Takhar on Wednesday, "
                         "targeting border posts held by the former government.").sents))
    tok, source = et.trigger_of(sent, "ASSAULT")
    assert tok is not None and tok.text == "launched" and source == "lexicon"
    sent = next(iter(nlp("Police carried out raids in three villages near the river.").sents))
    assert et.light_verb_type(sent[1]) is not None
    # a light verb with an ordinary object is no trigger
    sent = next(iter(nlp("The ministry launched a new website on Monday.").sents))
    assert et.light_verb_type(sent[2]) is None


def test_an_exchange_of_fire_is_a_clash() -> None:
    preds = et.classify(["Kyrgyz and Tajik border guards exchanged fire near the village on Thursday.",
                         "The two sides exchanged prisoners on Friday."])
    assert preds[0].event_type == "ASSAULT" and preds[0].trigger_text == "exchanged"
    assert preds[1].event_type != "ASSAULT"
    # shooting back is a clash too; returning property is still a release
    preds = et.classify(["Soldiers returned fire and the attackers fled.",
                         "The ministry returned the passports to the traders."])
    assert preds[0].event_type == "ASSAULT" and preds[0].trigger_text == "returned"
    assert preds[1].event_type == "RETREAT"


def test_a_reporters_formula_is_no_event() -> None:
    """ "declined to comment" and its kin say nothing happened; a refusal to act still is one."""
    preds = et.classify(["A spokesman for the border troops declined to comment.",
                         "The Taliban's police in Badakhshan said they were not aware of the incident.",
                         "The ministry did not respond to a request for comment.",
                         "Officials refused to give details of the operation.",
                         "Tajikistan declined to sign the agreement.",
                         "The Taliban refused to hand over the militants.",
                         "He did not give numbers.",
                         "The ministry did not provide evidence for the claim.",
                         "Kabul did not give permission for the flights."])
    assert [p.event_type for p in preds[:4]] == [None] * 4
    assert preds[4].event_type == preds[5].event_type == "REJECT"
    assert [p.event_type for p in preds[6:8]] == [None] * 2
    assert preds[8].event_type == "REJECT"


def test_cutting_ties_is_a_sanction() -> None:
    preds = et.classify(["Armenia has frozen its participation in the bloc.", "Russia cut ties with the group.",
                         "Police froze the accounts of the suspects."])
    assert [p.event_type for p in preds[:2]] == ["SANCTION", "SANCTION"]
    assert preds[2].event_type != "SANCTION"


def test_a_title_or_a_medal_captured_is_no_capture():
    """ "captured the silver", "captured pole position", "captured the imagination": no one was
    taken (COERCE or ASSAULT before); a district captured by fighters still is."""
    from borderwatch.nlp.event_type import classify

    preds = classify(["The home team captured the silver medal in the relay on Sunday.",
                      "The driver captured pole position for the race on Saturday.",
                      "The minister's speech captured the imagination of many investors.",
                      "Taliban fighters captured the district centre after two days of fighting."])
    assert [p.event_type for p in preds[:3]] == [None, None, None]
    assert preds[3].event_type == "ASSAULT"
