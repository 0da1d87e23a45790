import pytest

from borderwatch.ontology import OntologyError, plover


def test_sixteen_types_four_quads_and_scores():
    o = plover()
    assert len(o.types) == 16 and len(o.contexts) == 37
    assert {t.quad for t in o.types.values()} == {1, 2, 3, 4}
    assert o.types["ACCUSE"].score == -3.0  # the manual's "3" is a sign typo
    assert o.types["MOBILIZE"].weight("troops") == -6.5 and o.types["MOBILIZE"].weight() == -5.5
    assert o.types["COERCE"].weight("seize") == -7.0 and o.types["COERCE"].weight("censor") == -7.0
    assert all(-10 <= t.score <= 10 for t in o.types.values())
    # cooperation positive, conflict negative (REQUEST is neutral)
    for t in o.types.values():
        assert (t.score > 0) == (t.quad in (1, 2)) or t.name == "REQUEST"


def test_check_rejects_unknown_names():
    o = plover()
    o.check("COERCE", "seize", ("illegal_drugs", "trafficking"))
    with pytest.raises(OntologyError):
        o.check("FIGHT")
    with pytest.raises(OntologyError):
        o.check("COERCE", "bombing")
    with pytest.raises(OntologyError):
        o.check("ASSAULT", None, ("drugs",))
