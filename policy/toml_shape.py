"""Size and shape checks of a scheme's TOML text, made *before* it is parsed.

`tomllib` is a fine parser for the files admins write, but not for hostile
ones: its cost grows with the square of the number of parts of a dotted key
(a 200 KB file with one 100,000-part key takes many gigabytes), arrays or
inline tables nested thousands deep end in a RecursionError, and it holds a
whole document in memory at several times the size of its text.  Scheme
drafts (`labeler scheme validate`, `preview`) and downloads from the admin's
source therefore go through `check_shape` first: one linear pass over the
bytes that knows TOML's strings (basic, literal, and their multi-line forms)
and comments, so that nothing inside them is mistaken for structure, and
that refuses, with one sentence, a text that

- is larger than `MAX_BYTES` (48 MiB: a scheme of 10,000 labels as detailed
  as the built-in ones, 44 MiB, fits);
- has a key of more than `MAX_KEY_PARTS` dotted parts or `MAX_KEY_CHARS`
  bytes (in a `key = value` line, a table header or an inline table);
- nests arrays and inline tables more than `MAX_DEPTH` deep;
- has more than `MAX_TABLES` tables (`[t]`, `[[t]]` headers and inline
  tables), `MAX_KEYS` keys (each part of a dotted key, in a header too,
  counts: the parser builds a table for each) or `MAX_VALUES` values;
- has a *piece* beyond the piece limits (`PIECE_BYTES`, `PIECE_TABLES`,
  `PIECE_KEYS`, `PIECE_VALUES`).

Pieces: a text of at most `PIECE_BYTES` (1 MB) is parsed whole, so it is one
piece.  A larger one is parsed piece by piece (policy/scheme_pieces.py): each
`[[labels]]` table with everything under it (its name, sharing rules,
sublabels, ...) is a piece, and so is everything else together (`[scheme]`,
`[[hints]]`, ...).  The scan records where the pieces are (`Shape.pieces`).
Each piece is within the same limits as a whole small scheme, measured to
parse in well under 200 MB, and what the labels keep once read is bounded
while they are read (policy/scheme_memory.py).

The scanner does not validate TOML: where the text is not TOML it moves on
one byte at a time, and `tomllib` reports the mistake afterwards.  It never
recurses, never decodes the text (a decoded copy can take four times the
bytes), and stops at the first limit it passes.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

MAX_BYTES = 48 * 1024 * 1024
MAX_KEY_PARTS = 16  # in one dotted key
MAX_KEY_CHARS = 1024  # bytes in one dotted key
MAX_DEPTH = 32
MAX_TABLES = 400_000  # [table] and [[array]] headers, inline tables
MAX_KEYS = 1_600_000  # every part of every key: `a.b.c = 1` counts 3
MAX_VALUES = 1_200_000
# One piece: what tomllib parses at once (a whole text up to PIECE_BYTES, else one label or the rest).
PIECE_BYTES = 1024 * 1024
PIECE_TABLES = 10_000
PIECE_KEYS = 50_000
PIECE_VALUES = 100_000

# Kinds of segment in Shape.pieces: a `[[labels]]` header starts a label; a later header under
# `labels.` after other tables continues the last label; anything else is the rest.
REST, LABEL, LABEL_MORE = 0, 1, 2

_SPACE = re.compile(rb"[ \t]+")
_COMMENT = re.compile(rb"#[^\n]*")
_BARE_KEY = re.compile(rb"[A-Za-z0-9_-]+")
# A scalar that is not a string: number, boolean, date, time (a date-time with
# a space in it is read as two of these, which is harmless here).
_SCALAR = re.compile(rb"[^ \t\r\n,\[\]{}#=\"']+")
# Strings are walked with single-class runs and `find`, never with a repeated group: the regex
# engine keeps a mark per repetition of a group, which for a 1 MB string is over 100 MB.
_BASIC_RUN = re.compile(rb'[^"\\\n]*')
_ML_BASIC_RUN = re.compile(rb'[^"\\]*')
_LITERAL = re.compile(rb"'[^'\n]*'")
_LABELS_KEYS = (b"labels", b'"labels"', b"'labels'")

# Bytes compared as numbers (indexing bytes gives ints).
_TAB, _LF, _CR, _SP, _QUOTE, _HASH, _APOS, _COMMA, _DOT, _EQ, _BACKSLASH = b"\t\n\r \"#',.=\\"
_LBRACKET, _RBRACKET, _LBRACE, _RBRACE = b"[]{}"

# What the scanner expects next.
_STATEMENT, _VALUE, _AFTER_VALUE, _INLINE_KEY, _END_OF_LINE = range(5)


class ShapeError(ValueError):
    """A TOML text refused before parsing; the message is one sentence (without the file's name)."""


@dataclass
class _Counts:
    """What the limits count, in the whole text (Shape) or in one piece (_Count): checked against the
    whole-text limits (MAX_*) or the piece limits (PIECE_*)."""

    size: int = 0  # bytes
    tables: int = 0
    keys: int = 0
    values: int = 0


@dataclass
class Shape(_Counts):
    """What the scan found (for the piecewise reader, tests and messages)."""

    longest_key_parts: int = 0
    longest_key_chars: int = 0
    depth: int = 0
    labels: int = 0  # [[labels]] headers at the top level
    # Where each segment starts (byte offset) and its kind (REST, LABEL, LABEL_MORE); the first
    # segment, at 0, is REST.  Only recorded for a text larger than PIECE_BYTES.
    piece_starts: array = field(default_factory=lambda: array("q"))
    piece_kinds: bytearray = field(default_factory=bytearray)

    @property
    def whole(self) -> bool:
        """Whether the text is parsed at once (else piece by piece)."""
        return self.size <= PIECE_BYTES


@dataclass
class _Count(_Counts):
    """Tables, keys and values of one piece (or of the whole text, when it is parsed at once)."""

    start: int = 0  # where the piece starts (byte offset), for messages


def check_size(size: int, limit: int | None = None) -> None:
    """ShapeError if `size` bytes is more than a scheme may be."""
    limit = MAX_BYTES if limit is None else limit
    if size > limit:
        raise ShapeError(f"it is larger than the {_size(limit)} a scheme may be, so it was not read.")


def check_shape(data: bytes | str) -> Shape:
    """The shape of a TOML text, or ShapeError (one sentence) if it passes a limit.

    Linear in the length of the text; bounded memory (a few counters, a stack
    of at most MAX_DEPTH entries and, for a large text, where its pieces start).
    """
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    check_size(len(data))
    return _Scanner(data).run()


class _Scanner:
    def __init__(self, text: bytes):
        self.text = text
        self.n = len(text)
        self.shape = Shape(size=self.n)
        self.stack = bytearray()  # "[" array, "{" inline table
        self.rest = _Count()
        self.piece = self.rest  # the piece being scanned
        self.group = REST  # the kind of the segment being scanned
        self.first_part = b""  # of the last key read
        self.label_piece = self.rest  # the last label's piece

    # -- limits ----------------------------------------------------------------
    def _line(self, index: int) -> int:
        return self.text.count(b"\n", 0, index) + 1

    def _over(self, kind: str, name: str, whole_limit: int, piece_limit: int, at: int) -> None:
        """ShapeError for a count past its limit: the piece's, or the whole text's."""
        line = self._line(at)
        piece = self.piece
        if self.shape.whole:
            raise ShapeError(f"it has more than {piece_limit:,} {name} (line {line}), far more than a scheme "
                             f"needs, so it was not read.")
        if getattr(piece, kind) <= piece_limit:
            raise ShapeError(f"it has more than {whole_limit:,} {name} (line {line}), far more than a scheme "
                             f"needs, so it was not read.")
        if piece is self.rest:
            raise ShapeError(f"it has more than {piece_limit:,} {name} outside its [[labels]] tables "
                             f"(line {line}), far more than a scheme needs, so it was not read.")
        raise ShapeError(f"the label that starts on line {self._line(piece.start)} has more than "
                         f"{piece_limit:,} {name} with its sublabels (line {line}), far more than a label needs, "
                         f"so it was not read.")

    # The whole text is one piece when it is small: its counts are the piece's, checked against the
    # piece limits (smaller than the whole-text ones).
    def _tables(self, at: int) -> None:
        self.shape.tables += 1
        self.piece.tables += 1
        if self.piece.tables > PIECE_TABLES or self.shape.tables > MAX_TABLES:
            self._over("tables", "tables", MAX_TABLES, PIECE_TABLES, at)

    def _keys(self, at: int, parts: int) -> None:
        self.shape.keys += parts
        self.piece.keys += parts
        if self.piece.keys > PIECE_KEYS or self.shape.keys > MAX_KEYS:
            self._over("keys", "keys, counting each part of a dotted key", MAX_KEYS, PIECE_KEYS, at)

    def _values(self, at: int) -> None:
        self.shape.values += 1
        self.piece.values += 1
        if self.piece.values > PIECE_VALUES or self.shape.values > MAX_VALUES:
            self._over("values", "values", MAX_VALUES, PIECE_VALUES, at)

    def _open(self, kind: int, at: int) -> None:
        self.stack.append(kind)
        depth = len(self.stack)
        if depth > self.shape.depth:
            self.shape.depth = depth
            if depth > MAX_DEPTH:
                raise ShapeError(f"arrays and inline tables are nested more than {MAX_DEPTH} deep "
                                 f"(line {self._line(at)}), which no scheme needs, so it was not read.")
        if kind == _LBRACE:
            self._tables(at)

    # -- pieces ------------------------------------------------------------------
    def _header(self, at: int, double: bool, parts: int) -> None:
        """A `[table]` or `[[array]]` header at `at`: which piece it belongs to, for a large text."""
        if self.shape.whole or not parts:
            return
        under_labels = self.first_part in _LABELS_KEYS
        if double and parts == 1 and under_labels:
            self.shape.labels += 1
            self._switch(at, LABEL, _Count(start=at))
        elif under_labels and self.shape.labels:
            if self.group == REST:  # e.g. [labels.name] after [[hints]]: still the last label's
                self._switch(at, LABEL_MORE, self.label_piece)
        elif self.group != REST:
            self._switch(at, REST, self.rest)

    def _switch(self, at: int, kind: int, piece: _Count) -> None:
        self._close_segment(at)
        self.shape.piece_starts.append(at)
        self.shape.piece_kinds.append(kind)
        self.group = LABEL if kind != REST else REST
        self.piece = piece
        if kind != REST:
            self.label_piece = piece

    def _close_segment(self, end: int) -> None:
        starts = self.shape.piece_starts
        start = starts[-1] if starts else 0
        self.piece.size += end - start
        if self.piece.size > PIECE_BYTES:
            where = ("the part outside its [[labels]] tables" if self.piece is self.rest
                     else f"the label that starts on line {self._line(self.piece.start)}, with its sublabels,")
            raise ShapeError(f"{where} is larger than {_size(PIECE_BYTES)}, far more than a scheme needs, "
                             f"so it was not read.")

    # -- tokens ----------------------------------------------------------------
    def _string(self, i: int) -> int:
        """The end of the string starting at i (the end of the text if it is not closed)."""
        text, n = self.text, self.n
        if text.startswith(b"'''", i):
            end = text.find(b"'''", i + 3)
            return n if end < 0 else _quotes_end(text, end + 3, _APOS)
        if text[i] == _APOS:
            match = _LITERAL.match(text, i)
            return match.end() if match else n
        multi_line = text.startswith(b'"""', i)
        run = _ML_BASIC_RUN if multi_line else _BASIC_RUN
        i += 3 if multi_line else 1
        while True:
            match = run.match(text, i)
            assert match is not None  # a run may be empty
            i = match.end()
            if i >= n:
                return n
            c = text[i]
            if c == _BACKSLASH:
                i += 2  # an escape: the next byte is never the end
            elif c == _LF:
                return n  # a one-line string left open: not TOML, tomllib says so
            elif not multi_line:
                return i + 1
            elif text.startswith(b'"""', i):
                return _quotes_end(text, i + 3, _QUOTE)
            else:
                i += 1  # one or two quotes inside a multi-line string

    def _key(self, i: int, count: bool = True) -> tuple[int, int]:
        """Read a (dotted) key at i: (where it ends, or i itself if there is none; its parts)."""
        text, n = self.text, self.n
        start, parts, end = i, 0, i
        while True:
            match = _SPACE.match(text, i)
            if match:
                i = match.end()
            if i >= n:
                break
            c = text[i]
            part_start = i
            if c == _QUOTE or c == _APOS:
                if text.startswith(b'"""' if c == _QUOTE else b"'''", i):
                    break  # a multi-line string is not a key
                i = self._string(i)
            else:
                match = _BARE_KEY.match(text, i)
                if not match:
                    break
                i = match.end()
            if not parts:
                self.first_part = text[part_start:i] if i - part_start <= 8 else b""
            parts += 1
            end = i
            if parts > MAX_KEY_PARTS or end - start > MAX_KEY_CHARS:
                what = (f"more than {MAX_KEY_PARTS} dotted parts" if parts > MAX_KEY_PARTS
                        else f"more than {MAX_KEY_CHARS:,} bytes")
                raise ShapeError(f"a key on line {self._line(start)} has {what}, which no scheme needs, "
                                 f"so it was not read.")
            match = _SPACE.match(text, i)
            if match:
                i = match.end()
            if i < n and text[i] == _DOT:
                i += 1
                continue
            break
        if parts:
            shape = self.shape
            shape.longest_key_parts = max(shape.longest_key_parts, parts)
            shape.longest_key_chars = max(shape.longest_key_chars, end - start)
            if count:
                self._keys(start, parts)
        return (end if parts else start), parts

    def _key_value(self, i: int) -> tuple[int, int]:
        """A `key =` at i: (position after it, next state); unchanged position if there is none."""
        end, _ = self._key(i)
        if end == i:
            return i, -1
        match = _SPACE.match(self.text, end)
        if match:
            end = match.end()
        if end < self.n and self.text[end] == _EQ:
            return end + 1, _VALUE
        return end, _END_OF_LINE  # not TOML; tomllib will say so

    # -- the pass ----------------------------------------------------------------
    def run(self) -> Shape:
        text, n, stack = self.text, self.n, self.stack
        i, state = 0, _STATEMENT
        while i < n:
            c = text[i]
            if c == _SP or c == _TAB:
                space = _SPACE.match(text, i)
                assert space is not None  # text[i] is a space
                i = space.end()
                continue
            if c == _HASH:
                comment = _COMMENT.match(text, i)
                assert comment is not None  # text[i] is "#"
                i = comment.end()
                continue
            if c == _LF or c == _CR:
                i += 1
                if not stack:
                    state = _STATEMENT
                continue
            if state == _STATEMENT:
                if c == _LBRACKET:
                    double = text.startswith(b"[[", i)
                    at = i
                    i, parts = self._key(i + (2 if double else 1), count=False)
                    self._header(at, double, parts)
                    self._tables(at)
                    if parts:
                        self._keys(at, parts)
                    state = _END_OF_LINE
                    match = _SPACE.match(text, i)
                    if match:
                        i = match.end()
                    close = b"]]" if double else b"]"
                    if text.startswith(close, i):
                        i += len(close)
                    continue
                j, next_state = self._key_value(i)
                if j == i:
                    i += 1  # not TOML; move on
                    continue
                i, state = j, next_state
                continue
            if state == _VALUE:
                if c == _LBRACKET or c == _LBRACE:
                    self._values(i)
                    self._open(c, i)
                    i += 1
                    if c == _LBRACE:
                        state = _INLINE_KEY  # else an element follows, or "]"
                    continue
                if c == _RBRACKET and stack and stack[-1] == _LBRACKET:
                    stack.pop()  # an empty array, or a comma before "]"
                    i += 1
                    state = _AFTER_VALUE
                    continue
                self._values(i)
                if c == _QUOTE or c == _APOS:
                    i = self._string(i)
                else:
                    match = _SCALAR.match(text, i)
                    i = match.end() if match else i + 1
                state = _AFTER_VALUE
                continue
            if state == _INLINE_KEY:
                if c == _RBRACE and stack and stack[-1] == _LBRACE:
                    stack.pop()
                    i += 1
                    state = _AFTER_VALUE
                    continue
                j, next_state = self._key_value(i)
                if j == i:
                    i += 1
                    continue
                i, state = j, next_state
                continue
            if state == _AFTER_VALUE:
                if c == _COMMA and stack:
                    i += 1
                    state = _VALUE if stack[-1] == _LBRACKET else _INLINE_KEY
                    continue
                if (c == _RBRACKET or c == _RBRACE) and stack and stack[-1] == (
                        _LBRACKET if c == _RBRACKET else _LBRACE):
                    stack.pop()
                    i += 1
                    continue
                # The second half of a date-time, or text that is not TOML.
                if c == _QUOTE or c == _APOS:
                    i = self._string(i)
                else:
                    match = _SCALAR.match(text, i)
                    i = match.end() if match else i + 1
                continue
            # _END_OF_LINE: after a header or a broken line, until the newline.
            if c == _QUOTE or c == _APOS:
                i = self._string(i)
            else:
                i += 1
        if not self.shape.whole:
            self._close_segment(n)
        return self.shape


def _quotes_end(text: bytes, end: int, quote: int) -> int:
    """After a closing triple quote at end - 3: up to two more quotes still belong to the string."""
    for _ in range(2):
        if end < len(text) and text[end] == quote:
            end += 1
    return end


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB" if n % (1024 * 1024) == 0 else f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
