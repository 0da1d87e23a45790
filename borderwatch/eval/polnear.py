"""Quote and attribution extraction on the PolNeAR test split, scored as in BASELINES.md §2.

Data: ``<data_dir>/PolNeAR/data/test/text/<article>.txt`` and
``.../attributions/<article>_<annotator>.ann`` (brat standoff: ``Source``/``Cue``/``Content``
spans tied by ``E… Attribution:T Cue:T Source:T Content:T`` events). 84 articles, 2,044
attribution relations in the files used.

Scoring, kept identical to the textacy baseline of ../shared/design/BASELINES.md §2 so the
figures sit beside it:

- **annotator**: an article with several annotators' files uses the alphabetically first
  (4b22 for both such articles);
- **gold content**: the union of a relation's Content fragments as a set of character offsets;
- **kind**: characters are marked inside quotes per paragraph (“ opens, ” closes, " toggles, a
  newline closes everything, single quotes ignored); a content is *direct* when, stripped of
  spaces and trailing ``.,;:``, it starts with “/" and ends with ”/", or when ≥ 90 % of its
  letters and digits are inside quotes; *mixed* from 10 % to 90 %; *indirect* below. This
  reproduces the baseline's counts exactly: 435 direct, 207 mixed, 1,402 indirect;
- **overlap**: |A∩B| / |A∪B| over character offsets; predictions and gold are paired one to
  one, greedily by decreasing overlap, keeping pairs at or above the threshold (0.3, 0.8);
- **P** = paired predictions / predictions; **R** = paired gold / gold;
- **speaker accuracy**: among predictions paired with a gold relation, the prediction's
  in-sentence speaker span (the pronoun or title when it was resolved through one, the
  continued quote's when it is a continuation) intersects the gold Source span; a gold
  relation without a Source is right only when we give no speaker either. Whether a pronoun
  resolves to the right person is not checked (PolNeAR has no coreference), as in the baseline.

Our predictions: one per :class:`borderwatch.nlp.quotes.Quote`, except that a chain of
direct quotes continuing each other inside one paragraph (``“A,” he said. “B.”``) is one
prediction whose content is the union of its parts — PolNeAR's convention, and the
baseline's "para+merge". *Direct* figures pair our direct predictions with the 435 direct
gold relations; *all* figures pair every prediction with all 2,044; *indirect+mixed* pairs our
indirect and mixed predictions with the 1,609 indirect and mixed gold relations.

Held-out half: articles are sorted by file name; every rule of the quote extractor was chosen
looking at the even-indexed articles (0, 2, 4, ...) only. Keys ending ``_heldout`` are the
odd-indexed half, ``_tuning`` the even half; unsuffixed keys are all articles.

Usage::

    python -m borderwatch.eval.polnear [DATA_DIR] [--limit N] [--worst N]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing

SUBDIR = Path("PolNeAR") / "data" / "test"
THRESHOLDS = (0.3, 0.8)


@dataclass
class GoldRelation:
    chars: frozenset[int]
    kind: str  # direct | mixed | indirect
    source: frozenset[int]  # empty when the relation has no Source
    cue: str
    content: str


@dataclass
class Article:
    index: int  # position in file-name order: even = tuning half, odd = held out
    name: str
    text: str
    gold: list[GoldRelation]
    published: date | None = None


@dataclass
class Prediction:
    chars: frozenset[int]
    kind: str
    speaker: frozenset[int]  # in-sentence speaker characters, empty when none
    text: str
    quotes: list[int] = field(default_factory=list)


# -- gold ------------------------------------------------------------------------------------

def data_root(data_dir: Path) -> Path:
    """The PolNeAR test folder under data_dir (../shared/external), or DataMissing."""
    for cand in (data_dir / SUBDIR, data_dir / "data" / "test", data_dir):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise DataMissing(f"PolNeAR test split not found under {data_dir} (expected {data_dir / SUBDIR}/text and "
                      "attributions; see ../shared/external/SOURCES.md)")


def baseline_inside(text: str) -> bytearray:
    """BASELINES.md §2 quote marking: “ opens, ” closes, " toggles, a newline closes all."""
    mask = bytearray(len(text))
    state = False
    for i, c in enumerate(text):
        if c == "\n":
            state = False
        elif c == "“":
            state = True
        elif c == "”":
            state = False
        elif c == '"':
            state = not state
        elif state:
            mask[i] = 1
    return mask


def classify(text: str, frags: list[tuple[int, int]], mask: bytearray) -> str:
    """Direct, mixed or indirect, by BASELINES.md §2's rules (a) and (b)."""
    joined = "".join(text[s:e] for s, e in sorted(frags)).strip().rstrip(".,;: ").strip()
    if joined and joined[0] in "“\"" and joined[-1] in "”\"":
        return "direct"
    chars = {i for s, e in frags for i in range(s, e)}
    alnum = [i for i in chars if text[i].isalnum()]
    share = sum(mask[i] for i in alnum) / len(alnum) if alnum else 0.0
    return "direct" if share >= 0.9 else "mixed" if share >= 0.1 else "indirect"


def _parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, list[str]]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, _ = (line.split("\t", 2) + [""])[:3]
            label, _, offs = mid.partition(" ")
            frags = [(int(a), int(b)) for a, b in (p.split() for p in offs.split(";"))]
            spans[tid] = (label, frags)
        elif line.startswith("E"):
            roles: dict[str, list[str]] = defaultdict(list)
            for arg in line.split("\t")[1].split():
                role, _, tid = arg.partition(":")
                roles[re.sub(r"\d+$", "", role)].append(tid)
            events.append(roles)
    return spans, events


def load_articles(data_dir: Path, limit: int | None = None) -> list[Article]:
    """Articles in file-name order with their gold relations (first annotator alphabetically)."""
    root = data_root(data_dir)
    by_article: dict[str, list[Path]] = defaultdict(list)
    for f in sorted((root / "attributions").glob("*.ann")):
        by_article[f.stem.rpartition("_")[0]].append(f)
    names = sorted(n for n in by_article if (root / "text" / f"{n}.txt").is_file())
    if limit is not None:
        names = names[:limit]
    out = []
    for k, name in enumerate(names):
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        spans, events = _parse_ann(sorted(by_article[name])[0])
        mask = baseline_inside(text)
        gold = []
        for ev in events:
            frags = sorted(fr for t in ev.get("Content", []) if t in spans for fr in spans[t][1])
            if not frags:
                continue
            src = frozenset(i for t in ev.get("Source", []) if t in spans for s, e in spans[t][1] for i in range(s, e))
            cue = " ".join(text[s:e] for t in ev.get("Cue", []) if t in spans for s, e in spans[t][1])
            gold.append(GoldRelation(frozenset(i for s, e in frags for i in range(s, e)), classify(text, frags, mask),
                                     src, cue, " | ".join(text[s:e] for s, e in frags)))
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", name)
        out.append(Article(k, name, text, gold, date.fromisoformat(m.group(1)) if m else None))
    return out


# -- predictions -------------------------------------------------------------------------------

def _chars(s: int, e: int) -> frozenset[int]:
    return frozenset(range(s, e))


def predictions(text: str, quotes: list[Any]) -> list[Prediction]:
    """Our quotes as predictions: direct quotes continuing each other in one paragraph join."""
    def para(pos: int) -> int:
        return text.count("\n", 0, pos)

    def speaker(q: Any) -> frozenset[int]:
        sp = q.speaker_mention or q.speaker
        return _chars(sp[0], sp[1]) if sp else frozenset()

    head: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for i, q in enumerate(quotes):
        j = q.continuation_of
        if (j is not None and 0 <= j < len(quotes) and q.kind == "direct" and quotes[j].kind == "direct"
                and para(quotes[j].start) == para(q.start)):
            h = head.get(j, j)
            head[i] = h
            groups[h].append(i)
        else:
            head[i] = i
            groups[i] = [i]
    out = []
    for h, members in groups.items():
        chars = frozenset().union(*(_chars(quotes[i].start, quotes[i].end) for i in members))
        out.append(Prediction(chars, quotes[h].kind, speaker(quotes[h]),
                              " | ".join(quotes[i].text for i in members), members))
    return out


def extract(articles: list[Article], nested_variant: str | None = None
            ) -> tuple[list[list[Any]], list[float], list[list[Any]]]:
    """Run the real stage (NER + actor resolution + quotes) on every article.

    Returns (quotes, seconds per article, quotes under ``nested_variant`` — empty lists when
    None); the variant reuses the parse, so its time is not counted.
    """
    from borderwatch.nlp.actors import actor_index, resolve_actors
    from borderwatch.nlp.entities import pipeline
    from borderwatch.nlp.quotes import extract_quotes

    nlp = pipeline(with_gazetteer=False)
    index = actor_index()
    nlp("Warm up.")
    out, secs, variant = [], [], []
    for a in articles:
        t0 = time.perf_counter()
        doc = nlp(a.text)
        mentions, _ = resolve_actors(doc, index, a.published)
        out.append(extract_quotes(doc, mentions))
        secs.append(time.perf_counter() - t0)
        variant.append(extract_quotes(doc, mentions, nested=nested_variant) if nested_variant else [])
    return out, secs, variant


# -- scoring -------------------------------------------------------------------------------------

def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter) if inter else 0.0


def pair(preds: list[Prediction], gold: list[GoldRelation], threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one pairs (pred, gold, overlap) greedily by decreasing overlap, ≥ threshold."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(gold):
            o = overlap(p.chars, g.chars)
            if o >= threshold:
                cands.append((o, i, j))
    cands.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for o, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, o))
    return out


def speaker_right(p: Prediction, g: GoldRelation) -> bool:
    if not g.source:
        return not p.speaker
    return bool(p.speaker & g.source)


@dataclass
class _Tally:
    preds: int = 0
    gold: int = 0
    paired: int = 0
    spk_right: int = 0

    def add(self, preds: list[Prediction], gold: list[GoldRelation], threshold: float) -> None:
        pairs = pair(preds, gold, threshold)
        self.preds += len(preds)
        self.gold += len(gold)
        self.paired += len(pairs)
        self.spk_right += sum(speaker_right(preds[i], gold[j]) for i, j, _ in pairs)

    def prf(self) -> tuple[float, float, float]:
        p = self.paired / self.preds if self.preds else 0.0
        r = self.paired / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(articles: list[Article], quotes: list[list[Any]]) -> dict[str, Any]:
    """Flat metrics over the given articles (see the module docstring)."""
    out: dict[str, Any] = {}
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for a, qs in zip(articles, quotes, strict=True):
        preds = predictions(a.text, qs)
        direct_p = [p for p in preds if p.kind == "direct"]
        im_p = [p for p in preds if p.kind != "direct"]
        direct_g = [g for g in a.gold if g.kind == "direct"]
        im_g = [g for g in a.gold if g.kind != "direct"]
        for thr in THRESHOLDS:
            t = f"{int(thr * 10):02d}"
            tallies[f"direct_{t}"].add(direct_p, direct_g, thr)
            tallies[f"direct_any_{t}"].add(direct_p, a.gold, thr)
            tallies[f"all_{t}"].add(preds, a.gold, thr)
            tallies[f"im_{t}"].add(im_p, im_g, thr)
            tallies[f"im_any_{t}"].add(im_p, a.gold, thr)
    for thr in THRESHOLDS:
        t = f"{int(thr * 10):02d}"
        for name in ("direct", "all", "im"):
            p, r, f = tallies[f"{name}_{t}"].prf()
            out[f"{name}_p_{t}"], out[f"{name}_r_{t}"], out[f"{name}_f1_{t}"] = round(p, 3), round(r, 3), round(f, 3)
            tally = tallies[f"{name}_{t}"]
            out[f"{name}_speaker_acc_{t}"] = round(tally.spk_right / tally.paired, 3) if tally.paired else 0.0
        out[f"direct_p_any_{t}"] = round(tallies[f"direct_any_{t}"].prf()[0], 3)
        out[f"im_p_any_{t}"] = round(tallies[f"im_any_{t}"].prf()[0], 3)
    out["speaker_acc_03"] = out["direct_speaker_acc_03"]
    out["speaker_acc_08"] = out["direct_speaker_acc_08"]
    out["gold_direct"] = tallies["direct_03"].gold
    out["gold_indirect_mixed"] = tallies["im_03"].gold
    out["gold_all"] = tallies["all_03"].gold
    out["predictions"] = tallies["all_03"].preds
    out["predictions_direct"] = tallies["direct_03"].preds
    return out


KEY_METRICS = ("direct_f1_03", "direct_f1_08", "speaker_acc_03", "direct_p_03", "direct_r_03", "all_r_03",
               "all_p_03", "im_r_03", "im_p_03", "im_p_any_03")


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Score the quote extractor on PolNeAR's test split (``data_dir``: ../shared/external).

    Returns flat metrics over all articles, the same key figures with ``_tuning`` (even
    half) and ``_heldout`` (odd half) suffixes, ``articles``, ``seconds`` and
    ``ms_per_article`` (parse + actors + quotes, model load excluded).
    Raises :class:`DataMissing` when the data is absent.
    """
    t0 = time.perf_counter()
    articles = load_articles(data_dir, limit)
    quotes, secs, flat = extract(articles, nested_variant="all")
    out: dict[str, Any] = {"articles": len(articles)}
    out.update(score(articles, quotes))
    # PolNeAR never annotates an attribution inside another's content; our default keeps the
    # nested ones that have a speaker of their own (they are claims). Scored without them too:
    alt = score(articles, flat)
    for key in ("direct_f1_03", "direct_f1_08", "speaker_acc_03", "all_p_03", "all_r_03", "im_p_03", "im_r_03"):
        out[key + "_no_nested"] = alt[key]
    for suffix, parity in (("_tuning", 0), ("_heldout", 1)):
        pick = [k for k, a in enumerate(articles) if a.index % 2 == parity]
        if not pick:
            continue
        half = score([articles[k] for k in pick], [quotes[k] for k in pick])
        for key in KEY_METRICS + ("direct_p_08", "direct_r_08", "speaker_acc_08", "im_f1_03", "gold_direct",
                                  "gold_indirect_mixed"):
            out[key + suffix] = half[key]
    out["seconds"] = round(time.perf_counter() - t0, 2)
    out["ms_per_article"] = round(1000 * sum(secs) / len(secs), 1) if secs else 0.0
    return out


def worst_cases(data_dir: Path, n: int = 10, limit: int | None = None) -> list[dict[str, Any]]:
    """The n articles with the most direct-quote errors at overlap 0.3 (missed gold, spurious
    predictions, wrong speakers), each with examples, for error analysis."""
    articles = load_articles(data_dir, limit)
    quotes, _, _ = extract(articles)
    rows = []
    for a, qs in zip(articles, quotes, strict=True):
        preds = [p for p in predictions(a.text, qs) if p.kind == "direct"]
        gold = [g for g in a.gold if g.kind == "direct"]
        pairs = pair(preds, gold, 0.3)
        got_p = {i for i, _, _ in pairs}
        got_g = {j for _, j, _ in pairs}
        wrong = [(preds[i], gold[j]) for i, j, _ in pairs if not speaker_right(preds[i], gold[j])]
        missed = [g for j, g in enumerate(gold) if j not in got_g]
        spurious = [p for i, p in enumerate(preds) if i not in got_p]
        errors = len(missed) + len(spurious) + len(wrong)
        if not errors:
            continue

        def srcs(chars: frozenset[int], text: str = a.text) -> str:
            return text[min(chars):max(chars) + 1] if chars else ""

        rows.append({
            "index": a.index, "article": a.name, "half": "tuning" if a.index % 2 == 0 else "heldout",
            "errors": errors, "gold_direct": len(gold), "predicted_direct": len(preds),
            "missed": [g.content[:160] for g in missed],
            "spurious": [p.text[:160] for p in spurious],
            "wrong_speaker": [{"quote": p.text[:100], "ours": srcs(p.speaker), "gold": srcs(g.source)}
                              for p, g in wrong],
        })
    rows.sort(key=lambda r: (-r["errors"], r["index"]))
    return rows[:n]


def main(argv: list[str] | None = None) -> int:
    from borderwatch.eval.runner import default_data_dir

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir", nargs="?", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--worst", type=int, default=0, help="print the N worst articles instead")
    args = ap.parse_args(argv)
    data = args.data_dir or default_data_dir()
    try:
        result: Any = worst_cases(data, args.worst, args.limit) if args.worst else run(data, args.limit)
    except DataMissing as e:
        print(e)
        return 2
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
