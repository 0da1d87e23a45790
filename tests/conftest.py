from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXTERNAL = SHARED / "external"
SAMPLES = REPO / "samples"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    return SEEDS


@pytest.fixture
def external_dir() -> Path:
    if not EXTERNAL.is_dir():
        pytest.skip("../shared/external is absent")
    return EXTERNAL


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


def dump_tables(db: Path) -> dict[str, list[tuple]]:
    """Every data table's rows (the run log excluded), for before/after comparisons."""
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        out = {}
        for t in ("documents", "discards", "minhashes"):
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({t})")]
            keep = [c for c in cols if c not in ("ingested_at", "created_at")]
            out[t] = sorted(conn.execute(f"SELECT {', '.join(keep)} FROM {t}").fetchall(), key=repr)
        out["fts"] = sorted(conn.execute("SELECT rowid, title FROM documents_fts").fetchall(), key=repr)
        return out
    finally:
        conn.close()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed articles ingested and annotated once per test session (events, quotes, claims)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    from borderwatch.nlp.annotate import annotate
    from borderwatch.pipeline import ingest

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    ingest([SEEDS], db=db)
    annotate(str(db))
    return db


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus ingested and annotated once per test session."""
    from borderwatch.nlp.annotate import annotate
    from borderwatch.pipeline import ingest

    db = tmp_path_factory.mktemp("samples") / "samples.db"
    ingest([SAMPLES / "txt", SAMPLES / "html", SAMPLES / "jsonl", SAMPLES / "feeds"], db=db)
    annotate(str(db))
    return db
