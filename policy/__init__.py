"""The admin's label scheme: model, validation and loading.  Pure Python, no Qt."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .channels import Channel, channel
from .errors import SchemeError, SchemeProblem, SchemeTooNew
from .scheme import (ALLOWED, CONDITIONAL, FORBIDDEN, SUBLABEL_SEPARATOR, VERDICTS, Label, Markings, RuleMap,
                     Scheme, SharingRule)
from .scheme_format import FORMAT as SCHEME_FORMAT
from .text import LocalText

if TYPE_CHECKING:
    from pathlib import Path

    from .channels import CHANNELS

# The reader (TOML, validation) is imported when a scheme is read, not with the model: the scheme in force
# usually comes from its compiled copy (policy/compiled.py).


def __getattr__(name: str):
    """`CHANNELS` (policy.channels), whose names are made from the catalogues when first asked for."""
    if name == "CHANNELS":
        from . import channels

        return channels.CHANNELS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_scheme(path: str | Path) -> Scheme:
    """The scheme in a TOML file (policy.loader.load_scheme)."""
    from .loader import load_scheme as load

    return load(path)


def load_builtin(name: str = "corporate") -> Scheme:
    """A scheme shipped with the app (policy.loader.load_builtin)."""
    from .loader import load_builtin as load

    return load(name)


def parse_scheme(data: bytes, source: str) -> Scheme:
    """Validate the bytes of a scheme file (policy.loader.parse_scheme)."""
    from .loader import parse_scheme as parse

    return parse(data, source)


def builtin_names() -> tuple[str, ...]:
    """The names of the schemes shipped with the app (policy.loader.builtin_names)."""
    from .loader import builtin_names as names

    return names()


__all__ = ["Scheme", "Label", "SharingRule", "Markings", "RuleMap", "LocalText", "Channel", "CHANNELS", "channel",
           "ALLOWED", "CONDITIONAL", "FORBIDDEN", "VERDICTS", "SUBLABEL_SEPARATOR",
           "SchemeError", "SchemeProblem", "SchemeTooNew", "SCHEME_FORMAT",
           "load_scheme", "load_builtin", "parse_scheme", "builtin_names"]
