"""The errors threshold raises on purpose. Each carries a one-line message fit for a user.

ThresholdError
 ├── BadInput         a question, id, filter or argument the user gave is not usable (exit 2, HTTP 4xx)
 │    └── NotFound    an id that names nothing (HTTP 404)
 ├── CorpusError      the corpus folder or manifest cannot be used at all (exit 2)
 ├── DocumentError    one document cannot be read; the rest of the corpus still ingests
 └── IndexUnavailable no index and it cannot be built, or the index on disk is damaged
"""

from __future__ import annotations


class ThresholdError(Exception):
    exit_code = 1


class BadInput(ThresholdError):
    exit_code = 2


class NotFound(BadInput):
    pass


class CorpusError(ThresholdError):
    exit_code = 2


class DocumentError(ThresholdError):
    exit_code = 2

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class IndexUnavailable(ThresholdError):
    exit_code = 1
