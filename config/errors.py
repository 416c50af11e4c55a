"""The error types a user sees: each says what went wrong and which file or setting to fix."""

from __future__ import annotations


class SummitError(Exception):
    """Base class for errors shown to users as one readable line."""


class ConfigError(SummitError):
    """A setting has a value the program cannot use."""


class CorpusParseError(SummitError):
    """A corpus file could not be parsed."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        self.path = path
        self.line = line
        self.reason = reason
        super().__init__(f"{path}:{line}: {reason}")


class CorpusEmptyError(SummitError):
    """The corpus directory holds no usable document."""


class ModelError(SummitError):
    """The embedding model is missing, damaged or cannot be built."""


class StoreUnavailableError(SummitError):
    """The vector store cannot be opened or queried."""


class IndexBuildError(SummitError):
    """A new index failed its checks; the previous index stays in use."""


class QuestionError(SummitError):
    """The question cannot be answered as typed (empty, too long, no words)."""


class EvalFileError(SummitError):
    """An evaluation file that cannot be read, or holds no usable row."""


class ReferenceNotFoundError(SummitError):
    """A footnote number has no reference entry."""


class DiscordUnavailableError(SummitError):
    """Discord (or the configured API) cannot be reached."""
