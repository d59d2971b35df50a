"""Reading a large scheme piece by piece, in bounded memory.

`tomllib` holds a whole document in memory at several times the size of its
text (the built-in scheme's labels repeated to 8,050, 37 MB of TOML, take
about 230 MB to parse at once).  A scheme larger than
`toml_shape.PIECE_BYTES` is therefore parsed in pieces that the shape scan
found (policy/toml_shape.py): everything outside the `[[labels]]` tables as
one document, then each label, with everything under it, on its own, just
before the reader turns it into a Label and lets its table go.  What the
labels keep is bounded by policy/scheme_memory.py.

This gives the document `tomllib` would give: a `[[labels]]` table and the
tables under it (`[labels.name]`, `[[labels.sublabels]]`, ...) only ever add
to the last label, and nothing outside them reaches into them.  The one
layout that differs, `labels` defined outside `[[labels]]` tables as well as
by them, is refused, as tomllib refuses it.  Line numbers in messages are
those of the whole file.
"""
from __future__ import annotations

import bisect
import re
import tomllib
from array import array
from collections.abc import Iterator
from typing import Any, cast

from .errors import SchemeError, SchemeProblem
from .locate import Locator, parse_path
from .scheme_memory import Interner
from .scheme_reader import SchemeReader
from .toml_shape import LABEL, REST, Shape

MAX_PROBLEMS = 1000  # a large scheme's reading stops after this many problems

_TOML_POSITION = re.compile(r"^(?P<text>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$", re.S)


class StoppedReading(Exception):
    """More than MAX_PROBLEMS problems: the reader stopped (its problems so far are kept)."""


def toml_error(source: str, exc: tomllib.TOMLDecodeError, line_of=lambda line: line) -> SchemeError:
    """The SchemeError for a TOML syntax error; `line_of` maps the parsed text's lines to the file's."""
    match = _TOML_POSITION.match(str(exc))
    if match:
        problem = SchemeProblem("", line_of(int(match["line"])),
                                f"not valid TOML: {match['text']} (column {match['column']})")
        return SchemeError(f"{source}, {problem}", source=source, details=(problem,))
    return SchemeError(f"{source}: not valid TOML: {exc}", source=source)


class _Piece:
    """The text of one piece (joined from its segments) and how its lines map to the file's."""

    def __init__(self, data: bytes, segments: list[tuple[int, int, int]]) -> None:
        self.segments = segments  # (start, end, first line in the file)
        self.data = b"".join(data[start:end] for start, end, _ in segments)
        self.local_lines = array("q")  # the piece's line where each segment starts
        line = 1
        for start, end, _ in segments:
            self.local_lines.append(line)
            line += data.count(b"\n", start, end)

    def file_line(self, local: int) -> int:
        if not self.segments:
            return local
        index = max(0, bisect.bisect_right(self.local_lines, local) - 1)
        return self.segments[index][2] + local - self.local_lines[index]

    def file_offset(self, local: int) -> int:
        for start, end, _ in self.segments:
            if local < end - start:
                return start + local
            local -= end - start
        return local

    def parse(self, source: str) -> tuple[str, dict[str, Any]]:
        try:
            text = self.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemeError(f"{source}: is not UTF-8 text (byte {self.file_offset(exc.start)}).",
                              source=source) from None
        try:
            return text, tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise toml_error(source, exc, self.file_line) from None


class Pieces:
    """A large scheme text cut where its shape scan found the pieces."""

    def __init__(self, data: bytes, shape: Shape, source: str) -> None:
        self.data, self.source = data, source
        starts, kinds = array("q", [0]), bytearray([REST])
        for start, kind in zip(shape.piece_starts, shape.piece_kinds):
            if start == starts[-1]:
                kinds[-1] = kind  # a header at the very start of the text
            else:
                starts.append(start)
                kinds.append(kind)
        self.starts, self.kinds = starts, kinds
        self.lines = array("q")  # the file's line where each segment starts
        line, previous = 1, 0
        for start in starts:
            line += data.count(b"\n", previous, start)
            self.lines.append(line)
            previous = start
        self.first_segment = array("q", (i for i, kind in enumerate(kinds) if kind == LABEL))

    def __len__(self) -> int:
        return len(self.first_segment)

    def _segment(self, index: int) -> tuple[int, int, int]:
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.data)
        return self.starts[index], end, self.lines[index]

    def rest(self) -> _Piece:
        return _Piece(self.data, [self._segment(i) for i, kind in enumerate(self.kinds) if kind == REST])

    def label(self, number: int) -> _Piece:
        """The piece of label `number` (0-based): its [[labels]] segment and those that continue it."""
        first = self.first_segment[number]
        last = self.first_segment[number + 1] if number + 1 < len(self) else len(self.starts)
        return _Piece(self.data, [self._segment(i) for i in range(first, last) if self.kinds[i] != REST])

    def label_table(self, number: int) -> dict[str, Any]:
        _, document = self.label(number).parse(self.source)
        items = document.get("labels")
        if len(document) != 1 or not isinstance(items, list) or len(items) != 1 or not isinstance(items[0], dict):
            line = self.lines[self.first_segment[number]]  # cannot happen: the piece is one [[labels]] table
            raise SchemeError(f"{self.source}, line {line}: not valid TOML: this label could not be read on its "
                              f"own", source=self.source)
        return items[0]

    def document(self) -> tuple[dict[str, Any], PieceLocator]:
        """The document outside the labels, with the labels to come (`LabelPieces`) as `labels`."""
        rest = self.rest()
        text, document = rest.parse(self.source)
        locator = PieceLocator(self, rest, text)
        if "labels" in document and len(self):
            line = locator.line_of("labels")
            problem = SchemeProblem("", line, "not valid TOML: labels is defined here and also by [[labels]] "
                                              "tables")
            raise SchemeError(f"{self.source}, {problem}", source=self.source, details=(problem,))
        if len(self):
            document["labels"] = LabelPieces(self)
        return document, locator


class LabelPieces:
    """The labels of a large scheme, each parsed when the reader comes to it."""

    def __init__(self, pieces: Pieces) -> None:
        self.pieces = pieces
        self.reader: BoundedReader | None = None  # set by the reader: it stops when it has too many problems

    def __len__(self) -> int:
        return len(self.pieces)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for number in range(len(self.pieces)):
            if self.reader is not None and len(self.reader.problems) >= MAX_PROBLEMS:
                raise StoppedReading()
            yield self.pieces.label_table(number)


class PieceLocator:
    """`Locator.line_of` for a scheme read in pieces: each label located in its own piece."""

    def __init__(self, pieces: Pieces, rest: _Piece, rest_text: str) -> None:
        self.pieces, self.rest = pieces, rest
        self.rest_locator = Locator(rest_text)
        self._label: tuple[int, _Piece, Locator] | None = None

    def line_of(self, field: str) -> int | None:
        parts = parse_path(field)
        if len(parts) >= 2 and parts[0] == "labels" and isinstance(parts[1], int) and parts[1] < len(self.pieces):
            number = parts[1]
            if self._label is None or self._label[0] != number:
                piece = self.pieces.label(number)
                self._label = (number, piece, Locator(piece.data.decode("utf-8", "replace")))
            _, piece, locator = self._label
            local = locator.line_of(("labels", 0) + parts[2:])
            return piece.file_line(local) if local is not None else None
        if parts and parts[0] == "labels" and len(self.pieces) and ("labels",) not in self.rest_locator.lines:
            return self.pieces.lines[self.pieces.first_segment[0]]
        local = self.rest_locator.line_of(parts)
        return self.rest.file_line(local) if local is not None else None


class BoundedReader(SchemeReader):
    """The scheme reader, sharing equal values and bounding what it keeps (policy/scheme_memory.py);
    it takes the labels of a large scheme one piece at a time (`LabelPieces`)."""

    def __init__(self, interner: Interner | None = None) -> None:
        super().__init__()
        self.interner = interner or Interner()

    def tables(self, value: Any, where: str, header: str) -> list[dict]:
        if isinstance(value, LabelPieces):
            value.reader = self
            return cast(list, value)  # each piece is one table by construction; iterated once, in order
        return super().tables(value, where, header)

    def problem(self, where: str, text: str) -> None:
        super().problem(where, text)
        self.interner.note(where, text)

    def warning(self, where: str, text: str) -> None:
        super().warning(where, text)
        self.interner.note(where, text)

    def local(self, table: dict, key: str, where: str, *, one_line: bool = False):
        return self.interner.optional(super().local(table, key, where, one_line=one_line))

    def rule(self, value: Any, where: str, channel_id: str | None):
        return self.interner.optional_rule(super().rule(value, where, channel_id))

    def markings(self, value: Any, where: str):
        return self.interner.markings(super().markings(value, where))

    def label(self, value: dict, rank: int, where: str, parent):
        found = super().label(value, rank, where, parent)
        return self.interner.label(found) if found is not None else None
