"""Load and validate a region's knowledge base (``borderwatch/kb/regions/<name>/*.yaml``).

Analysts edit these files by hand, so every problem is reported with the file, the line
and the reason ("actors.yaml:41: actor 'rahmon': sector 'GOVT' is not a PLOVER sector"),
and all problems are collected before failing, not just the first.

Files of a region: ``actors.yaml`` (a list of actors) and ``places.yaml`` (a list of
places). Any other ``*.yaml`` file whose top-level key is ``actors`` or ``places`` is
merged in, so a team can keep local additions in their own file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from borderwatch.errors import BorderWatchError

ACTOR_KINDS = {"person", "organisation", "state", "armed_group", "igo", "media", "group", "ethnic_group"}
# PLOVER actor sector codes (PLOVER manual 2.0, table of agent codes) plus the few NGEC adds.
SECTORS = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "MED", "JRN", "EDU", "BUS", "CRM", "CVL",
           "REF", "LAB", "REL", "HLH", "NGO", "ETH", "LEG", "ELI", "AGR", "ENV", "UAF", "SEC", "BGU"}
PLACE_FEATURES = {"continent", "region", "country", "admin1", "admin2", "district", "city", "town", "village",
                  "river", "valley", "mountains", "lake", "crossing", "border_post", "military_base", "border",
                  "airport", "dam", "mine", "road", "range", "pass", "area", "canal"}
BANKS = {"north", "south", "both", "none"}
_ISO3 = re.compile(r"^[A-Z]{3}$")


class KBError(BorderWatchError):
    code = "BW005"


@dataclass(frozen=True)
class Office:
    title: str
    roles: tuple[str, ...]  # lower-case role phrases: "president", "tajik president", "deputy prime minister"
    country: str | None
    start: date | None
    end: date | None

    def held_on(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    sector: str | None
    country: str | None
    aliases: tuple[str, ...]
    offices: tuple[Office, ...] = ()
    wikidata: str | None = None
    not_same_as: tuple[str, ...] = ()
    description: str = ""
    source_line: int = 0

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    feature: str
    country: str | None  # ISO3
    admin1: str | None
    precision_km: float
    bank: str | None = None  # for places on the Panj/Amu Darya: north (TJ/UZ/TM side) or south (AF side)
    geonames_id: int | None = None
    not_same_as: tuple[str, ...] = ()
    source_line: int = 0

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass
class KB:
    region: str
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def fold(name: str) -> str:
    """Comparison key of a name: NFKC, no marks, no zero-width or odd spaces, lower case.

    "Raḥmon", "RAHMON", "Rahmon\u200b" all fold to "rahmon", so odd Unicode in a source
    never makes a second actor.
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Cf", "Cc"))
    s = s.replace("’", "'").replace("ʼ", "'").replace("‘", "'")
    s = re.sub(r"[\s\u00a0]+", " ", s).strip().casefold()
    return s


def _lines(path: Path) -> tuple[Any, dict[int, int]]:
    """Parse YAML; return the data and, for each top-level list item, its line number."""
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        raise KBError(f"{where}: not valid YAML: {getattr(e, 'problem', e)}") from e
    lines: dict[int, int] = {}
    if node is not None and isinstance(node, yaml.MappingNode):
        for _k, v in node.value:
            if isinstance(v, yaml.SequenceNode):
                for i, item in enumerate(v.value):
                    lines[i] = item.start_mark.line + 1
    return data, lines


def _date(v: Any) -> date | None:
    if v in (None, "", "present"):
        return None
    if isinstance(v, date):
        return v
    if isinstance(v, int):
        return date(v, 1, 1)
    return date.fromisoformat(str(v))


def _check_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) and x.strip() for x in v)


def _actor(rec: Any, where: str, errors: list[str]) -> Actor | None:
    if not isinstance(rec, dict):
        errors.append(f"{where}: an actor must be a mapping, not {type(rec).__name__}")
        return None
    aid = rec.get("id")
    label = f"{where}: actor {aid!r}"
    known = {"id", "name", "kind", "sector", "country", "aliases", "offices", "wikidata", "not_same_as", "description"}
    for k in rec:
        if k not in known:
            errors.append(f"{label}: unknown key {k!r} (known: {', '.join(sorted(known))})")
    if not isinstance(aid, str) or not re.fullmatch(r"[a-z0-9_]+", aid or ""):
        errors.append(f"{label}: 'id' must be lower_snake_case letters and digits")
    if not isinstance(rec.get("name"), str) or not rec["name"].strip():
        errors.append(f"{label}: 'name' is required")
    if rec.get("kind") not in ACTOR_KINDS:
        errors.append(f"{label}: kind {rec.get('kind')!r} is not one of {', '.join(sorted(ACTOR_KINDS))}")
    if rec.get("sector") is not None and rec["sector"] not in SECTORS:
        errors.append(f"{label}: sector {rec['sector']!r} is not a PLOVER sector ({', '.join(sorted(SECTORS))})")
    if rec.get("country") is not None and not _ISO3.match(str(rec["country"])):
        errors.append(f"{label}: country {rec['country']!r} must be an ISO 3166 alpha-3 code")
    for k in ("aliases", "not_same_as"):
        if rec.get(k) is not None and not _check_str_list(rec[k]):
            errors.append(f"{label}: '{k}' must be a list of non-empty strings")
    offices = []
    for n, o in enumerate(rec.get("offices") or []):
        if not isinstance(o, dict) or not isinstance(o.get("title"), str):
            errors.append(f"{label}: office {n + 1} needs a 'title'")
            continue
        try:
            start, end = _date(o.get("from")), _date(o.get("to"))
        except (ValueError, TypeError):
            errors.append(f"{label}: office {o['title']!r}: 'from'/'to' must be dates (YYYY-MM-DD)")
            continue
        if start and end and end < start:
            errors.append(f"{label}: office {o['title']!r} ends before it starts")
        roles = o.get("roles") or []
        if not _check_str_list(roles):
            errors.append(f"{label}: office {o['title']!r}: 'roles' must be a list of phrases")
            roles = []
        offices.append(Office(o["title"], tuple(fold(r) for r in roles), o.get("country"), start, end))
    if any(e.startswith(label) for e in errors):
        return None
    return Actor(aid, rec["name"].strip(), rec["kind"], rec.get("sector"), rec.get("country"),
                 tuple(a.strip() for a in rec.get("aliases") or []), tuple(offices), rec.get("wikidata"),
                 tuple(rec.get("not_same_as") or []), rec.get("description", ""), int(where.rsplit(":", 1)[1]))


def _place(rec: Any, where: str, errors: list[str]) -> Place | None:
    if not isinstance(rec, dict):
        errors.append(f"{where}: a place must be a mapping, not {type(rec).__name__}")
        return None
    pid = rec.get("id")
    label = f"{where}: place {pid!r}"
    known = {"id", "name", "aliases", "lat", "lon", "feature", "country", "admin1", "precision_km", "bank",
             "geonames_id", "not_same_as", "note"}
    for k in rec:
        if k not in known:
            errors.append(f"{label}: unknown key {k!r} (known: {', '.join(sorted(known))})")
    if not isinstance(pid, str) or not re.fullmatch(r"[a-z0-9_]+", pid or ""):
        errors.append(f"{label}: 'id' must be lower_snake_case letters and digits")
    if not isinstance(rec.get("name"), str) or not rec["name"].strip():
        errors.append(f"{label}: 'name' is required")
    lat, lon = rec.get("lat"), rec.get("lon")
    if not isinstance(lat, int | float) or not -90 <= lat <= 90:
        errors.append(f"{label}: 'lat' must be a number from -90 to 90")
    if not isinstance(lon, int | float) or not -180 <= lon <= 180:
        errors.append(f"{label}: 'lon' must be a number from -180 to 180")
    if rec.get("feature") not in PLACE_FEATURES:
        errors.append(f"{label}: feature {rec.get('feature')!r} is not one of {', '.join(sorted(PLACE_FEATURES))}")
    if rec.get("country") is not None and not _ISO3.match(str(rec["country"])):
        errors.append(f"{label}: country {rec['country']!r} must be an ISO 3166 alpha-3 code")
    prec = rec.get("precision_km")
    if not isinstance(prec, int | float) or prec <= 0:
        errors.append(f"{label}: 'precision_km' must be a positive number (the radius the place spans)")
    if rec.get("bank") is not None and rec["bank"] not in BANKS:
        errors.append(f"{label}: bank {rec['bank']!r} is not one of {', '.join(sorted(BANKS))}")
    for k in ("aliases", "not_same_as"):
        if rec.get(k) is not None and not _check_str_list(rec[k]):
            errors.append(f"{label}: '{k}' must be a list of non-empty strings")
    if any(e.startswith(label) for e in errors):
        return None
    return Place(pid, rec["name"].strip(), tuple(a.strip() for a in rec.get("aliases") or []), float(lat), float(lon),
                 rec["feature"], rec.get("country"), rec.get("admin1"), float(prec), rec.get("bank"),
                 rec.get("geonames_id"), tuple(rec.get("not_same_as") or []), int(where.rsplit(":", 1)[1]))


def region_dir(region: str) -> Path:
    """The KB folder: $BORDERWATCH_KB when set (a copy an analyst edits), else the shipped region."""
    import os

    env = os.environ.get("BORDERWATCH_KB")
    if env:
        return Path(env)
    return Path(str(resources.files("borderwatch.kb").joinpath("regions", region)))


def load_kb_from(folder: Path, region: str | None = None) -> KB:
    """Load and validate every YAML file in ``folder``; raise KBError listing all problems."""
    if not folder.is_dir():
        raise KBError(f"no knowledge base folder at {folder}")
    kb = KB(region or folder.name)
    errors: list[str] = []
    names: dict[str, tuple[str, str]] = {}  # folded alias -> (kind, id) for ambiguity checks
    extends: list[tuple[str, Any]] = []  # ("file:line", {id, aliases}) added by `borderwatch kb add-alias`
    for path in sorted(folder.glob("*.yaml")):
        data, lines = _lines(path)
        kb.files.append(path.name)
        if data is None:
            continue
        if not isinstance(data, dict) or not set(data) <= {"actors", "places", "extend", "region", "about"}:
            errors.append(f"{path.name}:1: top level must be a mapping with 'actors', 'places' and/or 'extend' lists")
            continue
        for i, ext in enumerate(data.get("extend") or []):
            extends.append((f"{path.name}:{lines.get(i, 1)}", ext))
        for key, build, store in (("actors", _actor, kb.actors), ("places", _place, kb.places)):
            items = data.get(key) or []
            if not isinstance(items, list):
                errors.append(f"{path.name}:1: '{key}' must be a list")
                continue
            for i, rec in enumerate(items):
                where = f"{path.name}:{lines.get(i, 1)}"
                obj = build(rec, where, errors)
                if obj is None:
                    continue
                if obj.id in store:
                    errors.append(f"{where}: duplicate {key[:-1]} id {obj.id!r} (first at line {store[obj.id].source_line})")
                    continue
                store[obj.id] = obj
                for n in obj.names():
                    k = fold(n)
                    prev = names.get(k)
                    if prev and prev != (key, obj.id) and prev[0] == key:
                        errors.append(f"{where}: name {n!r} of {obj.id!r} is already a name of {prev[1]!r}; "
                                      "one name cannot point at two entries (use a longer alias)")
                    names.setdefault(k, (key, obj.id))
    for where, ext in extends:
        if not isinstance(ext, dict) or not isinstance(ext.get("id"), str) or not _check_str_list(ext.get("aliases")):
            errors.append(f"{where}: an 'extend' entry needs an 'id' and a list of 'aliases'")
            continue
        target = kb.actors.get(ext["id"]) or kb.places.get(ext["id"])
        if target is None:
            errors.append(f"{where}: 'extend' names unknown id {ext['id']!r}")
            continue
        kind = "actors" if ext["id"] in kb.actors else "places"
        for alias in ext["aliases"]:
            prev = names.get(fold(alias))
            if prev and prev != (kind, target.id) and prev[0] == kind:
                errors.append(f"{where}: alias {alias!r} is already a name of {prev[1]!r}")
                continue
            names.setdefault(fold(alias), (kind, target.id))
        new_aliases = tuple(dict.fromkeys((*target.aliases, *(a.strip() for a in ext["aliases"]))))
        import dataclasses

        updated = dataclasses.replace(target, aliases=new_aliases)
        (kb.actors if kind == "actors" else kb.places)[target.id] = updated  # type: ignore[assignment]
    for store, key in ((kb.actors, "actor"), (kb.places, "place")):
        for obj in store.values():
            for other in obj.not_same_as:
                if other not in store:
                    errors.append(f"{obj.source_line and ''}{key} {obj.id!r}: not_same_as names unknown {key} {other!r}")
    if errors:
        raise KBError(f"knowledge base {folder} has {len(errors)} problem(s):\n  " + "\n  ".join(errors))
    return kb


def load_kb(region: str = "tajik_afghan", folder: str | None = None) -> KB:
    """The region's KB, validated; cached while its files are unchanged."""
    path = Path(folder) if folder else region_dir(region)
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(path.glob("*.yaml"))) if path.is_dir() else ()
    return _load_cached(str(path), region, stamp)


@lru_cache(maxsize=8)
def _load_cached(path: str, region: str, stamp: tuple[Any, ...]) -> KB:
    return load_kb_from(Path(path), region)


def add_alias(folder: Path, entry_id: str, alias: str) -> Path:
    """Record an alias in ``folder/local.yaml`` (created if needed) and check the KB still loads."""
    kb = load_kb_from(folder)
    if entry_id not in kb.actors and entry_id not in kb.places:
        raise KBError(f"no actor or place with id {entry_id!r} in {folder}")
    local = folder / "local.yaml"
    data = yaml.safe_load(local.read_text(encoding="utf-8")) if local.exists() else None
    data = data or {"about": "Local additions made with `borderwatch kb add-alias`.", "extend": []}
    data.setdefault("extend", [])
    for ext in data["extend"]:
        if ext.get("id") == entry_id:
            if alias not in ext["aliases"]:
                ext["aliases"].append(alias)
            break
    else:
        data["extend"].append({"id": entry_id, "aliases": [alias]})
    old = local.read_text(encoding="utf-8") if local.exists() else None
    local.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        load_kb_from(folder)
    except KBError:
        if old is None:
            local.unlink()
        else:
            local.write_text(old, encoding="utf-8")
        raise
    return local
