"""The gazetteer ruler after the NER: where it takes over and where it must not."""

import pytest


@pytest.fixture(scope="module")
def nlp():
    from borderwatch.nlp.entities import pipeline

    return pipeline()


def _ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(text).ents]


def test_people_keep_their_names(nlp):
    ents = _ents(nlp, "John Kerry met officials in Takhar and Dushanbe.")
    assert ("John Kerry", "PERSON") in ents and ("Takhar", "GPE") in ents and ("Dushanbe", "GPE") in ents
    assert not any(t == "Kerry" for t, _ in ents)


def test_case_sensitive_and_units_kept(nlp):
    assert not [e for e in _ents(nlp, "The guards said turkey and rice were on the menu.") if e[0] == "turkey"]
    assert ("Badakhshan province", "GPE") in _ents(nlp, "Militants attacked a checkpoint in Badakhshan province.")


def test_a_place_inside_an_organisation_name_is_found(nlp):
    """The NER's longer ORG gives way: an organisation-embedded place is a place mention (the
    geocoder's evaluation counts them; keeping the ORG lost LGL end to end 0.659 -> 0.623)."""
    ents = _ents(nlp, "The Colorado State University team reported it on Monday.")
    assert ("Colorado", "GPE") in ents
