"""Line numbers for the fields of a TOML document.

`tomllib` gives values without positions, but an admin fixing a scheme needs
to know *where* a problem is.  `Locator(text).line_of("labels[2].sharing.print")`
finds the line that defines that field: the `key = value` line, the key inside
an inline table, or the `[table]` / `[[array]]` header.  A field that is not
in the text (a missing key) is placed at the nearest enclosing table.

The scanner only runs on text that `tomllib` already accepted, so it need not
report syntax errors; it is forgiving where it can be.
"""
from __future__ import annotations

import bisect
import re
import tomllib
Part = str | int
Path = tuple[Part, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_PATH_PART = re.compile(r'\.?(?:\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([^.\["]+))')


def parse_path(field: str) -> Path:
    """`labels[2].name."a.b"` -> ("labels", 2, "name", "a.b")."""
    parts: list[Part] = []
    pos = 0
    while pos < len(field):
        match = _PATH_PART.match(field, pos)
        if not match or match.end() == pos:
            break
        index, quoted, bare = match.groups()
        if index is not None:
            parts.append(int(index))
        elif quoted is not None:
            parts.append(quoted.replace('\\"', '"').replace("\\\\", "\\"))
        else:
            parts.append(bare)
        pos = match.end()
    return tuple(parts)


def format_path(parts: Path) -> str:
    """The inverse of parse_path: ("labels", 2, "id") -> "labels[2].id"."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if _BARE.fullmatch(part) else '"' + part.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out += f".{key}" if out else key
    return out


class Locator:
    """Where each key, table and array element of a TOML text starts (1-based lines)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines = [i for i, c in enumerate(text) if c == "\n"]
        self.lines: dict[Path, int] = {}
        try:
            _Scanner(self).document()
        except (IndexError, ValueError, tomllib.TOMLDecodeError):
            pass  # keep whatever was found before the scanner lost its way

    def line_at(self, index: int) -> int:
        return bisect.bisect_left(self._newlines, index) + 1

    def line_of(self, field: str | Path) -> int | None:
        """The line of `field` or, if absent, of its nearest enclosing table; None if unknown."""
        parts = parse_path(field) if isinstance(field, str) else tuple(field)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return None


class _Scanner:
    def __init__(self, locator: Locator) -> None:
        self.loc = locator
        self.text = locator.text
        self.i = 0
        self.arrays: dict[Path, int] = {}  # array-of-tables path -> number of elements so far

    # --- low level ----------------------------------------------------------

    def record(self, path: Path, index: int, *, define: bool = False) -> None:
        line = self.loc.line_at(index)
        for n in range(1, len(path)):
            self.loc.lines.setdefault(path[:n], line)
        if define:
            self.loc.lines[path] = line
        else:
            self.loc.lines.setdefault(path, line)

    def skip_space(self, newlines: bool = True) -> None:
        text, n = self.text, len(self.text)
        while self.i < n:
            c = text[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.i += 1
            elif c == "#":
                end = text.find("\n", self.i)
                self.i = n if end < 0 else end
            else:
                return

    def peek(self, s: str) -> bool:
        return self.text.startswith(s, self.i)

    # --- grammar ------------------------------------------------------------

    def document(self) -> None:
        table: Path = ()
        while True:
            self.skip_space()
            if self.i >= len(self.text):
                return
            start = self.i
            if self.peek("[["):
                self.i += 2
                parts = self.key()
                self.skip_space(newlines=False)
                self.i += 2  # ]]
                prefix = self.resolve(parts[:-1])
                array = prefix + (parts[-1],)
                count = self.arrays.get(array, 0)
                self.arrays[array] = count + 1
                table = array + (count,)
                self.record(array, start)
                self.record(table, start, define=True)
            elif self.peek("["):
                self.i += 1
                parts = self.key()
                self.skip_space(newlines=False)
                self.i += 1  # ]
                table = self.resolve(parts)
                self.record(table, start, define=True)
            else:
                self.pair(table)

    def resolve(self, parts: Path) -> Path:
        """Header keys -> a path with the current index of each array of tables on the way."""
        out: list[Part] = []
        for part in parts:
            out.append(part)
            count = self.arrays.get(tuple(out))
            if count:
                out.append(count - 1)
        return tuple(out)

    def key(self) -> Path:
        parts: list[Part] = []
        while True:
            self.skip_space(newlines=False)
            c = self.text[self.i]
            if c in "\"'":
                start = self.i
                self.string()
                raw = self.text[start:self.i]
                parts.append(tomllib.loads(f"k = {raw}")["k"])
            else:
                match = _BARE.match(self.text, self.i)
                if not match:
                    raise ValueError(f"no key at {self.i}")
                parts.append(match.group())
                self.i = match.end()
            self.skip_space(newlines=False)
            if self.peek("."):
                self.i += 1
                continue
            return tuple(parts)

    def pair(self, table: Path) -> None:
        start = self.i
        path = table + self.key()
        self.record(path, start)
        self.skip_space(newlines=False)
        self.i += 1  # =
        self.skip_space(newlines=False)
        self.value(path)

    def value(self, path: Path) -> None:
        c = self.text[self.i]
        if c in "\"'":
            self.string()
        elif c == "[":
            self.i += 1
            index = 0
            while True:
                self.skip_space()
                if self.peek("]"):
                    self.i += 1
                    return
                self.record(path + (index,), self.i)
                self.value(path + (index,))
                index += 1
                self.skip_space()
                if self.peek(","):
                    self.i += 1
        elif c == "{":
            self.i += 1
            while True:
                self.skip_space()
                if self.peek("}"):
                    self.i += 1
                    return
                start = self.i
                inner = path + self.key()
                self.record(inner, start)
                self.skip_space()
                self.i += 1  # =
                self.skip_space()
                self.value(inner)
                self.skip_space()
                if self.peek(","):
                    self.i += 1
        else:
            match = re.compile(r"[^,\]}\n#]*").match(self.text, self.i)
            assert match is not None  # the pattern matches the empty string too
            self.i = match.end()

    def string(self) -> None:
        text = self.text
        for quote in ('"""', "'''"):
            if text.startswith(quote, self.i):
                j = self.i + 3
                while True:
                    if quote == '"""' and text[j] == "\\":
                        j += 2
                        continue
                    if text.startswith(quote, j):
                        j += 3
                        extra = 0
                        while extra < 2 and j < len(text) and text[j] == quote[0]:
                            j += 1
                            extra += 1
                        self.i = j
                        return
                    j += 1
        quote = text[self.i]
        j = self.i + 1
        while text[j] != quote:
            j += 2 if (quote == '"' and text[j] == "\\") else 1
        self.i = j + 1
