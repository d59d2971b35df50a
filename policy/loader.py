"""Reading an admin's scheme file (TOML) into a validated `Scheme`.

Admins write these files by hand, so every problem is reported at once, each
with its line and the field it is about
(`corporate.toml, line 57, labels[2].sharing.print.verdict: ...`), and a typo
in a key is an error rather than a silently ignored setting.  Things that do
not stop the scheme (a channel it does not name) are kept, with their lines,
in `Scheme.warnings`.  The format is documented in docs/scheme.md.

Who does what:
  policy/loader.py          files, bytes, TOML, the format version, messages with lines
  policy/toml_shape.py      size and shape limits, checked before parsing
  policy/scheme_pieces.py   a large scheme read one label at a time
  policy/scheme_memory.py   equal values shared, and a bound on what the labels keep
  policy/scheme_format.py   which scheme formats this app reads
  policy/scheme_reader.py   [scheme], [[hints]], [[tips]], [recognise]
  policy/label_reader.py    [[labels]]: sublabels, sharing rules, markings, mappings
  policy/channel_defaults.py  the rule for a channel a scheme does not name
  policy/fields.py          generic checks of TOML values
"""
from __future__ import annotations

import dataclasses
import importlib.resources
import tomllib
from pathlib import Path

from .errors import SchemeError, SchemeProblem, SchemeTooNew
from .locate import Locator
from .scheme import Scheme
from .scheme_format import FORMAT, too_new, too_new_reason
from .scheme_memory import SchemeTooLarge
from .scheme_pieces import MAX_PROBLEMS, BoundedReader, PieceLocator, Pieces, StoppedReading, toml_error
from .toml_shape import MAX_BYTES, ShapeError, check_shape

BUILTIN_PACKAGE = "resources"
BUILTIN_FOLDER = "schemes"
BUILTIN_NAMES = ("corporate", "tlp")


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
    memory or time: such a file is refused with one sentence.  A text larger
    than toml_shape.PIECE_BYTES is parsed one piece at a time
    (policy.scheme_pieces), and what its labels keep is bounded
    (policy.scheme_memory).
    """
    try:
        shape = check_shape(data)
    except ShapeError as exc:
        raise SchemeError(f"{source}: refused before reading: {exc}", source=source) from None
    if shape.whole:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemeError(f"{source}: is not UTF-8 text (byte {exc.start}).", source=source) from None
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise toml_error(source, exc) from None

        def locate() -> Locator | PieceLocator:
            return Locator(text)
    else:
        document, piece_locator = Pieces(data, shape, source).document()

        def locate() -> Locator | PieceLocator:
            return piece_locator
    declared = too_new(document)
    if declared is not None:
        raise SchemeTooNew(source, declared, FORMAT, too_new_reason(declared),
                           line=locate().line_of("scheme.format"))
    reader = BoundedReader()
    stopped = False
    try:
        scheme = reader.scheme(document)
    except SchemeTooLarge as exc:
        raise SchemeError(f"{source}: refused while reading: {exc}, far more than a scheme needs, so it was "
                          f"not read.", source=source) from None
    except StoppedReading:
        scheme, stopped = None, True
    locator = locate() if reader.problems or reader.warnings else None
    if reader.problems:
        details = _located(reader.problems, locator)
        if len(details) == 1:
            message = f"{source}, {details[0]}" if details[0].line else f"{source}: {details[0]}"
        else:
            stop = f" (reading stopped after {MAX_PROBLEMS:,})" if stopped else ""
            message = f"{source}: {len(details)} problems{stop}:\n" + "\n".join(f"  {d}" for d in details)
        raise SchemeError(message, source=source, details=details)
    assert scheme is not None
    if not reader.warnings:
        return scheme
    return dataclasses.replace(scheme, warnings=_located(reader.warnings, locator))


def _located(found: list[tuple[str, str]], locator: Locator | PieceLocator | None) -> tuple[SchemeProblem, ...]:
    return tuple(SchemeProblem(where, locator.line_of(where) if locator else None, text)
                 for where, text in found)
