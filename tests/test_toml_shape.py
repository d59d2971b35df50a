"""Hostile scheme drafts are refused before parsing, in bounded memory (policy.toml_shape).

The hostile inputs are generated here.  The memory of `labeler scheme
validate` is measured as the peak resident size of the subprocess
(getrusage RUSAGE_CHILDREN, read in a fresh intermediate Python process so
that no other test's children count): a resource bound, not a speed test.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest

from conftest import REPO
from policy import SchemeError, load_builtin, parse_scheme
from policy.loader import load_scheme
from policy.toml_shape import (MAX_BYTES, MAX_DEPTH, MAX_KEY_PARTS, MAX_KEYS, MAX_TABLES, MAX_VALUES, ShapeError,
                               check_shape)

MEMORY_LIMIT_MB = 200

# Runs `labeler scheme validate FILE` and prints its exit code, output and peak memory as JSON.
_MEASURE = """
import json, resource, subprocess, sys
proc = subprocess.run([sys.executable, "-m", "labeler", "scheme", "validate", sys.argv[1]],
                      capture_output=True, text=True, timeout=300)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere
print(json.dumps({"code": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "peak_mb": peak_mb}))
"""


def validate_measured(path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True,
                          cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


HOSTILE = {
    # 200 KB, one key of 100,000 dotted parts: tomllib needs gigabytes for it.
    "dotted-key": ("a" + ".a" * 99_999 + " = 1\n",
                   f"a key on line 1 has more than {MAX_KEY_PARTS} dotted parts"),
    "dotted-header": ("[" + ".".join(["t"] * 100_000) + "]\n",
                      f"a key on line 1 has more than {MAX_KEY_PARTS} dotted parts"),
    "dotted-inline-key": ("x = { " + ".".join(["k"] * 100_000) + " = 1 }\n",
                          f"a key on line 1 has more than {MAX_KEY_PARTS} dotted parts"),
    # Arrays nested 100,000 deep: tomllib's recursion ends in a RecursionError.
    "nested-arrays": ("a = " + "[" * 100_000 + "]" * 100_000 + "\n",
                      f"arrays and inline tables are nested more than {MAX_DEPTH} deep (line 1)"),
    "nested-inline-tables": ("a = " + "{ b = " * 50_000 + "1" + " }" * 50_000 + "\n",
                             f"arrays and inline tables are nested more than {MAX_DEPTH} deep (line 1)"),
    "too-large": ("# padding\n" * (MAX_BYTES // 10 + 1000),
                  "it is larger than the 1.0 MB a scheme may be, so it was not read"),
    "many-tables": ("".join(f"[t{i}]\n" for i in range(MAX_TABLES + 1)),
                    f"it has more than {MAX_TABLES:,} tables"),
    "many-arrays-of-tables": ("[[t]]\n" * (MAX_TABLES + 1), f"it has more than {MAX_TABLES:,} tables"),
    "many-keys": ("".join(f"k{i} = 1\n" for i in range(MAX_KEYS + 1)), f"it has more than {MAX_KEYS:,} keys"),
    "many-values": ("a = [" + ",".join(["[]"] * (MAX_VALUES + 1)) + "]\n",
                    f"it has more than {MAX_VALUES:,} values"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_draft_refused_by_validate_in_bounded_memory(tmp_path, name):
    text, sentence = HOSTILE[name]
    draft = tmp_path / f"{name}.toml"
    draft.write_text(text, encoding="utf-8")
    result = validate_measured(draft)
    assert result["code"] == 1, result
    assert f"{draft}: refused before reading: {sentence}" in result["stderr"]
    assert "RecursionError" not in result["stderr"] and "unexpected problem" not in result["stderr"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result["peak_mb"]


def test_largest_acceptable_shapes_stay_in_bounded_memory(tmp_path):
    """Just inside every limit at once, within the size cap: parsing is allowed and stays bounded."""
    arrays = MAX_VALUES // MAX_DEPTH - 10  # lines of arrays nested MAX_DEPTH deep, one key each
    headers = (MAX_KEYS - arrays) // MAX_KEY_PARTS - 10  # headers of MAX_KEY_PARTS parts
    deep_keys = "".join(f"[h{i}" + ".a" * (MAX_KEY_PARTS - 1) + "]\n" for i in range(headers))
    nested = "".join(f"n{i} = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n" for i in range(arrays))
    text = deep_keys + nested
    shape = check_shape(text)
    assert shape.keys > MAX_KEYS * 0.99 and shape.values > MAX_VALUES * 0.99
    assert len(text.encode()) <= MAX_BYTES
    draft = tmp_path / "edge.toml"
    draft.write_text(text, encoding="utf-8")
    result = validate_measured(draft)
    assert result["code"] == 1 and "refused before reading" not in result["stderr"]  # parsed, then not a scheme
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result["peak_mb"]


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
    check_shape(b"#" * MAX_BYTES)
    with pytest.raises(ShapeError, match="larger than"):
        check_shape(b"#" * (MAX_BYTES + 1))


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
    big.write_bytes(b"#" * (3 * MAX_BYTES))
    with pytest.raises(SchemeError, match="larger than the 1.0 MB a scheme may be"):
        load_scheme(big)


def test_cli_reads_at_most_the_limit():
    from labeler.commands import scheme as scheme_command

    assert scheme_command._SCHEME_READ_LIMIT == MAX_BYTES + 1
