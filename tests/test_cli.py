"""The command line as a user meets it: real subprocesses, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Guards detain four after crossing\n\nTajik border guards said on Monday they had detained four men who "
    "crossed the Panj river near Takhar with a load of hashish. The agency did not say where they came from. "
    "A spokesman said nobody was hurt and that patrols had been doubled."
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "borderwatch.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "BORDERWATCH_DEBUG": ""}, timeout=120)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE)
    (d / "bad.jsonl").write_text("{nope\n")
    return d


def test_version():
    r = run("--version")
    assert r.returncode == 0 and "0.1.0" in r.stdout


def test_help_has_examples():
    for cmd in ("ingest", "documents", "discards", "stats", "export"):
        r = run(cmd, "--help")
        assert r.returncode == 0 and "Example" in r.stdout, cmd


def test_ingest_list_search_show_stats_export(tmp_path, corpus):
    db = str(tmp_path / "x.db")
    r = run("ingest", "--db", db, str(corpus))
    assert r.returncode == 0, r.stderr
    assert "1 new documents" in r.stdout and "malformed_jsonl 1" in r.stdout
    r = run("documents", "--db", db, "--search", "Takhar", "--json")
    rows = json.loads(r.stdout)
    assert [x["source_id"] for x in rows] == ["a.txt"] and rows[0]["title"] == "Guards detain four after crossing"
    r = run("documents", "--db", db, "show", "a.txt", "--json")
    assert json.loads(r.stdout)["text"].startswith("Tajik border guards")
    r = run("discards", "--db", db, "--json")
    assert json.loads(r.stdout)[0]["reason"] == "malformed_jsonl"
    r = run("stats", "--db", db, "--json")
    assert json.loads(r.stdout)["documents"] == 1
    out = tmp_path / "out.json"
    r = run("export", "--db", db, "--format", "json", "-o", str(out))
    assert r.returncode == 0
    data = json.loads(out.read_text())
    assert data["schema"] == "borderwatch/1"
    assert set(data) >= {"documents", "actors", "places", "events", "quotes", "claims", "discards"}
    assert set(data["documents"][0]) >= {"id", "source_id", "part", "title", "author", "outlet", "url", "published",
                                         "language", "text", "duplicate_of"}
    assert data["discards"][0]["reason"] == "malformed_jsonl"
    for fmt in ("jsonl", "csv", "geojson", "plover"):
        r = run("export", "--db", db, "--format", fmt, "-o", str(tmp_path / f"out.{fmt}"))
        assert r.returncode == 0, (fmt, r.stderr)
    doc_id = data["documents"][0]["id"]
    r = run("events", "--db", db, "--doc", doc_id, "--json")
    rows = json.loads(r.stdout)
    assert rows and {e["doc_id"] for e in rows} == {doc_id}
    assert json.loads(run("events", "--db", db, "--doc", "no-such-doc", "--json").stdout) == []


@pytest.mark.parametrize(
    "args, message",
    [
        (("ingest", "--db", "{tmp}/x.db", "{tmp}/does-not-exist"), "no such file or folder"),
        (("ingest", "--db", "/proc/forbidden/x.db", "{corpus}"), "cannot"),
        (("stats", "--db", "{tmp}/missing.db"), "no database"),
        (("documents", "--db", "{tmp}/notadb.db"), "database"),
        (("ingest", "--bogus-option", "{corpus}"), "No such option"),
        (("export", "--db", "{tmp}/x.db", "--format", "pdf", "-o", "-"), "Invalid value"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, corpus, args, message):
    (tmp_path / "notadb.db").write_bytes(b"this is not sqlite at all" * 100)
    r = run(*(a.format(tmp=tmp_path, corpus=corpus) for a in args))
    assert r.returncode != 0
    assert "Traceback" not in r.stderr and message in r.stderr
    assert len([ln for ln in r.stderr.splitlines() if ln.strip() and not ln.startswith(("Usage:", "Try "))]) == 1
