"""The PLOVER ontology as data (plover.yaml), validated on load."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from borderwatch.errors import BorderWatchError


class OntologyError(BorderWatchError):
    code = "BW007"


@dataclass(frozen=True)
class EventType:
    name: str
    quad: int
    score: float
    definition: str
    modes: dict[str, float | None]

    def weight(self, mode: str | None = None) -> float:
        """Conflict–cooperation score of this type (and mode, when the manual scores it)."""
        if mode and self.modes.get(mode) is not None:
            return float(self.modes[mode])  # type: ignore[arg-type]
        return self.score


@dataclass(frozen=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    quad_classes: dict[int, str]
    legacy: dict[str, Any]

    def check(self, event_type: str, mode: str | None = None, contexts: tuple[str, ...] = ()) -> None:
        if event_type not in self.types:
            raise OntologyError(f"{event_type!r} is not a PLOVER type")
        if mode and mode not in self.types[event_type].modes:
            raise OntologyError(f"{mode!r} is not a mode of {event_type}")
        for c in contexts:
            if c not in self.contexts:
                raise OntologyError(f"{c!r} is not a PLOVER context")


@lru_cache(maxsize=1)
def plover() -> Ontology:
    raw = yaml.safe_load(resources.files("borderwatch.ontology").joinpath("plover.yaml").read_text(encoding="utf-8"))
    types = {}
    for name, t in raw["types"].items():
        if t["quad"] not in (1, 2, 3, 4) or not -10 <= float(t["score"]) <= 10:
            raise OntologyError(f"plover.yaml: type {name}: quad must be 1-4 and score within -10..10")
        modes = {str(k): (None if v is None else float(v)) for k, v in (t.get("modes") or {}).items()}
        types[name] = EventType(name, int(t["quad"]), float(t["score"]), t["definition"], modes)
    if len(types) != 16:
        raise OntologyError(f"plover.yaml: expected the 16 PLOVER types, found {len(types)}")
    return Ontology(str(raw["version"]), types, tuple(raw["contexts"]), {int(k): v for k, v in raw["quad_classes"].items()},
                    raw.get("legacy", {}))
