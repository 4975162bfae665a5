"""termcheck: terminology mapping and consistency checker for programme documents."""

__version__ = "0.1.0"
