"""Build a large benchmark corpus from the bundled samples (docs/BENCHMARKS.md).

Each generated article is 12-24 sentences drawn at random from all sample articles, in
paragraphs of three, with a numbered lead sentence, so most are distinct documents; 10% are exact copies and
5% lightly edited copies of earlier ones, as a real feed would hold.

    python benchmarks/make_corpus.py --n 10000 --out bench-out/corpus
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from borderwatch.clean.text import clean_text
from borderwatch.ingest.decode import decode_bytes

REPO = Path(__file__).resolve().parents[1]


def sample_sentences() -> list[str]:
    import re

    return [s for paras in sample_paragraphs() for p in paras for s in re.split(r"(?<=[.!?”])\s+(?=[A-Z“])", p)
            if len(s.split()) >= 6]


def sample_paragraphs() -> list[list[str]]:
    arts = []
    for p in sorted((REPO / "samples").rglob("*")):
        if p.suffix.lower() not in (".txt", ".md"):
            continue
        dec = decode_bytes(p.read_bytes())
        if dec.text:
            for part in clean_text(dec.text):
                paras = [x for x in part.text.split("\n\n") if len(x.split()) > 8]
                if len(paras) >= 2:
                    arts.append(paras)
    if not arts:
        raise SystemExit("no sample articles found under samples/")
    return arts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--out", default=str(REPO / "bench-out" / "corpus"))
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sentences = sample_sentences()
    out = Path(args.out)
    (out / "txt").mkdir(parents=True, exist_ok=True)
    made: list[str] = []
    jsonl = (out / "wire.jsonl").open("w", encoding="utf-8")
    places = ["Khorog", "Darvaz", "Vanj", "Ishkashim", "Panj", "Shuroobod", "Kulob", "Rushan", "Shamsiddin Shohin", "Farkhor"]
    for i in range(args.n):
        r = rng.random()
        if made and r < 0.10:
            text = rng.choice(made)
        elif made and r < 0.15:
            text = rng.choice(made).replace(" said", " stated", 2) + "\n\n(Syndicated from Oxus Monitor)"
        else:
            picked = rng.sample(sentences, k=rng.randrange(12, 24))
            paras = [" ".join(picked[k : k + 3]) for k in range(0, len(picked), 3)]
            lead = (f"Report {i}: border officials in {rng.choice(places)} gave an update on incident number "
                    f"{rng.randrange(10_000, 99_999)} on day {rng.randrange(1, 28)}.")
            text = f"Border update {i} from {rng.choice(places)}\n\n" + "\n\n".join([lead, *paras])
        made.append(text)
        if i % 2:
            (out / "txt" / f"{i:06d}.txt").write_text(text, encoding="utf-8")
        else:
            title, _, body = text.partition("\n\n")
            jsonl.write(json.dumps({"id": f"b{i}", "title": title, "text": body, "published": "2024-11-28"}) + "\n")
    jsonl.close()
    print(f"wrote {args.n} articles to {out} ({args.n // 2} txt files + wire.jsonl)")


if __name__ == "__main__":
    main()
