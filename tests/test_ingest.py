"""Ingest end to end on hand-made inputs: formats, bad input, idempotency, dedup, kill -9."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from borderwatch.errors import InputNotFound
from borderwatch.pipeline import ingest
from borderwatch.store.db import Store
from tests.conftest import dump_tables

ARTICLE = (
    "Tajik border guards said on Monday they had detained four men who crossed the Panj river near "
    "Shuroobod with a load of hashish. The agency did not say where the men came from.\n\n"
    "A spokesman for the border troops told reporters that the men were armed and refused to stop. "
    "He said nobody was hurt, and that patrols along the river had been doubled since the spring.\n\n"
    "Trade at the Panji Poyon crossing continued as usual, a customs officer said by telephone, adding "
    "that lorries carrying flour and fuel had passed in both directions during the week."
)
OTHER = (
    "The Collective Security Treaty Organization held a command-staff exercise at the Harbmaidon range "
    "in Khatlon, with troops from Russia's 201st base, Kyrgyzstan and Kazakhstan taking part.\n\n"
    "The drills simulated the destruction of an armed group that had crossed from a neighbouring state, "
    "a defence ministry statement said, and involved aircraft, artillery and several thousand soldiers."
)


def write(p: Path, content: str | bytes) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def test_formats_and_bad_inputs_in_one_batch(tmp_path, db):
    src = tmp_path / "in"
    write(src / "a.txt", "Guards detain four\n\n" + ARTICLE)
    write(src / "b.html", f"<html><head><title>Drills at Harbmaidon</title></head><body><nav>Home | News</nav>"
          f"<article><h1>Drills at Harbmaidon</h1>{''.join(f'<p>{p}</p>' for p in OTHER.split(chr(10) * 2))}</article>"
          "<footer>© 2023 Oxus Monitor</footer></body></html>")
    write(src / "feed.xml", """<?xml version="1.0"?><rss version="2.0"><channel><title>Pamir Dispatch</title>
<item><title>Flour prices rise in Khorog</title><link>https://example.org/1</link><pubDate>Tue, 05 Oct 2021 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Prices of flour in Khorog rose by a fifth this week as lorries from Dushanbe were held up by a landslide on the Pamir highway, traders said.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://example.org/2</link></item>
</channel></rss>""")
    lines = [
        json.dumps({"id": "w1", "text": ARTICLE.replace("four", "six"), "title": "Six detained", "published": "2021-10-04T09:00:00Z",
                    "outlet": "Steppe Wire", "section": "border"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "w3", "title": "no body"}),
        json.dumps({"id": "w4", "text": OTHER, "published": "sometime last week"}),
    ]
    write(src / "wire.jsonl", "\n".join(lines) + "\n")
    write(src / "pic.png", b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    write(src / "report.txt", b"%PDF-1.7\n" + os.urandom(300))  # a PDF saved under a text name
    write(src / "empty.txt", b"")
    write(src / "garbage.txt", bytes(range(1, 32)) * 50)
    write(src / "broken.rss", "<rss><channel><item>unclosed")
    write(src / "big.txt", "word " * 5000)
    write(src / "notes.docx", b"PK\x03\x04" + b"x" * 50)
    write(src / "zipped.txt.gz", gzip.compress(("Gzipped story\n\n" + OTHER.replace("Khatlon", "Sughd")).encode()))
    write(src / ".hidden.txt", "should be skipped")

    report = ingest([src], db=db, max_bytes=20_000)
    reasons = dict(report.discard_reasons)
    assert reasons == {
        "no_text": 2, "malformed_jsonl": 2, "binary": 2, "empty": 1, "feed_not_xml": 1, "oversized": 1,
        "unsupported_format": 2,
    }
    with Store(db) as s:
        docs = {d["source_id"]: d for d in s.documents(with_text=True)}
        discards = s.discards()
    assert set(docs) == {"a.txt", "b.html", "feed.xml#https://example.org/1", "w1", "w4", "zipped.txt.gz"}
    assert docs["b.html"]["title"] == "Drills at Harbmaidon" and "Home | News" not in docs["b.html"]["text"]
    assert docs["feed.xml#https://example.org/1"]["published"] == "2021-10-05"
    assert docs["feed.xml#https://example.org/1"]["outlet"] == "Pamir Dispatch"
    assert docs["w1"]["published"] == "2021-10-04T09:00:00+00:00" and docs["w1"]["metadata"]["section"] == "border"
    assert docs["w4"]["published"] is None and docs["w4"]["metadata"]["published_raw"] == "sometime last week"
    # every discard has a reason a person can read
    assert all(d["detail"] for d in discards)
    assert any("line 2" in d["detail"] for d in discards if d["reason"] == "malformed_jsonl")


def test_markup_in_text_inputs_is_removed_and_recorded(tmp_path, db):
    """Scraped HTML saved as .txt, a whole page under a text name, and a JSONL "text" holding tags:
    the tags go, the paragraphs stay, and each document records the repair."""
    src = tmp_path / "in"
    paras = OTHER.split("\n\n")
    write(src / "frag.txt", "<h1>Drills at Harbmaidon</h1>\n" + "\n".join(f"<p>{p}</p>" for p in paras))
    write(src / "page.txt", "<!DOCTYPE html><html><head><title>Guards detain four</title></head><body><article>"
          + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")) + "</article></body></html>")
    write(src / "w.jsonl", json.dumps({"id": "j1", "text": "<p>" + ARTICLE.replace("four", "five").replace("\n\n", "</p><p>")
                                       + "</p>", "title": "Five detained"}) + "\n")
    write(src / "prose.txt", "Guards detain four\n\n" + ARTICLE + " The <p> tag was in the report.")
    report = ingest([src], db=db)
    assert report.discards == 0
    with Store(db) as s:
        docs = {d["source_id"]: d for d in s.documents(with_text=True)}
    for sid in ("frag.txt", "page.txt", "j1"):
        text = docs[sid]["text"]
        assert "<p>" not in text and "</p>" not in text, sid
        assert "Panji Poyon" in text or "Harbmaidon range" in text
        assert any(r["repair"] in ("html_markup_removed", "html_in_text_file") for r in docs[sid]["repairs"]), sid
    assert "\n" in docs["frag.txt"]["text"].strip()  # paragraphs kept
    assert docs["page.txt"]["title"] == "Guards detain four"
    # one tag named in prose is not markup
    assert "The <p> tag" in docs["prose.txt"]["text"]


def test_reingest_changes_nothing(tmp_path, db):
    src = tmp_path / "in"
    write(src / "a.txt", "Guards detain four\n\n" + ARTICLE)
    write(src / "b.txt", "CSTO drills\n\n" + OTHER)
    write(src / "bad.jsonl", "{oops\n")
    first = ingest([src], db=db)
    before = dump_tables(db)
    second = ingest([src], db=db)
    assert dump_tables(db) == before
    assert first.documents == 2 and second.documents == 0 and second.unchanged == 2
    assert first.discards == 1 and second.discards == 0


def test_changed_file_replaces_its_document(tmp_path, db):
    f = write(tmp_path / "a.txt", "Guards detain four\n\n" + ARTICLE)
    ingest([f], db=db)
    write(f, "Guards detain five\n\n" + ARTICLE.replace("four", "five"))
    r = ingest([f], db=db)
    with Store(db) as s:
        docs = s.documents(with_text=True)
    assert r.documents == 1 and len(docs) == 1 and "five men" in docs[0]["text"]


def test_exact_and_near_duplicates_stored_as_such(tmp_path, db):
    src = tmp_path / "in"
    write(src / "1.txt", "Guards detain four\n\n" + ARTICLE)
    write(src / "2.txt", "Guards detain four men\n\n" + ARTICLE.replace("\n\n", "\n\n\n"))  # same words
    edited = ARTICLE.replace("on Monday", "on Monday evening").replace("doubled", "tripled") + "\n\n(Reporting by Oxus Monitor)"
    write(src / "3.txt", "Tajik guards detain four smugglers\n\n" + edited)
    write(src / "4.txt", "CSTO drills\n\n" + OTHER)
    r = ingest([src], db=db)
    with Store(db) as s:
        docs = {d["source_id"]: d for d in s.documents()}
    first = docs["1.txt"]["id"]
    assert docs["2.txt"]["duplicate_of"] == first and docs["2.txt"]["duplicate_reason"] == "exact"
    assert docs["3.txt"]["duplicate_of"] == first and docs["3.txt"]["duplicate_reason"].startswith("near")
    assert docs["4.txt"]["duplicate_of"] is None
    assert (r.exact_duplicates, r.near_duplicates) == (1, 1)
    # duplicates across runs: the index is rebuilt from the database
    write(tmp_path / "later" / "5.txt", "Syndicated\n\n" + edited)
    r2 = ingest([tmp_path / "later"], db=db)
    assert r2.near_duplicates + r2.exact_duplicates == 1


def test_missing_path_raises_before_writing(tmp_path, db):
    with pytest.raises(InputNotFound):
        ingest([tmp_path / "nope"], db=db)
    assert not db.exists()


def test_fts_search(tmp_path, db):
    write(tmp_path / "a.txt", "Guards detain four\n\n" + ARTICLE)
    write(tmp_path / "b.txt", "CSTO drills\n\n" + OTHER)
    ingest([tmp_path], db=db)
    with Store(db) as s:
        hits = s.documents(search="Harbmaidon")
        assert [h["source_id"] for h in hits] == ["b.txt"] and "[Harbmaidon]" in hits[0]["snippet"]
        assert s.documents(search="Panji Poyon")[0]["source_id"] == "a.txt"
        assert s.documents(search="nonexistentword") == []


@pytest.mark.slow
def test_kill_9_leaves_consistent_db_and_rerun_completes(tmp_path, db):
    src = tmp_path / "many"
    n = 400
    for i in range(n):
        # distinct documents: vary the place and numbers so none is a near duplicate
        write(src / f"{i:04d}.txt", f"Report {i}\n\nReport number {i} from post {i * 7}. " + " ".join(
            f"w{(i * 31 + k * 17) % 9973}" for k in range(150)))
    code = f"from borderwatch.pipeline import ingest; ingest([{str(src)!r}], db={str(db)!r})"
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.time() + 60
    count = 0
    while time.time() < deadline:
        time.sleep(0.05)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    count = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                continue
            if count >= 20:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 20 <= count < n, "the run must be killed part-way"
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        assert c.execute("SELECT COUNT(*) FROM minhashes").fetchone()[0] == partial
        assert c.execute("SELECT status FROM runs").fetchone()[0] == "running"  # the killed run stays visible
    r = ingest([src], db=db)
    assert r.unchanged == partial and r.documents == n - partial
    with Store(db) as s:
        assert s.stats()["documents"] == n


@pytest.mark.slow
def test_worker_processes_give_the_same_database(tmp_path):
    src = tmp_path / "in"
    for i in range(12):
        write(src / f"{i:02d}.txt", f"Report {i}\n\n" + (ARTICLE if i % 3 else OTHER).replace("four", f"{i} ") + f" Case {i}.")
    write(src / "dup.txt", "Copy\n\n" + ARTICLE.replace("four", "1 ") + " Case 1.")
    write(src / "bad.jsonl", "{x\n")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    r1 = ingest([src], db=one, workers=1)
    r2 = ingest([src], db=two, workers=2)
    assert r1.as_dict() == r2.as_dict()
    assert dump_tables(one) == dump_tables(two)
