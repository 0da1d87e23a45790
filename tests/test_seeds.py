"""The five real seed articles (../shared/seeds): the cleaning checks of issue 2.

Expectations are stated as line numbers and patterns over the seed files, read at test
time: the seeds' text is never copied into this repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from borderwatch.pipeline import ingest
from borderwatch.store.db import Store

pytestmark = pytest.mark.seeds

JUNK = re.compile(r"^[a-z0-9][a-z0-9.]*\d[a-z0-9.]*(?=[A-Z])")
# file prefix -> raw line numbers (1-based) of each article's title
TITLE_LINES = {"000": [1], "001": [3, 53], "002": [1], "003": [1], "004": [3]}
BROKEN = {"Emo-mali": "Emomali", "Kom-mersant": "Kommersant", "Kommers-ant": "Kommersant", "Nati-ons": "Nations",
          "pr-opaganda": "propaganda"}
# lines a cleaner must remove (matched against whole raw lines)
FURNITURE = re.compile(
    r"^(Read: .*|Courtesy: .*|_{5,}|Related Articles|Leave a Reply|Your email address will not be published.*|"
    r"Back to top button|.*Picture credit: .*|This site uses Akismet.*|Published|on|MOST READ|Exit mobile version|"
    r"Central Asia|ASIA|.* to the left, .* to the right)$"
)
HYPHENATED = re.compile(r"\b[^\W_]+(?:-[^\W_]+)+\b")


def _files(seeds: Path) -> dict[str, list[str]]:
    return {p.name[:3]: p.read_text(encoding="utf-8").splitlines() for p in sorted(seeds.glob("*.txt"))}


def _check(docs: list[dict], seeds: Path) -> None:
    lines = _files(seeds)
    by_file: dict[str, list[dict]] = {}
    for d in docs:
        by_file.setdefault(d["source_id"][:3], []).append(d)
    assert sum(len(v) for v in by_file.values()) == 6
    for key, title_lines in TITLE_LINES.items():
        parts = sorted(by_file[key], key=lambda d: d["part"])
        expected = [JUNK.sub("", lines[key][n - 1]).strip() for n in title_lines]
        assert [p["title"] for p in parts] == expected, key
    all_text = "\n".join(d["text"] for d in docs)
    for broken, fixed in BROKEN.items():
        assert broken not in all_text
        assert fixed in all_text
    # every real hyphen of the body survives
    for key, raw in lines.items():
        text = "\n".join(d["text"] + "\n" + (d["title"] or "") for d in by_file[key])
        for line in raw:
            if FURNITURE.match(line.strip()):
                continue
            for token in HYPHENATED.findall(line):
                if token not in BROKEN:
                    assert token in text, (key, token)
    # furniture gone: no output paragraph is a furniture line
    for d in docs:
        for para in d["text"].split("\n\n"):
            assert not FURNITURE.match(para.strip()), para
    # no junk token and no repeated title left in bodies
    for d in docs:
        assert not JUNK.match(d["text"])
        assert d["title"] and d["title"] not in d["text"].split("\n\n")


def test_seed_files(seeds_dir, db):
    report = ingest([seeds_dir], db=db)
    assert report.documents == 6 and report.discards_seen == 0
    with Store(db) as s:
        docs = s.documents(with_text=True)
    _check(docs, seeds_dir)
    by = {(d["source_id"][:3], d["part"]): d for d in docs}
    assert by[("000", 0)]["author"] == _files(seeds_dir)["000"][2].strip()
    assert by[("001", 1)]["published"] == "2025-01-19" and by[("001", 1)]["published_basis"] == "text_credit"
    assert by[("001", 0)]["published_basis"] == "text_credit_same_input"
    assert all(d["duplicate_of"] is None for d in docs)
    assert {d["language"] for d in docs} == {"en"}


def test_seeds_as_jsonl_with_published(seeds_dir, db, tmp_path):
    dates = {"000": "2021-10-01", "001": "2025-01-19", "002": "2021-12-02", "003": "2021-10-01", "004": "2023-09-09"}
    path = tmp_path / "seeds.jsonl"
    with path.open("w") as fh:
        for p in sorted(seeds_dir.glob("*.txt")):
            fh.write(json.dumps({"id": p.stem, "text": p.read_text(), "published": dates[p.name[:3]],
                                 "outlet": "seed"}) + "\n")
    report = ingest([path], db=db)
    assert report.documents == 6
    with Store(db) as s:
        docs = s.documents(with_text=True)
    _check(docs, seeds_dir)
    for d in docs:
        assert d["published"] == dates[d["source_id"][:3]] and d["published_basis"] == "source"


def test_seed_search(seeds_dir, db):
    ingest([seeds_dir], db=db)
    with Store(db) as s:
        hits = {d["source_id"][:3] for d in s.documents(search="Takhar")}
    assert hits == {"000", "003"}
