"""The seeds' cleaning checks: ../shared/seeds, five real scraped articles (six documents).

Expectations are stated as raw line numbers and patterns over the seed files, read at run
time, so the seeds' text is never copied into this repository. Each check is counted, so
the report gives figures ("5/5 broken hyphens repaired"), not just pass/fail.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from borderwatch.errors import DataMissing

JUNK = re.compile(r"^[a-z0-9][a-z0-9.]*\d[a-z0-9.]*(?=[A-Z])")
# file prefix -> raw line numbers (1-based) of each article's title
TITLE_LINES = {"000": [1], "001": [3, 53], "002": [1], "003": [1], "004": [3]}
AUTHOR_LINES = {"000": 3}  # the byline's raw line
BROKEN = {"Emo-mali": "Emomali", "Kom-mersant": "Kommersant", "Kommers-ant": "Kommersant", "Nati-ons": "Nations",
          "pr-opaganda": "propaganda"}
# whole raw lines a cleaner must remove
FURNITURE = re.compile(
    r"^(Read: .*|Courtesy: .*|_{5,}|Related Articles|Leave a Reply|Your email address will not be published.*|"
    r"Back to top button|.*Picture credit: .*|This site uses Akismet.*|Published|on|MOST READ|Exit mobile version|"
    r"Central Asia|ASIA|.* to the left, .* to the right)$"
)
HYPHENATED = re.compile(r"\b[^\W_]+(?:-[^\W_]+)+\b")


def seed_lines(seeds: Path) -> dict[str, list[str]]:
    return {p.name[:3]: p.read_text(encoding="utf-8").splitlines() for p in sorted(seeds.glob("*.txt"))}


def check(docs: list[dict[str, Any]], seeds: Path) -> dict[str, Any]:
    """Score cleaned seed documents; returns counts and the failures by name."""
    lines = seed_lines(seeds)
    by_file: dict[str, list[dict[str, Any]]] = {}
    for d in docs:
        by_file.setdefault(d["source_id"][:3], []).append(d)
    fails: list[str] = []
    titles_ok = titles_n = 0
    for key, title_lines in TITLE_LINES.items():
        parts = sorted(by_file.get(key, []), key=lambda d: d["part"])
        for i, n in enumerate(title_lines):
            titles_n += 1
            expected = JUNK.sub("", lines[key][n - 1]).strip()
            got = parts[i]["title"] if i < len(parts) else None
            if got == expected:
                titles_ok += 1
            else:
                fails.append(f"title {key}#{i}: {got!r}")
    authors_ok = sum(1 for k, n in AUTHOR_LINES.items() if by_file.get(k) and by_file[k][0]["author"] == lines[k][n - 1].strip())
    all_text = "\n".join(d["text"] for d in docs)
    hy_ok = 0
    for broken, fixed in BROKEN.items():
        if broken not in all_text and fixed in all_text:
            hy_ok += 1
        else:
            fails.append(f"hyphen {broken}")
    real_n = real_ok = 0
    furniture_n = 0
    for key, raw in lines.items():
        text = "\n".join(d["text"] + "\n" + (d["title"] or "") for d in by_file.get(key, []))
        for line in raw:
            if FURNITURE.match(line.strip()):
                furniture_n += 1
                continue
            for token in HYPHENATED.findall(line):
                if token in BROKEN:
                    continue
                real_n += 1
                if token in text:
                    real_ok += 1
                else:
                    fails.append(f"real hyphen lost {key}: {token}")
    furniture_left = 0
    for d in docs:
        for para in d["text"].split("\n\n"):
            if FURNITURE.match(para.strip()):
                furniture_left += 1
                fails.append(f"furniture left in {d['source_id']}: {para[:40]!r}")
    junk_left = sum(1 for d in docs if JUNK.match(d["text"]) or JUNK.match(d["title"] or ""))
    return {
        "documents": len(docs),
        "documents_expected": sum(len(v) for v in TITLE_LINES.values()),
        "titles": f"{titles_ok}/{titles_n}",
        "authors": f"{authors_ok}/{len(AUTHOR_LINES)}",
        "broken_hyphens_repaired": f"{hy_ok}/{len(BROKEN)}",
        "real_hyphens_kept": f"{real_ok}/{real_n}",
        "furniture_lines_removed": f"{furniture_n - furniture_left}/{furniture_n}",
        "junk_tokens_left": junk_left,
        "failures": fails,
    }


def run(data_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Ingest the seeds into a scratch database and score the cleaning."""
    from borderwatch.pipeline import ingest
    from borderwatch.store.db import Store

    seeds = data_dir if data_dir.name == "seeds" else data_dir.parent / "seeds"
    if not seeds.is_dir():
        raise DataMissing(f"seed articles not found at {seeds}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        report = ingest([seeds], db=db)
        with Store(db) as s:
            docs = s.documents(with_text=True)
    out = check(docs, seeds)
    out["discards"] = report.discards_seen
    return out
