"""The admin's label scheme: model, validation and loading.  Pure Python, no Qt."""
from .errors import SchemeError
from .loader import load_builtin, load_scheme
from .scheme import Label, Scheme

__all__ = ["Scheme", "Label", "SchemeError", "load_scheme", "load_builtin"]
