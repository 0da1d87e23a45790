"""The learned event-place ranker: where an event happened, on sentences written here, and the
training data guard (the RELABEL gold never trains it)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from borderwatch.eval.event_stage import code_texts
from borderwatch.nlp import location_model
from tests.test_event_gold2 import _record, _write_zip


@pytest.fixture(scope="module")
def coded():
    texts = [
        "Iraqi police said a car bomb exploded in a crowded market in Mosul on Tuesday, killing six people.",
        "Officials in Kabul said militants attacked a border checkpoint in Badakhshan province overnight.",
        "Russian President Vladimir Putin criticised the new sanctions on Monday.",
        "Gunmen killed three villagers in Qalai Zarinkamar, a hamlet near the Panj river, on Sunday.",
        "The Taliban deployed hundreds of fighters to Takhar province, a commander in Kunduz told reporters.",
        "Afghanistan's acting minister of refugees thanked the Tajik government in a post on X.",
    ]
    out, _secs = code_texts(texts, with_places=True)
    return out


def _loc(c, trigger: str) -> dict:
    ev = next(e for e in c.events if e.trigger_text == trigger)
    return ev.location or {}


def test_the_event_place_not_the_speakers_or_a_qualifier(coded):
    loc = _loc(coded[0], "exploded")
    assert loc["text"] == "Mosul" and loc["basis"] == "sentence_attached" and loc["place_id"]
    assert _loc(coded[1], "attacked")["text"] == "Badakhshan province"  # not Kabul, where officials spoke
    assert _loc(coded[4], "deployed")["text"] == "Takhar province"  # not Kunduz, where the commander spoke
    assert 0.2 <= loc["score"] <= 1.0


def test_a_platform_or_a_letter_is_no_place(coded):
    assert (_loc(coded[5], "thanked").get("text") or "").strip(".") != "X"  # "a post on X"
    doc = coded[5].doc
    text = doc.text
    x = text.rindex("X")
    assert location_model._not_a_place(doc, {"start": x, "end": x + 2})
    gov = text.index("Tajik")
    assert not location_model._not_a_place(doc, {"start": gov, "end": gov + len("Tajik")})


def test_a_demonym_qualifying_a_person_places_nothing(coded):
    loc = _loc(coded[2], "criticised")
    assert loc.get("basis") not in ("sentence", "sentence_attached", "sentence_unresolved")


def test_a_place_the_gazetteer_does_not_know_is_kept_with_its_words(coded):
    c = coded[3]
    assert any(p["text"] == "Qalai Zarinkamar" and p["place_id"] is None for p in c.places)
    loc = _loc(c, "killed")
    assert loc["basis"] == "sentence_unresolved" and loc["text"] == "Qalai Zarinkamar"
    assert c.doc.text[loc["start"]:loc["end"]] == "Qalai Zarinkamar"
    # the coordinates are borrowed, and it says from where
    assert loc["coordinates_from"] in ("context", "document_focus") and loc["lat"] is not None


def test_shipped_model_matches_its_training_record():
    body = (location_model.MODEL_DIR / "model.json").read_bytes()
    metrics = json.loads((location_model.MODEL_DIR / "metrics.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(body).hexdigest() == metrics["model_sha256"]
    trees = (location_model.MODEL_DIR / "trees.npz").read_bytes()
    assert hashlib.sha256(trees).hexdigest() == metrics["trees_sha256"]
    m = location_model.load_model()
    assert isinstance(m, location_model.BoostedLocationModel)
    assert 0.0 < m.threshold < 1.0 and len(m.features) > 100 and len(m.roots) == metrics["trees"]
    assert metrics["excluded_relabel_texts"] > 0


def test_boosted_trees_walk_as_written():
    """Two hand-made stumps: the score is the sigmoid of the baseline plus the leaf each tree
    reaches, a feature present going right; unknown features change nothing."""
    import math

    import numpy as np

    # tree 0: root 0 splits on "prep=in" -> leaves 1 (absent, -1.0) / 2 (present, +2.0)
    # tree 1: root 3 splits on "dep=pobj" -> leaves 4 (absent, 0.0) / 5 (present, +0.5)
    m = location_model.BoostedLocationModel(
        features={"prep=in": 0, "dep=pobj": 1},
        feature=np.array([0, 2, 2, 1, 2, 2]), children=np.array([1, 2, 1, 1, 2, 2, 4, 5, 4, 4, 5, 5]),
        value=np.array([0.0, -1.0, 2.0, 0.0, 0.0, 0.5]), roots=np.array([0, 3]), depth=1, baseline=-0.25,
        threshold=0.3)

    def sig(z: float) -> float:
        return 1.0 / (1.0 + math.exp(-z))

    assert m.score([]) == pytest.approx(sig(-1.25))
    assert m.score(["prep=in"]) == pytest.approx(sig(1.75))
    assert m.score(["prep=in", "dep=pobj", "never=seen"]) == pytest.approx(sig(2.25))
    assert m.score_many([["dep=pobj"], ["prep=in"]]) == pytest.approx([sig(-0.75), sig(1.75)])


def test_training_never_sees_relabel_texts(tmp_path: Path):
    pytest.importorskip("sklearn")
    from borderwatch.train.event_location import training_records

    recs = [
        _record("Rebels shelled the old town of Nova Zora today", 1, [(6, 7)]),  # RELABEL gold
        _record("Rebels shelled the old town of Nova Zora today", 1, [(6, 7)], source="APW_RA"),  # same text
        _record("rebels  shelled the old town of NOVA ZORA today", 1, [(6, 7)], source="AFP_RA"),  # case/space
        _record("Troops marched into Vell", 1, [(3, 3)], source="APW_RA"),
    ]
    kept, excluded = training_records(_write_zip(tmp_path, recs))
    assert excluded == 2 and [r.text for r in kept] == ["Troops marched into Vell"]


def test_place_like_names_and_coordinated_places():
    texts = [
        "Militants shelled the village of Gharmdarai Bolo overnight, local officials said.",
        "Fighters attacked checkpoints in Ishkashim, Wakhan and Zebak on Sunday.",
    ]
    (a, b), _secs = code_texts(texts, with_places=True)
    loc = _loc(a, "shelled")
    # whether or not the NER tags it, the name after "the village of" is where it happened
    assert loc["text"] == "Gharmdarai Bolo" and loc["basis"] in ("sentence_unresolved", "sentence", "sentence_attached")
    loc = _loc(b, "attacked")
    named = {loc["text"], *(x["text"] for x in loc["also"])}
    assert named == {"Ishkashim", "Wakhan", "Zebak"}


def test_proper_noun_candidates_need_a_place_position():
    from borderwatch.nlp.entities import pipeline

    doc = pipeline(with_gazetteer=False)("Officials in Khorog met Mr Davlatov at the Serena hotel near Porshinev.")
    sent = next(iter(doc.sents))
    texts = {c["text"] for c in location_model.proper_noun_candidates(sent, [])}
    assert "Davlatov" not in texts  # an object, not a place position
    assert {"Khorog", "Porshinev"} <= texts


def test_actors_and_modifiers_are_not_event_places():
    texts = [
        "Saleh is believed to have gone north, where fighters opposed to the Taliban are gathering.",
        "The Western-backed government collapsed as the militants reached the capital.",
    ]
    coded, _secs = code_texts(texts, with_places=True)
    for c in coded:
        for e in c.events:
            loc = e.location or {}
            assert loc.get("text") not in ("Taliban", "the Taliban", "Western"), (e.trigger_text, loc)


def test_written_training_sentences_are_well_formed(tmp_path: Path):
    from borderwatch.train.event_location import written_records

    recs = written_records()
    assert len(recs) >= 40
    assert sum(bool(r.gold_spans()) for r in recs) >= 30 and any(not r.gold_spans() for r in recs)
    bad = tmp_path / "bad.tsv"
    bad.write_text("Troops moved to Khorog.\tmarched\tKhorog\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1: 'marched'"):
        written_records(bad)


def test_every_place_of_an_event_is_stored_and_mapped(tmp_path: Path):
    import io

    from borderwatch.export.json_export import write_export
    from borderwatch.nlp.annotate import annotate
    from borderwatch.pipeline import ingest
    from borderwatch.store.db import Store

    (tmp_path / "a.txt").write_text(
        "Border clashes in Badakhshan\n\nFighters attacked checkpoints in Ishkashim, Wakhan and Zebak on "
        "Sunday, officials in Kabul said. Gunmen also shelled the village of Gharmdarai Bolo.\n", encoding="utf-8")
    db = tmp_path / "a.db"
    ingest([tmp_path / "a.txt"], db=db)
    annotate(str(db))
    with Store(db) as s:
        ev = next(e for e in s.events() if e["trigger_text"] == "attacked")
        out = io.StringIO()
        write_export(s, "geojson", out)
    assert ev["location"]["text"] in ("Ishkashim", "Wakhan", "Zebak") and len(ev["location"]["also"]) == 2
    feats = json.loads(out.getvalue())["features"]
    also = [f for f in feats if f["properties"]["kind"] == "event_also" and f["properties"]["event_id"] == ev["id"]]
    assert len(also) == sum(a["lat"] is not None for a in ev["location"]["also"]) >= 1
    # a place the gazetteer does not know is no point of its own on the map
    assert all(f["geometry"]["coordinates"][0] is not None for f in feats)


def test_a_place_span_is_widened_to_its_whole_name():
    """The gazetteer or the NER finds part of a name: "Qaim" of "al-Qaim", "Panji Poyon" of
    "Panji Poyon/Nizhny Pyanj", "Aden" of "the Gulf of Aden". The event's place is the whole name,
    and a sea named after a town does not take the town's point."""
    from borderwatch.nlp.location_model import widen

    def w(text: str, part: str) -> dict:
        i = text.index(part)
        return widen(text, {"start": i, "end": i + len(part), "text": part, "place_id": "p1", "lat": 1.0})

    assert w("fighting in al-Qaim overnight", "Qaim")["text"] == "al-Qaim"
    assert w("El-Arish was hit", "Arish")["text"] == "El-Arish"
    assert w("the crossing at Panji Poyon/Nizhny Pyanj.", "Panji Poyon")["text"] == "Panji Poyon/Nizhny Pyanj"
    assert w("the town of Vahdat/Kofarnihon in Tajikistan", "Kofarnihon")["text"] == "Vahdat/Kofarnihon"
    gulf = w("ships patrolled the Gulf of Aden today", "Aden")
    assert gulf["text"] == "Gulf of Aden" and gulf["place_id"] is None and gulf["lat"] is None
    assert w("shot on the Jaffna Peninsula.", "Jaffna")["text"] == "Jaffna Peninsula"
    # a river, a province or a plain neighbour stay as they are
    for text, part in (("guards on the Panj river", "Panj"), ("fighting in Kunduz province", "Kunduz"),
                       ("in Kabul, Kandahar and Herat", "Kandahar"), ("the al-Qaeda-linked group in Idlib", "Idlib")):
        assert w(text, part)["text"] == part


def test_an_event_place_is_the_whole_name():
    import datetime as dt

    from borderwatch.eval.event_stage import code_texts

    coded, _ = code_texts(["Two shepherds died on Wednesday in a mortar strike on al-Qaim, near the border.",
                           "Malaysian warships patrolled the Gulf of Aden last month."], dt.date(2025, 8, 19),
                          with_places=True)
    killed, patrol = (c.main_event() for c in coded)
    assert killed is not None and killed.location["text"] == "al-Qaim"
    assert patrol is not None and patrol.location["text"] == "Gulf of Aden"
    # not the town's own point: the gulf is unresolved and says where its coordinates come from
    assert patrol.location["basis"] == "sentence_unresolved" and patrol.location["coordinates_from"]


def test_ground_struck_or_taken_is_a_candidate_place():
    """ "shelled Qalai Sabz": a name the gazetteer does not know, as the object of a verb of
    striking or taking ground, is where the event happened; a person captured is not."""
    import datetime as dt

    from borderwatch.eval.event_stage import code_texts

    coded, _ = code_texts(["Government troops shelled Qalai Sabz and two other villages on Tuesday.",
                           "Police captured Abdullo Rahimov on Tuesday."], dt.date(2025, 8, 19), with_places=True)
    shelled, captured = (c.main_event() for c in coded)
    assert shelled is not None and (shelled.location or {}).get("text") == "Qalai Sabz"
    assert captured is not None and (captured.location or {}).get("text") is None


def test_joined_names_directions_and_lists_of_places():
    """ "Mazar-e-Sharif" is one name ("Kabul-Kandahar" is two places); "Western Afghanistan" keeps
    its direction; "Shahrak and the nearby village of Dashtak" and "the settlements of A, B and C" are
    each several places of one event."""
    import datetime as dt

    from borderwatch.eval.event_stage import code_texts
    from borderwatch.nlp.location_model import widen

    def w(text: str, part: str) -> str:
        i = text.index(part)
        return widen(text, {"start": i, "end": i + len(part), "text": part, "place_id": "p1"})["text"]

    assert w("The Taliban entered Mazar-e-Sharif in August", "Sharif") == "Mazar-e-Sharif"
    assert w("The Taliban entered Mazar-e-Sharif in August", "Mazar") == "Mazar-e-Sharif"
    assert w("on the Kabul-Kandahar highway", "Kabul") == "Kabul"
    assert w("captured Western Afghanistan in 1995", "Afghanistan") == "Western Afghanistan"
    assert w("the Western-backed government of Afghanistan", "Afghanistan") == "Afghanistan"

    coded, _ = code_texts([
        "Smugglers crossing into Shahrak Bolo and the nearby village of Dashtak were killed by guards.",
        "Gunmen shelled the settlements of Qalai Sabz, Dashtak Bolo and Shahri Nav on Tuesday."],
        dt.date(2025, 8, 19), with_places=True)
    for c in coded:
        e = c.main_event()
        assert e is not None and e.location is not None
        named = {e.location["text"], *(a["text"] for a in e.location.get("also") or [])}
        assert len(named) >= 2, named
