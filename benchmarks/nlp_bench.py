"""Where the NLP time goes, stage by stage, on a corpus of stored documents (docs/BENCHMARKS.md).

    python benchmarks/make_corpus.py --n 300 --out bench-out/nlp-corpus
    borderwatch ingest --no-nlp --db bench-out/nlp.db bench-out/nlp-corpus
    python benchmarks/nlp_bench.py --db bench-out/nlp.db

Models are loaded first (timed apart); then, over every unique document, each stage is timed
on its own: parse (tokenizer, KB and gazetteer rulers, tagger, parser, NER), actor
resolution, toponyms + geocoding, event typing + assembly, quotes + claims. Prints words/s,
sentences/s and articles/s per stage and for all stages together. Whole-process figures
(model loading and database writes included) come from timing `borderwatch annotate`.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from datetime import date


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)

    conn = sqlite3.connect(args.db)
    sql = "SELECT id, text, published FROM documents WHERE duplicate_of IS NULL ORDER BY rowid"
    rows = conn.execute(sql + (f" LIMIT {int(args.limit)}" if args.limit else "")).fetchall()
    conn.close()
    texts = [r[1] for r in rows]
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    from borderwatch.kb.loader import load_kb
    from borderwatch.nlp.actors import actor_index, resolve_actors
    from borderwatch.nlp.annotate import _quotes_claims
    from borderwatch.nlp.entities import pipeline
    from borderwatch.nlp.event_type import classify, load_model
    from borderwatch.nlp.events import extract_events
    from borderwatch.nlp.geocode import Geocoder
    from borderwatch.nlp.toponyms import place_dicts

    region = "tajik_afghan"
    nlp = pipeline(region)
    index = actor_index(region)
    geo = Geocoder.shared(region)
    _ = geo.gazetteer
    load_model()
    kb_actors = load_kb(region).actors
    t_load = time.perf_counter() - t0

    timing = dict.fromkeys(("parse", "actors", "geocode", "events", "quotes_claims"), 0.0)
    sentences = events_n = quotes_n = 0
    t = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    timing["parse"] = time.perf_counter() - t
    for (doc_id, _text, published), doc in zip(rows, docs, strict=True):
        pub = date.fromisoformat(published[:10]) if published else None
        t = time.perf_counter()
        mentions, new = resolve_actors(doc, index, pub)
        timing["actors"] += time.perf_counter() - t
        t = time.perf_counter()
        places = place_dicts(doc, geo, published)
        timing["geocode"] += time.perf_counter() - t
        t = time.perf_counter()
        sents = list(doc.sents)
        sentences += len(sents)
        evs = extract_events(doc, doc_id, pub, mentions, places, kb_actors, predictions=classify(sents))
        events_n += len(evs)
        timing["events"] += time.perf_counter() - t
        t = time.perf_counter()
        qrows, _crows = _quotes_claims(doc, doc_id, mentions, evs, index, new)
        quotes_n += len(qrows)
        timing["quotes_claims"] += time.perf_counter() - t
    total = sum(timing.values())
    n = len(texts)
    out = {
        "documents": n, "words": words, "sentences": sentences, "events": events_n, "quotes": quotes_n,
        "model_load_s": round(t_load, 2),
        "stages": {k: {"seconds": round(v, 2), "words_per_s": round(words / v) if v else None,
                       "articles_per_s": round(n / v, 1) if v else None} for k, v in timing.items()},
        "ner_resolution_geocoding_words_per_s": round(words / (timing["parse"] + timing["actors"] + timing["geocode"])),
        "all_stages": {"seconds": round(total, 2), "words_per_s": round(words / total),
                       "sentences_per_s": round(sentences / total, 1), "articles_per_s": round(n / total, 1)},
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
