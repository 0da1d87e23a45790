"""Claims ledger and contradictions: the seed checks of issue 6, the rules on hand-made event
records, quotes on the seeds, and the export and CLI views."""

from __future__ import annotations

import json
import subprocess
import sys

from borderwatch.nlp.claims import find_contradictions, same_event, stance_of
from borderwatch.store.db import Store


def _ev(id_: str, doc: str, sentence: int, status: str = "occurred", etype: str = "MOBILIZE", place: str | None = None,
        km: float = 60.0, lat: float = 37.0, lon: float = 69.6, actor: tuple[str | None, str | None] = (None, None),
        date: str | None = None, precision: str = "day", troops: tuple[float, float] | None = None) -> dict:
    return {
        "id": id_, "doc_id": doc, "sentence": sentence, "status": status, "event_type": etype,
        "location": None if place is None else {"place_id": place, "name": place, "lat": lat, "lon": lon,
                                                "precision_km": km, "basis": "sentence_attached"},
        "actor": [{"id": actor[0], "country": actor[1], "text": "x"}] if actor != (None, None) else [],
        "date": date, "date_end": date, "date_precision": precision if date else "unknown",
        "date_basis": "explicit" if date else "unresolved",
        "quantities": [] if troops is None else [{"what": "troops", "low": troops[0], "high": troops[1],
                                                  "value": None, "unit": None, "text": f"{troops} troops"}],
    }


def test_figures_conflict_across_outlets_at_the_same_place():
    a = _ev("a", "d1", 9, "claimed", place="takhar", actor=("taliban", "AFG"), troops=(2000, 9000))
    b = _ev("b", "d2", 8, "claimed", place="takhar", actor=("mansuri_army", "AFG"), troops=(24, 96))
    assert same_event(a, b)
    assert [k for _a, _b, k, _d in find_contradictions([a, b])] == ["conflicting_figures"]


def test_denial_answers_a_claim_in_the_same_text_but_not_an_unrelated_one():
    claim = _ev("a", "d1", 9, "claimed", place="takhar", actor=("taliban", "AFG"))
    denial = _ev("b", "d1", 14, "denied", actor=(None, "AFG"))
    parade = _ev("c", "d1", 3, "occurred", place="kulob", lat=37.9, lon=69.8, actor=("rahmon", "TJK"))
    rows = find_contradictions([claim, denial, parade])
    assert [(a, b, k) for a, b, k, _d in rows] == [("a", "b", "claim_denial")]


def test_different_days_with_different_tolls_are_different_events():
    # two attacks on Chinese workers four days apart: neither a date nor a figure conflict
    a = _ev("a", "d1", 0, etype="ASSAULT", place=None, date="2025-11-26")
    b = _ev("b", "d2", 0, etype="ASSAULT", place="darwaz", km=30, date="2025-11-30")
    assert not same_event(a, b) and find_contradictions([a, b]) == []


def test_same_place_and_actors_but_two_stated_days_is_a_date_conflict():
    a = _ev("a", "d1", 2, etype="ASSAULT", place="kevron", km=35, actor=("jamaat_ansarullah", "TJK"), date="2021-08-30")
    b = _ev("b", "d2", 5, etype="ASSAULT", place="kevron", km=35, actor=("jamaat_ansarullah", "TJK"), date="2021-09-04")
    kinds = [k for _a, _b, k, _d in find_contradictions([a, b])]
    assert kinds == ["conflicting_dates"]


def test_two_sources_tolls_in_one_text_are_one_episode_with_conflicting_figures():
    # "the border service said three armed men were killed. Taliban officials said one person died."
    a = _ev("a", "d1", 1, "claimed", etype="ASSAULT", place="ishkashim", km=20, troops=(3, 3))
    b = _ev("b", "d1", 2, "claimed", etype="ASSAULT", place="ishkashim", km=20, troops=(1, 1))
    a["claimant"], b["claimant"] = {"id": "tajik_border_troops", "text": "border service"}, {"id": None, "text": "officials"}
    assert same_event(a, b)
    assert [k for _a, _b, k, _d in find_contradictions([a, b])] == ["conflicting_figures"]
    # the same source giving two tolls in one text tells of two episodes
    b["claimant"] = dict(a["claimant"])
    assert not same_event(a, b) and find_contradictions([a, b]) == []


def test_other_types_never_contradict():
    a = _ev("a", "d1", 1, "claimed", place="takhar", actor=("taliban", "AFG"), troops=(2000, 9000))
    b = _ev("b", "d2", 1, "denied", etype="CONSULT", place="takhar", actor=("taliban", "AFG"))
    assert find_contradictions([a, b]) == []


def test_stance_from_the_cue():
    assert stance_of("denied", "that forces were massing") == "denies"
    assert stance_of("questioned", "whether the figures are right") == "doubts"
    assert stance_of("said", "we are not convinced by this") == "doubts"
    assert stance_of("said", "the border is calm") == "asserts"


# -- the seeds ---------------------------------------------------------------------------------

def _contradictions(db) -> list[dict]:
    with Store(db) as s:
        rows = s.contradictions()
        ev = {e["id"]: e for e in s.events()}
    return [{**r, "a": ev[r["event_a"]], "b": ev[r["event_b"]]} for r in rows]


def test_seed_takhar_claim_and_denial_are_linked(seeds_db):
    rows = [r for r in _contradictions(seeds_db) if r["kind"] == "claim_denial"]
    pairs = [{r["a"]["status"], r["b"]["status"]} for r in rows]
    assert {"claimed", "denied"} in pairs
    r = next(r for r in rows if {r["a"]["status"], r["b"]["status"]} == {"claimed", "denied"}
             and "Takhar" in (r["a"]["sentence_text"] + r["b"]["sentence_text"]))
    denial = r["a"] if r["a"]["status"] == "denied" else r["b"]
    assert denial["event_type"] == "MOBILIZE" and denial["claimant"]["id"] == "bilal_karimi"


def test_seed_dozens_against_thousands_is_flagged(seeds_db):
    rows = [r for r in _contradictions(seeds_db) if r["kind"] == "conflicting_figures"]
    assert any("thousands" in r["detail"] and "dozens" in r["detail"] for r in rows)
    assert all(r["a"]["doc_id"] != r["b"]["doc_id"] for r in rows)  # two outlets


def test_seed_claims_view_and_export(seeds_db, tmp_path):
    with Store(seeds_db) as s:
        contested = s.claims(contested=True)
        denials = s.claims(stance="denies")
    assert contested and all(c["contradicts"] for c in contested)
    assert any(c["claimant"] and c["claimant"]["actor_id"] == "bilal_karimi" for c in denials)
    out = tmp_path / "x.json"
    r = subprocess.run([sys.executable, "-m", "borderwatch", "export", "--db", str(seeds_db), "--format", "json",
                        "-o", str(out)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["quotes"] and data["claims"]
    q = data["quotes"][0]
    assert {"id", "doc_id", "text", "start", "end", "kind", "cue", "speaker"} <= q.keys()
    doc_text = {d["id"]: d["text"] for d in data["documents"]}
    for q in data["quotes"]:  # offsets point into the document text
        assert doc_text[q["doc_id"]][q["start"]:q["end"]] == q["text"]
        if q["speaker"] and q["speaker"]["start"] is not None:
            sp = q["speaker"]
            assert doc_text[q["doc_id"]][sp["start"]:sp["end"]] == sp["text"]
    assert any(c["contradicts"] for c in data["claims"])


def _quotes(db, **kw) -> list[dict]:
    with Store(db) as s:
        return s.quotes(**kw)


def test_seed_direct_quotes_have_their_speakers(seeds_db):
    """The seeds' direct quotes, with the speaker each must get: named, through a pronoun ("he
    told the broadcaster"), a continuation paragraph, an outlet relaying a committee, a title.
    Stated as (speaker, how it was reached, channel), so no seed text is copied here."""
    expected = [
        ("hanafi", "pronoun", "al_jazeera"),
        ("alexei_zaitsev", "name", "tass"),
        ("rahmon", "pronoun", None),
        ("rahmon", "continuation", None),
        ("rahmon", "role", None),
        ("tajik_gknb", "outlet_relay", "akipress"),
        ("tajik_gknb", "continuation", None),
        ("farhod_rahimi", "name", None),
        ("arkady_dubnov", "name", "kommersant"),
        ("ahmad_massoud", "name", None),
        ("baradar", "role", "al_jazeera"),
        ("ahmad_massoud", "role", None),  # "the warlord", after a description ending in his name
    ]
    got = {(q["speaker_actor_id"], q["speaker_method"], q["channel_actor_id"]) for q in _quotes(seeds_db, kind="direct")}
    missing = [e for e in expected if e not in got]
    assert not missing, missing
    # a stray mark at a paragraph's end does not turn the next paragraph's narrative into a quote
    # (it had opened one: an opening mark followed by a space)
    assert not any(q["text"].startswith(("“ ", '" ')) for q in _quotes(seeds_db, kind="direct"))


def test_seed_quotes_by_speaker_cli(seeds_db):
    r = subprocess.run([sys.executable, "-m", "borderwatch", "quotes", "--db", str(seeds_db), "--speaker", "Rahmon",
                        "--json"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    assert len(rows) >= 4 and all(q["speaker_actor_id"] == "rahmon" or "Rahmon" in (q["speaker_text"] or "")
                                  for q in rows)
    r = subprocess.run([sys.executable, "-m", "borderwatch", "claims", "--db", str(seeds_db), "--contested"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and "claim_denial" in r.stdout and "conflicting_figures" in r.stdout
    r = subprocess.run([sys.executable, "-m", "borderwatch", "quotes", "--db", str(seeds_db), "--kind", "bogus"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "Traceback" not in r.stderr


def test_samples_claim_and_denial_in_our_own_words(samples_db):
    rows = [r for r in _contradictions(samples_db) if r["kind"] == "claim_denial"]
    assert any("Takhar" in r["a"]["sentence_text"] + r["b"]["sentence_text"] for r in rows)


def test_seed_event_page_shows_who_said_what(seeds_db):
    with Store(seeds_db) as s:
        ev = [e for e in s.events(event_type="MOBILIZE") if e["status"] == "denied"]
    assert ev, "the denied deployment is an event"
    e = ev[0]
    assert any(c["stance"] == "denies" and (c["claimant"] or {}).get("actor_id") == "bilal_karimi" for c in e["claims"])
    assert any(x["kind"] == "claim_denial" for x in e["contradictions"])
    assert e["sentence_text"] == e["sentence_text"].strip()  # evidence without trailing blank lines
