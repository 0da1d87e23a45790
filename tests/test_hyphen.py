import pytest

from borderwatch.clean.hyphen import repair_hyphenation


@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("The govern-ment said so.", "The government said so."),
        ("Border guards confis-cated the cargo.", "Border guards confiscated the cargo."),
        ("Talks at the United Nati-ons resumed.", "Talks at the United Nations resumed."),
        ("A wave of pro-paganda followed.", "A wave of propaganda followed."),
    ],
)
def test_wrap_breaks_joined_by_wordlist(broken, fixed):
    assert repair_hyphenation(broken)[0] == fixed


@pytest.mark.parametrize(
    "text",
    [
        "An anti-Taliban militia held out.",
        "Clashes on the Tajik-Kyrgyz border.",
        "Fighting in Gorno-Badakhshan went on.",
        "Abdul-Salam Hanafi spoke.",
        "A combat-ready unit and a counter-terrorism team.",
        "A large-scale clash and a cross-border raid by a well-armed group.",
        "Su-25 jets and Mi-8 helicopters flew over a hard-to-reach valley.",
        "A self-declared so-called 20-year plan.",
    ],
)
def test_real_hyphens_stay(text):
    assert repair_hyphenation(text)[0] == text


def test_name_joined_when_document_spells_it_whole():
    text = "Emomali Rahmon spoke. Later Emo-mali Rahmon left."
    out, decisions = repair_hyphenation(text)
    assert out == "Emomali Rahmon spoke. Later Emomali Rahmon left."
    assert decisions[0].joined and "document" in decisions[0].evidence


def test_unknown_split_name_kept_without_evidence():
    # neither part is a dictionary fragment of a known word, and the document never
    # writes it whole: no evidence to join
    assert repair_hyphenation("Villagers in Shir-khan waited.")[0] == "Villagers in Shir-khan waited."


def test_hyphenated_form_repeated_in_document_stays():
    text = "The mid-level talks. More mid-level talks."
    assert repair_hyphenation(text)[0] == text


def test_line_end_break_joined_or_kept_without_newline():
    out, _ = repair_hyphenation("the border guards confis-\ncated it and a cross-\nborder raid")
    assert out == "the border guards confiscated it and a cross-border raid"
