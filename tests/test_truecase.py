"""Lines written in capitals are recased for the parse, every offset kept, and the store keeps the
source's own words (borderwatch.nlp.truecase)."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderwatch.nlp.annotate import annotate
from borderwatch.nlp.truecase import for_parse, restore_text, shouting, truecaser
from borderwatch.pipeline import ingest
from borderwatch.store.db import Store


def test_only_lines_in_capitals_are_recased():
    assert shouting("TAJIK BORDER GUARDS SEIZED HASHISH NEAR THE RIVER")
    assert not shouting("Tajik border guards seized hashish, the GKNB said.")
    assert not shouting("GKNB, CSTO")  # too few letters to tell
    text = "Guards seized hashish near Ishkashim, the GKNB and the CSTO said on Monday.\nNo capitals here."
    assert for_parse(text) is text
    mixed = "TAJIK GUARDS SEIZE HASHISH ON THE PANJ\n\nGuards seized hashish near Ishkashim, the GKNB said.\n"
    out = for_parse(mixed)
    assert len(out) == len(mixed)
    assert out.splitlines()[0] == "Tajik guards seize hashish on the Panj"
    assert out.splitlines()[2:] == mixed.splitlines()[2:]  # the body is not touched


@pytest.mark.parametrize("caps, expected", [
    # the dateline's place stays in capitals, as wires write it; KB and gazetteer names take their case;
    # an acronym the KB knows stays; a month is capitalised
    ("DUSHANBE, APRIL 14 (WIRE) — TAJIK BORDER GUARDS SEIZED 320 KILOGRAMS OF HASHISH NEAR ISHKASHIM IN "
     "GORNO-BADAKHSHAN, THE GKNB SAID.",
     "DUSHANBE, April 14 (wire) — Tajik border guards seized 320 kilograms of hashish near Ishkashim in "
     "Gorno-Badakhshan, the GKNB said."),
    # a sentence's first word; a title; an ordinal's suffix; "MAY" beside a number; a name no list holds
    ("PRESIDENT EMOMALI RAHMON MET THE CSTO CHIEF. RUSSIA'S 201ST BASE HELD DRILLS ON 5 MAY AT LYAUR, "
     "MR KHODJAEV SAID.",
     "President Emomali Rahmon met the CSTO chief. Russia's 201st base held drills on 5 May at Lyaur, "
     "Mr Khodjaev said."),
    # place names that are English words stay words; countries that are words are countries
    ("THE NORTHERN BORDER IS QUIET, BUT CHINA AND TURKEY SENT AID TO THE READING ROOMS OF KABUL.",
     "The northern border is quiet, but China and Turkey sent aid to the reading rooms of Kabul."),
    # an unknown acronym stays in capitals; "US" the pronoun is a word
    ("AN UNHCR TEAM TOLD US THAT 300 FAMILIES HAD CROSSED.",
     "An UNHCR team told us that 300 families had crossed."),
])
def test_recasing(caps, expected):
    out = truecaser()(caps)
    assert len(out) == len(caps)
    assert out == expected


def test_restore_text_puts_the_source_words_back():
    original = "TALIBAN FIGHTERS FIRED ON A POST"
    row = {"trigger_text": "fired", "trigger_start": 17, "trigger_end": 22,
           "actor": [{"text": "Taliban fighters", "start": 0, "end": 16, "id": "taliban"}],
           "status_cue": "said", "location": None}
    out = restore_text(row, original)
    assert out["trigger_text"] == "FIRED"
    assert out["actor"][0]["text"] == "TALIBAN FIGHTERS" and out["actor"][0]["id"] == "taliban"
    assert out["status_cue"] == "said" and out["location"] is None  # no offsets: left as it is


ARTICLE = """Tajik guards seize hashish on the Panj

DUSHANBE, April 14 (Wire) — Tajik border guards seized 320 kilograms of hashish and detained two Afghan citizens near Ishkashim in Gorno-Badakhshan on Saturday, the State Committee for National Security said.

"The smugglers tried to cross the river at night," a GKNB spokesman told reporters.

A day later Taliban fighters fired on a Tajik border post in Darvoz district, wounding one soldier. The Taliban denied its forces were involved.

On Monday President Emomali Rahmon received Imangali Tasmagambetov, who leads the CSTO secretariat, in Dushanbe.
"""


def _coded(tmp_path: Path, name: str, text: str) -> tuple[str, list[dict], list[tuple], list[tuple]]:
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / f"{name}.db"
    ingest([tmp_path / f"{name}.txt"], db=db)
    annotate(str(db), workers=1)
    with Store(db) as s:
        doc = s.conn.execute("SELECT text FROM documents").fetchone()[0]
        mentions = [tuple(r) for r in s.conn.execute("SELECT start, end, text, actor_id, place_id FROM mentions")]
        quotes = [tuple(r) for r in s.conn.execute(
            "SELECT start, end, text, speaker_start, speaker_end, speaker_text, speaker_actor_id FROM quotes")]
        return doc, s.events(), mentions, quotes


def _summary(e: dict) -> tuple:
    return (e["event_type"], e["status"], e["trigger_text"].lower(),
            sorted(a.get("id") or "" for a in e["actor"]), sorted(a.get("id") or "" for a in e["recipient"]),
            (e["location"] or {}).get("place_id"), (e["date_text"] or "").lower(), e["dead"], e["injured"],
            e["arrested"])


def test_an_article_in_capitals_is_coded_as_its_ordinary_twin(tmp_path):
    _doc, plain, plain_mentions, plain_quotes = _coded(tmp_path, "plain", ARTICLE)
    doc, caps, mentions, quotes = _coded(tmp_path, "caps", ARTICLE.upper())
    assert len(plain) >= 4
    assert [_summary(e) for e in caps] == [_summary(e) for e in plain]
    assert [(m[0], m[1], m[3], m[4]) for m in mentions] == [(m[0], m[1], m[3], m[4]) for m in plain_mentions]
    assert [(q[0], q[1], q[6]) for q in quotes] == [(q[0], q[1], q[6]) for q in plain_quotes]
    # what is stored is the source's words, at their offsets
    for s, e, text, _a, _p in mentions:
        assert doc[s:e] == text and text.isupper()
    for ev in caps:
        assert doc[ev["trigger_start"]:ev["trigger_end"]] == ev["trigger_text"]
        for arg in ev["actor"] + ev["recipient"] + ([ev["location"]] if ev["location"] else []):
            if arg.get("start") is not None:
                assert doc[arg["start"]:arg["end"]] == arg["text"]
        assert ev["date_text"] is None or ev["date_text"] == ev["date_text"].upper()
    for s, e, text, ss, se, stext, _sid in quotes:
        assert doc[s:e] == text and (ss is None or doc[ss:se] == stext)
