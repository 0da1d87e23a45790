"""BorderWatch: evidence-backed early warning from raw news about a contested border.

Public API (thin layers — CLI, REST, dashboard — call these):

    from borderwatch import ingest, Store
    report = ingest(["samples/"], db="borderwatch.db")
    with Store("borderwatch.db") as store:
        store.documents(search="Takhar")
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "ingest", "Store", "export_json"]


def __getattr__(name: str):  # lazy: importing borderwatch stays cheap
    if name == "ingest":
        from borderwatch.pipeline import ingest

        return ingest
    if name == "Store":
        from borderwatch.store.db import Store

        return Store
    if name == "export_json":
        from borderwatch.export.json_export import export_json

        return export_json
    raise AttributeError(name)
