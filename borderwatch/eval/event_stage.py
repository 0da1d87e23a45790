"""Run the production event stage on gold texts, for the event adapters (plv, plover-gsr,
petrarch-gsr, event-location, case2021).

Each text goes through what ``borderwatch annotate`` runs on a document: the region's NER
pipeline (KB and gazetteer rulers, NER, parser, paragraph breaks), actor resolution, toponyms
and geocoding (optional: it changes neither types nor arguments) and
:func:`borderwatch.nlp.events.extract_events`. Nothing is written to a database.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

REGION = "tajik_afghan"


@dataclass
class Coded:
    """One coded text: the spaCy doc, its resolved actor mentions, its places (the dicts the
    event stage takes; ``place_id`` None for a span the geocoder did not resolve), the sentence
    predictions and the events."""

    doc: Any
    mentions: list[Any]
    places: list[dict[str, Any]]
    predictions: list[Any]
    events: list[Any] = field(default_factory=list)

    def main_event(self) -> Any | None:
        """The event on the trigger of the sentence the classifier is surest of (the sentence's
        root event in single-event gold sets); None when no event was detected."""
        if not self.events:
            return None
        p = self.predictions
        starts = [s.start_char for s in self.doc.sents]

        def key(e: Any) -> tuple[float, int, bool, int]:
            pr = p[e.sentence]
            # (of a sentence's events, the one on the classifier's own trigger before a secondary
            # one that comes first: a protest noun before the crowd control the classifier saw)
            own = pr.trigger is not None and e.trigger_start - starts[e.sentence] == pr.trigger[0]
            return (-(pr.score if pr.event_type else 0.0), e.sentence, not own, e.trigger_start)

        return min(self.events, key=key)


def warm_up(with_places: bool = False) -> None:
    """Load the models outside any timed loop."""
    from borderwatch.nlp.actors import actor_index
    from borderwatch.nlp.entities import pipeline
    from borderwatch.nlp.event_type import load_model

    load_model()
    pipeline(REGION)
    actor_index(REGION)
    if with_places:
        from borderwatch.nlp.geocode import Geocoder

        _ = Geocoder.shared(REGION).gazetteer


def code_texts(texts: Iterable[str], published: date | None = None, *, with_places: bool = False,
               batch_size: int = 32) -> tuple[list[Coded], float]:
    """Code every text; returns the coded texts and the seconds it took (models loaded first)."""
    from borderwatch.kb.loader import load_kb
    from borderwatch.nlp.actors import actor_index, resolve_actors
    from borderwatch.nlp.entities import pipeline
    from borderwatch.nlp.event_type import classify
    from borderwatch.nlp.events import extract_events
    from borderwatch.nlp.truecase import for_parse

    warm_up(with_places)
    nlp = pipeline(REGION)
    index = actor_index(REGION)
    kb_actors = load_kb(REGION).actors
    geo = None
    if with_places:
        from borderwatch.nlp.geocode import Geocoder
        from borderwatch.nlp.toponyms import place_dicts

        geo = Geocoder.shared(REGION)
    t0 = time.perf_counter()
    out: list[Coded] = []
    for doc in nlp.pipe((for_parse(t, REGION) for t in texts), batch_size=batch_size):
        mentions, _new = resolve_actors(doc, index, published)
        places = place_dicts(doc, geo) if geo is not None else []
        preds = classify(list(doc.sents))
        events = extract_events(doc, "eval", published, mentions, places, kb_actors, predictions=preds)
        out.append(Coded(doc, mentions, places, preds, events))
    return out, time.perf_counter() - t0
