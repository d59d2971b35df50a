"""Size and shape checks of a scheme's TOML text, made *before* it is parsed.

`tomllib` is a fine parser for the files admins write, but not for hostile
ones: its cost grows with the square of the number of parts of a dotted key
(a 200 KB file with one 100,000-part key takes many gigabytes), and arrays or
inline tables nested thousands deep end in a RecursionError.  Scheme drafts
(`labeler scheme validate`, `preview`) and downloads from the admin's source
therefore go through `check_shape` first: one linear pass over the text that
knows TOML's strings (basic, literal, and their multi-line forms) and
comments, so that nothing inside them is mistaken for structure, and that
refuses, with one sentence, a text that is

- larger than `MAX_BYTES`;
- has a key of more than `MAX_KEY_PARTS` dotted parts or `MAX_KEY_CHARS`
  characters (in a `key = value` line, a table header or an inline table);
- nests arrays and inline tables more than `MAX_DEPTH` deep;
- has more than `MAX_TABLES` tables (`[t]`, `[[t]]` headers and inline
  tables), `MAX_KEYS` keys (each part of a dotted key, in a header too,
  counts: the parser builds a table for each) or `MAX_VALUES` values.

A real scheme is far below every limit (the built-in ones: about 25 KB,
keys of at most 4 parts, nesting 2 deep, a few hundred tables), and with the
text within them, parsing and validation take a bounded amount of memory.

The scanner does not validate TOML: where the text is not TOML it moves on
one character at a time, and `tomllib` reports the mistake afterwards.  It
never recurses, and it stops at the first limit it passes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 1024 * 1024
MAX_KEY_PARTS = 16  # in one dotted key
MAX_KEY_CHARS = 1024  # in one dotted key
MAX_DEPTH = 32
MAX_TABLES = 10_000  # [table] and [[array]] headers, inline tables
MAX_KEYS = 50_000  # every part of every key: `a.b.c = 1` counts 3
MAX_VALUES = 100_000

_SPACE = re.compile(r"[ \t]+")
_COMMENT = re.compile(r"#[^\n]*")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# A scalar that is not a string: number, boolean, date, time (a date-time with
# a space in it is read as two of these, which is harmless here).
_SCALAR = re.compile(r"[^ \t\r\n,\[\]{}#=\"']+")
# Strings.  Each alternative inside a repetition starts with a different
# character, so these never backtrack: matching is linear in the string's length.
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"', re.S)
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""(?:"{0,2})', re.S)
_ML_LITERAL = re.compile(r"'''(?:[^']|'(?!''))*'''(?:'{0,2})", re.S)

# What the scanner expects next.
_STATEMENT, _VALUE, _AFTER_VALUE, _INLINE_KEY, _END_OF_LINE = range(5)


class ShapeError(ValueError):
    """A TOML text refused before parsing; the message is one sentence (without the file's name)."""


@dataclass
class Shape:
    """What the scan found (for tests and messages)."""

    size: int = 0
    longest_key_parts: int = 0
    longest_key_chars: int = 0
    depth: int = 0
    tables: int = 0
    keys: int = 0
    values: int = 0


def check_size(size: int, limit: int = MAX_BYTES) -> None:
    """ShapeError if `size` bytes is more than a scheme may be."""
    if size > limit:
        raise ShapeError(f"it is larger than the {_size(limit)} a scheme may be, so it was not read.")


def check_shape(data: bytes | str) -> Shape:
    """The shape of a TOML text, or ShapeError (one sentence) if it passes a limit.

    Linear in the length of the text; bounded memory (a few counters and a
    stack of at most MAX_DEPTH characters).
    """
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    check_size(size)
    text = data if isinstance(data, str) else data.decode("utf-8", "replace")
    return _Scanner(text, size).run()


class _Scanner:
    def __init__(self, text: str, size: int):
        self.text = text
        self.n = len(text)
        self.shape = Shape(size=size)
        self.stack: list[str] = []  # "[" array, "{" inline table

    # -- limits ----------------------------------------------------------------
    def _line(self, index: int) -> int:
        return self.text.count("\n", 0, index) + 1

    def _open(self, kind: str, at: int) -> None:
        self.stack.append(kind)
        depth = len(self.stack)
        if depth > self.shape.depth:
            self.shape.depth = depth
            if depth > MAX_DEPTH:
                raise ShapeError(f"arrays and inline tables are nested more than {MAX_DEPTH} deep "
                                 f"(line {self._line(at)}), which no scheme needs, so it was not read.")
        if kind == "{":
            self._table(at)

    def _table(self, at: int) -> None:
        self.shape.tables += 1
        if self.shape.tables > MAX_TABLES:
            raise ShapeError(f"it has more than {MAX_TABLES:,} tables (line {self._line(at)}), "
                             f"far more than a scheme needs, so it was not read.")

    def _value(self, at: int) -> None:
        self.shape.values += 1
        if self.shape.values > MAX_VALUES:
            raise ShapeError(f"it has more than {MAX_VALUES:,} values (line {self._line(at)}), "
                             f"far more than a scheme needs, so it was not read.")

    # -- tokens ----------------------------------------------------------------
    def _string(self, i: int) -> int:
        """The end of the string starting at i (the end of the text if it is not closed)."""
        text = self.text
        if text.startswith('"""', i):
            pattern = _ML_BASIC
        elif text.startswith("'''", i):
            pattern = _ML_LITERAL
        elif text[i] == '"':
            pattern = _BASIC
        else:
            pattern = _LITERAL
        match = pattern.match(text, i)
        return match.end() if match else self.n

    def _key(self, i: int) -> int:
        """Read a (dotted) key at i; returns where it ends (i itself if there is none)."""
        text, n = self.text, self.n
        start, parts, end = i, 0, i
        while True:
            match = _SPACE.match(text, i)
            if match:
                i = match.end()
            if i >= n:
                break
            c = text[i]
            if c == '"' or c == "'":
                if text.startswith(c * 3, i):
                    break  # a multi-line string is not a key
                i = self._string(i)
            else:
                match = _BARE_KEY.match(text, i)
                if not match:
                    break
                i = match.end()
            parts += 1
            end = i
            if parts > MAX_KEY_PARTS or end - start > MAX_KEY_CHARS:
                what = (f"more than {MAX_KEY_PARTS} dotted parts" if parts > MAX_KEY_PARTS
                        else f"more than {MAX_KEY_CHARS:,} characters")
                raise ShapeError(f"a key on line {self._line(start)} has {what}, which no scheme needs, "
                                 f"so it was not read.")
            match = _SPACE.match(text, i)
            if match:
                i = match.end()
            if i < n and text[i] == ".":
                i += 1
                continue
            break
        if parts:
            shape = self.shape
            shape.longest_key_parts = max(shape.longest_key_parts, parts)
            shape.longest_key_chars = max(shape.longest_key_chars, end - start)
            shape.keys += parts
            if shape.keys > MAX_KEYS:
                raise ShapeError(f"it has more than {MAX_KEYS:,} keys, counting each part of a dotted key "
                                 f"(line {self._line(start)}), far more than a scheme needs, so it was not read.")
        return end if parts else start

    def _key_value(self, i: int) -> tuple[int, int]:
        """A `key =` at i: (position after it, next state); unchanged position if there is none."""
        end = self._key(i)
        if end == i:
            return i, -1
        match = _SPACE.match(self.text, end)
        if match:
            end = match.end()
        if end < self.n and self.text[end] == "=":
            return end + 1, _VALUE
        return end, _END_OF_LINE  # not TOML; tomllib will say so

    # -- the pass ----------------------------------------------------------------
    def run(self) -> Shape:
        text, n, stack = self.text, self.n, self.stack
        i, state = 0, _STATEMENT
        while i < n:
            c = text[i]
            if c == " " or c == "\t":
                space = _SPACE.match(text, i)
                assert space is not None  # text[i] is a space
                i = space.end()
                continue
            if c == "#":
                comment = _COMMENT.match(text, i)
                assert comment is not None  # text[i] is "#"
                i = comment.end()
                continue
            if c == "\n" or c == "\r":
                i += 1
                if not stack:
                    state = _STATEMENT
                continue
            if state == _STATEMENT:
                if c == "[":
                    double = text.startswith("[[", i)
                    self._table(i)
                    i += 2 if double else 1
                    i = self._key(i)
                    state = _END_OF_LINE
                    match = _SPACE.match(text, i)
                    if match:
                        i = match.end()
                    close = "]]" if double else "]"
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
                if c == "[" or c == "{":
                    self._value(i)
                    self._open(c, i)
                    i += 1
                    if c == "{":
                        state = _INLINE_KEY  # else an element follows, or "]"
                    continue
                if c == "]" and stack and stack[-1] == "[":
                    stack.pop()  # an empty array, or a comma before "]"
                    i += 1
                    state = _AFTER_VALUE
                    continue
                self._value(i)
                if c == '"' or c == "'":
                    i = self._string(i)
                else:
                    match = _SCALAR.match(text, i)
                    i = match.end() if match else i + 1
                state = _AFTER_VALUE
                continue
            if state == _INLINE_KEY:
                if c == "}" and stack and stack[-1] == "{":
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
                if c == "," and stack:
                    i += 1
                    state = _VALUE if stack[-1] == "[" else _INLINE_KEY
                    continue
                if (c == "]" and stack and stack[-1] == "[") or (c == "}" and stack and stack[-1] == "{"):
                    stack.pop()
                    i += 1
                    continue
                # The second half of a date-time, or text that is not TOML.
                if c == '"' or c == "'":
                    i = self._string(i)
                else:
                    match = _SCALAR.match(text, i)
                    i = match.end() if match else i + 1
                continue
            # _END_OF_LINE: after a header or a broken line, until the newline.
            if c == '"' or c == "'":
                i = self._string(i)
            else:
                i += 1
        return self.shape


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"
