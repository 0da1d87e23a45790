"""The five real seed articles (../shared/seeds): the cleaning checks of issue 2.

Expectations are stated as line numbers and patterns over the seed files, read at test
time: the seeds' text is never copied into this repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from borderwatch.eval.seeds import check, seed_lines
from borderwatch.pipeline import ingest
from borderwatch.store.db import Store

pytestmark = pytest.mark.seeds



def _check(docs: list[dict], seeds: Path) -> None:
    result = check(docs, seeds)
    assert result["failures"] == []
    assert result["documents"] == 6 and result["titles"] == "6/6" and result["broken_hyphens_repaired"] == "5/5"
    n_real = int(result["real_hyphens_kept"].split("/")[1])
    n_furniture = int(result["furniture_lines_removed"].split("/")[1])
    assert n_real >= 30 and n_furniture >= 15  # the checks really looked at something
    for d in docs:
        assert d["title"] and d["title"] not in d["text"].split("\n\n")


def test_seed_files(seeds_dir, db):
    report = ingest([seeds_dir], db=db)
    assert report.documents == 6 and report.discards_seen == 0
    with Store(db) as s:
        docs = s.documents(with_text=True)
    _check(docs, seeds_dir)
    by = {(d["source_id"][:3], d["part"]): d for d in docs}
    assert by[("000", 0)]["author"] == seed_lines(seeds_dir)["000"][2].strip()
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
