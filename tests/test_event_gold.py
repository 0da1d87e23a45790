"""The PLOVER GSR and PETRARCH-2 GSR event adapters: label and code mappings, country codes,
metrics on hand-made cases, and a quick run on each gold set (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderwatch.errors import DataMissing
from borderwatch.eval import petrarch, plover_gsr
from borderwatch.eval.petrarch import PetrSentence, PloverCode

# A made-up table in the CAMEO2PLOVER layout (codes real, descriptions ours).
TABLE_TEXT = """# header comment
# another

03: AGREE
030: AGREE,  , diplomatic # intent
0311: AGREE,  ,   economic # intent, money
04: CONSULT
042: CONSULT, visit,   # go there
08: CONCEDE
08: RETREAT
0841: RETREAT, release,   legal # let go
091: ACCUSE, investigate, crime; corruption # look into
11: ACCUSE
112: ACCUSE, disapprove,    # blame
17: COERCE
173: COERCE, arrest, legal # hold
19: ASSAULT
190: ASSAULT, , military # fight
~~~~~
"""


@pytest.fixture
def table() -> dict[str, PloverCode]:
    return petrarch.parse_cameo2plover(TABLE_TEXT)


# -- PLOVER GSR labels --------------------------------------------------------------------
def test_legacy_labels_map_to_plover_2():
    m = plover_gsr.map_label
    assert (m("DEMAND"), m("DISAPPROVE"), m("INVESTIGATE"), m("FIGHT")) == ("REQUEST", "ACCUSE", "ACCUSE", "ASSAULT")
    for same in ("AGREE", "CONCEDE", "RETREAT", "ASSAULT", "PROTEST", "COERCE"):
        assert m(same) == same
    assert "YIELD" not in plover_gsr.legacy_map()  # one-to-many: never guessed


# -- CAMEO -> PLOVER ----------------------------------------------------------------------
def test_cameo2plover_lines(table):
    assert table["0311"] == PloverCode("AGREE", None, ("economic",))
    assert table["042"] == PloverCode("CONSULT", "visit", ())
    assert table["03"] == PloverCode("AGREE")
    assert table["091"].context == ("crime", "corruption")
    assert table["08"].event == "CONCEDE"  # duplicated root: the first line wins


def test_cameo_prefix_lookup(table):
    def ev(code):
        pc = petrarch.cameo_to_plover(code, table)
        return pc.event if pc else None

    assert ev("0311") == "AGREE"  # exact
    assert ev("0841") == "RETREAT"
    assert ev("0319") == "AGREE"  # 0319, 031 absent -> 03
    assert ev("1124") == "ACCUSE"  # 1124 -> 112
    assert ev("1735") == "COERCE"  # -> 173
    assert ev("0849") == "CONCEDE"  # 084 absent -> 08 (first line)
    assert petrarch.cameo_to_plover("0849", table).mode is None
    assert petrarch.cameo_to_plover("0841", table).mode == "release"
    assert ev("013") is None and ev("021") is None  # no 01/02 roots
    assert ev("") is None and ev(None) is None and ev("abc") is None


# -- country codes ------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "want"), [
    ("USA", "USA"), ("IRQMUS", "IRQ"), ("PSEGZACVL", "PSE"), ("RUSGOV", "RUS"), ("usa", "USA"),
    ("JAP", "JPN"), ("ITL", "ITA"),
    ("IGO", None), ("IGOUNOMIL", None), ("---REB", None), ("---", None), ("IMGMUSISI", None), ("NGO", None),
    ("", None), (None, None), ("US", None), (7, None),
])
def test_country_of(code, want):
    assert plover_gsr.country_of(code) == want


# -- metrics ------------------------------------------------------------------------------
def test_country_agreement_definitions():
    gold = [["USA"], [None], ["IRQ"], ["RUS", "CHE"], ["FRA"]]
    pred = [["GBR", "USA"], ["USA"], [], [None, "CHE"], ["FRA"]]
    got = plover_gsr.country_agreement(gold, pred)
    # item 1 has no gold country: not scored; any-match 0, 3, 4; first-match 4 only; item 2 has none of ours
    assert got == {"accuracy": 0.75, "first_accuracy": 0.25, "missing": 0.25, "n": 4}
    assert plover_gsr.country_agreement([[None]], [["USA"]]) == {"accuracy": None, "first_accuracy": None,
                                                                 "missing": None, "n": 0}


def test_argument_token_f1():
    gold = [["Hungarian", "Romanian"], [], ["Tokyo"], ["the border guards"]]
    pred = [["Senior Hungarian officials"], ["anything"], [], ["guards", "border guards"]]
    f1, n = plover_gsr.argument_token_f1(gold, pred)
    # item 0: (0.5 + 0) / 2; item 2: nothing predicted, 0; item 3: exact match ("the" dropped), 1
    assert n == 3
    assert f1 == pytest.approx((0.25 + 0.0 + 1.0) / 3, abs=1e-4)


def test_top_confusions_and_spread():
    assert plover_gsr.top_confusions(["A", "A", "B", "C"], ["B", "B", None, "C"]) == ["A->B 2", "B->none 1"]
    rows = list(range(10))
    assert plover_gsr.spread(rows, 5) == [0, 2, 4, 6, 8]
    assert plover_gsr.spread(rows, None) == rows and plover_gsr.spread(rows, 50) == rows
    assert plover_gsr.spread(rows, 3) == [0, 3, 6]


def _s(sid: str, codings: list[tuple[str, str, str]] | None = None) -> PetrSentence:
    c = [{"eventcode": e, "sourcecode": s, "targetcode": t} for e, s, t in codings or []]
    return PetrSentence(sid, "TEST", None, "x", c, noevents=not c)


def test_score_sentences(table):
    sents = [
        _s("consult", [("042", "USA", "CHN")]),
        _s("two-types", [("190", "ISR", "PSEGZA"), ("112", "ISR", "PSE")]),
        _s("missed", [("173", "TURJUD", "---CVL")]),
        _s("quiet"),
        _s("false-alarm"),
        _s("unmapped", [("015", "NGAREB", "IGOUNO")]),
    ]
    preds = ["CONSULT", "ACCUSE", None, None, "ACCUSE", "ASSAULT"]
    ours_a = [["USA"], [None], [], [], ["FRA"], ["NGA"]]
    ours_r = [["CHN", None], ["PSE"], [], [], [], []]
    m = petrarch.score_sentences(sents, preds, table, ours_a, ours_r)
    assert (m["n"], m["type_n"], m["codings"]) == (6, 3, 5)
    assert m["type_accuracy_first"] == pytest.approx(1 / 3, abs=1e-4)  # only "consult"
    assert m["type_accuracy_any"] == pytest.approx(2 / 3, abs=1e-4)  # + "two-types" (ACCUSE is its 2nd)
    assert m["detected_share"] == pytest.approx(2 / 3, abs=1e-4)
    assert (m["noevent_n"], m["noevent_accuracy"]) == (2, 0.5)
    assert m["false_events"] == {"ACCUSE": 1}
    assert (m["unmapped_sentences"], m["unmapped_codings"], m["unmapped_predicted"]) == (1, ["015"], {"ASSAULT": 1})
    # actors: gold USA, ISR, TUR, NGA -> right on "consult" and "unmapped"
    assert (m["actor_country_n"], m["actor_country_accuracy"], m["actor_country_missing"]) == (4, 0.5, 0.5)
    # recipients: gold CHN, PSE (twice, one sentence); ---CVL and IGOUNO are not countries
    assert (m["recipient_country_n"], m["recipient_country_accuracy"]) == (2, 1.0)
    assert m["top_confusions"] == ["COERCE->none 1"]


def test_parse_validation_records():
    xml = """<Validation>
# a comment line <EventCoding eventcode="999" />
<Sentences>
<Sentence category="AFP" date="20080806" id="one" evaluate="true"/>
<EventCoding eventcode="031" sourcecode="BRA" targetcode="USA" />
<!-- <EventCoding eventcode="111" sourcecode="X" targetcode="Y" /> -->
<EventCoding eventcode="031" sourcecode="USA" targetcode="BRA" />
<Text>
Alpha &amp; Beta
agreed.
</Text>
<Parse>
1\tAlpha\talpha\tPROPN\tNNP\t_\t3\tnsubj\t_\t_
</Parse>
</Sentence>
<Sentence category="TEST" date="2015" id="two" evaluate="true">
<EventCoding noevents="True" />
<Text>
</Text>
<Parse>
1\tNothing\tnothing\tPRON\tNN\t_\t2\tnsubj\t_\t_
2\thappened\thappen\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
</Parse></Sentence>
</Sentences></Validation>"""
    got = petrarch.parse_validation(xml)
    assert [s.id for s in got] == ["one", "two"]
    one, two = got
    assert one.text == "Alpha & Beta agreed." and str(one.date) == "2008-08-06"
    assert [c["eventcode"] for c in one.codings] == ["031", "031"] and not one.noevents
    assert two.noevents and two.codings == [] and two.date is None
    assert two.text == "Nothing happened."  # empty <Text>: rebuilt from the parse


def test_missing_data_raises(tmp_path: Path):
    with pytest.raises(DataMissing, match="PLOVER_GSR_CAMEO"):
        plover_gsr.run(tmp_path, limit=2)
    with pytest.raises(DataMissing, match="CAMEO2PLOVER"):
        petrarch.run(tmp_path, limit=2)
    (tmp_path / "PLOVER").mkdir()
    (tmp_path / "PLOVER" / "CAMEO2PLOVER-2021.txt").write_text(TABLE_TEXT, encoding="utf-8")
    with pytest.raises(DataMissing, match="PETR2_GSR_validation"):
        petrarch.run(tmp_path, limit=2)


# -- the gold sets (quick subsets) --------------------------------------------------------
@pytest.mark.external
def test_plover_gsr_subset(external_dir: Path):
    if not (external_dir / plover_gsr.GSR_REL).is_file():
        pytest.skip("PLOVER/PLOVER_GSR_CAMEO.txt is absent")
    m = plover_gsr.run(external_dir, limit=20)
    assert m["n"] == 20 and len(m["per_type_f1"]) >= 10  # the subset spans the types
    assert m["accuracy"] > 0.3 and m["macro_f1"] > 0.25, m
    assert m["detected_share"] >= 0.85, m
    assert 0.2 < m["actor_token_f1"] <= 1.0 and m["actor_token_n"] >= 15, m
    assert 0.0 <= m["actor_country_accuracy"] <= 1.0 and m["actor_country_n"] >= 10
    cases = plover_gsr.worst_cases(external_dir, n=3, limit=20)
    assert len(cases) <= 3 and all(c["gold"] != c["predicted"] for c in cases)


@pytest.mark.external
def test_petrarch_gsr_subset(external_dir: Path):
    if not (external_dir / petrarch.PETR_REL).is_file() or not (external_dir / petrarch.MAP_REL).is_file():
        pytest.skip("UniversalPetrarch/PETR2_GSR_validation.xml or PLOVER/CAMEO2PLOVER-2021.txt is absent")
    m = petrarch.run(external_dir, limit=20)
    assert m["n"] == 20 and m["type_n"] >= 12, m
    assert m["type_accuracy_any"] > 0.3 and m["type_accuracy_any"] >= m["type_accuracy_first"], m
    assert m["detected_share"] >= 0.75, m
    assert 0.0 <= m["actor_country_accuracy"] <= 1.0 and m["actor_country_n"] >= 10
