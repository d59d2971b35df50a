"""Hostile scheme drafts are refused before parsing, in bounded memory (policy.toml_shape).

The hostile inputs are generated here, at the limits of a small text (one
piece, parsed at once) and of a large one (48 MiB, read piece by piece).  The memory of `labeler scheme
validate` is measured as the peak resident size of the subprocess
(getrusage RUSAGE_CHILDREN, read in a fresh intermediate Python process so
that no other test's children count): a resource bound, not a speed test.
"""
from __future__ import annotations

import re
import tomllib

import pytest

from conftest import REPO
from large_scheme_support import labeler_peak
from policy import SchemeError, load_builtin, parse_scheme
from policy.loader import load_scheme
from policy.toml_shape import (LABEL, LABEL_MORE, MAX_BYTES, MAX_DEPTH, MAX_KEY_CHARS, MAX_KEY_PARTS, MAX_KEYS,
                               MAX_TABLES, MAX_VALUES, PIECE_BYTES, PIECE_KEYS, PIECE_TABLES, PIECE_VALUES, REST,
                               ShapeError, check_shape)

MEMORY_LIMIT_MB = 200


def validate_measured(path) -> dict:
    """`labeler scheme validate PATH` in a fresh process: exit code, output and peak memory."""
    return labeler_peak("scheme", "validate", path, timeout=300)


HEADER = '[scheme]\nid = "x"\nversion = 1\nname = "X"\norganisation = "X"\n'
BIG_LABEL = "[[labels]]\n" + "#" * (PIECE_BYTES - 12) + "\n"  # one label piece of exactly PIECE_BYTES

HOSTILE = {
    # 200 KB, one key of 100,000 dotted parts: tomllib needs gigabytes for it.
    "dotted-key": (lambda: "a" + ".a" * 99_999 + " = 1\n",
                   f"a key on line 1 has more than {MAX_KEY_PARTS} dotted parts"),
    "dotted-header": (lambda: "[" + ".".join(["t"] * 100_000) + "]\n",
                      f"a key on line 1 has more than {MAX_KEY_PARTS} dotted parts"),
    "dotted-inline-key": (lambda: "x = { " + ".".join(["k"] * 100_000) + " = 1 }\n",
                          f"a key on line 1 has more than {MAX_KEY_PARTS} dotted parts"),
    # Arrays nested 100,000 deep: tomllib's recursion ends in a RecursionError.
    "nested-arrays": (lambda: "a = " + "[" * 100_000 + "]" * 100_000 + "\n",
                      f"arrays and inline tables are nested more than {MAX_DEPTH} deep (line 1)"),
    "nested-inline-tables": (lambda: "a = " + "{ b = " * 50_000 + "1" + " }" * 50_000 + "\n",
                             f"arrays and inline tables are nested more than {MAX_DEPTH} deep (line 1)"),
    "too-large": (lambda: BIG_LABEL * (MAX_BYTES // PIECE_BYTES) + "#",
                  "it is larger than the 48 MB a scheme may be, so it was not read"),
    # A small text is one piece: the piece limits hold for all of it.
    "many-tables": (lambda: "".join(f"[t{i}]\n" for i in range(PIECE_TABLES + 1)),
                    f"it has more than {PIECE_TABLES:,} tables"),
    "many-arrays-of-tables": (lambda: "[[t]]\n" * (PIECE_TABLES + 1), f"it has more than {PIECE_TABLES:,} tables"),
    "many-keys": (lambda: "".join(f"k{i} = 1\n" for i in range(PIECE_KEYS + 1)),
                  f"it has more than {PIECE_KEYS:,} keys"),
    "many-values": (lambda: "a = [" + ",".join(["[]"] * (PIECE_VALUES + 1)) + "]\n",
                    f"it has more than {PIECE_VALUES:,} values"),
    # A large text: the whole text's limits ...
    "large-many-tables": (lambda: "[[labels]]\n" * (MAX_TABLES + 1), f"it has more than {MAX_TABLES:,} tables"),
    "large-many-keys": (lambda: ("[[labels]]\n" + "".join(f"[labels.k{i}" + ".a" * 14 + "]\n" for i in range(3000)))
                        * 34, f"it has more than {MAX_KEYS:,} keys, counting each part of a dotted key"),
    "large-many-values": (lambda: ("[[labels]]\nv = [" + "1," * 99_000 + "]\n") * 13,
                          f"it has more than {MAX_VALUES:,} values"),
    # ... and each piece's.
    "large-label-piece": (lambda: HEADER + '[[labels]]\nid = "x"\ndescription = "' + "x" * PIECE_BYTES + '"\n',
                          "the label that starts on line 6, with its sublabels, is larger than 1 MB"),
    "large-rest-piece": (lambda: BIG_LABEL + '[[tips]]\ntext = "' + "x" * PIECE_BYTES + '"\n',
                         "the part outside its [[labels]] tables is larger than 1 MB"),
    "large-label-tables": (lambda: HEADER + "[[labels]]\n" + "[[labels.sublabels]]\n" * (PIECE_TABLES + 1)
                           + BIG_LABEL, f"the label that starts on line 6 has more than {PIECE_TABLES:,} tables "
                                        f"with its sublabels (line {6 + PIECE_TABLES})"),
    "large-rest-tables": (lambda: BIG_LABEL + "[[tips]]\n" * (PIECE_TABLES + 1),
                          f"it has more than {PIECE_TABLES:,} tables outside its [[labels]] tables"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_draft_refused_by_validate_in_bounded_memory(tmp_path, name):
    make, sentence = HOSTILE[name]
    draft = tmp_path / f"{name}.toml"
    draft.write_text(make(), encoding="utf-8")
    result = validate_measured(draft)
    assert result["code"] == 1, result
    assert f"{draft}: refused before reading: {sentence}" in result["stderr"]
    assert "RecursionError" not in result["stderr"] and "unexpected problem" not in result["stderr"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result["peak_mb"]


def test_largest_acceptable_shapes_stay_in_bounded_memory(tmp_path):
    """Just inside every limit of a piece at once: parsing is allowed and stays bounded, alone and as the
    part outside the labels of a 48 MB text (whose bytes are held meanwhile)."""
    arrays = PIECE_VALUES // MAX_DEPTH - 10  # lines of arrays nested MAX_DEPTH deep, one key each
    headers = (PIECE_KEYS - arrays) // MAX_KEY_PARTS - 10  # headers of MAX_KEY_PARTS parts
    deep_keys = "".join(f"[h{i}" + ".a" * (MAX_KEY_PARTS - 1) + "]\n" for i in range(headers))
    nested = "".join(f"n{i} = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n" for i in range(arrays))
    text = deep_keys + nested
    shape = check_shape(text)
    assert shape.keys > PIECE_KEYS * 0.99 and shape.values > PIECE_VALUES * 0.99
    assert len(text.encode()) <= PIECE_BYTES
    labels = BIG_LABEL * (MAX_BYTES // PIECE_BYTES - 1)
    for name, content in (("edge", text), ("edge-then-labels", text + labels)):
        draft = tmp_path / f"{name}.toml"
        draft.write_text(content, encoding="utf-8")
        result = validate_measured(draft)
        assert result["code"] == 1 and "refused" not in result["stderr"]  # parsed, then not a scheme
        assert result["peak_mb"] < MEMORY_LIMIT_MB, (name, result["peak_mb"])


# --- the scanner --------------------------------------------------------------------------

def test_builtin_schemes_are_well_inside_the_limits():
    for name in ("corporate", "tlp"):
        shape = check_shape((REPO / "resources" / "schemes" / f"{name}.toml").read_bytes())
        assert shape.longest_key_parts <= 4 and shape.depth <= 3 and shape.tables < 1000
        assert load_builtin(name).labels


def test_limits_are_exact():
    check_shape("a" + ".a" * (MAX_KEY_PARTS - 1) + " = 1\n")
    with pytest.raises(ShapeError, match="dotted parts"):
        check_shape("a" + ".a" * MAX_KEY_PARTS + " = 1\n")
    ok = "a = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert check_shape(ok).depth == MAX_DEPTH and tomllib.loads(ok)
    with pytest.raises(ShapeError, match="nested more than"):
        check_shape("a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    check_shape("k" * MAX_KEY_CHARS + " = 1\n")
    with pytest.raises(ShapeError, match=f"more than {MAX_KEY_CHARS:,} bytes"):
        check_shape("k" * (MAX_KEY_CHARS + 1) + " = 1\n")
    check_shape(b"#" * PIECE_BYTES)
    with pytest.raises(ShapeError, match=re.escape("outside its [[labels]] tables is larger than 1 MB")):
        check_shape(b"#" * (PIECE_BYTES + 1))
    largest = (BIG_LABEL * (MAX_BYTES // PIECE_BYTES)).encode()
    assert len(largest) == MAX_BYTES and check_shape(largest).labels == MAX_BYTES // PIECE_BYTES
    with pytest.raises(ShapeError, match="larger than the 48 MB a scheme may be"):
        check_shape(largest + b"#")
    with pytest.raises(ShapeError, match="the label that starts on line 1, with its sublabels, is larger than"):
        check_shape(BIG_LABEL.replace("#", "##", 1) + BIG_LABEL)


@pytest.mark.parametrize("text", [
    # Brackets, braces, dots and hashes inside strings and comments are not structure.
    'a = "' + "[{" * 5000 + '"\n',
    "a = '" + "[[[.a.b.c" * 2000 + "'\n",
    'a = """\n' + ("[[x" + ".y" * 40 + "]]\n") * 200 + '"""\n',
    "a = '''\n" + ("{ " + ".k" * 40 + " = [[[[\n") * 200 + "'''\n",
    'a = """ends with two quotes"""""\nb = [[1]]\n',
    "a = '''ends with one quote''''\nb = 1\n",
    'a = "escaped \\" quote [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n',
    'a = """escaped \\""" still inside [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["""\n',
    "# comment " + "[" * 100 + ".a" * 100 + "\nb = 2\n",
    "a = 1 # " + "{" * 100 + "\n",
    # Quoted keys: dots inside quotes do not split them.
    '"' + ".".join(["p"] * 100) + '" = 1\n' + "'" + ".".join(["q"] * 100) + "' = 2\n",
    "[t]\n[[arr]]\nx.y.z = { a = [1, 2, { b = 'c' }], d.e = 1979-05-27 07:32:00 }\n",
])
def test_strings_comments_and_quoted_keys_are_not_structure(text):
    tomllib.loads(text)  # each is valid TOML ...
    shape = check_shape(text)  # ... and far inside the limits
    assert shape.longest_key_parts <= 3 and shape.depth <= 3


def test_structure_after_strings_is_still_seen():
    """The scanner finds the end of each kind of string exactly where tomllib does."""
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    for prefix in ('a = "x\\"y"\n', "a = 'x\\'\n", 'a = """x""""\n', "a = '''x'''''\n", 'a = """\\\n  x"""\n',
                   "a = [\n  1, # ]]]]\n]\n"):
        tomllib.loads(prefix)
        with pytest.raises(ShapeError, match="nested more than"):
            check_shape(prefix + f"b = {deep}\n")


def test_parse_scheme_and_load_scheme_refuse_with_the_file_name(tmp_path):
    with pytest.raises(SchemeError) as caught:
        parse_scheme(("a" + ".a" * 99_999 + " = 1\n").encode(), "draft.toml")
    assert str(caught.value) == ("draft.toml: refused before reading: a key on line 1 has more than "
                                 f"{MAX_KEY_PARTS} dotted parts, which no scheme needs, so it was not read.")
    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate(MAX_BYTES + 10)  # sparse: only MAX_BYTES + 1 bytes of it are read
    with pytest.raises(SchemeError, match="larger than the 48 MB a scheme may be"):
        load_scheme(big)


def test_cli_reads_at_most_the_limit():
    from labeler.commands import scheme as scheme_command

    assert scheme_command._SCHEME_READ_LIMIT == MAX_BYTES + 1


# --- pieces -------------------------------------------------------------------------------

def test_a_large_text_is_cut_into_pieces_where_its_labels_start():
    """[[labels]] starts a piece; tables under labels. after other tables continue the last label;
    everything else is the rest.  A small text is one piece (no cuts recorded)."""
    small = HEADER + '[[labels]]\nid = "a"\n[[hints]]\n[labels.name]\n'
    assert check_shape(small).piece_starts.tolist() == [] and check_shape(small).whole
    half = "#" * (PIECE_BYTES // 2) + "\n"
    text = (HEADER + "[[labels]]\n" + half + "[labels.name]\nen = 'x'\n" + '[[hints]]\nx = "[[labels]]"\n'
            + '  [labels.description]\nen = "y"\n' + "[ 'labels' . sharing ]\n" + "[[labels]]\n" + half
            + "[scheme.more]\n")
    shape = check_shape(text)
    starts = [text.encode().index(marker) for marker in (b"[[labels]]", b"[[hints]]", b"[labels.description]")]
    starts.append(text.encode().rindex(b"[[labels]]"))
    starts.append(text.encode().index(b"[scheme.more]"))
    assert shape.piece_starts.tolist() == starts
    assert list(shape.piece_kinds) == [LABEL, REST, LABEL_MORE, LABEL, REST]
    assert shape.labels == 2 and not shape.whole
