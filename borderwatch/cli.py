"""The ``borderwatch`` command line: a thin layer over the Python API.

Library code raises coded BorderWatchError; only this module turns errors into a
one-line message and an exit status (never a traceback; set BORDERWATCH_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import click

from borderwatch import __version__
from borderwatch.errors import BadOption, BorderWatchError

DB_OPTION = click.option(
    "--db", default="borderwatch.db", show_default=True, envvar="BORDERWATCH_DB",
    help="The SQLite database file (env BORDERWATCH_DB).",
)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _store(db: str, readonly: bool = True):
    from borderwatch.store.db import Store

    return Store(db, readonly=readonly)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="borderwatch")
def cli() -> None:
    """BorderWatch: turn raw news about a contested border into evidence-backed records.

    \b
    Example:
      borderwatch ingest samples/
      borderwatch documents --search Takhar
      borderwatch export --format json -o out.json
    """


class _Progress:
    """A progress line on stderr when it is a terminal; silent otherwise (CI, pipes)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.t0 = time.monotonic()
        self.last = 0.0

    def __call__(self, report: Any) -> None:
        if not self.enabled:
            return
        t = time.monotonic()
        if t - self.last < 0.2:
            return
        self.last = t
        rate = report.articles / max(t - self.t0, 1e-6)
        sys.stderr.write(
            f"\r  {report.inputs} inputs, {report.documents} new documents, {report.unchanged} unchanged, "
            f"{report.discards_seen} discards, {rate:,.0f} articles/s   "
        )
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


@cli.command()
@DB_OPTION
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--max-bytes", default=25 * 1024 * 1024, show_default=True, type=click.IntRange(min=1),
              help="Files larger than this are recorded as discards (reason: oversized).")
@click.option("--force", is_flag=True, help="Re-clean inputs even when the same bytes are already stored.")
@click.option("--workers", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Processes for reading and cleaning (0 = one per core, up to 4, for 64+ files) and for the "
                   "NLP stages (0 = one per core, for 40+ documents a process).")
@click.option("--no-nlp", is_flag=True, help="Only read, clean, deduplicate and store; run 'borderwatch annotate' later.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
@click.option("--json", "as_json", is_flag=True, help="Print the run report as JSON.")
def ingest(db: str, inputs: tuple[str, ...], max_bytes: int, force: bool, workers: int, no_nlp: bool, quiet: bool,
           as_json: bool) -> None:
    """Read files, folders, JSONL and RSS/Atom feeds; clean, deduplicate and store them.

    Re-running on the same input changes nothing. Bad inputs become recorded discards
    (see 'borderwatch discards') and the command still exits 0.

    \b
    Example:
      borderwatch ingest --db news.db samples/ extra/feed.xml wire.jsonl
    """
    from borderwatch.pipeline import ingest as run_ingest

    progress = _Progress(enabled=not quiet and not as_json and sys.stderr.isatty())
    t0 = time.monotonic()
    report = run_ingest(list(inputs), db=db, max_bytes=max_bytes, force=force, progress=progress,
                        workers=workers)
    progress.done()
    secs = time.monotonic() - t0
    nlp_report = None
    if not no_nlp:
        from borderwatch.nlp.annotate import annotate as run_annotate

        nlp_report = run_annotate(db, progress=_NlpProgress(enabled=progress.enabled), workers=workers)
    if as_json:
        _echo_json({**report.as_dict(), "seconds": round(secs, 3), "db": db,
                    "nlp": nlp_report.as_dict() if nlp_report else None})
        return
    click.echo(
        f"{report.inputs} inputs, {report.articles} articles read in {secs:.1f}s: "
        f"{report.documents} new documents ({report.exact_duplicates} exact and {report.near_duplicates} near duplicates), "
        f"{report.unchanged} unchanged, {report.discards_seen} discards"
        + (f" ({', '.join(f'{k} {v}' for k, v in report.discard_reasons.most_common())})" if report.discards_seen else "")
        + f" -> {db}"
    )
    if nlp_report is not None and (nlp_report.documents or nlp_report.skipped):
        click.echo(f"annotated {nlp_report.documents} documents in {nlp_report.seconds:.1f}s: "
                   f"{nlp_report.actor_mentions} actor mentions, {nlp_report.resolved_places}/{nlp_report.place_mentions} "
                   f"place mentions geocoded, {nlp_report.events} events, {nlp_report.quotes} quotes, "
                   f"{nlp_report.claims} claims, {nlp_report.contradictions} contradictions"
                   + (f"; {nlp_report.skipped} documents not in English skipped (see stats)" if nlp_report.skipped else ""))


class _NlpProgress:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.t0 = time.monotonic()

    def __call__(self, r: Any) -> None:
        if self.enabled and r.documents % 5 == 0:
            rate = r.documents / max(time.monotonic() - self.t0, 1e-6)
            sys.stderr.write(f"\r  annotating: {r.documents} documents, {rate:,.1f}/s   ")
            sys.stderr.flush()


@cli.command()
@DB_OPTION
@click.option("--force", is_flag=True, help="Re-annotate every document, not only new ones or those coded with an older KB.")
@click.option("--workers", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Coding processes (0 = one per core, for 40+ documents a process); the result is the same.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def annotate(db: str, force: bool, workers: int, as_json: bool) -> None:
    """Run the NLP stages (entities, actors, places) on stored documents.

    'ingest' does this by itself; run it after editing the knowledge base: documents coded
    with another KB are re-coded.

    \b
    Example:
      BORDERWATCH_KB=my-kb/ borderwatch annotate --db news.db
    """
    from borderwatch.nlp.annotate import annotate as run_annotate

    with _store(db):
        pass  # a missing database is a clear error before any model loads
    r = run_annotate(db, force=force, progress=_NlpProgress(enabled=not as_json and sys.stderr.isatty()),
                     workers=workers)
    if as_json:
        _echo_json(r.as_dict())
    else:
        click.echo(f"annotated {r.documents} documents in {r.seconds:.1f}s: {r.actor_mentions} actor mentions, "
                   f"{r.resolved_places}/{r.place_mentions} place mentions geocoded, {r.new_actors} actors not in the KB, "
                   f"{r.events} events, {r.quotes} quotes, {r.claims} claims, {r.contradictions} contradictions"
                   + (f"; {r.skipped} documents not in English skipped (see stats)" if r.skipped else ""))


@cli.command()
@DB_OPTION
@click.option("--search", "-s", help="Part of a name or alias, or an actor id.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=40, show_default=True)
@click.option("--mentions", is_flag=True, help="Also list every mention with its document and offsets.")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def actors(db: str, search: str | None, limit: int, mentions: bool, as_json: bool) -> None:
    """Actors mentioned in the documents (KB actors and new ones), most mentioned first.

    \b
    Example:
      borderwatch actors --search Rahmon --mentions
    """
    with _store(db) as store:
        rows = store.actors(search=search, limit=limit, with_mentions=mentions or as_json)
    rows = [r for r in rows if r["mentions_n"]]
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no actors" + (f" match {search!r}" if search else ""))
    for r in rows:
        click.echo(f"{r['mentions_n']:>5} mentions {r['documents_n']:>4} docs  {r['id']:<28} {r['name']} "
                   f"[{r['kind']}{', ' + r['sector'] if r['sector'] else ''}{', ' + r['country'] if r['country'] else ''}]"
                   f"{'' if r['source'] == 'kb' else '  (not in KB)'}")
        for m in r.get("mentions", []) if mentions else []:
            click.echo(f"      {m['doc_id']} {m['start']}-{m['end']} {m['text']!r} ({m['method']})")


@cli.command()
@DB_OPTION
@click.option("--search", "-s", help="Part of a place name, or a place id.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=40, show_default=True)
@click.option("--unresolved", is_flag=True, help="List place names that could not be geocoded instead.")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def places(db: str, search: str | None, limit: int, unresolved: bool, as_json: bool) -> None:
    """Geocoded places with coordinates and precision, most mentioned first.

    \b
    Example:
      borderwatch places --search Darvaz
      borderwatch places --unresolved
    """
    with _store(db) as store:
        rows = store.unresolved_places(limit) if unresolved else store.places(search=search, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no places")
    for r in rows:
        if unresolved:
            click.echo(f"{r['n']:>5}  {r['text']}  ({r['reason']})")
        else:
            click.echo(f"{r['mentions_n']:>5} mentions  {r['id']:<16} {r['name']} ({r['feature']}, {r['country_code'] or '-'}) "
                       f"{r['lat']:.3f},{r['lon']:.3f} ±{r['precision_km']:.0f} km")


def _highlight(sentence: str, offset: int, marks: list[tuple[int | None, int | None, str]]) -> str:
    """The sentence with [brackets] around the trigger, actor, recipient, date and place."""
    spans = sorted((s - offset, e - offset, tag) for s, e, tag in marks if s is not None and e is not None
                   and offset <= s < e <= offset + len(sentence))
    out, pos = [], 0
    for s, e, tag in spans:
        if s < pos:
            continue
        out += [sentence[pos:s], f"[{sentence[s:e]}]{tag}"]
        pos = e
    out.append(sentence[pos:])
    return "".join(out)


@cli.command()
@DB_OPTION
@click.option("--type", "event_type", help="PLOVER type, e.g. ASSAULT, MOBILIZE, COERCE.")
@click.option("--actor", help="Actor or recipient id or name (substring).")
@click.option("--place", help="Place id or name (substring).")
@click.option("--since", help="From this date (YYYY-MM-DD).")
@click.option("--until", help="Up to this date (YYYY-MM-DD).")
@click.option("--status", help="occurred, claimed, denied, threatened, planned, hypothetical, historical, negated (comma list).")
@click.option("--doc", "doc_id", help="Only this document's events.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=None)
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--evidence", is_flag=True, help="Show each event's sentence with its parts in [brackets].")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def events(db: str, event_type: str | None, actor: str | None, place: str | None, since: str | None,
           until: str | None, status: str | None, doc_id: str | None, min_confidence: float | None, limit: int,
           evidence: bool, as_json: bool) -> None:
    """PLOVER events: who did what to whom, where, when, how many — with their evidence.

    \b
    Example:
      borderwatch events --type MOBILIZE --actor taliban --evidence
      borderwatch events --place Darvaz --since 2023-01-01 --status occurred,claimed
    """
    from borderwatch.ontology import plover

    if event_type and event_type.upper() not in plover().types:
        raise BadOption(f"{event_type!r} is not a PLOVER type ({', '.join(plover().types)})")
    with _store(db) as store:
        rows = store.events(event_type=event_type, actor=actor, place=place, since=since, until=until, status=status,
                            doc_id=doc_id, min_confidence=min_confidence, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no events")
    for e in rows:
        who = ", ".join(a.get("name") or a["text"] for a in e["actor"]) or "?"
        whom = ", ".join(a.get("name") or a["text"] for a in e["recipient"])
        loc = e["location"]
        if loc and loc.get("basis") == "sentence_unresolved":
            where = f" @ {loc['text']}" + (f" (in {loc['name']}?)" if loc.get("name") else " (not in gazetteer)")
        else:
            where = f" @ {loc['name']}{'*' if loc.get('basis') == 'document_focus' else ''}" if loc else ""
        size = ", ".join(f"{k} {e[k]}" for k in ("dead", "injured", "arrested") if e[k] is not None)
        if e.get("aggregate"):
            size = f"total over the period: {size}" if size else "total over the period"
        click.echo(f"{e['date'] or '????-??-??'} {e['event_type']:<9} {e['mode'] or '':<10} {e['status']:<11} "
                   f"{who}{' -> ' + whom if whom else ''}{where}{' (' + size + ')' if size else ''}  "
                   f"conf {e['confidence']:.2f} w {e['weight']:+.1f}  [{e['doc_id']}#{e['sentence']}]")
        if evidence and e.get("sentence_text"):
            ev = e["evidence"][0]
            marks = [(e["trigger_start"], e["trigger_end"], "TRIGGER")]
            marks += [(a["start"], a["end"], "ACTOR") for a in e["actor"]]
            marks += [(a["start"], a["end"], "RECIPIENT") for a in e["recipient"]]
            marks.append((ev.get("date_start"), ev.get("date_end"), "DATE"))
            if loc and loc.get("start") is not None:
                marks.append((loc["start"], loc["end"], "PLACE"))
            click.echo("      " + _highlight(e["sentence_text"], ev["start"], marks))
            for c in e["claims"]:
                who = (c["claimant"] or {}).get("name") or (c["claimant"] or {}).get("text") or "(unattributed)"
                via = f" via {(c['channel'] or {}).get('name') or (c['channel'] or {}).get('text')}" if c["channel"] else ""
                click.echo(f"      {c['stance']}: {who}{via}")
            for x in e["contradictions"]:
                click.echo(f"      ! {x['kind']}: {x['detail']} (event {x['event_id']})")
    if any(e["location"] and e["location"].get("basis") == "document_focus" for e in rows):
        click.echo("* place is the document's focus, not stated in the sentence")
    if any(e["location"] and e["location"].get("basis") == "sentence_unresolved" for e in rows):
        click.echo("(in X?) the sentence names a place the gazetteer does not know; X is the larger unit named "
                   "around it, the place named before or the document's focus, whose coordinates stand in for it")


@cli.command()
@DB_OPTION
@click.option("--speaker", help="Speaker: actor id, name or alias, or the words naming them (substring).")
@click.option("--kind", help="direct, indirect, mixed (comma list).")
@click.option("--doc", "doc_id", help="Only this document's quotes.")
@click.option("--search", "-s", help="Words in the quote (substring).")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def quotes(db: str, speaker: str | None, kind: str | None, doc_id: str | None, search: str | None, limit: int,
           as_json: bool) -> None:
    """Who said what: direct, indirect and mixed quotes with their speakers and channels.

    A quote with no speaker anywhere keeps speaker null: BorderWatch does not invent one.

    \b
    Example:
      borderwatch quotes --speaker Rahmon
      borderwatch quotes --speaker Mujahid --kind direct --json
    """
    if kind and any(k not in ("direct", "indirect", "mixed") for k in kind.split(",")):
        raise BadOption(f"--kind {kind!r}: choose from direct, indirect, mixed")
    with _store(db) as store:
        rows = store.quotes(speaker=speaker, kind=kind, doc_id=doc_id, search=search, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no quotes")
    for q in rows:
        who = q["speaker_name"] or q["speaker_text"] or "(no speaker)"
        via = f" via {q['channel_name'] or q['channel_text']}" if q["channel_text"] else ""
        how = f" [{q['speaker_method']}: {q['mention_text']}]" if q["mention_text"] and q["mention_text"] != q["speaker_text"] else ""
        cue = f" {q['cue_text']}" if q["cue_text"] else ""
        text = q["text"] if len(q["text"]) <= 300 else q["text"][:297] + "..."
        click.echo(f"{(q['published'] or '')[:10]:<10} {q['kind']:<8} {who}{how}{cue}{via}  [{q['doc_id']}@{q['start']}]")
        click.echo(f"      {text}")


@cli.command()
@DB_OPTION
@click.option("--contested", is_flag=True, help="Only claims that another report contradicts.")
@click.option("--stance", type=click.Choice(["asserts", "denies", "doubts"]))
@click.option("--claimant", help="Claimant id or name (substring).")
@click.option("--event", "event_id", help="Only claims about this event.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def claims(db: str, contested: bool, stance: str | None, claimant: str | None, event_id: str | None, limit: int,
           as_json: bool) -> None:
    """The claims ledger: who asserts, denies or doubts what, and where reports contradict each other.

    Contradictions (a claim and its denial, conflicting figures, dates or places) are found
    within and across documents between reports of the same event.

    \b
    Example:
      borderwatch claims --contested
      borderwatch claims --stance denies --json
    """
    with _store(db) as store:
        rows = store.claims(contested=contested, stance=stance, claimant=claimant, event_id=event_id, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no claims" + (" contradicted by another report" if contested else ""))
    for c in rows:
        who = (c["claimant"] or {}).get("name") or (c["claimant"] or {}).get("text") or "(unattributed)"
        via = f" via {(c['channel'] or {}).get('name') or (c['channel'] or {}).get('text')}" if c["channel"] else ""
        about = f" about {c['event_type']} event {c['event_id']}" if c["event_id"] else ""
        text = c["text"] if len(c["text"]) <= 300 else c["text"][:297] + "..."
        click.echo(f"{(c['published'] or '')[:10]:<10} {c['stance']:<8} {who}{via}{about}  [{c['doc_id']}@{c['start']}]")
        click.echo(f"      {text}")
        for x in c["contradicts"]:
            click.echo(f"      ! {x['kind']}: {x['detail']} (event {x['event_id']}"
                       + (f", claims {', '.join(x['claim_ids'])}" if x["claim_ids"] else "") + ")")


@cli.group()
def train() -> None:
    """Re-train the models BorderWatch ships, reproducibly.

    \b
    Example:
      borderwatch train event-type --out /tmp/model
      borderwatch train event-location --out /tmp/location
    """


@train.command("event-type")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder holding event-coding-reliability/plv.csv (default ../shared/external).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model files (default: the shipped model folder).")
@click.option("--seed", type=int, default=13, show_default=True, help="Random seed (same seed, same files).")
def train_event_type(data_dir: Path | None, out_dir: Path | None, seed: int) -> None:
    """Train the sentence event-type model on the PLV training split and our own sentences."""
    try:
        import sklearn  # noqa: F401
    except ImportError as e:
        raise BadOption("training needs scikit-learn: pip install -e '.[train]'") from e
    from borderwatch.train.event_type import DEFAULT_OUT, default_data_dir, plv_path
    from borderwatch.train.event_type import train as run_train

    data = data_dir or default_data_dir()
    plv_path(data)  # DataMissing, a one-line error, when the PLV csv is not there
    out = out_dir or DEFAULT_OUT
    m = run_train(data, out, seed)
    cv = m["cv_on_training_data"]
    click.echo(f"wrote {out}: CV on PLV train accuracy {cv['accuracy']:.3f}, macro-F1 {cv['macro_f1']:.3f}, "
               f"detected {cv['detected_share']:.3f} ({m['seconds']} s)")


@train.command("event-location")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder holding event_location/labeled_text.jsonl.zip (default ../shared/external).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write model.json, trees.npz and metrics.json (default: the shipped model folder).")
def train_event_location(data_dir: Path | None, out_dir: Path | None) -> None:
    """Train the ranker that picks where an event happened, on the event-location records that
    are not the RELABEL gold (RELABEL texts excluded)."""
    try:
        import sklearn  # noqa: F401
    except ImportError as e:
        raise BadOption("training needs scikit-learn: pip install -e '.[train]'") from e
    from borderwatch.train.event_location import DEFAULT_OUT, default_data_dir
    from borderwatch.train.event_location import train as run_train

    out = out_dir or DEFAULT_OUT
    m = run_train(data_dir or default_data_dir(), out)
    ch = m["chosen"]
    click.echo(f"wrote {out}: {m['training_records']} records ({m['excluded_relabel_texts']} RELABEL texts excluded), "
               f"{m['features']} features, {m['trees']} trees; CV token F1 {ch['cv_token_f1']:.3f} at "
               f"threshold {ch['threshold']} ({m['seconds']} s)")


@cli.group()
@click.option("--kb", "kb_dir", envvar="BORDERWATCH_KB", default=None,
              help="A knowledge-base folder to use instead of the shipped region (env BORDERWATCH_KB).")
@click.pass_context
def kb(ctx: click.Context, kb_dir: str | None) -> None:
    """The regional knowledge base: list, validate, copy for editing, add aliases.

    \b
    Example:
      borderwatch kb init my-kb/ && export BORDERWATCH_KB=my-kb/
      borderwatch kb add-alias rahmon "Emomali Rakhmonov"
      borderwatch kb validate
    """
    from pathlib import Path

    from borderwatch.kb.loader import region_dir

    ctx.ensure_object(dict)["kb_dir"] = Path(kb_dir) if kb_dir else region_dir("tajik_afghan")


@kb.command("validate")
@click.pass_context
def kb_validate(ctx: click.Context) -> None:
    """Check every file of the KB; list all problems with file and line."""
    from borderwatch.kb.loader import load_kb_from

    k = load_kb_from(ctx.obj["kb_dir"])
    click.echo(f"{ctx.obj['kb_dir']}: {len(k.actors)} actors and {len(k.places)} places in {', '.join(k.files)}: ok")


@kb.command("list")
@click.option("--places", "show_places", is_flag=True, help="List places instead of actors.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def kb_list(ctx: click.Context, show_places: bool, as_json: bool) -> None:
    """List the KB's actors (or places)."""
    import dataclasses

    from borderwatch.kb.loader import load_kb_from

    k = load_kb_from(ctx.obj["kb_dir"])
    items = list(k.places.values()) if show_places else list(k.actors.values())
    if as_json:
        _echo_json([dataclasses.asdict(x) for x in items])
        return
    for x in items:
        extra = f"{x.feature}, {x.country or '-'}" if show_places else f"{x.kind}, {x.sector or '-'}, {x.country or '-'}"
        click.echo(f"{x.id:<28} {x.name} [{extra}]  aliases: {', '.join(x.aliases) or '-'}")


@kb.command("init")
@click.argument("folder", type=click.Path(file_okay=False))
@click.pass_context
def kb_init(ctx: click.Context, folder: str) -> None:
    """Copy the shipped region's KB to FOLDER for editing (then set BORDERWATCH_KB=FOLDER)."""
    import shutil
    from pathlib import Path

    from borderwatch.kb.loader import region_dir

    target = Path(folder)
    if target.exists() and any(target.iterdir()):
        raise BadOption(f"{target} exists and is not empty")
    shutil.copytree(region_dir("tajik_afghan"), target, dirs_exist_ok=True)
    click.echo(f"copied the knowledge base to {target}; use it with: export BORDERWATCH_KB={target}")


@kb.command("add-alias")
@click.argument("entry_id")
@click.argument("alias")
@click.pass_context
def kb_add_alias(ctx: click.Context, entry_id: str, alias: str) -> None:
    """Add ALIAS to actor or place ENTRY_ID (written to local.yaml of the KB folder).

    Re-run 'borderwatch annotate' afterwards: documents are re-coded with the new alias.
    """
    from borderwatch.kb.loader import add_alias, region_dir

    folder = ctx.obj["kb_dir"]
    if folder == region_dir("tajik_afghan") and "site-packages" in str(folder):
        raise BadOption("refusing to edit the installed package's KB: run 'borderwatch kb init DIR' and use --kb DIR")
    path = add_alias(folder, entry_id, alias)
    click.echo(f"added {alias!r} to {entry_id} in {path}")


@cli.group(invoke_without_command=True)
@DB_OPTION
@click.option("--search", "-s", help="Full-text search (FTS5) over title and text; plain words are ANDed.")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--unique", is_flag=True, help="Hide documents stored as duplicates.")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
@click.pass_context
def documents(ctx: click.Context, db: str, search: str | None, limit: int, unique: bool, as_json: bool) -> None:
    """List stored documents, or search them; 'documents show ID' prints one.

    \b
    Example:
      borderwatch documents --search Takhar
      borderwatch documents show 8d119e4f
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    with _store(db) as store:
        rows = store.documents(search=search, limit=limit, include_duplicates=not unique)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no documents" + (f" match {search!r}" if search else ""))
        return
    for r in rows:
        dup = f"  [duplicate of {r['duplicate_of']}]" if r["duplicate_of"] else ""
        click.echo(f"{r['id']}  {r['published'] or '----------'}  {r['word_count']:>5}w  {r['source_id']}"
                   f"{'#' + str(r['part']) if r['part'] else ''}  {r['title'] or '(no title)'}{dup}")
        if r.get("snippet"):
            click.echo(f"    {r['snippet']}")


@documents.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def documents_list(ctx: click.Context, as_json: bool) -> None:
    """List documents (same as 'borderwatch documents')."""
    with _store(ctx.obj["db"]) as store:
        rows = store.documents(limit=None)
    if as_json:
        _echo_json(rows)
    else:
        for r in rows:
            click.echo(f"{r['id']}  {r['source_id']}  {r['title'] or '(no title)'}")


@documents.command("show")
@click.argument("key")
@click.option("--json", "as_json", is_flag=True)
@click.option("--repairs", is_flag=True, help="Also list every repair the cleaner made.")
@click.pass_context
def documents_show(ctx: click.Context, key: str, as_json: bool, repairs: bool) -> None:
    """Show one document by id, id prefix or source id.

    \b
    Example:
      borderwatch documents show 001_38e64b02814fa88d.txt --repairs
    """
    with _store(ctx.obj["db"]) as store:
        doc = store.document(key)
    if doc is None:
        raise BadOption(f"no document with id or source id {key!r}")
    if as_json:
        _echo_json(doc)
        return
    for k in ("id", "source_id", "part", "title", "author", "outlet", "url", "published", "published_basis",
              "language", "kind", "duplicate_of", "duplicate_reason", "word_count"):
        if doc.get(k) not in (None, ""):
            click.echo(f"{k:>16}: {doc[k]}")
    click.echo("")
    click.echo(doc["text"])
    if repairs:
        click.echo("\nrepairs:")
        for r in doc["repairs"]:
            click.echo("  " + json.dumps(r, ensure_ascii=False))


@cli.command()
@DB_OPTION
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def discards(db: str, limit: int | None, as_json: bool) -> None:
    """List inputs that yielded no document, with the reason.

    \b
    Example:
      borderwatch discards --json
    """
    with _store(db) as store:
        rows = store.discards(limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no discards")
    for r in rows:
        click.echo(f"{r['reason']:<22} {r['source_id']}  {r['detail']}")


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def stats(db: str, as_json: bool) -> None:
    """Counts: documents, duplicates, discards by reason, date range.

    \b
    Example:
      borderwatch stats --db news.db
    """
    with _store(db) as store:
        s = store.stats()
    if as_json:
        _echo_json(s)
        return
    for k, v in s.items():
        if isinstance(v, dict):
            v = ", ".join(f"{a} {b}" for a, b in v.items()) or "-"
        elif isinstance(v, list):
            v = " .. ".join(str(x) for x in v)
        click.echo(f"{k:>20}: {v}")


@cli.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "geojson", "plover"]), default="json",
              show_default=True)
@click.option("-o", "--output", "output", required=True, help="Output file, or - for standard output.")
def export(db: str, fmt: str, output: str) -> None:
    """Export the database (the JSON shape is the contract in docs/contract.md).

    \b
    Example:
      borderwatch export --format json -o borderwatch.json
      borderwatch export --format csv -o - | head
    """
    from borderwatch.export.json_export import export_to_path

    with _store(db) as store:
        n = export_to_path(store, fmt, output)
    if output != "-":
        click.echo(f"wrote {n} records as {fmt} to {output}", err=True)


@cli.command("eval")
@click.argument("dataset")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=None, help="Evaluate on the first N items only.")
@click.option("--data", type=click.Path(file_okay=False), default=None,
              help="Gold data folder (default ../shared/external, or env BORDERWATCH_DATA).")
@click.option("--errors", "n_errors", type=click.IntRange(min=1), default=None,
              help="Also print the N worst cases, gold and prediction side by side.")
@click.option("-o", "--output", default="docs/EVALUATION.md", show_default=True, help="Where 'report' writes.")
@click.option("--baseline", default=None, help="Floors file for 'gate' (default eval_baseline.json).")
@click.option("--json", "as_json", is_flag=True, help="JSON output for scripts.")
def eval_cmd(dataset: str, limit: int | None, data: str | None, n_errors: int | None, output: str,
             baseline: str | None, as_json: bool) -> None:
    """Measure a stage on public gold data: DATASET is a dataset name, or list, report, gate.

    \b
    Example:
      borderwatch eval list
      borderwatch eval extract-zyte --limit 40 --errors 3
      borderwatch eval report -o docs/EVALUATION.md
      borderwatch eval gate
    """
    from pathlib import Path

    from borderwatch.eval import runner

    data_dir = Path(data) if data else None
    if dataset == "list":
        rows = [{"dataset": a.name, "stage": a.stage, "data": a.data, "built": a.module is not None, "issue": a.issue}
                for a in runner.ADAPTERS.values()]
        if as_json:
            _echo_json(rows)
        else:
            for r in rows:
                click.echo(f"{r['dataset']:<16} {'ready' if r['built'] else 'not built (issue ' + str(r['issue']) + ')':<22} "
                           f"{r['stage']} — {r['data']}")
        return
    if dataset == "report":
        results = runner.write_report(Path(output), data_dir)
        click.echo(f"wrote {output}: " + ", ".join(f"{r['dataset']} {r['status']}" for r in results))
        return
    if dataset == "gate":
        rows = runner.gate(Path(baseline) if baseline else runner.BASELINE, data_dir)
        if as_json:
            _echo_json(rows)
        else:
            for r in rows:
                mark = "ok  " if r["ok"] else "FAIL"
                value = "-" if r["value"] is None else f"{r['value']:.3f}"
                click.echo(f"{mark} {r['dataset']:<14} {r['metric']:<26} {value:>7}  floor {r['floor']}  {r['note']}")
        failed = [r for r in rows if not r["ok"]]
        if failed:
            raise click.ClickException(f"quality gate failed: {len(failed)} metric(s) below floor")
        return
    result = runner.run_adapter(dataset, data_dir, limit)
    if n_errors and result["status"] == "ok":
        result["errors"] = runner.worst_cases(dataset, data_dir or runner.default_data_dir(), n_errors, limit)
    if as_json:
        _echo_json(result)
        return
    if result["status"] != "ok":
        click.echo(f"{dataset}: {result['status']}: {result['detail']}")
        return
    click.echo(f"{dataset}: {result['seconds']} s" + (f", limit {limit}" if limit else ", full set"))
    for k, v in result["metrics"].items():
        if k not in ("worst", "per_page", "failures") or v:
            click.echo(f"  {k:>28}: {runner._fmt(v) if not isinstance(v, list) else json.dumps(v, ensure_ascii=False)}")
    for case in result.get("errors", []):
        click.echo("\n" + "-" * 72)
        for k, v in case.items():
            click.echo(f"{k}: {v}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: coded errors become one line on stderr and a non-zero exit."""
    debug = bool(os.environ.get("BORDERWATCH_DEBUG"))
    try:
        cli.main(args=argv, prog_name="borderwatch", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("borderwatch: interrupted", err=True)
        sys.exit(130)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except BorderWatchError as e:
        if debug:
            raise
        click.echo(f"borderwatch: error: {e}", err=True)
        sys.exit(2)
    except sqlite3.Error as e:
        if debug:
            raise
        click.echo(f"borderwatch: database error: {e}", err=True)
        sys.exit(2)
    except OSError as e:
        if debug:
            raise
        click.echo(f"borderwatch: error: {e.strerror or e}: {getattr(e, 'filename', '') or ''}".rstrip(": "), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("borderwatch: interrupted", err=True)
        sys.exit(130)
    except Exception as e:  # the last line of defence: one line, not a traceback
        if debug:
            raise
        click.echo(f"borderwatch: internal error: {type(e).__name__}: {e} (set BORDERWATCH_DEBUG=1 for details)", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
