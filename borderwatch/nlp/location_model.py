"""Which place named in a sentence is where *this* event happened: a small learned ranker.

A sentence often names several places: "Iraqi police said a bomb exploded in a market in
western Mosul, two days after the Baghdad talks" holds one event place (Mosul) and two that
are not (the police's country, the talks' city). Each candidate place span gets features from
the dependency path between it and the event's trigger (the preposition that attaches it,
the labels on the way up, whether the trigger governs it), its role (a qualifier such as
"Iraqi police", a participant, a dateline), its position and distance, its NER label and
whether the gazetteer resolved it. Gradient-boosted trees over those (binary) features score
each candidate, so a preposition can count differently beside one verb than another; the best
candidate above a threshold is the event's place, otherwise the sentence does not say where
(and the caller falls back on context or the document's focus, marked so).

The model lives in ``data/location/model.json`` (its feature names and settings) and
``data/location/trees.npz`` (the trees as flat node arrays; numpy walks them, no scikit-learn at
run time). An older model.json of format 1 (a logistic regression's weights) still loads. Both
are trained by ``borderwatch train event-location`` on the
~9,100 non-RELABEL records of Halterman's event-location data, never on the 496 RELABEL
records that ``borderwatch eval event-location`` scores (see docs/model_card_event_location.md).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

MODEL_DIR = Path(__file__).resolve().parent / "data" / "location"
LOCATIVE = {"in", "at", "near", "into", "across", "to", "from", "along", "on", "inside", "outside",
            "around", "towards", "toward", "through", "over", "off", "within", "beyond", "past", "throughout",
            "between", "opposite", "onto", "upon", "under"}
PLACE_HEADS = {"border", "province", "district", "region", "city", "area", "village", "town", "valley", "frontier",
               "side", "territory", "countryside", "outskirts", "suburb", "neighbourhood", "neighborhood", "coast",
               "capital", "state", "county", "camp", "street", "road", "market", "part", "north", "south", "east",
               "west", "centre", "center", "governorate", "highway", "base", "vicinity", "perimeter", "environs",
               "settlement", "hamlet", "locality", "township", "municipality",
               # sites named after a place ("the Kulundu checkpoint", "the X crossing")
               "checkpoint", "crossing", "outpost", "bridge", "airport", "airbase", "ground", "range"}
# verbs whose object is ground taken or struck: "captured Kalafgan", "shelled Qalai Sabz", "Dashtak was overrun"
GROUND_VERBS = {"capture", "recapture", "retake", "liberate", "seize", "overrun", "storm", "occupy", "besiege", "shell",
                "bomb", "bombard", "raid", "attack", "enter", "hit", "target", "strike"}
MAX_PATH = 4
# verbs of sending and moving: their destination ("deployed troops to Takhar") is where the event
# is, unlike the destination of a speech or a trip ("told reporters", "flew to Moscow for talks")
MOTION_VERBS = {"deploy", "redeploy", "send", "dispatch", "move", "march", "advance", "push", "mass", "station",
                "transfer", "relocate", "reinforce", "rush", "airlift", "bring", "withdraw", "retreat", "pull",
                "infiltrate", "cross", "enter", "storm", "invade", "penetrate", "flee", "evacuate"}
DESTINATION_PREPS = {"to", "into", "towards", "toward", "onto"}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class LocationModel:
    """Format 1: a logistic regression, one weight per feature."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, feats: list[str]) -> float:
        return _sigmoid(self.bias + sum(self.weights.get(f, 0.0) for f in feats))


@dataclass(frozen=True)
class BoostedLocationModel:
    """Format 2: gradient-boosted trees over binary features (a feature is present or not).

    The trees of all rounds are flat arrays of nodes: ``feature`` (index into ``features``; the
    never-set slot ``len(features)`` at a leaf), ``children`` (per node the node a candidate
    without, then with, the feature goes to; a leaf points at itself twice) and ``value`` (a
    leaf's share of the log-odds, learning rate included). Scoring walks every tree at once
    with numpy, one step per level."""

    features: dict[str, int]
    feature: Any  # np.ndarray[intp], per node
    children: Any  # np.ndarray[intp], 2 per node: (left, right)
    value: Any  # np.ndarray[float64], per node (0 inside a tree)
    roots: Any  # np.ndarray[int32], per tree
    depth: int
    baseline: float
    threshold: float

    def score(self, feats: list[str]) -> float:
        return self.score_many([feats])[0]

    def score_many(self, many: list[list[str]]) -> list[float]:
        """The scores of several candidates, their trees walked together: one step per level,
        a node's two children side by side in ``children`` (a leaf's both point at itself)."""
        import numpy as np

        width = len(self.features) + 1  # the last slot is never set: a leaf's "feature"
        x = np.zeros(len(many) * width, dtype=np.intp)
        for i, feats in enumerate(many):
            for f in feats:
                k = self.features.get(f)
                if k is not None:
                    x[i * width + k] = 1
        offset = np.repeat(np.arange(len(many), dtype=np.intp) * width, len(self.roots))
        node = np.tile(self.roots, len(many))
        for _ in range(self.depth):
            node = self.children[2 * node + x[offset + self.feature[node]]]
        z = self.baseline + self.value[node].reshape(len(many), len(self.roots)).sum(axis=1)
        return [_sigmoid(float(v)) for v in z]


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> LocationModel | BoostedLocationModel | None:
    """The shipped ranker, or None when its file is missing (the caller's rules then decide)."""
    f = Path(path) if path else MODEL_DIR / "model.json"
    if not f.is_file():
        return None
    data = json.loads(f.read_text(encoding="utf-8"))
    if data.get("format") == 2:
        import numpy as np

        with np.load(f.parent / data["trees"]) as t:
            names = data["features"]
            feature = t["feature"].astype(np.intp)
            feature[feature < 0] = len(names)  # leaves read the slot that is never set
            children = np.stack([t["left"], t["right"]], axis=1).astype(np.intp).ravel()
            return BoostedLocationModel(
                features={n: i for i, n in enumerate(names)}, feature=feature, children=children,
                value=t["value"].astype(np.float64), roots=t["roots"].astype(np.intp), depth=int(data["depth"]),
                baseline=float(data["baseline"]), threshold=float(data["threshold"]))
    return LocationModel(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                         threshold=float(data["threshold"]))


def _bucket(n: int) -> str:
    for lim, name in ((0, "0"), (2, "1-2"), (5, "3-5"), (10, "6-10"), (20, "11-20")):
        if n <= lim:
            return name
    return "21+"


def _path_up(tok: Any, stop: Any) -> list[Any]:
    """Tokens from ``tok`` up to (not including) ``stop``; the whole chain to the root when
    ``stop`` is not an ancestor."""
    out = []
    t = tok
    stop_i = None if stop is None else stop.i
    while t.i != stop_i and t.head.i != t.i and len(out) < 12:
        out.append(t)
        t = t.head
    if t.i != stop_i and t.head.i == t.i:
        out.append(t)  # the root, when ``stop`` is not above ``tok``
    return out


def _lca(a: Any, b: Any) -> Any | None:
    anc = {a.i, *(t.i for t in a.ancestors)}
    for t in [b, *b.ancestors]:
        if t.i in anc:
            return t
    return None


def features(sent: Any, trigger: Any, span: Any, cand: dict[str, Any], arg_spans: list[tuple[int, int]],
             n_candidates: int, rank: int) -> list[str]:
    """Feature strings of one candidate place span (a spaCy Span) for the event on ``trigger``.
    ``rank`` is the candidate's rank by distance to the trigger (0 = nearest)."""
    root = span.root
    f = ["bias_cand"]
    kind = cand.get("kind") or "toponym"
    if kind == "border":
        # "the Tajik-Kyrgyz border" is one place, a LOC (its head word is no entity; no training
        # record had a border span, so it is shown to the ranker as the named place it is)
        f += ["kind=toponym", "ent=LOC"]
    else:
        f.append(f"kind={kind}")
        f.append(f"ent={root.ent_type_ or '-'}")
    resolved = bool(cand.get("place_id")) and cand.get("place_id") != "unresolved"
    f.append(f"resolved={resolved}")
    prec = cand.get("precision_km")
    if resolved and prec is not None:
        f.append("prec=" + ("fine" if prec <= 30 else "admin" if prec <= 300 else "country"))
    f.append(f"dep={root.dep_}")
    f.append(f"headdep={root.dep_}>{root.head.dep_}")
    head_lemma = root.head.lemma_.lower()
    if root.dep_ in ("compound", "amod", "poss", "nmod"):
        f.append("qualifies_place_noun" if head_lemma in PLACE_HEADS else "qualifies_noun")
        if root.head.ent_type_:
            f.append(f"qualifies_ent={root.head.ent_type_}")
    if root.dep_ == "pobj":
        prep = root.head
        f.append(f"prep={prep.lower_}")
        f.append(f"prep_head_pos={prep.head.pos_}")
        if prep.head.pos_ == "NOUN" and prep.head.lemma_.lower() in PLACE_HEADS:
            f.append(f"prep_of_place_noun={prep.lower_}")
    elif root.dep_ == "appos":
        f.append(f"appos_of_dep={root.head.dep_}")
    # the nearest preposition above the candidate (through a place noun: "in the city of X")
    prep = next((t for t in _path_up(root, trigger) if t.dep_ == "prep"), None)
    if prep is not None:
        f.append(f"nearprep={prep.lower_}")
        f.append(f"nearprep_loc={prep.lower_ in LOCATIVE}")
    # dependency path between trigger and candidate
    lca = _lca(root, trigger)
    if lca is None:
        f.append("path=none")
    else:
        up = [t.dep_ for t in _path_up(root, lca)]
        down = [t.dep_ for t in _path_up(trigger, lca)]
        f.append(f"up_len={min(len(up), MAX_PATH + 1)}")
        f.append(f"down_len={min(len(down), 3)}")
        f.append("up=" + ">".join(up[:MAX_PATH]))
        if not down:
            f.append("governed_by_trigger")
            f.append("gov_up=" + ">".join(up[-2:]))
            if prep is not None:
                f.append(f"gov_prep={prep.lower_}")
                if prep.lower_ in DESTINATION_PREPS:
                    motion = trigger.lemma_.lower() in MOTION_VERBS
                    f.append("destination_of_motion" if motion else "destination_of_other")
        elif lca.i == root.i:
            f.append("governs_trigger")
        else:
            f.append("down=" + ">".join(down[:2]))
            f.append(f"lca_pos={lca.pos_}")
        clause_breaks = sum(d in ("ccomp", "advcl", "relcl", "conj", "xcomp", "acl", "parataxis") for d in up + down)
        f.append(f"clause_breaks={min(clause_breaks, 3)}")
        if any(d in ("relcl", "acl") for d in up):
            f.append("in_relcl_or_acl")
    # position and distance
    before = span.start < trigger.i
    f.append("before" if before else "after")
    dist = (trigger.i - span.end) if before else (span.start - trigger.i)
    f.append(f"dist={_bucket(max(0, dist))}")
    f.append(f"rank={min(rank, 3)}")
    f.append(f"n_cand={min(n_candidates, 4)}")
    f.append(f"rank={min(rank, 3)}&{'before' if before else 'after'}")
    if span.start - sent.start <= 1:
        f.append("sentence_initial")
    if root.text.isupper() and len(root.text) > 2:
        f.append("all_caps")
    if any(a <= cand["start"] and cand["end"] <= b for a, b in arg_spans):
        f.append("inside_argument")
        if any(a == cand["start"] and cand["end"] == b for a, b in arg_spans):
            f.append("is_argument")
    nxt = sent.doc[span.end] if span.end < len(sent.doc) else None
    if nxt is not None and nxt.text in ("—", "–", "(", ":") and span.start - sent.start <= 1:
        f.append("dateline")
    if nxt is not None and nxt.lower_ in ("'s", "’s"):
        f.append("possessive")
    if span.start > sent.start:
        prev = sent.doc[span.start - 1]
        f.append(f"prev={prev.lower_ if prev.is_alpha else prev.pos_}")
        if span.start - 1 > sent.start:
            f.append(f"prev2={sent.doc[span.start - 2].lower_}_{prev.lower_}")
    f.append(f"trigger={trigger.lemma_.lower()}")
    if span.end < sent.end:
        f.append(f"next={nxt.lower_ if nxt.is_alpha else nxt.text}")  # type: ignore[union-attr]
    return f


DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                   "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater"}


def _place_position(root: Any) -> bool:
    """Does a name headed by ``root`` sit where places sit: the object of a locative preposition,
    "the village of X", "X district", the object of a verb of taking or striking ground ("captured
    Kalafgan", not a person the NER knows), or a conjunct of such a name ("in Ishkashim, Wakhan and
    Zebak")?"""
    for _ in range(6):
        head = root.head
        if head.lower_ == "to" and head.head.lower_ == "according":
            return False  # "according to the Deputy Minister"
        if root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in GROUND_VERBS \
                and root.ent_type_ not in ("PERSON", "NORP"):
            return True  # "the Taliban captured Kalafgan", "gunmen shelled Qalai Sabz"
        if (root.dep_ == "pobj" and head.lower_ in LOCATIVE) or _place_noun_above(root) is not None:
            return True
        if root.dep_ != "conj" or head.i == root.i:
            return False
        root = head
    return False


def proper_noun_candidates(sent: Any, taken: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Capitalised names the toponym stage did not take but that sit where places sit: the
    object of a locative preposition ("in Shijaia"), the name after "the village of", or a name
    before a place noun ("Maiwand district"). The statistical NER misses or mislabels many
    villages and neighbourhoods ("Hilla", "al-Adamiyah"); these spans are candidates for where
    an event happened (kind "proper_noun", never geocoded). A longer name around a span the
    toponym stage took ("Dashti Qala" around the gazetteer's "Qala", "Gaza City" around "Gaza")
    is a candidate too (kind "proper_noun_extended"), and the ranker chooses between them."""
    doc = sent.doc
    out: list[dict[str, Any]] = []
    i = sent.start
    while i < sent.end:
        t = doc[i]
        if t.pos_ != "PROPN" or not t.text[:1].isupper() or t.i == sent.start:
            i += 1
            continue
        j = i
        while j + 1 < sent.end:
            if doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper() \
                    or doc[j + 1].text in ("-", "al-", "el-") and j + 2 < sent.end and doc[j + 2].text[:1].isupper():
                j += 1
            elif doc[j + 1].lower_ in ("al", "el") and j + 3 < sent.end and doc[j + 2].text == "-" \
                    and doc[j + 3].text[:1].isupper():
                j += 2  # "Qaryat al-Nur"
            else:
                break
        span = doc[i:j + 1]
        i = j + 1
        s, e = span.start_char, span.end_char
        if any(t.ent_id_.startswith("actor:") for t in span):
            continue  # a KB actor ("opposed to the Taliban"; states are toponym spans already)
        inside = [(a, b) for a, b in taken if a < e and s < b]
        if span.text.isupper() or any(not (s <= a and b <= e) or (a, b) == (s, e) for a, b in inside):
            continue  # all caps, or cut across / equal to a span the toponym stage took
        kind = "proper_noun_extended" if inside else "proper_noun"  # "Dashti Qala" around the gazetteer's "Qala"
        if _place_position(span.root):
            out.append({"start": s, "end": e, "text": span.text, "kind": kind, "place_id": None,
                        "name": None, "lat": None, "lon": None, "country_code": None, "precision_km": None})
    return out


def sentence_candidates(sent: Any, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidates for an event of ``sent``: the document's place spans inside the sentence
    (resolved or not) and the sentence's other place-like names (:func:`proper_noun_candidates`),
    each widened to the whole name it is part of (:func:`widen`); of two that end up the same
    span, the resolved one stays."""
    from borderwatch.nlp.entities import doc_text

    in_sent = [p for p in places if sent.start_char <= p["start"] < sent.end_char]
    extra = proper_noun_candidates(sent, [(p["start"], p["end"]) for p in in_sent])
    text = doc_text(sent.doc)
    out: dict[tuple[int, int], dict[str, Any]] = {}
    for p in sorted((p for p in in_sent + extra if not _not_a_place(sent.doc, p)), key=lambda p: p["start"]):
        w = widen(text, p, sent.start_char, sent.end_char)
        key = (w["start"], w["end"])
        if key not in out or (w.get("place_id") and not out[key].get("place_id")):
            out[key] = w
    # "Gulf" of "the Gulf of Aden" is no candidate beside the whole name
    wide = [k for k, w in out.items() if w.get("widened") == "feature"]
    return sorted((w for k, w in out.items() if not any(a <= k[0] and k[1] <= b and k != (a, b) for a, b in wide)),
                  key=lambda p: p["start"])


# "al-Qaim", "el-Arish": the article is part of the name
_ARTICLE = re.compile(r"(?:^|(?<=[\s(\"'“‘]))(?:[Aa]l|[Ee]l)-$")
_NAME = r"[A-Z][\w'’]*(?:-[\w'’]+)*"
_NAMES = rf"{_NAME}(?:\s(?:(?:al|el)-)?{_NAME}){{0,3}}"
# "Mazar-e-Sharif", "Dar-es-Salaam": parts joined by a linking particle ("Kabul-Kandahar" is two places)
_JOINED_BEFORE = re.compile(r"(?:^|(?<=[\s(\"'“‘]))(?:[A-Z][\w'’]*-(?:e|i|ul|ol|al|el|es|ye|da)-)+$")
_JOINED_AFTER = re.compile(r"(?:-(?:e|i|ul|ol|al|el|es|ye|da)-[A-Z][\w'’]*)+")
_DIRECTION = re.compile(r"(?:^|(?<=[\s(\"'“‘]))(?:Northern|Southern|Eastern|Western|Central|Upper|Lower|"
                        r"North-?[Ee]astern|North-?[Ww]estern|South-?[Ee]astern|South-?[Ww]estern)\s$")
# "Panji Poyon/Nizhny Pyanj", "Vahdat/Kofarnihon": one place under two names
_ALT_AFTER = re.compile(rf"/((?:(?:al|el)-)?{_NAMES})")
_ALT_BEFORE = re.compile(rf"({_NAMES})/$")
# a sea, strait or peninsula named after a town is another place than the town
_FEATURE_AFTER = re.compile(r"\s(?:Peninsula|Straits?|Gulf|Bay|Sea)\b")
_FEATURE_OF = re.compile(r"\b(?:Gulf|Bay|Straits?|Sea|Isle|Cape|Lake)\sof\s(?:the\s)?$")


def widen(text: str, cand: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict[str, Any]:
    """``cand`` (a place span dict) widened, within ``[lo, hi)``, to the whole name it is part of:
    a joined Arabic article ("al-Qaim" for "Qaim"), parts joined by hyphens ("Mazar-e-Sharif"
    for "Sharif"), a capitalised direction ("Western Afghanistan"), an alternate name after or before a slash
    ("Panji Poyon/Nizhny Pyanj"), a sea, strait or peninsula named after it ("the Gulf of Aden",
    "the Jaffna Peninsula", "the Malacca Straits"). The geocoder's point stays for the first two;
    a feature named after a town is not the town, so it loses the town's coordinates (kind
    ``proper_noun_extended``, unresolved, as for any name the gazetteer does not know, and
    ``widened`` ``feature``: the words of the name inside it are no candidates of their own)."""
    hi = len(text) if hi is None else hi
    s, e = cand["start"], cand["end"]
    if _ARTICLE.search(text[max(lo, s - 4):s]):
        s -= 3
    m = _JOINED_BEFORE.search(text[max(lo, s - 30):s])
    if m:
        s -= len(m.group(0))  # "Mazar-e-Sharif" for "Sharif"
    m = _JOINED_AFTER.match(text, e, hi)
    if m:
        e = m.end()
    m = _DIRECTION.search(text[max(lo, s - 10):s])
    if m:
        s -= len(m.group(0))  # "Western Afghanistan": a part of the place, named so
    m = _ALT_AFTER.match(text, e, hi)
    if m:
        e = m.end()
    m = _ALT_BEFORE.search(text[max(lo, s - 40):s])
    if m:
        s -= len(m.group(0))
        if _ARTICLE.search(text[max(lo, s - 4):s]):
            s -= 3
    feature = False
    m = _FEATURE_AFTER.match(text, e, hi)
    if m:
        e, feature = m.end(), True
    m = _FEATURE_OF.search(text[max(lo, s - 20):s])
    if m:
        s, feature = s - len(m.group(0)), True
    if (s, e) == (cand["start"], cand["end"]):
        return cand
    out = {**cand, "start": s, "end": e, "text": text[s:e]}
    if feature:
        out.update(kind="proper_noun_extended", widened="feature", place_id=None, name=None, lat=None, lon=None, country_code=None,
                   precision_km=None)
    return out


# platforms a statement is posted on: "on X", "on Telegram" is no place
PLATFORMS = frozenset({"x", "twitter", "telegram", "facebook", "instagram", "youtube", "whatsapp", "tiktok", "vkontakte",
                       "vk", "odnoklassniki", "signal", "threads", "bluesky", "truth social", "linkedin", "weibo"})


def _not_a_place(doc: Any, cand: dict[str, Any]) -> bool:
    """A direction alone ("Western"), the first half of a compound modifier ("the Western-backed
    government", "Taliban-led forces"), a single letter or a social platform ("a post on X")
    names no place an event happened in."""
    from borderwatch.nlp.entities import doc_text

    text = doc_text(doc)
    name = text[cand["start"]:cand["end"]].lower()
    if name in DIRECTION_WORDS:
        return True
    if sum(ch.isalpha() for ch in name) < 2 or name.strip(" .") in PLATFORMS:
        return True  # "thanked the Tajik government in a post on X", "said on Telegram"
    after = text[cand["end"]:cand["end"] + 2]
    return len(after) == 2 and after[0] in "-–" and after[1].islower()


def candidate_features(sent: Any, trigger: Any, cands: list[dict[str, Any]], args: list[dict[str, Any]]
                       ) -> list[tuple[list[str], dict[str, Any]]]:
    """(features, candidate) for every candidate place dict inside ``sent`` (others are skipped)."""
    doc = sent.doc
    arg_spans = [(a["start"], a["end"]) for a in args if a.get("start") is not None]
    spans = []
    for c in cands:
        span = doc.char_span(c["start"], c["end"], alignment_mode="expand")
        if span is not None and len(span) and sent.start <= span.start < sent.end:
            spans.append((c, span))
    order = sorted(range(len(spans)), key=lambda i: abs(spans[i][1].start - trigger.i))
    rank = {i: r for r, i in enumerate(order)}
    return [(features(sent, trigger, span, c, arg_spans, len(spans), rank[i]), c) for i, (c, span) in enumerate(spans)]


def rank_candidates(sent: Any, trigger: Any, cands: list[dict[str, Any]], args: list[dict[str, Any]],
                    model: LocationModel | BoostedLocationModel) -> list[tuple[float, dict[str, Any]]]:
    """(score, candidate) for every candidate place dict inside ``sent``, best first."""
    fc = candidate_features(sent, trigger, cands, args)
    if isinstance(model, BoostedLocationModel):
        scored = list(zip(model.score_many([f for f, _c in fc]), [c for _f, c in fc], strict=True))
    else:
        scored = [(model.score(f), c) for f, c in fc]
    return sorted(scored, key=lambda x: -x[0])


def conjoined(sent: Any, best: dict[str, Any], cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The other candidates coordinated with ``best`` ("in Aleppo, Latakia and Damascus",
    "Kwande, Katsina/Ala and Logo areas"): the event happened in each of them."""
    doc = sent.doc
    span = doc.char_span(best["start"], best["end"], alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    group = {t.i for t in root.conjuncts}
    noun = _place_noun_above(root)
    if noun is not None:  # "Shahrak and the nearby village of Dashtak", "the Zebak and Ishkashim villages"
        group |= {t.i for t in noun.conjuncts}
    if not group:
        return []
    out = []
    for c in cands:
        if c is best:
            continue
        cs = doc.char_span(c["start"], c["end"], alignment_mode="expand")
        if cs is None or not len(cs):
            continue
        above = _place_noun_above(cs.root)
        if cs.root.i in group or (above is not None and above.i in group):
            out.append(c)
    return out


def _place_noun_above(root: Any) -> Any | None:
    """The place noun a name names: "the village of Dashtak" and "the Zebak villages" give "village" and
    "villages"; None for a bare name."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_HEADS:
        return head.head
    if root.dep_ in ("compound", "nmod") and head.pos_ == "NOUN" and head.lemma_.lower() in PLACE_HEADS:
        return head
    if root.dep_ == "compound" and head.dep_ == "compound" and head.pos_ == "NOUN" \
            and head.head.pos_ == "NOUN" and head.head.lemma_.lower() in PLACE_HEADS:
        return head.head  # "the Harbmaidon training ground", "the Ruzvai border crossing"
    return None


def trigger_args(trigger: Any) -> list[dict[str, Any]]:
    """Actor and recipient spans of a trigger as the event stage finds them (subject or agent;
    the actor-like objects and targets), for scoring places where no event record exists yet."""
    from borderwatch.nlp.event_args import actor_of, recipient_of

    return [{"start": a.start, "end": a.end, "text": a.text} for a in actor_of(trigger) + recipient_of(trigger)]
