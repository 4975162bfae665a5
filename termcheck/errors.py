"""Exceptions that carry a one-line, user-facing message."""
from __future__ import annotations


class TermcheckError(Exception):
    """Base class; ``str(err)`` is the line shown to the user."""


class ReadError(TermcheckError):
    """A document could not be read (missing, not the format its suffix says, empty ...)."""


class GlossaryError(TermcheckError):
    """One or more glossary problems; ``problems`` holds one ``file:line:col: message`` each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class ConfigError(TermcheckError):
    """Bad configuration or usage."""
