"""Coded errors. Library code raises these; only the CLI turns them into one-line messages."""

from __future__ import annotations


class BorderWatchError(Exception):
    """Base class: ``code`` is stable and documented in docs/cli.md."""

    code = "BW000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputNotFound(BorderWatchError):
    code = "BW001"


class StoreError(BorderWatchError):
    code = "BW002"


class BadOption(BorderWatchError):
    code = "BW003"


class DataMissing(BorderWatchError):
    """Gold data for an evaluation is absent (evaluations skip with this message)."""

    code = "BW004"
