"""The admin's label scheme: model, validation and loading.  Pure Python, no Qt."""
from .channels import CHANNELS, Channel, channel
from .errors import SchemeError, SchemeProblem, SchemeTooNew
from .loader import builtin_names, load_builtin, load_scheme, parse_scheme
from .scheme import (ALLOWED, CONDITIONAL, FORBIDDEN, SUBLABEL_SEPARATOR, VERDICTS, Label, Markings, RuleMap,
                     Scheme, SharingRule)
from .scheme_format import FORMAT as SCHEME_FORMAT
from .text import LocalText

__all__ = ["Scheme", "Label", "SharingRule", "Markings", "RuleMap", "LocalText", "Channel", "CHANNELS", "channel",
           "ALLOWED", "CONDITIONAL", "FORBIDDEN", "VERDICTS", "SUBLABEL_SEPARATOR",
           "SchemeError", "SchemeProblem", "SchemeTooNew", "SCHEME_FORMAT",
           "load_scheme", "load_builtin", "parse_scheme", "builtin_names"]
