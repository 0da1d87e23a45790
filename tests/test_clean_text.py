from borderwatch.clean.boilerplate import classify_line
from borderwatch.clean.text import clean_text, normalize

BODY = (
    "Tajik border guards said on Monday they had detained four men who crossed the Panj river near "
    "Shuroobod with a load of hashish. The agency did not say where the men came from. "
    "Officials in Dushanbe said patrols along the river had been doubled since the spring floods.\n\n"
    "A spokesman for the border troops told reporters that the men were armed and refused to stop. "
    "He said nobody was hurt. The service publishes such reports every few weeks, and local people "
    "say the crossings have grown more frequent since the Taliban took Kabul in August 2021.\n\n"
    "Trade at the Panji Poyon crossing continued as usual, a customs officer said by telephone, "
    "adding that lorries carrying flour and fuel had passed in both directions during the week."
)


def test_boilerplate_lines():
    for line, reason in [
        ("Leave a Reply", "comments"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
        ("Back to top button", "navigation"),
        ("MOST READ", "related"),
        ("Related Articles", "related"),
        ("Share this: Facebook Twitter Telegram", "share"),
        ("Read also: Drone sighted over Khorog", "read_also"),
        ("Photo: Border Troops press service", "credit"),
        ("Published", "bare_label"),
        ("on", "bare_label"),
        ("We will update.", "developing"),
        ("This story is developing and will be updated.", "developing"),
        ("______________", "separator"),
        ("Guards on patrol near Ishkashim, Tajikistan on the left. Photo credit: AP", "caption"),
        ("The bridge at Panji Poyon – Tajikistan to the left, Afghanistan to the right", "caption"),
    ]:
        assert classify_line(line) == reason, line
    assert classify_line("Guards said on Monday that the bridge was closed.") is None
    assert classify_line("Tajikistan calls for regional unity") is None


def test_normalize_spaces_and_zero_width():
    assert normalize("a\u00a0b\u200b c\r\nd  \t e") == "a b c\nd e"


def test_header_title_byline_dateline_and_furniture():
    raw = (
        "REGION\n\nGuards detain four after river crossing\n\nBy Nilufar Saidova\n\nPosted on 14 Sep 2021\n\n"
        + BODY
        + "\n\nShare this: Facebook Twitter\n\nRelated Articles\n\nDrone sighted over Khorog\n\nLeave a Reply\n\n"
        "Your email address will not be published. Required fields are marked *\n\nBack to top button\n"
    )
    [part] = clean_text(raw)
    assert part.title == "Guards detain four after river crossing"
    assert part.author == "Nilufar Saidova"
    assert part.published == "2021-09-14" and part.published_basis == "text_dateline"
    assert part.text.startswith("Tajik border guards said on Monday")
    assert part.text.endswith("during the week.")
    for junk in ("REGION", "Share this", "Related", "Drone sighted", "Leave a Reply", "Back to top"):
        assert junk not in part.text
    reasons = {r.get("reason") for r in part.repairs if r["repair"] == "boilerplate"}
    assert {"section_label", "share", "related", "comments", "navigation"} <= reasons


def test_repeated_title_kept_once():
    raw = "Guards detain four after river crossing\n\nGuards detain four after river crossing\n\n" + BODY
    [part] = clean_text(raw)
    assert part.title == "Guards detain four after river crossing"
    assert "Guards detain four" not in part.text
    assert any(r["repair"] == "repeated_title" for r in part.repairs)


def test_known_title_removed_from_body():
    [part] = clean_text("Guards detain four\n\n" + BODY, title="Guards detain four")
    assert part.title == "Guards detain four" and part.text.startswith("Tajik border guards")


def test_two_articles_in_one_input_split_with_junk_prefix():
    second = (
        "Rahmon and Mirziyoyev Sign Water Deal at Border Summit\n\n"
        "Presidents of Tajikistan and Uzbekistan signed an agreement on sharing the water of the Syr Darya "
        "on Thursday, their offices said, after a meeting in Khujand that lasted five hours. The text was "
        "not published. Both leaders spoke of a new era of good neighbourliness and praised their ministers.\n\n"
        "The deal follows years of quarrels over the Rogun dam, which Tashkent long opposed."
    )
    raw = "Guards detain four after river crossing\n\n" + BODY + "\n\nk9.21x0" + second + "\n\nCourtesy: Steppe Wire (Posted on Mar 3, 2023)\n"
    parts = clean_text(raw)
    assert [p.title for p in parts] == [
        "Guards detain four after river crossing",
        "Rahmon and Mirziyoyev Sign Water Deal at Border Summit",
    ]
    assert parts[1].text.startswith("Presidents of Tajikistan")
    assert "k9.21x0" not in parts[1].text and "Courtesy" not in parts[1].text
    assert parts[1].published == "2023-03-03" and parts[1].published_basis == "text_credit"
    assert parts[0].published_basis == "text_credit_same_input"


def test_title_case_subheading_alone_does_not_split():
    raw = "Guards detain four after river crossing\n\n" + BODY + "\n\nWhat Comes Next for the Border\n\n" + BODY.replace("four", "five")
    parts = clean_text(raw)
    assert len(parts) == 1
    assert "What Comes Next for the Border" in parts[0].text


def test_pull_quote_and_teaser_dropped():
    quote = "“We will defend every metre of our border against anyone who crosses it,” the colonel said."
    raw = "Guards detain four\n\n" + quote.split(",")[0] + "”\n\n" + BODY + "\n\n" + quote
    [part] = clean_text(raw)
    assert part.text.count("We will defend every metre") == 1
    assert any(r["repair"] == "pull_quote" for r in part.repairs)


def test_one_paragraph_per_line_and_wrapped_lines():
    raw = (
        "Guards detain four after river crossing\n"
        "Tajik border guards said they had detained four men.\n"
        "After the clash it is no longer possible to say that\n"
        "the border is calm, officials said.\n"
        "Patrols were doubled."
    )
    [part] = clean_text(raw)
    assert part.text.split("\n\n") == [
        "Tajik border guards said they had detained four men.",
        "After the clash it is no longer possible to say that the border is calm, officials said.",
        "Patrols were doubled.",
    ]


def test_a_wrap_after_a_quoted_phrase_goes_on():
    """A hard-wrapped line that ends in a closing quotation mark with no full stop inside it is
    mid-sentence ('Dushanbe "had no involvement"' / 'in the incident'); one after '."' ends."""
    raw = (
        "Dushanbe denies role in strike\n\n"
        'The Tajik Foreign Ministry said in a statement that Dushanbe "had no involvement"\n'
        "in the incident and rejected what it called speculation in Afghan media.\n\n"
        'The spokesman said: "We will not comment further."\n'
        "The ministry gave no other details."
    )
    [part] = clean_text(raw)
    assert part.text.split("\n\n") == [
        'The Tajik Foreign Ministry said in a statement that Dushanbe "had no involvement" in the incident and'
        " rejected what it called speculation in Afghan media.",
        'The spokesman said: "We will not comment further."',
        "The ministry gave no other details.",
    ]


def test_a_sentence_end_with_a_stray_quotation_mark_ends_the_paragraph():
    """Scrapes leave an opening mark where a closing one belongs ("... problems. “"): the line
    still ends its paragraph, so the next paragraph is not read as a quotation."""
    long_line = "Officials said the talks would resume after the holiday and that the crossings would stay open. "
    raw = (
        "Border talks to resume\n"
        f"{long_line}“We are not worried about the future of trade with our neighbours at all. “\n"
        f"{long_line}The delegation left for Kabul on the same evening, officials said.\n"
        f"{long_line}Traders were relieved by the news."
    )
    [part] = clean_text(raw)
    paras = part.text.split("\n\n")
    assert len(paras) == 3 and paras[0].endswith("neighbours at all. “")


def test_only_furniture_gives_nothing():
    assert clean_text("Leave a Reply\n\nBack to top button\n\nMOST READ\n") == []


def test_markdown_to_text():
    from borderwatch.clean.markdown import markdown_to_text

    md = ("# Guards detain four\n\n*Pamir Dispatch* | By Nilufar Saidova | 7 September 2021\n\n"
          "![a bridge](/img/x.jpg)\n\nThe **border** guards, said _officials_, met [near Khorog](http://x.example/y).\n\n---\n")
    assert markdown_to_text(md).split("\n") == [
        "Guards detain four", "", "Pamir Dispatch | By Nilufar Saidova | 7 September 2021", "", "", "",
        "The border guards, said officials, met near Khorog.", "", "___", ""]


def test_meta_line_outlet_byline_date():
    [part] = clean_text("Guards detain four after river crossing\n\nPamir Dispatch | By Nilufar Saidova | 7 September 2021\n\n" + BODY)
    assert (part.author, part.published) == ("Nilufar Saidova", "2021-09-07")
    assert part.text.startswith("Tajik border guards")


def test_header_lines_without_blank_lines_are_not_joined():
    raw = "Guards detain four after river crossing\nBy Nilufar Saidova\n30.09.2021\n\n" + BODY
    [part] = clean_text(raw)
    assert (part.title, part.author, part.published) == ("Guards detain four after river crossing", "Nilufar Saidova", "2021-09-30")


def test_wire_and_feed_credit_lines():
    for line, reason in [
        ("(Reporting by Rustam Jalilov; Editing by Daler Sharipov)", "credit"),
        ("The post Guards detain four appeared first on Border Feed.", "feed_footer"),
        ("Follow Steppe Wire on Telegram for more updates.", "subscribe"),
        ("Copyright Khatlon Courier 2021", "legal"),
        ("Panj River Post © 2021", "legal"),
        ("Share on Telegram | Share on Facebook", "share"),
    ]:
        assert classify_line(line) == reason, line


def test_place_and_date_line_under_the_headline():
    from borderwatch.clean.dates import dateline

    assert dateline("Kabul, 2 June 2025") == "2025-06-02"
    assert dateline("DUSHANBE - 14.03.2025") == "2025-03-14"
    assert dateline("Kabul, 2 June 2025: Taliban send troops") is None  # a sentence, not a date line
    # a live page's stamp dates it too
    assert dateline("Last updated 21 September 2025") == dateline("Last updated: 21 September 2025, 14:05") == "2025-09-21"
    assert dateline("Last modified 3 March 2026") == "2026-03-03"


def test_a_wire_dateline_with_a_year_dates_the_story_and_stays_in_it():
    raw = ("Guards seize heroin on the Panj\n\nKHOROG, April 9 2025 — Border guards seized 40 kg of heroin on Tuesday, "
           "the committee said.\n\nThe smugglers fled back across the river.\n")
    [part] = clean_text(raw)
    assert part.published == "2025-04-09" and part.published_basis == "text_dateline"
    assert part.text.startswith("KHOROG, April 9 2025 — Border guards")  # the paragraph is story text
    assert any(r["repair"] == "wire_dateline_date" for r in part.repairs)
    [part] = clean_text(raw.replace("April 9 2025", "April 9"))
    assert part.published is None  # no year: the cleaner states none, it records the day ...
    assert [r["month_day"] for r in part.repairs if r["repair"] == "wire_dateline_no_year"] == ["04-09"]
    [part] = clean_text(raw.replace("KHOROG, April 9 2025 —", "TERMEZ, Uzbekistan, 8 April 2025 (Wire) —"))
    assert part.published == "2025-04-08"


def test_a_three_word_headline_over_its_date_line_is_the_title_not_a_section_label():
    raw = ("Earthquake hits Gorno-Badakhshan\nPublished: 5 April 2025\n\n"
           "An earthquake struck the Rushan district early on Saturday, damaging about 40 homes.\n\n"
           "Rescuers from Khorog reached the villages by noon.\n")
    (part,) = clean_text(raw)
    assert part.title == "Earthquake hits Gorno-Badakhshan" and part.published == "2025-04-05"
    assert not any(r.get("reason") == "section_label" for r in part.repairs)
    # a label over a headline is still a label
    (part,) = clean_text("ASIA\n\nTaliban warn Tajikistan over border troops\n\n"
                         "The Taliban warned Dushanbe on Monday that troops on the border were a provocation.\n")
    assert part.title == "Taliban warn Tajikistan over border troops"
    assert [r["line"] for r in part.repairs if r.get("reason") == "section_label"] == ["ASIA"]


def test_a_digest_dated_only_by_its_title():
    """A digest that names its period only in its title is dated by the period's last day, marked
    as from the title; a date inside a title, or a document dated otherwise, is left alone."""
    raw = ("Weekly security digest, 10-16 August 2026\n\n"
           "- 10 Aug, Khatlon: Police in Kulob arrested five men suspected of links to an armed group.\n"
           "- 14 Aug, Kunduz: Unknown gunmen shot dead a district official in Imam Sahib.\n")
    [part] = clean_text(raw)
    assert (part.published, part.published_basis) == ("2026-08-16", "text_title")
    [part] = clean_text("Remembering 9 September 1991 in Dushanbe\n\nVeterans gathered at the monument on Monday.\n")
    assert part.published is None
    [part] = clean_text("Border report - 3 May 2026\n\nPublished 5 May 2026\n\nGuards patrolled the river on Monday.\n")
    assert part.published == "2026-05-05"


def test_a_dateline_closed_by_a_full_stop_dates_the_story():
    """ "Moscow, 9 May 2025. President ...": the opening place and full date, closed by a full stop,
    are the publication date, as "KABUL, 2 June 2025 - ..." is; a place and a country are not."""
    from borderwatch.clean.dates import wire_date, wire_date_span

    assert wire_date("Moscow, 9 May 2025. President Rahmon met his host in the Kremlin.") == "2025-05-09"
    assert wire_date("Dushanbe, Tajikistan, 3 March 2024. Officials said the road was closed.") == "2024-03-03"
    assert wire_date_span("Moscow, 9 May 2025. President Rahmon met his host.") == (8, 18)
    assert wire_date("Kabul, Afghanistan. The town was quiet.") is None


def test_a_date_line_with_its_weekday_clock_zone_and_update_note():
    """Stamps as sites print them: a weekday, a clock with seconds, a zone with its offset, an
    "updated ... ago" note; still only a line that is the date, not a sentence holding one."""
    from borderwatch.clean.dates import dateline

    assert dateline("February 11, 2026 7:12 AM GMT+5 Updated 2 hours ago") == "2026-02-11"
    assert dateline("Wed, 11 Feb 2026 07:12:00 +0500") == "2026-02-11"
    assert dateline("Tuesday 3 March 2026 09:14 UTC") == "2026-03-03"
    assert dateline("11 February 2026, 07:12 (GMT+5)") == "2026-02-11"
    assert dateline("Feb 11, 2026 - 7 min read") == "2026-02-11"
    assert dateline("Fri 15 May 2026 09.47 BST") == "2026-05-15"
    assert dateline("UPDATED 6:10 PM PKT, Feb 12, 2026") == "2026-02-12"
    assert dateline("Published: 2026-06-03T08:15:00Z") == dateline("2026-06-03T08:15:00+05:00") == "2026-06-03"
    assert dateline("The attack on 2 June 2025") is None
    assert dateline("2 June 2025 to 5 June 2025") is None


def test_a_byline_of_a_name_and_its_outlet_over_the_date_line():
    """ "Rahim Nazarov, Asia Security Monitor" over "Monday, 21 September 2026": the name is the
    author and the date line under it still dates the story (the header stopped at the byline)."""
    raw = ("CSTO begins drills near the Afghan border\nRahim Nazarov, Asia Security Monitor\nMonday, 21 September 2026\n\n"
           "Troops from four countries began a week-long exercise on Monday.\n\nThe drills end on Saturday.\n")
    [part] = clean_text(raw)
    assert (part.author, part.published) == ("Rahim Nazarov", "2026-09-21")
    assert part.text.startswith("Troops from four countries")
    [part] = clean_text(raw.replace("Rahim Nazarov, Asia Security Monitor", "Kabul, Afghanistan"))
    assert part.author is None
    # a credit with no person's name over the stamp
    [part] = clean_text(raw.replace("Rahim Nazarov, Asia Security Monitor", "Staff and agencies")
                        .replace("Monday, 21 September 2026", "Mon 21 Sep 2026 09.47 BST"))
    assert (part.author, part.published) == ("Staff and agencies", "2026-09-21")


def test_date_lines_of_several_cities_of_a_city_and_country_and_with_a_desk():
    """ "ISLAMABAD/KABUL, 14 November 2026 (Staff Report) —", "NAIROBI, Kenya — Thursday 22
    October 2026 | By X" and "TASHKENT/KABUL, 30 October 2026 —" date the story (none was
    read before); a sentence holding a date is still no date line."""
    from borderwatch.clean.dates import dateline

    assert dateline("ISLAMABAD/KABUL, 14 November 2026 (Staff Report) —") == "2026-11-14"
    assert dateline("NAIROBI, Kenya — Thursday 22 October 2026") == "2026-10-22"
    assert dateline("TASHKENT/KABUL, 30 October 2026 —") == "2026-10-30"
    assert dateline("BOGOTÁ, Colombia — Sunday, November 22, 2026") == "2026-11-22"  # an accented city
    assert dateline("The attack on 2 June 2025 killed five") is None
    raw = ("Fuel protests spread\n\nNAIROBI, Kenya — Thursday 22 October 2026 | By Amina Otieno\n\n"
           "Police fired tear gas at protesters in the city centre on Wednesday.\n")
    [part] = clean_text(raw)
    assert (part.published, part.author) == ("2026-10-22", "Amina Otieno")
    # a byline that says where the reporter filed from names the reporter alone
    [part] = clean_text(raw.replace("NAIROBI, Kenya — Thursday 22 October 2026 | By Amina Otieno",
                                    "By Amina Otieno in Nairobi\nPublished 22.10.2026, 09:15 GMT+3"))
    assert (part.published, part.author) == ("2026-10-22", "Amina Otieno")


def test_a_yearless_wire_dateline_is_dated_by_the_latest_such_day_and_says_so():
    """ "DUSHANBE, Nov 3 (Wire) - ...": wire copy is filed the day it is dated, so the ingest
    takes the latest 3 November up to today, marked "text_dateline_year_assumed"."""
    import datetime as dt

    from borderwatch.clean.dates import assume_year
    from borderwatch.pipeline import documents_from
    from borderwatch.records import Article

    assert assume_year(11, 3, dt.date(2026, 12, 8)) == "2026-11-03"
    assert assume_year(12, 20, dt.date(2026, 12, 8)) == "2025-12-20"  # not a day still to come
    assert assume_year(2, 29, dt.date(2026, 12, 8)) == "2024-02-29"
    text = ("Clash on the Panj\n\nDUSHANBE, Nov 3 (Central Asia Wire) - Border troops exchanged fire with armed "
            "men on the river before dawn on Sunday, the committee said on Tuesday.\n\nTwo of the men were killed.\n")
    [doc] = documents_from(Article(source_id="wire.txt", input_path="wire.txt", kind="text", text=text), today=dt.date(2026, 12, 8))
    assert (doc.published, doc.published_basis) == ("2026-11-03", "text_dateline_year_assumed")
    [doc] = documents_from(Article(source_id="wire.txt", input_path="wire.txt", kind="text", text=text.replace("Nov 3 ", "Nov 3 2025 ")),
                           today=dt.date(2026, 12, 8))
    assert (doc.published, doc.published_basis) == ("2025-11-03", "text_dateline")
