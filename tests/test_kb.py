"""The knowledge base: the shipped region loads; a broken file fails with file, line and reason."""

from __future__ import annotations

import pytest

from borderwatch.kb.loader import KBError, fold, load_kb, load_kb_from


def test_shipped_region_loads():
    kb = load_kb()
    assert {"rahmon", "sobirzoda", "taliban", "jamaat_ansarullah", "ttp", "ahmad_massoud", "ahmad_shah_massoud",
            "hanafi", "csto", "base_201"} <= set(kb.actors)
    assert "rahmon" in kb.actors["sobirzoda"].not_same_as
    assert any(o.held_on(__import__("datetime").date(2021, 9, 30)) for o in kb.actors["hanafi"].offices)


def test_fold_makes_odd_unicode_one_name():
    assert fold("Raḥmon") == fold("RAHMON") == fold("Rahmon\u200b") == fold(" Rahmon ") == "rahmon"
    assert fold("Tajikistan’s") == fold("Tajikistan's")


def _write(tmp_path, text, name="actors.yaml"):
    d = tmp_path / "region"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text)
    return d


def test_bad_yaml_reports_file_and_line(tmp_path):
    d = _write(tmp_path, "actors:\n  - id: a\n    name: [unclosed\n")
    with pytest.raises(KBError) as e:
        load_kb_from(d)
    assert "actors.yaml:" in str(e.value) and "not valid YAML" in str(e.value)


def test_every_problem_is_listed_with_its_line(tmp_path):
    d = _write(tmp_path, """actors:
  - {id: ok_one, name: Good Actor, kind: person, sector: GOV, country: TJK}
  - {id: bad-id, name: X, kind: person}
  - {id: two, name: Y, kind: wizard, sector: GOVT, country: tj}
  - {id: three, name: Z, kind: person, offices: [{title: Boss, from: 2021-05-01, to: 2020-01-01}]}
  - {id: four, name: Good Actor, kind: person}
  - {id: ok_one, name: Again, kind: person, colour: red}
""")
    with pytest.raises(KBError) as e:
        load_kb_from(d)
    msg = str(e.value)
    assert "actors.yaml:3: actor 'bad-id': 'id' must be lower_snake_case" in msg
    assert "actors.yaml:4: actor 'two': kind 'wizard'" in msg
    assert "sector 'GOVT' is not a PLOVER sector" in msg and "country 'tj' must be an ISO 3166 alpha-3" in msg
    assert "actors.yaml:5: actor 'three': office 'Boss' ends before it starts" in msg
    assert "actors.yaml:6:" in msg and "already a name of 'ok_one'" in msg
    assert "actors.yaml:7: actor 'ok_one': unknown key 'colour'" in msg


def test_bad_place(tmp_path):
    d = _write(tmp_path, "places:\n  - {id: p, name: P, lat: 95, lon: 10, feature: town, precision_km: 0}\n", "places.yaml")
    with pytest.raises(KBError) as e:
        load_kb_from(d)
    assert "places.yaml:2: place 'p': 'lat' must be a number from -90 to 90" in str(e.value)
    assert "'precision_km' must be a positive number" in str(e.value)
