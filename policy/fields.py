"""Reading the fields of a parsed TOML document while collecting problems.

`FieldReader` checks one value at a time (a table and its keys, a string, a
whole number, a GUID, a list of strings, a text in several languages) and,
instead of stopping at the first problem, records each one with the path of
the field it is about (`labels[2].sharing.print.verdict`).  The scheme
readers (policy/label_reader.py, policy/scheme_reader.py) build on it;
policy/loader.py turns the recorded paths into line numbers.
"""
from __future__ import annotations

import re
from typing import Any

from .locate import format_path
from .scheme import normalize_guid
from .text import DEFAULT_LANGUAGE, LocalText

_GUID = re.compile(r"^\{?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def kind(value: Any) -> str:
    """How a TOML value is called in a message: "a string", "a table", "true/false", ..."""
    if isinstance(value, bool):
        return "true/false"
    return {str: "a string", int: "a number", float: "a number", dict: "a table",
            list: "an array"}.get(type(value), type(value).__name__)


def key_path(where: str, key: str) -> str:
    """The path of `key` inside the table at `where` ("labels[0]" + "name" -> "labels[0].name")."""
    return f"{where}.{format_path((key,))}" if where else format_path((key,))


class FieldReader:
    """Generic checks of TOML values; `problems` and `warnings` hold (path, sentence) pairs."""

    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []

    def problem(self, where: str, text: str) -> None:
        self.problems.append((where, text))

    def warning(self, where: str, text: str) -> None:
        """Something the admin should know that does not stop the scheme from being used."""
        self.warnings.append((where, text))

    def table(self, value: Any, where: str, allowed: tuple[str, ...],
              required: tuple[str, ...], what: str = "") -> dict | None:
        if not isinstance(value, dict):
            self.problem(where, f"must be a table{what}, not {kind(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.problem(key_path(where, key), f"unknown key (allowed here: {', '.join(allowed)})")
        for key in required:
            if key not in value:
                self.problem(key_path(where, key), "is missing")
        return value

    def tables(self, value: Any, where: str, header: str) -> list[dict]:
        """An array of tables ([[header]]), or [] after reporting why not."""
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.problem(where, f"must be an array of tables ([[{header}]]), not {kind(value)}")
            return []
        return value

    def text(self, table: dict, key: str, where: str, default: str | None = None) -> str | None:
        value = table.get(key, default)
        if value is None:
            return None  # missing: reported by table()
        if not isinstance(value, str):
            self.problem(key_path(where, key), f"must be a string, not {kind(value)}")
            return None
        if not value.strip():
            self.problem(key_path(where, key), "must not be empty")
            return None
        return value

    def matching(self, table: dict, key: str, where: str, pattern: re.Pattern, rule: str) -> str | None:
        value = self.text(table, key, where)
        if value is not None and not pattern.match(value):
            self.problem(key_path(where, key), f"{value!r} is not valid: use {rule}")
            return None
        return value

    def integer(self, table: dict, key: str, where: str, low: int, high: int | None = None,
                default: int | None = None) -> int | None:
        value = table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key_path(where, key), f"must be a whole number, not {kind(value)}")
            return None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"{low} or more"
            self.problem(key_path(where, key), f"{value} is out of range ({bounds})")
            return None
        return value

    def boolean(self, table: dict, key: str, where: str, default: bool = False) -> bool | None:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.problem(key_path(where, key), f"must be true or false, not {kind(value)}")
            return None
        return value

    def guid(self, table: dict, key: str, where: str) -> str | None:
        value = self.matching(table, key, where, _GUID,
                              "a GUID like 8b1d2f4e-3c5a-4e6b-9f7d-0a1b2c3d4e01")
        return normalize_guid(value) if value is not None else None

    def choice(self, table: dict, key: str, where: str, options: tuple[str, ...],
               default: str | None = None) -> str | None:
        value = self.text(table, key, where, default)
        if value is not None and value not in options:
            self.problem(key_path(where, key), f"{value!r} is not one of {', '.join(options)}")
            return None
        return value

    def strings(self, table: dict, key: str, where: str, pattern: re.Pattern, rule: str,
                lower: bool = False) -> tuple[str, ...] | None:
        """An array of strings, each matching `pattern` (after lower-casing if `lower`)."""
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem(key_path(where, key), f"must be an array of strings, not {kind(value)}")
            return None
        out: list[str] = []
        ok = True
        for index, item in enumerate(value):
            here = f"{key_path(where, key)}[{index}]"
            if not isinstance(item, str):
                self.problem(here, f"must be a string, not {kind(item)}")
                ok = False
                continue
            item = item.strip().lower() if lower else item.strip()
            if not pattern.match(item):
                self.problem(here, f"{item!r} is not valid: use {rule}")
                ok = False
            elif item in out:
                self.problem(here, f"{item!r} is listed twice")
                ok = False
            else:
                out.append(item)
        return tuple(out) if ok else None

    def local(self, table: dict, key: str, where: str, *, one_line: bool = False) -> LocalText | None:
        """A localised text: a string (English) or a table of texts per language with at least English.

        Only English is required; a language that is missing falls back to it
        (LocalText.get_text), so a scheme never becomes invalid for lack of a
        translation.
        """
        value = table.get(key)
        if value is None:
            return None
        here = key_path(where, key)
        if isinstance(value, str):
            text = self.text(table, key, where)
            if text is None:
                return None
            if one_line and "\n" in text.strip():
                self.problem(here, "must be one line")
                return None
            return LocalText({DEFAULT_LANGUAGE: text.strip() if one_line else text})
        if not isinstance(value, dict):
            self.problem(here, f"must be a string (English) or a table of texts per language "
                               f"(en required; nl, fr, … optional), not {kind(value)}")
            return None
        ok = True
        if DEFAULT_LANGUAGE not in value:
            self.problem(f"{here}.{DEFAULT_LANGUAGE}",
                         "is missing (English is required; other languages fall back to it)")
            ok = False
        texts: dict[str, str] = {}
        for lang in value:
            if not _LANGUAGE.match(lang):
                self.problem(key_path(here, lang), "is not a language code such as en, nl, fr or pt-BR")
                ok = False
            elif (text := self.text(value, lang, here)) is None:
                ok = False
            elif one_line and "\n" in text.strip():
                self.problem(key_path(here, lang), "must be one line")
                ok = False
            else:
                texts[lang] = text.strip() if one_line else text
        return LocalText(texts) if ok else None
