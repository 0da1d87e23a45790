"""BorderWatch: evidence-backed early warning from raw news about a contested border.

Public API (thin layers — CLI, REST, dashboard — call these):

    from borderwatch import ingest, annotate, Store
    report = ingest(["samples/"], db="borderwatch.db")       # read, clean, deduplicate, store
    annotate("borderwatch.db")                                # actors, places, events, quotes, claims
    with Store("borderwatch.db") as store:
        store.documents(search="Takhar")
        store.events(event_type="MOBILIZE", status="occurred,claimed")
        store.quotes(speaker="Rahmon")
        store.claims(contested=True)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "ingest", "annotate", "Store", "export_json"]


def __getattr__(name: str):  # lazy: importing borderwatch stays cheap
    if name == "ingest":
        from borderwatch.pipeline import ingest

        return ingest
    if name == "annotate":
        from borderwatch.nlp.annotate import annotate

        return annotate
    if name == "Store":
        from borderwatch.store.db import Store

        return Store
    if name == "export_json":
        from borderwatch.export.json_export import export_json

        return export_json
    raise AttributeError(name)
