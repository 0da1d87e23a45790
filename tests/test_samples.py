"""The bundled demo corpus against its manifest (samples/MANIFEST.yaml, written with the corpus)."""

from __future__ import annotations

import yaml

from borderwatch.eval.samples import SAMPLES, ingest_samples, score


def test_samples_match_their_manifest(tmp_path):
    manifest = yaml.safe_load((SAMPLES / "MANIFEST.yaml").read_text())
    by_file, report = ingest_samples(tmp_path / "s.db")
    assert report.discards_seen == 0, report.discard_reasons
    result = score(by_file, manifest)
    assert result["failures"] == []
    assert result["false_duplicates"] == 0
    # the checks really looked at something
    totals = {k: int(v.split("/")[1]) for k, v in result.items() if isinstance(v, str) and "/" in v}
    assert totals["titles"] == manifest["summary"]["article_items"]
    assert totals["broken_hyphens"] >= 25 and totals["real_hyphens"] >= 50 and totals["furniture"] >= 100
    assert totals["duplicates"] == manifest["summary"]["duplicates"]


def test_a_wrong_cleaner_would_fail_the_check(tmp_path):
    """The scorer itself must be able to fail: damage one document and see it counted."""
    manifest = yaml.safe_load((SAMPLES / "MANIFEST.yaml").read_text())
    by_file, _ = ingest_samples(tmp_path / "s.db")
    path = next(p for p, spec in manifest["files"].items() if spec.get("broken_hyphens") and spec["format"] == "text")
    broken, _fixed = manifest["files"][path]["broken_hyphens"][0]
    by_file[path][0]["text"] += "\n\n" + broken.replace("\n", "") + "\n\nLeave a Reply"
    by_file[path][0]["title"] = "wrong"
    result = score(by_file, manifest)
    kinds = {f.split(":")[0] for f in result["failures"]}
    assert {"broken_hyphens", "titles"} <= kinds
