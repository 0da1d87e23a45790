"""Quantities: numbers in words and digits, what they count, casualty roles, and the numbers
that are not quantities (years, dates, durations, ages, clock times, ordinals, designations).

All sentences are written for these tests.
"""

from __future__ import annotations

import time

import pytest

from borderwatch.nlp.quantities import Quantity, casualties, find_quantities


def qs(text: str, **kw) -> list[Quantity]:
    got = find_quantities(text, **kw)
    for q in got:
        assert text[q.start:q.end] == q.text
    return got


def one(text: str) -> Quantity:
    got = qs(text)
    assert len(got) == 1, [(q.text, q.what) for q in got]
    return got[0]


# ---------------------------------------------------------------------------------------------
# numbers: (sentence, text, value, low, high, approximate)

NUMBERS = [
    ("Guards counted 162 crates at the post.", "162 crates", 162, 162, 162, False),
    ("The army moved 20,000 troops north.", "20,000 troops", 20000, 20000, 20000, False),
    ("The army moved 2 thousand soldiers north.", "2 thousand soldiers", 2000, 2000, 2000, False),
    ("The army moved two thousand soldiers north.", "two thousand soldiers", 2000, 2000, 2000, False),
    ("The army moved twenty soldiers north.", "twenty soldiers", 20, 20, 20, False),
    ("The army moved twenty-five soldiers north.", "twenty-five soldiers", 25, 25, 25, False),
    ("The army moved one hundred and twenty soldiers north.", "one hundred and twenty soldiers", 120, 120, 120, False),
    ("A fund of 1.5 million dollars was frozen.", "1.5 million dollars", 1_500_000, 1_500_000, 1_500_000, False),
    ("Smugglers carried $10,000 in cash.", "$10,000", 10000, 10000, 10000, False),
    ("Smugglers carried $10k in cash.", "$10k", 10000, 10000, 10000, False),
    ("A dozen trucks crossed the bridge.", "A dozen trucks", 12, 12, 12, True),
    ("Two dozen trucks crossed the bridge.", "Two dozen trucks", 24, 24, 24, False),
    # vague amounts: value None, conventional bounds
    ("Dozens of militants gathered at the river.", "Dozens of militants", None, 24, 99, True),
    ("Hundreds of refugees waited at the gate.", "Hundreds of refugees", None, 200, 999, True),
    ("Thousands of troops were sent to the border.", "Thousands of troops", None, 2000, 9999, True),
    ("Tens of thousands of refugees crossed.", "Tens of thousands of refugees", None, 20000, 99999, True),
    ("Several dozen fighters surrendered.", "Several dozen fighters", None, 24, 99, True),
    ("Scores of fighters surrendered.", "Scores of fighters", None, 40, 99, True),
    # modifiers
    ("Officials reported more than 100 fighters at the pass.", "more than 100 fighters", 100, 101, None, True),
    ("Officials reported at least 40 fighters at the pass.", "at least 40 fighters", 40, 40, None, True),
    ("Officials reported up to 40 fighters at the pass.", "up to 40 fighters", 40, None, 40, True),
    ("Officials reported fewer than 40 fighters at the pass.", "fewer than 40 fighters", 40, None, 39, True),
    ("Officials reported nearly 40 fighters at the pass.", "nearly 40 fighters", 40, None, 40, True),
    ("Officials reported some 40 fighters at the pass.", "some 40 fighters", 40, None, None, True),
    ("Police seized approximately five tons of narcotics.", "approximately five tons of narcotics", 5, None, None, True),
    ("Police seized more than 1.5 tons of opium.", "more than 1.5 tons of opium", 1.5, 1.5, None, True),
    # ranges
    ("Between 30 and 40 fighters crossed.", "Between 30 and 40 fighters", None, 30, 40, True),
    ("Police seized 3-4 tons of hashish.", "3-4 tons of hashish", None, 3, 4, True),
    ("Five or six fighters crossed.", "Five or six fighters", None, 5, 6, True),
    ("Guards saw 30 to 40 fighters.", "30 to 40 fighters", None, 30, 40, True),
]


@pytest.mark.parametrize("sentence,text,value,low,high,approx", NUMBERS, ids=[n[1] for n in NUMBERS])
def test_numbers(sentence, text, value, low, high, approx):
    q = one(sentence)
    assert (q.text, q.value, q.low, q.high, q.approximate) == (text, value, low, high, approx)


# ---------------------------------------------------------------------------------------------
# what is counted: (sentence, text, what, unit)

THINGS = [
    ("The Taliban sent 2 thousand soldiers to Takhar.", "2 thousand soldiers", "troops", "person"),
    ("The Taliban sent dozens of special forces to Takhar.", "dozens of special forces", "troops", "person"),
    ("Kabul deployed thousands of special forces personnel.", "thousands of special forces personnel", "troops",
     "person"),
    ("Dushanbe sent 300 servicemen to the border.", "300 servicemen", "troops", "person"),
    ("The post had 40 border guards.", "40 border guards", "troops", "person"),
    ("A column of 50 pieces of equipment moved south.", "50 pieces of equipment", "vehicles", "item"),
    ("The base holds about 100 T-72 tanks.", "about 100 T-72 tanks", "vehicles", "vehicle"),
    ("The base holds 300 armored vehicles of several types.", "300 armored vehicles", "vehicles", "vehicle"),
    ("Two helicopters landed at the airfield.", "Two helicopters", "vehicles", "vehicle"),
    ("Police found five Kalashnikov assault rifles.", "five Kalashnikov assault rifles", "weapons", "item"),
    ("Police found two M-16 sniper rifles.", "two M-16 sniper rifles", "weapons", "item"),
    ("Police found 13 hand grenades.", "13 hand grenades", "weapons", "item"),
    ("Police found four pistols.", "four pistols", "weapons", "item"),
    ("Police found 500 cartridges.", "500 cartridges", "ammunition", "item"),
    ("Police found 120 detonator capsules.", "120 detonator capsules", "ammunition", "item"),
    ("Police found 20 packs of explosives.", "20 packs of explosives", "ammunition", "pack"),
    ("Police found 1,000 rounds of ammunition.", "1,000 rounds of ammunition", "ammunition", "round"),
    ("Guards seized five tons of narcotics.", "five tons of narcotics", "drugs", "ton"),
    ("Guards seized 120 kg of heroin.", "120 kg of heroin", "drugs", "kg"),
    ("Guards seized 120kg of heroin.", "120kg of heroin", "drugs", "kg"),
    ("Guards seized 350 grams of methamphetamine.", "350 grams of methamphetamine", "drugs", "gram"),
    ("Guards seized 2.5 tonnes of hashish.", "2.5 tonnes of hashish", "drugs", "ton"),
    ("Smugglers carried $10,000 in cash.", "$10,000", "money", "USD"),
    ("A fine of 5,000 somoni was imposed.", "5,000 somoni", "money", "TJS"),
    ("Aid of 2 million euros arrived.", "2 million euros", "money", "EUR"),
    ("Some 14,000 refugees live in the camps.", "Some 14,000 refugees", "refugees", "person"),
    ("About 100 asylum seekers were sent back.", "About 100 asylum seekers", "refugees", "person"),
    ("Four militants hid in the gorge.", "Four militants", "militants", "person"),
    ("Three members of the armed group hid in the gorge.", "Three members of the armed group", "militants", "person"),
    ("Seven members of Jamaat Ansarullah hid in the gorge.", "Seven members of Jamaat Ansarullah", "militants",
     "person"),
    ("Exports rose by 22 percent last year.", "22 percent", "other", "percent"),
    ("Exports rose by 22% last year.", "22%", "other", "percent"),
    ("Exports rose by 22 per cent last year.", "22 per cent", "other", "percent"),
    ("The group staged 334 terrorist attacks.", "334 terrorist attacks", "other", "attack"),
    ("Famine threatens 23 million people.", "23 million people", "other", "person"),
    ("The border runs for 1,344 km along the river.", "1,344 km", "other", "km"),
    ("The delegation was composed of 12 people.", "12 people", "other", "person"),
]


@pytest.mark.parametrize("sentence,text,what,unit", THINGS, ids=[t[1] for t in THINGS])
def test_what_is_counted(sentence, text, what, unit):
    q = one(sentence)
    assert (q.text, q.what, q.unit) == (text, what, unit)


def test_a_seizure_list():
    s = ("Officers seized five Kalashnikov rifles, two sniper rifles, four pistols, 13 hand grenades, 30 packs of "
         "explosives, 162 detonators, $10,000 in cash and 3 kg of heroin.")
    got = [(q.value, q.what) for q in qs(s)]
    assert got == [(5, "weapons"), (2, "weapons"), (4, "weapons"), (13, "weapons"), (30, "ammunition"),
                   (162, "ammunition"), (10000, "money"), (3, "drugs")]


def test_troops_and_equipment_in_one_sentence():
    got = qs("The movement sent 2 thousand soldiers and 50 pieces of equipment to the border.")
    assert [(q.value, q.what, q.unit) for q in got] == [(2000, "troops", "person"), (50, "vehicles", "item")]


# ---------------------------------------------------------------------------------------------
# casualties


CASUALTIES = [
    ("In the shootout, three members of the armed group were neutralized.", {"dead": 3}),
    ("Special forces killed three members of the cell.", {"dead": 3}),
    ("One more person was reported wounded.", {"injured": 1}),
    ("Two soldiers died and five were injured in the blast.", {"dead": 2, "injured": 5}),
    ("The clash left 4 dead and 7 wounded.", {"dead": 4, "injured": 7}),
    ("Police detained 12 smugglers at the crossing.", {"arrested": 12}),
    ("Twelve smugglers were arrested at the crossing.", {"arrested": 12}),
    ("Guards killed two smugglers and wounded three others.", {"dead": 2, "injured": 3}),
    ("At least 5 civilians were killed in the shelling.", {"dead": 5}),
    ("More than 100 people were killed, including 20 children.", {"dead": 100}),
    ("Dozens of fighters were killed.", {"dead": 24}),
    ("Three soldiers killed in the ambush were buried.", {"dead": 3}),
    ("The death toll rose to 12.", {"dead": 12}),
    ("One of the guards was injured.", {"injured": 1}),
    ("Three militants killed two border guards.", {"dead": 2}),      # active voice: the militants are not dead
    ("Five militants attacked a post.", {}),
    ("Police found 13 hand grenades and arrested no one.", {}),
]


@pytest.mark.parametrize("sentence,expected", CASUALTIES, ids=[c[0][:40] for c in CASUALTIES])
def test_casualties(sentence, expected):
    want = {"dead": None, "injured": None, "arrested": None, **expected}
    assert casualties(qs(sentence)) == want


def test_casualty_quantity_details():
    q = one("In the shootout, three members of the armed group were neutralized.")
    assert (q.what, q.unit, q.value, q.text) == ("dead", "person", 3, "three members of the armed group")


def test_subtotal_is_marked_and_not_summed():
    got = qs("Nine people were killed, among them two children.")
    assert [(q.value, q.subtotal) for q in got] == [(9, False), (2, True)]
    assert casualties(got)["dead"] == 9


def test_casualties_of_nothing():
    assert casualties([]) == {"dead": None, "injured": None, "arrested": None}


# ---------------------------------------------------------------------------------------------
# not quantities


@pytest.mark.parametrize("sentence", [
    "In 2022 the crossing stayed closed.",
    "The border has been closed since 2013.",
    "He spoke at the assembly on September 23.",
    "Troops arrived on 28.11.2024 and left on 2024-12-02.",
    "Two days ago the post was shelled.",
    "The president has ruled for 27 years.",
    "The delegations talked for three hours.",
    "A 25-year-old man was questioned.",
    "A man aged 40 was questioned.",
    "He appeared in a 13:31 minute video.",
    "The meeting began at 10:30 local time.",
    "Personnel of the 201st base trained in the mountains.",
    "He spoke at the fifth summit.",
    "The base fields Su-25 jets and Mi-8 transports.",
    "Resolution 2593 was adopted.",
    "The rebels may say one thing and do another.",
    "The 2022 elections were postponed.",
    "Several reasons were given.",
    "They settle scores with old rivals.",
    "The two-day meeting ended.",
    "",
])
def test_not_quantities(sentence):
    assert qs(sentence) == []


@pytest.mark.parametrize("junk", ["\x00", "🙂" * 40, "1" * 500, "$", "$$$ 5", "1,2,3,4,5", "--5--", "five five five",
                                  "a dozen of of of", "9" * 19 + " soldiers", "one-" * 50])
def test_garbage_never_crashes(junk):
    qs(junk)


def test_with_a_spacy_doc(tmp_path):
    from borderwatch.nlp.spacy_model import load

    doc = load()("Patrols were stepped up. In 2022, guards seized five tons of heroin and arrested 14 couriers.")
    sent = list(doc.sents)[1]
    got = qs(sent.text, doc=sent)
    assert [(q.value, q.what, q.unit) for q in got] == [(5, "drugs", "ton"), (14, "arrested", "person")]


def test_speed():
    sentences = [n[0] for n in NUMBERS + THINGS] * 3
    find_quantities(sentences[0])
    t = time.perf_counter()
    for s in sentences:
        find_quantities(s)
    per = (time.perf_counter() - t) / len(sentences)
    assert per < 0.002, f"{per * 1000:.2f} ms per sentence"


def test_nationality_list_before_the_noun():
    q = one("In August about 2,500 Russian, Tajik and Uzbek troops practised together.")
    assert (q.text, q.value, q.what) == ("about 2,500 Russian, Tajik and Uzbek troops", 2500, "troops")


def test_role_for_people_we_have_no_word_for():
    got = qs("Three Chinese employees of a mining company were killed when their camp was attacked.")
    assert [(q.value, q.what, q.unit) for q in got] == [(3, "dead", "employee")]
    got = qs("Militants captured two posts near the river.")  # "captured" places is not an arrest
    assert [(q.what, q.unit) for q in got] == [("other", "post")]


def test_adjective_is_not_the_unit():
    q = one("Troops from the bloc began three simultaneous exercises in the south.")
    assert q.unit == "exercise"


@pytest.mark.parametrize("sentence,text,value,low,unit", [
    ("Kabul could earn tens of millions of dollars a year.", "tens of millions of dollars", None, 20_000_000, "USD"),
    ("The $1.2 billion power line is stalled.", "$1.2 billion", 1_200_000_000, 1_200_000_000, "USD"),
    ("Donors froze some $1 billion of assets.", "some $1 billion", 1_000_000_000, None, "USD"),
    ("A grant of US$ 5 million was signed.", "US$ 5 million", 5_000_000, 5_000_000, "USD"),
])
def test_money_forms(sentence, text, value, low, unit):
    q = one(sentence)
    assert (q.text, q.value, q.low, q.unit, q.what) == (text, value, low, unit, "money")


def test_of_them():
    got = qs("About 2,500 servicemen took part, roughly 1,800 of them from Russia.")
    assert [(q.text, q.what) for q in got] == [("About 2,500 servicemen", "troops"), ("roughly 1,800 of them", "other")]
    assert casualties(qs("Three of them were killed."))["dead"] == 3


def test_a_toll_read_past_an_apposition_or_a_conjunct():
    """ "Three men, all residents of the district, were detained", "two guards and a civilian were
    killed": the verb after the aside or the second group still says what happened to them, and
    "a civilian" is one more."""
    from borderwatch.nlp.quantities import casualties, find_quantities

    assert casualties(find_quantities("Three men, all residents of the district, were detained on Sunday."))[
        "arrested"] == 3
    assert casualties(find_quantities("Officials said two guards and a civilian were killed in the village."))[
        "dead"] == 3
    both = casualties(find_quantities("Two soldiers and three villagers were wounded, and one policeman was killed."))
    assert both["injured"] == 5 and both["dead"] == 1
    assert casualties(find_quantities("Two guards and a dog patrolled the road."))["dead"] is None
