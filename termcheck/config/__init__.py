"""Configuration: find it, load it, validate it, merge it with the command line.

Pure: nothing here prints. Problems raise :class:`~termcheck.errors.ConfigError` whose
lines each name ``file:line`` (``file:line:column`` for YAML).

Where the configuration comes from, first found wins:

1. ``--config FILE`` (a ``.yaml``/``.yml`` file, or a ``pyproject.toml`` with a
   ``[tool.termcheck]`` table);
2. otherwise the nearest of ``termcheck.yaml``, ``.termcheck.yaml`` or a
   ``pyproject.toml`` holding ``[tool.termcheck]`` (checked in that order in each
   folder), walking up from the working directory and stopping at the repository root
   (the first folder holding ``.git``);
3. otherwise the defaults.

Every command-line option that the configuration also sets wins over the file.

Paths and globs in a configuration file are relative to the folder holding it. Globs
follow ``.gitignore`` rules (through :mod:`pathspec`): ``**`` spans folders, a glob with
no slash matches a name at any depth, a glob naming a folder covers everything in it.
"""
from __future__ import annotations

from .files import discover, display_path
from .load import FileConfig, Value, VocabularyRule, load
from .globs import _spec, glob_match, relative
from .merge import Config, defaults, resolve
from .schema import COMMAND_LINE, CONFIG_NAMES, DEFAULT, FAIL_ON, KEYS, PYPROJECT, VOCAB_NAME

__all__ = ["COMMAND_LINE", "CONFIG_NAMES", "DEFAULT", "FAIL_ON", "KEYS", "PYPROJECT", "VOCAB_NAME", "Config",
           "FileConfig", "Value", "VocabularyRule", "defaults", "discover", "display_path", "glob_match",
           "load", "relative", "resolve", "_spec"]
