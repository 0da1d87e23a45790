"""The quality gate: CI runs the fast subsets and fails when a metric falls below its floor."""

from __future__ import annotations

import json
import subprocess
import sys

from borderwatch.eval import runner


def test_number_parsing():
    assert runner._number("5/5") == 1.0 and runner._number("3/4") == 0.75
    assert runner._number(0.9) == 0.9 and runner._number(None) is None and runner._number("x") is None


def test_gate_passes_on_the_shipped_floors(external_dir):
    rows = runner.gate()
    failed = [r for r in rows if not r["ok"]]
    assert not failed, failed
    assert any(r["value"] is not None for r in rows), "the gate must really measure something"


def test_gate_fails_on_a_regression(tmp_path, seeds_dir):
    # A floor above what the stage reaches stands for a regression: the gate must fail,
    # and the CLI must exit non-zero with one line.
    strict = {"margin": 0.01, "datasets": {"seeds": {"limit": None, "floors": {"titles": 1.0, "real_hyphens_kept": 1.5}}}}
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(strict))
    rows = runner.gate(path)
    assert [r["ok"] for r in rows] == [True, False]
    r = subprocess.run([sys.executable, "-m", "borderwatch", "eval", "gate", "--baseline", str(path)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and "quality gate failed" in r.stderr and "Traceback" not in r.stderr


def test_unbuilt_stage_is_reported_not_hidden(monkeypatch):
    """Every adapter is built today; a stage that is not (module None) is reported as such."""
    future = runner.Adapter("escalation", "escalation index", "-", None, "-", 9)
    monkeypatch.setitem(runner.ADAPTERS, "escalation", future)
    r = runner.run_adapter("escalation")
    assert r["status"] == "not_built" and "issue 9" in r["detail"]
    assert "| escalation | escalation index | not_built |" in runner.report_markdown([r])


def test_missing_data_is_a_clean_skip(tmp_path):
    r = runner.run_adapter("seeds", data=tmp_path / "nowhere" / "external")
    assert r["status"] == "missing_data"
