"""Reading an admin's scheme file (TOML) into a validated `Scheme`.

Admins write these files by hand, so every problem is reported at once, each
with its line and the field it is about
(`corporate.toml, line 57, labels[2].sharing.print.verdict: ...`), and a typo
in a key is an error rather than a silently ignored setting.  Things that do
not stop the scheme (a channel it does not name) are kept, with their lines,
in `Scheme.warnings`.  The format is documented in docs/scheme.md.

Who does what:
  policy/loader.py          files, bytes, TOML, the format version, messages with lines
  policy/scheme_format.py   which scheme formats this app reads
  policy/scheme_reader.py   [scheme], [[hints]], [[tips]], [recognise]
  policy/label_reader.py    [[labels]]: sublabels, sharing rules, markings, mappings
  policy/channel_defaults.py  the rule for a channel a scheme does not name
  policy/fields.py          generic checks of TOML values
"""
from __future__ import annotations

import dataclasses
import importlib.resources
import re
import tomllib
from pathlib import Path

from .errors import SchemeError, SchemeProblem, SchemeTooNew
from .locate import Locator
from .scheme import Scheme
from .scheme_format import FORMAT, too_new, too_new_reason
from .scheme_reader import SchemeReader
from .toml_shape import MAX_BYTES, ShapeError, check_shape

BUILTIN_PACKAGE = "resources"
BUILTIN_FOLDER = "schemes"
BUILTIN_NAMES = ("corporate", "tlp")

_TOML_POSITION = re.compile(r"^(?P<text>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)


def load_scheme(path: str | Path) -> Scheme:
    """The scheme in a TOML file; SchemeError names every problem found."""
    path = Path(path)
    try:
        data = read_limited(path)
    except OSError as exc:
        raise SchemeError(f"{path}: cannot be read ({exc.strerror or exc}).", source=str(path)) from None
    return parse_scheme(data, str(path))


def read_limited(path: str | Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a scheme file, but never more than `limit` + 1 of them (enough for
    `parse_scheme` to refuse a file that is too large without holding all of it)."""
    with open(path, "rb") as f:
        return f.read(limit + 1)


def builtin_names() -> tuple[str, ...]:
    """The names of the schemes shipped with the app ("corporate", "tlp", ...)."""
    folder = importlib.resources.files(BUILTIN_PACKAGE) / BUILTIN_FOLDER
    return tuple(sorted(f.name[:-5] for f in folder.iterdir() if f.name.endswith(".toml")))


def load_builtin(name: str = "corporate") -> Scheme:
    """A scheme shipped with the app: "corporate" or "tlp"."""
    available = builtin_names()
    if name not in available:
        raise SchemeError(f"There is no built-in scheme named {name!r}; available: "
                          f"{', '.join(available) or 'none'}.")
    resource = importlib.resources.files(BUILTIN_PACKAGE) / BUILTIN_FOLDER / f"{name}.toml"
    return parse_scheme(resource.read_bytes(), str(resource))


def parse_scheme(data: bytes, source: str) -> Scheme:
    """Validate the bytes of a scheme file; `source` names it in messages.

    A scheme of a newer format than this app reads raises SchemeTooNew (a
    SchemeError).  The returned Scheme's `warnings` hold what the admin
    should review although the scheme is usable.

    The text's size and shape are checked before it is parsed
    (policy.toml_shape), so that a hostile file cannot take the machine's
    memory or time: such a file is refused with one sentence.
    """
    try:
        check_shape(data)
    except ShapeError as exc:
        raise SchemeError(f"{source}: refused before reading: {exc}", source=source) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemeError(f"{source}: is not UTF-8 text (byte {exc.start}).", source=source) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_POSITION.match(str(exc))
        if match:
            problem = SchemeProblem("", int(match["line"]),
                                    f"not valid TOML: {match['text']} (column {match['column']})")
            raise SchemeError(f"{source}, {problem}", source=source, details=(problem,)) from None
        raise SchemeError(f"{source}: not valid TOML: {exc}", source=source) from None
    declared = too_new(document)
    if declared is not None:
        raise SchemeTooNew(source, declared, FORMAT, too_new_reason(declared),
                           line=Locator(text).line_of("scheme.format"))
    reader = SchemeReader()
    scheme = reader.scheme(document)
    locator = Locator(text) if reader.problems or reader.warnings else None
    if reader.problems:
        details = _located(reader.problems, locator)
        if len(details) == 1:
            message = f"{source}, {details[0]}" if details[0].line else f"{source}: {details[0]}"
        else:
            message = f"{source}: {len(details)} problems:\n" + "\n".join(f"  {d}" for d in details)
        raise SchemeError(message, source=source, details=details)
    assert scheme is not None
    if not reader.warnings:
        return scheme
    return dataclasses.replace(scheme, warnings=_located(reader.warnings, locator))


def _located(found: list[tuple[str, str]], locator: Locator | None) -> tuple[SchemeProblem, ...]:
    return tuple(SchemeProblem(where, locator.line_of(where) if locator else None, text)
                 for where, text in found)
