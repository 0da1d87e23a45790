"""Quotes: direct, indirect, mixed and continued quotes, their cues, speakers and channels.

Every sentence here is written for the test (no seed or gold text): each case of issue 6 —
all quotation-mark styles, unbalanced and misplaced marks, continuation quotes, pronoun and
title speakers, outlets as channels and as relays — and the bad input that must neither crash
nor invent a speaker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from borderwatch.errors import DataMissing
from borderwatch.nlp import quotes as Q

EXTERNAL = Path(__file__).resolve().parents[1].parent / "shared" / "external"


@pytest.fixture(scope="module")
def nlp():
    from borderwatch.nlp.entities import pipeline

    return pipeline(with_gazetteer=False)


def run(nlp, text: str, published: dt.date = dt.date(2021, 10, 1)) -> list[Q.Quote]:
    from borderwatch.nlp.actors import actor_index, resolve_actors

    doc = nlp(text)
    quotes = Q.extract_quotes(doc, resolve_actors(doc, actor_index(), published))
    for q in quotes:  # every offset points at its own text
        assert text[q.start:q.end] == q.text
        for span in (q.cue, q.speaker, q.channel, q.speaker_mention):
            assert span is None or text[span[0]:span[1]] == span[2]
        assert q.kind in ("direct", "indirect", "mixed")
        assert q.speaker_method in ("name", "role", "pronoun", "continuation", "outlet_relay", "none")
        assert q.continuation_of is None or 0 <= q.continuation_of < len(quotes)
        assert 0.0 < q.confidence <= 1.0
    return quotes


def only(quotes: list[Q.Quote], kind: str | None = None) -> Q.Quote:
    pick = [q for q in quotes if kind is None or q.kind == kind]
    assert len(pick) == 1, [(q.kind, q.text) for q in quotes]
    return pick[0]


# -- quotation marks, without a parse -------------------------------------------------------------

def _inner(text: str) -> list[str]:
    """The quoted words of each segment (spaces a misplaced mark leaves at an edge stripped)."""
    return [text[slice(*s.inner(text))].strip() for s in Q.quote_segments(text)]


def test_every_quotation_mark_style():
    assert _inner("He said “curly marks here” today.") == ["curly marks here"]
    assert _inner('He said "straight marks here" today.') == ["straight marks here"]
    assert _inner("Il a dit «guillemets ici» hier.") == ["guillemets ici"]
    assert _inner("Er sagte „deutsche Zeichen hier“ gestern.") == ["deutsche Zeichen hier"]
    assert _inner("He said ‘single marks here,’ then left.") == ["single marks here,"]
    # apostrophes never open or close a quotation
    assert _inner("Tajikistan’s guards and the countries’ envoys met.") == []


def test_unbalanced_marks_are_repaired_per_paragraph():
    # no closing mark: the quotation runs to the end of its paragraph, never into the next
    text = "The officer said “the post came under fire at dawn. Two guards were hurt.\nThe next day was calm."
    assert _inner(text) == ["the post came under fire at dawn. Two guards were hurt."]
    # no opening mark: the quotation starts with its paragraph
    assert _inner("Our border is quiet and well guarded, ”said the commander.") == ["Our border is quiet and well guarded,"]
    # an opening mark written where the closing one belongs, at the paragraph's end
    assert _inner("Nothing will change soon. “") == ["Nothing will change soon."]
    # a second opening mark: the first quotation ends with its sentence
    text = "She added that “talks will resume in May. Later the ministry urged calm and “restraint,” officials said."
    assert _inner(text) == ["talks will resume in May.", "restraint,"]


def test_marks_shifted_by_a_word():
    # scraping moved each mark one word on: “said the analyst.” sits inside marks
    text = "“The valley is calm now, “said the analyst Karimov.” Yet nobody trusts the truce. “"
    assert _inner(text) == ["The valley is calm now,", "Yet nobody trusts the truce."]


def test_kind_follows_the_baseline_rule():
    text = "“All of this is quoted.” and partly “quoted” here, and nothing quoted at all"
    mask = Q.inside_mask(text, Q.quote_segments(text))
    assert Q.kind_of(text, 0, 24, mask) == "direct"
    assert Q.kind_of(text, 29, 50, mask) == "mixed"
    assert Q.kind_of(text, 57, len(text), mask) == "indirect"


# -- attribution ------------------------------------------------------------------------------------

def test_direct_quote_named_speaker_and_same_paragraph_continuation(nlp):
    qs = run(nlp, "“The river crossing is closed,” said Colonel Rustam Nazarov, a spokesman for the guards. "
                  "“Nobody has crossed it since Monday.”")
    assert [q.kind for q in qs] == ["direct", "direct"]
    a, b = qs
    assert a.text == "“The river crossing is closed,”" and a.cue[2] == "said"
    assert "Rustam Nazarov" in a.speaker[2] and a.speaker_actor_id and a.speaker_method == "name"
    assert b.continuation_of == 0 and b.speaker_method == "continuation"
    assert b.speaker_actor_id == a.speaker_actor_id and b.speaker == a.speaker


def test_unbalanced_quote_keeps_its_speaker(nlp):
    q = only(run(nlp, "The officer said “the post came under fire at dawn. Two guards were hurt."))
    assert q.kind == "direct" and q.text.endswith("hurt.") and q.speaker[2] == "The officer"


def test_missing_opening_mark_quote_and_academician_title(nlp):
    text = ("Farhod Rakhimi, a historian, spoke to reporters in Dushanbe.\n"
            "Nobody across the river wants a new war, ”said academician Rakhimi.")
    q = only(run(nlp, text), "direct")
    assert q.start == text.index("Nobody") and q.speaker[2] == "academician Rakhimi"
    assert q.speaker_actor_id == "farhod_rahimi"  # the surname of the full name said earlier


def test_pronoun_speaker_and_the_broadcaster_as_channel(nlp):
    text = ("Tajik President Emomali Rahmon gave an interview to Al Jazeera on Monday.\n"
            "“We will not allow any threats to our country,” he told the broadcaster.")
    q = only(run(nlp, text))
    assert q.speaker_method == "pronoun" and q.speaker_actor_id == "rahmon"
    assert q.speaker_mention[2] == "he" and "Rahmon" in q.speaker[2]  # the antecedent, the pronoun kept apart
    assert q.channel[2] == "the broadcaster" and q.channel_actor_id == "al_jazeera"


def test_he_is_the_spokesman_not_the_men_he_spoke_of(nlp):
    """A spokesman of an organisation is a "he"; "the men" (plural) never is."""
    text = ("A Taliban spokesman in Badakhshan gave a different account. He said the men were local "
            "fishermen and that only one of them had died. “Our border forces did not take part in any "
            "shooting,” he told a local radio station.")
    q = only(run(nlp, text), "direct")
    assert q.speaker_method == "pronoun" and "men" not in (q.speaker or (0, 0, ""))[2]
    assert q.speaker_actor_id == "taliban" and "spokesman" in q.speaker[2]


def test_title_speaker(nlp):
    q = only(run(nlp, "“The situation on the border is under control,” the Tajik president added."))
    assert q.speaker_actor_id == "rahmon" and q.speaker_method == "role" and q.cue[2] == "added"


def test_description_resolves_to_the_named_organisation(nlp):
    text = ("The State Security Committee announced an operation in Vanj.\n"
            "The committee said that its officers seized four rifles and a radio.")
    q = run(nlp, text)[-1]
    assert q.kind == "indirect" and q.text == "its officers seized four rifles and a radio"
    assert q.speaker_actor_id == "tajik_gknb" and q.speaker_mention[2] == "The committee"


def test_outlet_relaying_a_statement(nlp):
    q = only(run(nlp, "“Two gunmen were detained near the river,” Asia-Plus cited a statement from the State "
                      "Security Committee."))
    assert q.speaker_method == "outlet_relay" and q.speaker_actor_id == "tajik_gknb"
    assert "State Security Committee" in q.speaker[2]
    assert q.channel[2] == "Asia-Plus" and q.channel_actor_id == "asia_plus" and q.cue[2] == "cited"


def test_channels_told_and_according_to(nlp):
    q = only(run(nlp, "“As far as I know, the commander is in Kabul,” Arkady Dubnov told Kommersant."))
    assert q.speaker_actor_id == "arkady_dubnov" and q.channel_actor_id == "kommersant"
    q = only(run(nlp, "“We watch the tension with concern,” spokesman Alexei Zaitsev said, according to TASS."))
    assert q.speaker_actor_id == "alexei_zaitsev" and q.channel_actor_id == "tass"
    q = only(run(nlp, "The Taliban moved two battalions to the border, according to TASS."))
    assert q.kind == "indirect" and q.speaker_actor_id == "tass" and q.cue[2] == "according to"
    assert q.text == "The Taliban moved two battalions to the border"


def test_passive_quoted_as_saying(nlp):
    q = only(run(nlp, "The commander was quoted by TASS as saying that the crossing was closed."))
    assert q.speaker[2] == "The commander" and q.channel_actor_id == "tass" and q.text == "the crossing was closed"


def test_indirect_and_mixed(nlp):
    q = only(run(nlp, "Kyrgyz officials said that the checkpoint would reopen next week."))
    assert (q.kind, q.text, q.cue[2], q.speaker[2]) == ("indirect", "the checkpoint would reopen next week", "said",
                                                        "Kyrgyz officials")
    q = only(run(nlp, "Emomali Rahmon said the border was “fully secure and closely watched.”"))
    assert q.kind == "mixed" and q.speaker_actor_id == "rahmon" and q.text.endswith("watched.”")


def test_continuation_paragraph_takes_the_previous_speaker(nlp):
    text = ("Kazakh analyst Serik Amanov believes that the bloc will send help.\n"
            "“There is no doubt about it. The allies will move within days.”")
    qs = run(nlp, text)
    assert [q.kind for q in qs] == ["indirect", "direct"]
    assert qs[1].continuation_of == 0 and qs[1].speaker_method == "continuation"
    assert qs[1].speaker == qs[0].speaker and "Serik Amanov" in qs[0].speaker[2]


def test_quote_spanning_paragraphs(nlp):
    text = ("“The first part of the statement concerns the valley and its roads.\n"
            "“The second part concerns the bridges,” Emomali Rahmon said.")
    first, second = run(nlp, text)
    assert second.speaker_actor_id == "rahmon" and second.speaker_method == "name"
    assert first.speaker_actor_id == "rahmon" and first.speaker_method == "continuation"
    assert second.continuation_of == 0


def test_no_speaker_anywhere_is_none(nlp):
    q = only(run(nlp, "“The border will stay closed until further notice.”"))
    assert q.speaker is None and q.speaker_actor_id is None and q.speaker_method == "none" and q.cue is None
    # a pronoun with nothing to point at stays unresolved: no invented speaker
    q = only(run(nlp, "“We are ready for anything,” he said."))
    assert q.speaker is None and q.speaker_actor_id is None and q.speaker_mention[2] == "he"
    # a scare-quoted phrase inside a sentence is not a quotation of anybody
    assert run(nlp, "The “roof of the world” lies east of the river, past two passes.") == []


def test_unnamed_speaker_and_expletive_it(nlp):
    # "he" goes back to the unnamed subject of the sentence before, not to a name further back
    text = ("Emomali Rahmon opened the bridge in May. On Friday a member of the border delegation spoke to "
            "reporters in Khorog. He said that the talks had stalled.")
    q = only(run(nlp, text))
    assert q.speaker[2] == "a member of the border delegation" and q.speaker_actor_id is None
    assert q.speaker_method == "pronoun" and q.speaker_mention[2] == "He"
    # "it is fair to say": nobody is speaking, so there is no attribution
    assert run(nlp, "It is fair to say that the garrison was larger than reported.") == []


@pytest.mark.parametrize("text", [
    "", " ", "“", "”", '"', "\"\"\"\n”” “", "„", "«»", "“”", "“ ”\n\n“", "said.", "‘’’‘",
    "He said “the minister told us ‘stay calm’ and then “left the room.",
    "“A “b “c” d” e” f.” said he, “and “more",
    "“" * 50 + "word" + "”" * 50,
    "According to, said told, cited from: “”.",
])
def test_bad_input_never_crashes(nlp, text):
    for q in run(nlp, text):
        assert q.speaker_method == "none" or q.speaker is not None or q.speaker_mention is not None


def test_mentions_tuple_from_resolve_actors_is_accepted(nlp):
    from borderwatch.nlp.actors import actor_index, resolve_actors

    doc = nlp("“Calm,” Emomali Rahmon said of the valley where the guards stood watch.")
    as_tuple = Q.extract_quotes(doc, resolve_actors(doc, actor_index(), dt.date(2021, 10, 1)))
    as_list = Q.extract_quotes(doc, resolve_actors(doc, actor_index(), dt.date(2021, 10, 1))[0])
    assert as_tuple == as_list
    with pytest.raises(ValueError):
        Q.extract_quotes(doc, [], nested="sometimes")


# -- the PolNeAR evaluation --------------------------------------------------------------------------

def test_overlap_and_greedy_pairing():
    from borderwatch.eval import polnear as P

    a, b, c = frozenset(range(0, 10)), frozenset(range(5, 15)), frozenset(range(0, 8))
    assert P.overlap(a, b) == pytest.approx(5 / 15) and P.overlap(a, frozenset()) == 0.0
    preds = [P.Prediction(a, "direct", frozenset(), "a"), P.Prediction(c, "direct", frozenset(), "c")]
    gold = [P.GoldRelation(c, "direct", frozenset(), "", ""), P.GoldRelation(b, "direct", frozenset(), "", "")]
    # greedy by decreasing overlap, one to one: c-c (1.0) first, then a-b (0.33)
    assert sorted(P.pair(preds, gold, 0.3)) == [(0, 1, pytest.approx(1 / 3)), (1, 0, 1.0)]
    assert P.pair(preds, gold, 0.8) == [(1, 0, 1.0)]


def test_polnear_joins_a_paragraphs_continued_direct_quotes():
    from borderwatch.eval import polnear as P

    text = "“A b c,” he said. “D e f.”\n“G h.”"
    mk = lambda s, e, cont: Q.Quote(s, e, text[s:e], "direct", None, (9, 11, "he"), None, "pronoun", None,  # noqa: E731
                                   None, cont, 0, 0.8)
    quotes = [mk(0, 8, None), mk(18, 26, 0), mk(27, 33, 1)]
    preds = P.predictions(text, quotes)
    assert [sorted(p.quotes) for p in preds] == [[0, 1], [2]]  # joined in the paragraph, not across it
    assert preds[0].chars == frozenset(range(0, 8)) | frozenset(range(18, 26))


def test_polnear_missing_data_is_a_clean_error(tmp_path):
    from borderwatch.eval import polnear as P

    with pytest.raises(DataMissing):
        P.run(tmp_path / "nowhere")


@pytest.mark.external
def test_polnear_first_articles_beat_the_baseline():
    if not (EXTERNAL / "PolNeAR" / "data" / "test" / "text").is_dir():
        pytest.skip(f"PolNeAR test split not found under {EXTERNAL}")
    from borderwatch.eval import polnear as P

    res = P.run(EXTERNAL, limit=10)
    assert res["articles"] == 10 and res["gold_direct"] > 20
    # textacy para+merge on all 84 articles: F1 0.731 @0.3, 0.667 @0.8, speakers 0.95, all-R 0.20
    assert res["direct_f1_03"] >= 0.85 and res["direct_f1_08"] >= 0.78
    assert res["speaker_acc_03"] >= 0.88
    assert res["all_r_03"] >= 0.55 and res["im_p_03"] >= 0.7
    assert "direct_f1_03_heldout" in res and "direct_f1_03_tuning" in res
    worst = P.worst_cases(EXTERNAL, n=2, limit=4)
    assert len(worst) <= 2 and all(w["errors"] > 0 for w in worst)


def test_description_in_apposition_speaks_for_the_name_before_it(nlp):
    """"X, then acting deputy head of ..., stated": whether the parser attaches the apposition
    or not, the description never hides the named speaker (the misparsed seed case is checked in
    tests/test_claims.py::test_seed_direct_quotes_have_their_speakers)."""
    for text in ("Speaking in Kabul, Abdul Ghani Baradar, then acting deputy head of the Taliban government, "
                 "declared: “Our borders will stay calm.”",
                 "In an interview with a Qatari broadcaster, Abdul Ghani Baradar, then acting deputy head of the "
                 "Taliban government, stated: “Our borders will stay calm.”"):
        qs = run(nlp, text, dt.date(2025, 1, 19))
        assert len(qs) == 1 and qs[0].speaker_actor_id == "baradar"
        assert qs[0].speaker[2].startswith("Abdul Ghani Baradar")


def test_object_judgement_belongs_to_the_content(nlp):
    qs = run(nlp, "Rahmon praised the border troops as the country's shield. The Taliban spokesman blamed "
                  "the clashes on smugglers.")
    texts = {q.text for q in qs}
    assert "the border troops as the country's shield" in texts
    assert "the clashes on smugglers" in texts


def test_ownerless_statement_noun_is_kept_without_a_speaker(nlp):
    qs = run(nlp, "There were allegations of torture at the detention centre near Khorog.")
    q = next(q for q in qs if q.text.startswith("torture"))
    assert q.speaker is None and q.speaker_method == "none" and q.confidence <= 0.5


def test_inverted_speaker_after_an_exclamation(nlp):
    # the parser makes a word inside the quotation a second subject of "responded"
    qs = run(nlp, '"Thanks, Rustam!" responded district chief Davlat Nazarov.')
    q = next(q for q in qs if q.kind == "direct")
    assert q.speaker is not None and "Davlat Nazarov" in q.speaker[2]


def test_hedged_passive_is_an_unattributed_claim(nlp):
    """ "X is believed to ..." is a claim nobody is named for: kept, with no invented speaker."""
    q = only(run(nlp, "The militants are believed to have crossed the river near Kevron."))
    assert q.kind == "indirect" and q.speaker is None and q.speaker_method == "none"
    assert q.text.startswith("The militants") and q.text.endswith("near Kevron")
    assert q.confidence <= 0.5
    # not a hedge: "known for" has no infinitive, a named agent makes it an ordinary attribution
    assert run(nlp, "The village is known for its apricots.") == []


def test_quote_after_a_negated_cue_goes_on_from_the_speaker(nlp):
    text = ("“There is new evidence in the case,” Karimov said, though officials haven’t said the "
            "inquiry is “reopening” anything. “Remember, a search needs probable cause.”")
    qs = run(nlp, text)
    last = qs[-1]
    assert last.text.startswith("“Remember") and last.speaker_method == "continuation"
    assert last.speaker[2] == "Karimov"


def test_object_before_a_participle_speaks(nlp):
    text = ("An exchange between the envoy and aide Farid Nazarov has Davron Saidov saying, "
            "“We are going to have to close the crossing.”")
    q = only(run(nlp, text), "direct")
    assert q.speaker is not None and "Saidov" in q.speaker[2]


def test_evidence_verb_the_tagger_took_for_a_noun(nlp):
    q = only(run(nlp, "Seizures on the Panj have doubled since 2021, a new analysis shows."))
    assert q.text.startswith("Seizures on the Panj") and q.cue[2] == "shows"
    assert q.speaker is not None and "analysis" in q.speaker[2]


def test_judgements_as_claims(nlp):
    """Criticism and "as" judgements are claims of their subject; an agentless passive judgement
    has nobody named; a sight ("can be seen flying") is no claim at all."""
    q = only(run(nlp, "Rahmon blasted the Taliban for their treatment of ethnic Tajiks."))
    assert q.text == "the Taliban for their treatment of ethnic Tajiks" and q.speaker_actor_id == "rahmon"
    q = only(run(nlp, "Dushanbe sees the Taliban as a threat to the whole region."))
    assert q.text == "the Taliban as a threat to the whole region" and q.speaker[2] == "Dushanbe"
    q = only(run(nlp, "On state television the border is portrayed as calm and well guarded."))
    assert q.text.startswith("the border is portrayed as calm") and q.speaker is None
    assert run(nlp, "Their white flags can be seen flying in the village along the river.") == []
    assert run(nlp, "The general presented the new rifles to the troops.") == []


def test_they_after_several_named_people(nlp):
    """ "X, Y and Z said ... . They asked ...": they are the people just named, not an earlier
    speaker who fits "they" less well."""
    text = ("Officials in Dushanbe said the review was routine.\n\n"
            "Deputies Saidov, Karimov and Nazarov said they found the letter troubling. "
            "They asked that the border service explain the closures.")
    q = next(q for q in run(nlp, text) if q.cue and q.cue[2] == "asked")
    assert q.speaker_mention[2] == "They" and "Karimov" in q.speaker[2]


def test_a_wire_dateline_is_not_part_of_what_was_said(nlp):
    text = ('DUSHANBE, Aug 26 (Steppe Wire) – Tajikistan will not recognise a government in Afghanistan '
            '"formed through oppression", President Emomali Rahmon said on Thursday.')
    q = only(run(nlp, text))
    assert q.text.startswith("Tajikistan will not recognise") and q.speaker_actor_id == "rahmon"


def test_said_in_a_statement_that_keeps_the_speaker(nlp):
    """The parser hangs "that ..." on "statement"; the speaker is still the subject of "said"."""
    text = "The ministry said in a statement that the border was calm."
    qs = run(nlp, text)
    q = next(q for q in qs if "border was calm" in q.text)
    sp = q.speaker_mention or q.speaker
    assert sp is not None and text[sp[0]:sp[1]].lower() == "the ministry"


def test_anonymity_is_not_a_statement(nlp):
    text = ('"The situation is under control," a border guard officer told a reporter, asking not to be named. '
            "An official, who spoke on condition of anonymity, said the talks had stalled.")
    texts = [q.text for q in run(nlp, text)]
    assert not any("named" in t or "anonymity" in t for t in texts)
    assert any("talks had stalled" in t for t in texts)


def test_defending_borders_is_an_action_defending_a_decision_a_stance(nlp):
    assert not [q for q in run(nlp, "Tajikistan will defend its borders, the president said.") if q.text == "its borders"]
    assert [q for q in run(nlp, "The minister defended the decision to close the crossing.")
            if "decision to close" in q.text]


def test_outlet_name_the_parser_took_for_a_modifier_still_relays(nlp):
    """ "Kommersant, citing sources ..., reported that": the parser hangs the outlet on the verb as
    a modifier; the sources speak and the outlet is the channel."""
    text = "Kommersant, citing sources in the Russian defence ministry, reported that the base would be reinforced."
    q = next(q for q in run(nlp, text) if "base would be reinforced" in q.text)
    sp = q.speaker_mention or q.speaker
    assert sp is not None and "sources in the Russian defence ministry" in text[sp[0]:sp[1]]
    assert q.channel is not None and q.channel[2] == "Kommersant"


def test_declining_to_give_a_name_is_not_a_statement_but_declining_to_comment_is(nlp):
    text = ("A resident of Khorog, who declined to give his name, said shots were heard overnight. "
            "The ministry declined to comment.")
    texts = [q.text for q in run(nlp, text)]
    assert not any("his name" in t for t in texts)
    assert "shots were heard overnight" in texts and "to comment" in texts


def test_adding_keeps_the_first_speaker(nlp):
    """The parser hangs ", adding that ..." on the reported clause; the minister still speaks."""
    text = ('Foreign Minister Sirojiddin Muhriddin said Dushanbe was watching the situation closely, '
            'adding that the border was "fully secured".')
    qs = [q for q in run(nlp, text) if "fully secured" in q.text]
    assert qs and all(q.speaker is not None and "Muhriddin" in q.speaker[2] for q in qs)


def test_regional_outlets_are_channels(nlp):
    text = "An official of the Tajik border guards told Sputnik that the situation was calm."
    q = next(q for q in run(nlp, text) if "situation was calm" in q.text)
    assert q.channel is not None and q.channel[2] == "Sputnik" and q.channel_actor_id == "sputnik"
    assert q.speaker is not None and "official of the Tajik border guards" in q.speaker[2]


def _speaker_of(text: str, q: Q.Quote) -> str | None:
    sp = q.speaker_mention or q.speaker
    return text[sp[0]:sp[1]] if sp else None


def test_colon_at_the_end_of_the_previous_paragraph_introduces_the_quote(nlp):
    text = ('Zakharova told journalists in Moscow:\n\n'
            '"We call on both sides to show restraint and to settle the matter by talks."')
    q = next(q for q in run(nlp, text) if "restraint" in q.text)
    assert _speaker_of(text, q) == "Zakharova"
    # a paragraph ending in a full stop does not lend its subject to the next paragraph's quotation
    text2 = ('Zakharova spoke to journalists in Moscow.\n\n'
             '"We call on both sides to show restraint," the statement said.')
    q2 = next(q for q in run(nlp, text2) if "restraint" in q.text)
    assert _speaker_of(text2, q2) == "the statement"


def test_a_document_that_reads(nlp):
    text = 'The statement read: "The organisation stands ready to help its member state."'
    q = next(q for q in run(nlp, text) if "stands ready" in q.text)
    assert _speaker_of(text, q) == "The statement"
    # a person reading is not a cue
    assert not run(nlp, "The commander read the order aloud to his men on Monday.")


def test_report_quoted_an_official_as_saying(nlp):
    text = 'The report quoted a senior official as saying: "The deployment is temporary."'
    q = next(q for q in run(nlp, text) if "temporary" in q.text)
    assert _speaker_of(text, q) == "a senior official"
    assert q.channel is not None and q.channel[2] == "The report"


def test_described_speaker_before_a_colon(nlp):
    text = 'Border service spokesman Rustam Nazarov: "Three violators were detained near the post."'
    q = next(q for q in run(nlp, text) if "violators" in q.text)
    assert "Rustam Nazarov" in _speaker_of(text, q)


def test_when_is_not_what_was_said(nlp):
    """ "spoke ... on Monday": the date is when, not the topic."""
    qs = run(nlp, "The minister spoke to reporters in Dushanbe on Monday.")
    assert not any("Monday" in q.text for q in qs)
    qs = run(nlp, "The minister spoke on the border situation for an hour.")
    assert any("border situation" in q.text for q in qs)


def test_questioned_how_and_agentless_accusations(nlp):
    text = "Rahmon questioned how the Taliban could guarantee security after years of war."
    q = next(q for q in run(nlp, text))
    assert q.text.startswith("how the Taliban") and _speaker_of(text, q) == "Rahmon"
    # an accusation nobody is named for is a claim without a claimant, never the accused's own
    text = "The Taliban were accused of killing former soldiers in Panjshir."
    q = next(q for q in run(nlp, text))
    assert q.text == "killing former soldiers in Panjshir" and q.speaker is None
    # the active form: the subject accuses
    text = "Rights groups accused the Taliban of killing former soldiers."
    q = next(q for q in run(nlp, text))
    assert "killing former soldiers" in q.text and _speaker_of(text, q) == "Rights groups"
    # a police questioning is not a statement
    assert not run(nlp, "Police questioned the driver for two hours.")


def test_reported_clause_subject_taken_for_an_object(nlp):
    text = "Many officials fear a clash on the border could draw in Russia."
    q = next(q for q in run(nlp, text))
    assert q.text == "a clash on the border could draw in Russia"


def test_a_description_ending_in_the_name_resolves_later_titles(nlp):
    text = ('The commander of the Panjshir front Ahmad Masud spoke at length. '
            '"Kabul has turned our valley into a prison," the warlord said.')
    q = next(q for q in run(nlp, text) if "prison" in q.text)
    assert q.speaker_actor_id == "ahmad_massoud"
    # a name after "for" is whom the spokesman speaks for, not the spokesman
    q = next(q for q in run(nlp, "A spokesman for Ahmad Massoud said the talks had failed."))
    assert q.speaker_actor_id != "ahmad_massoud"


def test_holders_relatives_and_idioms(nlp):
    # "in the opinion of X": X holds the opinion; it is not what the opinion is
    text = "In the opinion of Kommersant's sources, both sides gain from tension at the border."
    qs = run(nlp, text)
    assert [q.text for q in qs] == ["both sides gain from tension at the border"]
    assert _speaker_of(text, qs[0]) == "Kommersant's sources"
    # ... but "a high opinion of X" is about X
    assert any("advisers" in q.text for q in run(nlp, "She does not have a high opinion of the minister's advisers."))
    # "who" needs a person: the parser's "the same vein" is not the writer
    text = "The head of the resistance Ahmad Masud spoke in the same vein, who wrote a letter to the forum."
    q = next(q for q in run(nlp, text) if "letter" in q.text)
    assert "way" not in (_speaker_of(text, q) or "")
    # "time will tell": nobody speaks
    assert not run(nlp, "In any event, time will show what the coming year holds for Dushanbe.")


def test_calls_dates_and_plural_descriptions(nlp):
    # "said in a statement on Friday": the date is not what was said
    text = "The Tajik border troops said in a statement on Friday that the soldiers had acted in self-defence."
    assert [q.text for q in run(nlp, text)] == ["the soldiers had acted in self-defence"]
    # a telephone call is not a statement; a name-calling and a "calling out" are
    text = ("Kyrgyz President Sadyr Japarov called his Tajik counterpart Emomali Rahmon late on Thursday, "
            "and the two leaders agreed to withdraw heavy weapons from the area.")
    qs = run(nlp, text)
    assert not any("counterpart" in q.text for q in qs)
    # "the two leaders" are two people: not resolved to the last man named
    q = next(q for q in qs if "withdraw" in q.text)
    assert q.speaker_actor_id is None and "two leaders" in _speaker_of(text, q)
    assert any("liars" in q.text for q in run(nlp, "The minister called the journalists liars."))
    assert any(q.text == "Tur" for q in run(nlp, "Trump has called out Tur publicly by name."))


def test_asked_for_keeps_what_was_asked(nlp):
    qs = run(nlp, "Rahmon has asked CSTO partners for help in strengthening the border.")
    assert [q.text for q in qs] == ["CSTO partners for help in strengthening the border"]
