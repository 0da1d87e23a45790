"""Tests for HTML main-text extraction (borderwatch.ingest.html) and its evaluation
(borderwatch.eval.scoring, borderwatch.eval.zyte)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from borderwatch.errors import DataMissing
from borderwatch.eval.scoring import (
    bag_prf,
    bag_prf_corpus,
    paired_bootstrap_diff,
    shingle_counts,
    shingles,
    tokenize,
    zyte_prf,
)
from borderwatch.ingest.html import HtmlExtraction, combine, extract_html

EXTERNAL = Path(__file__).resolve().parents[1].parent / "shared" / "external"

# --------------------------------------------------------------------------------------------
# Scorer: answers computed by hand
# --------------------------------------------------------------------------------------------


def test_tokenize_is_word_runs_case_kept():
    assert tokenize("Hello, world! It's 2019.") == ["Hello", "world", "It", "s", "2019"]
    assert tokenize(None) == []


def test_shingles_short_text_is_one_shingle():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("Hello world") == {("Hello", "world"): 1}
    assert shingles("") == {}


def test_perfect_match():
    m = zyte_prf(["The cat sat on the mat."], ["The cat sat on the mat"], n_bootstrap=10)
    assert (m["p"], m["r"], m["f1"]) == (1.0, 1.0, 1.0)


def test_half_of_the_gold_shingles():
    # gold "a b c d e f g": abcd bcde cdef defg (4); pred "a b c d e": abcd bcde (2, both right)
    m = zyte_prf(["a b c d e"], ["a b c d e f g"], n_bootstrap=0)
    assert m["p"] == 1.0
    assert m["r"] == 0.5
    assert m["f1"] == pytest.approx(2 / 3)


def test_half_wrong_prediction():
    # pred "a b c d e x y z": abcd bcde cdex dexy exyz -> 2 of 5 in gold "a b c d e f g"
    m = zyte_prf(["a b c d e x y z"], ["a b c d e f g"], n_bootstrap=0)
    assert m["p"] == pytest.approx(0.4)
    assert m["r"] == pytest.approx(0.5)  # abcd, bcde of 4 gold shingles
    assert m["f1"] == pytest.approx(2 * 0.4 * 0.5 / 0.9)


def test_shingles_are_a_multiset():
    # gold "a b c d a b c d": abcd bcda cdab dabc abcd (abcd twice); pred "a b c d": abcd once
    tp, fp, fn = shingle_counts("a b c d", "a b c d a b c d")
    assert (tp, fp, fn) == pytest.approx((1 / 5, 0.0, 4 / 5))


def test_empty_prediction_counts_for_recall_only():
    # page 1 perfect, page 2 empty prediction: P averages page 1 only (1.0), R both (0.5)
    m = zyte_prf(["a b c d", ""], ["a b c d", "e f g h"], n_bootstrap=0)
    assert m["p"] == 1.0
    assert m["r"] == 0.5
    assert m["f1"] == pytest.approx(2 / 3)
    assert m["n_empty_pred"] == 1
    # None is an empty prediction too
    assert zyte_prf([None, "a b c d"], ["e f g h", "a b c d"], n_bootstrap=0)["r"] == 0.5


def test_short_texts_under_four_tokens():
    assert zyte_prf(["Hello world"], ["Hello world"], n_bootstrap=0)["f1"] == 1.0
    # one 3-token shingle vs one 2-token shingle: no match at all
    m = zyte_prf(["Hello world again"], ["Hello world"], n_bootstrap=0)
    assert (m["p"], m["r"], m["f1"]) == (0.0, 0.0, 0.0)
    # case is kept, as in the benchmark
    assert zyte_prf(["hello world"], ["Hello world"], n_bootstrap=0)["f1"] == 0.0


def test_bootstrap_sd():
    same = zyte_prf(["a b c d"] * 5, ["a b c d"] * 5, n_bootstrap=50)
    assert same["f1_sd"] == 0.0
    mixed = zyte_prf(["a b c d", "x y z w"] * 5, ["a b c d"] * 10, n_bootstrap=200)
    assert mixed["f1_sd"] > 0
    assert mixed["f1_ci95"] == pytest.approx(1.96 * mixed["f1_sd"])
    with pytest.raises(ValueError):
        zyte_prf(["a"], ["a", "b"])


def test_paired_bootstrap_diff():
    gold = ["a b c d e f g"] * 6
    same = paired_bootstrap_diff(gold, gold, gold, n_bootstrap=50)
    assert same["diff"] == 0.0 and same["sd"] == 0.0
    better = paired_bootstrap_diff(gold, ["a b c d e"] * 6, gold, n_bootstrap=50)
    assert better["diff"] == pytest.approx(1 - 2 / 3)
    assert better["p_not_better"] == 0.0


def test_bag_prf():
    # pred a a b / gold a b c: overlap {a, b} -> P 2/3, R 2/3
    m = bag_prf("a a b", "a b c")
    assert m["p"] == pytest.approx(2 / 3) and m["r"] == pytest.approx(2 / 3)
    assert bag_prf("", "a b") == {"p": 0.0, "r": 0.0, "f1": 0.0}
    assert bag_prf("", "") == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert bag_prf_corpus(["a b", ""], ["a b", "c"])["f1"] == 0.5


# --------------------------------------------------------------------------------------------
# The cascade on plain texts
# --------------------------------------------------------------------------------------------

BODY = [
    "Border guards reported an exchange of fire near the river crossing late on Tuesday evening.",
    "Officials said two people were wounded and taken to the district hospital for treatment.",
    "The ministry promised to publish a full account of the incident within the next week.",
]


def test_combine_keeps_paragraphs_both_extractors_keep():
    traf = "\n".join(["Headline of the story", *BODY, "Sign up for our newsletter"])
    read = "\n\n".join(BODY)
    text, method = combine(traf, read, title="Headline of the story")
    assert method == "agree"
    assert text == "\n\n".join(BODY)


def test_combine_drops_title_paragraph():
    traf = "\n".join(["Clash at the border", *BODY])
    read = "\n".join(["Clash at the border", *BODY])
    text, _ = combine(traf, read, title="Clash at the border")
    assert text.split("\n\n") == BODY


def test_combine_falls_back_to_readability_when_trafilatura_truncated():
    more = [
        f"Further paragraph number {i} describes what witnesses saw along the border road." for i in range(8)
    ]
    text, method = combine(BODY[0], "\n".join(BODY + more))
    assert method == "readability"
    assert text.split("\n\n") == BODY + more


def test_combine_disjoint_outputs_keep_trafilatura():
    other = "Cookie settings and privacy choices for all readers of this website are here."
    text, method = combine("\n".join(BODY), other)
    assert method == "trafilatura"
    assert text.split("\n\n") == BODY


def test_combine_single_extractor():
    assert combine("\n".join(BODY), None) == ("\n\n".join(BODY), "trafilatura-only")
    assert combine("", "\n".join(BODY)) == ("\n\n".join(BODY), "readability-only")
    assert combine(None, "  ") == ("", "none")


# --------------------------------------------------------------------------------------------
# extract_html on hand-written pages
# --------------------------------------------------------------------------------------------

ARTICLE_PARAGRAPHS = [
    "DUSHANBE — Tajik border guards exchanged fire with armed smugglers on the Panj river on "
    "Tuesday night, the State Committee for National Security said in a statement on Wednesday.",
    "According to the statement, a group of about ten men tried to cross from the Afghan side "
    "near the village of Shahritus carrying several sacks that were later found to contain drugs.",
    "One border guard was lightly wounded in the shooting and was taken to a hospital in the "
    "district centre, where doctors described his condition as stable.",
    "The committee said the smugglers retreated to the Afghan bank of the river after the "
    "exchange, leaving behind part of their load, which was seized and sent for analysis.",
    "Officials in the neighbouring Afghan province did not respond to requests for comment, and "
    "it was not immediately clear whether any of the men had been detained.",
    "Incidents of this kind have become more frequent since the spring, according to local "
    "residents, who say patrols on both sides of the river have been reinforced in recent weeks.",
]

NEWS_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Border guards exchange fire with smugglers on the Panj | Pamir Daily</title>
<meta name="author" content="Farid Rahimov">
<meta property="og:title" content="Border guards exchange fire with smugglers on the Panj">
<meta property="og:site_name" content="Pamir Daily">
<meta property="article:published_time" content="2021-10-08T09:30:00+05:00">
<link rel="canonical" href="https://pamirdaily.example/news/2021/10/08/border-fire">
</head>
<body>
<nav class="main-menu"><ul>
<li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/economy">Economy</a></li><li><a href="/sport">Sport section</a></li>
</ul></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main>
<article class="post">
<h1>Border guards exchange fire with smugglers on the Panj</h1>
<p class="byline">By <span class="author">Farid Rahimov</span>, <time datetime="2021-10-08">8 October 2021</time></p>
<div class="entry-content">
{"".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)}
</div>
<div class="share">Share on Facebook Share on Twitter</div>
</article>
<aside class="sidebar"><h3>Most read</h3><ul>
<li><a href="/a">Prices of flour rise again in Khorog markets</a></li>
<li><a href="/b">National team wins friendly match against Kyrgyzstan</a></li>
</ul></aside>
<section id="comments" class="comments">
<h3>Comments</h3>
<div class="comment"><p>Reader123 wrote: this is terrible news, the government must act now!!!</p></div>
<div class="comment"><p>AnotherReader wrote: I have been saying this for years and nobody listens.</p></div>
</section>
</main>
<footer class="site-footer"><p>Copyright 2021 Pamir Daily. All rights reserved.</p>
<p><a href="/about">About us</a> <a href="/contact">Contact</a></p></footer>
</body>
</html>"""


def test_extract_html_news_page():
    ext = extract_html(NEWS_PAGE)
    assert isinstance(ext, HtmlExtraction)
    for para in ARTICLE_PARAGRAPHS:
        assert para in ext.text
    for boilerplate in (
        "Politics",
        "cookies",
        "Most read",
        "Prices of flour",
        "Reader123",
        "nobody listens",
        "Copyright",
        "Share on Facebook",
    ):
        assert boilerplate not in ext.text, boilerplate
    assert ext.text.split("\n\n")[0] == ARTICLE_PARAGRAPHS[0]  # headline not repeated in the text
    assert ext.title == "Border guards exchange fire with smugglers on the Panj"
    assert ext.author == "Farid Rahimov"
    assert ext.published == "2021-10-08"
    assert ext.outlet == "Pamir Daily"
    assert ext.url == "https://pamirdaily.example/news/2021/10/08/border-fire"
    assert ext.language == "en"
    assert ext.method == "agree"


def test_extract_html_url_argument_used_when_page_has_none():
    page = NEWS_PAGE.replace(
        '<link rel="canonical" href="https://pamirdaily.example/news/2021/10/08/border-fire">', ""
    )
    ext = extract_html(page, url="https://pamirdaily.example/x")
    assert ext is not None and ext.url == "https://pamirdaily.example/x"


def test_extract_html_truncated_markup():
    cut = NEWS_PAGE[: NEWS_PAGE.index(ARTICLE_PARAGRAPHS[3]) + 40]
    ext = extract_html(cut)
    assert ext is not None
    assert ARTICLE_PARAGRAPHS[0] in ext.text


_rng = random.Random(0)
_BINARY = bytes(_rng.randrange(256) for _ in range(20_000))

GARBAGE = [
    "",
    "   \n\t ",
    "<html><head><title>Nothing here</title></head><body></body></html>",
    "<<<>>>",
    "<script>var a = 1; document.write('x');</script>",
    _BINARY.decode("latin-1"),
    _BINARY.decode("utf-8", errors="replace"),
    "abc\x00def" * 200,
    "<div>" * 20_000 + "</div>" * 20_000,
]


@pytest.mark.parametrize("page", GARBAGE, ids=range(len(GARBAGE)))
def test_extract_html_garbage_returns_none(page, capsys):
    assert extract_html(page) is None
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


@pytest.mark.parametrize(
    "page",
    [
        None,
        b"<html><body><p>" + b"Bytes of a page about the border, with enough words in it. " * 10 + b"</p>",
        "<p>Cafe\u0301 au lait co\u00c3\u00bbte 3 \u00e2\u201a\u00ac \u00e0 D\u00c3\u00bcsseldorf, dit le rapport.</p>"
        * 10,
        "<html><body><p>" + "A plain sentence about the river crossing and the guards. " * 200_000,
    ],
    ids=["none", "bytes", "mojibake", "huge"],
)
def test_extract_html_never_raises(page, capsys):
    ext = extract_html(page)  # type: ignore[arg-type]
    assert ext is None or isinstance(ext, HtmlExtraction)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


# --------------------------------------------------------------------------------------------
# Benchmark
# --------------------------------------------------------------------------------------------


def test_zyte_run_missing_data(tmp_path):
    from borderwatch.eval import zyte

    with pytest.raises(DataMissing):
        zyte.run(tmp_path / "nowhere", limit=1)


@pytest.mark.external
def test_zyte_benchmark_first_20_pages():
    data_dir = EXTERNAL / "article-extraction-benchmark"
    if not (data_dir / "ground-truth.json").is_file():
        pytest.skip(f"Zyte benchmark not found under {EXTERNAL}")
    from borderwatch.eval import zyte

    res = zyte.run(data_dir, limit=20, n_bootstrap=100)
    assert res["pages"] == 20
    assert res["f1"] >= 0.90
    assert res["empty_predictions"] == 0
    assert sum(res["methods"].values()) == 20
    # the parent folder works too (that is what `borderwatch eval extract-zyte` passes)
    assert zyte.run(EXTERNAL, limit=2, n_bootstrap=0)["pages"] == 2
    worst = zyte.worst_pages(data_dir, n=3, limit=20)
    assert len(worst) == 3 and worst[0]["f1"] <= worst[-1]["f1"]
