"""Memory benchmark: `labeler scheme validate` on large and hostile scheme drafts.

    python bench/bench_scheme_memory.py [--only NAME ...] [--keep DIR]

Each draft is generated at the limits of policy/toml_shape.py and
policy/scheme_memory.py (48 MiB, 400,000 tables, pieces of 1 MB, 48 MB kept
by the labels, ...) and validated by `python -m labeler scheme validate FILE`
in a fresh process; its peak resident size (getrusage RUSAGE_CHILDREN, read
in a fresh intermediate process so that nothing else counts) and its wall
time are printed, with the outcome (valid, refused with which sentence, or
not a valid scheme).  Last, the built-in scheme's labels repeated to 8,050,
signed with a throwaway key and installed as a managed machine gets it
(`labeler scheme update`: download, signature, parse, compile), then
`labeler labels` and `labeler show FILE` with it in force.

Baseline, measured in the same run: the same command on the built-in
scheme; each line gives its peak as a ratio to it.  Target: every draft
under 200 MB (the whole process: interpreter, imports, the text and what
the parse keeps).

Not a test: it prints figures (tests/test_toml_shape.py and
tests/test_scheme_large.py assert the bound on smaller sets of inputs).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from support import REPO  # first: it puts the repository and bench/ on sys.path

from bench_latency import install_signed, large_scheme_text
from policy import toml_shape as limits
from tests.large_scheme_support import labeler_peak

TARGET_MB = 200

LABEL = ('[[labels]]\nid = "l{n}"\ncolor = "#112233"\nname = "Label {n}"\ndescription = "{text}"\n'
         'sharing.print = {{ verdict = "allowed", why = "Fine." }}\n')


def repeat(head: str, item: Callable[[int], str], limit: int = limits.MAX_BYTES) -> Iterator[str]:
    """`head`, then item(0), item(1), ... as long as the text stays within `limit` bytes."""
    size = len(head.encode())
    yield head
    n = 0
    while True:
        text = item(n)
        size += len(text.encode())
        if size > limit:
            return
        yield text
        n += 1


def header(version: int = 1) -> str:
    return (f'[scheme]\nid = "bench"\nversion = {version}\nname = "Bench"\norganisation = "Bench"\n'
            f'default_label = "l0"\n')


def drafts() -> dict[str, Callable[[], Iterator[str]]]:
    piece = limits.PIECE_BYTES
    edge_arrays = limits.PIECE_VALUES // limits.MAX_DEPTH - 10
    edge_headers = (limits.PIECE_KEYS - edge_arrays) // limits.MAX_KEY_PARTS - 10
    edge = ("".join(f"[h{i}" + ".a" * (limits.MAX_KEY_PARTS - 1) + "]\n" for i in range(edge_headers))
            + "".join(f"n{i} = " + "[" * limits.MAX_DEPTH + "]" * limits.MAX_DEPTH + "\n"
                      for i in range(edge_arrays)))
    return {
        "labels-8050 (built-in labels repeated)": lambda: iter([large_scheme_text(8050)]),
        "labels-10000 (built-in labels repeated)": lambda: iter([large_scheme_text(10_000)]),
        "dotted-key (200 KB, 100,000 parts)": lambda: iter(["a" + ".a" * 99_999 + " = 1\n"]),
        "nested-arrays (100,000 deep)": lambda: iter(["a = " + "[" * 100_000 + "]" * 100_000 + "\n"]),
        "too-large (48 MiB + 1 of comments)": lambda: iter(["#" * (limits.MAX_BYTES + 1)]),
        "many-tables ([[labels]] x 400,001)": lambda: iter(["[[labels]]\n" * (limits.MAX_TABLES + 1)]),
        "many-keys (1.6 M keys in headers of 34 labels)": lambda: (
            "[[labels]]\n" + "".join(f"[labels.k{i}" + ".a" * 14 + "]\n" for i in range(3_000)) for _ in range(34)),
        "many-values (1.2 M values in 13 labels)": lambda: (
            "[[labels]]\nv = [" + "1," * 99_000 + "]\n" for _ in range(13)),
        "piece-too-large (one 1 MB label)": lambda: iter(
            [header(), '[[labels]]\nid = "x"\ndescription = "' + "x" * piece + '"\n']),
        "piece-tables (10,001 sublabels)": lambda: iter(
            [header(), "[[labels]]\n" + "[[labels.sublabels]]\n" * 10_001, "#" * piece]),
        "edge-piece (1 MB at the piece limits, then 47 MB of labels)": lambda: repeat(
            header() + edge, lambda n: LABEL.format(n=n, text="x" * 4000)),
        "distinct-labels (4 KB distinct descriptions)": lambda: repeat(
            header(), lambda n: LABEL.format(n=n, text=f"{n:08d}" * 500)),
        "distinct-wide-labels (one emoji each)": lambda: repeat(
            header(), lambda n: LABEL.format(n=n, text="\U0001F512" + f"{n:08d}" * 500)),
        "full-rest-then-distinct-labels (1 MB of tips and hints, then 4 KB labels)": lambda: repeat(
            header() + "".join(f'[[tips]]\ntext = "tip {i:06d} ' + "t" * 60 + '"\n' for i in range(5000))
            + "".join('[[hints]]\nrecommend = "l0"\ndetectors = [' + ", ".join(f'"d{i}-{j}"' for j in range(40))
                      + "]\n" for i in range(900)),
            lambda n: LABEL.format(n=n, text=f"{n:08d}" * 500)),
        "many-small-labels (150,000, a warning each)": lambda: repeat(
            header(), lambda n: f'[[labels]]\nid = "l{n}"\ncolor = "#112233"\nname = "L{n}"\n'
                                f'description = "d"\nsharing.print = {{ verdict = "allowed", why = "w" }}\n',
            limit=150_000 * 100),
        "invalid-labels (390,000, problems each)": lambda: repeat(
            header(), lambda n: f'[[labels]]\nid = "BAD {n}"\n', limit=390_000 * 28),
    }


def measure(*args: str | Path, env: dict | None = None) -> dict:
    """`labeler ARGS` (default: `scheme validate`) in a fresh process: outcome, peak memory, seconds."""
    argv = list(args) if env is not None else ["scheme", "validate", args[0]]
    return labeler_peak(*argv, env=env, timeout=900)


def outcome(result: dict) -> str:
    if result["code"] == 0:
        return result["stdout"].strip().splitlines()[0][:110]
    lines = [line.strip() for line in result["stderr"].splitlines() if line.strip()]
    if lines and lines[0].endswith("not a valid scheme:"):
        lines = lines[1:]  # the problems follow, one a line
    first = lines[0] if lines else f"exit {result['code']}"
    return first.split(".toml", 1)[-1][:170] + (f" (+{len(lines) - 1} lines)" if len(lines) > 1 else "")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", nargs="*", help="run only the drafts whose name starts with one of these")
    p.add_argument("--keep", type=Path, help="write the drafts into this folder and keep them")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-scheme-memory-") as work:
        folder = args.keep or Path(work)
        folder.mkdir(parents=True, exist_ok=True)
        base = measure(REPO / "resources" / "schemes" / "corporate.toml")
        print(f"baseline: labeler scheme validate corporate.toml: peak {base['peak_mb']:.0f} MB, "
              f"{base['seconds']:.2f} s")
        worst = 0.0
        for name, make in drafts().items():
            if args.only and not any(name.startswith(prefix) for prefix in args.only):
                continue
            path = folder / (name.split(" ")[0] + ".toml")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                for part in make():
                    f.write(part)
            size = path.stat().st_size
            result = measure(path)
            worst = max(worst, result["peak_mb"])
            verdict = "OK" if result["peak_mb"] < TARGET_MB else "OVER"
            print(f"{name}: {size / 2**20:.1f} MB -> peak {result['peak_mb']:.0f} MB "
                  f"({result['peak_mb'] / base['peak_mb']:.1f}x baseline, target < {TARGET_MB} MB: {verdict}), "
                  f"{result['seconds']:.1f} s; {outcome(result)}")
            if not args.keep:
                path.unlink()
        if not args.only or any("installed".startswith(prefix) for prefix in args.only):
            env = install_signed(folder / "installed", large_scheme_text(8050))
            sample = str(REPO / "tests" / "data" / "pydocx.docx")
            for command in (["scheme", "update"], ["labels"], ["show", sample]):
                result = measure(*command, env=env)
                worst = max(worst, result["peak_mb"])
                print(f"installed 8,050-label signed scheme, labeler {' '.join(command[:2]).replace(sample, 'FILE')}: "
                      f"peak {result['peak_mb']:.0f} MB ({result['peak_mb'] / base['peak_mb']:.1f}x baseline), "
                      f"{result['seconds']:.2f} s, exit {result['code']}")
        print(f"worst peak: {worst:.0f} MB (target < {TARGET_MB} MB): {'OK' if worst < TARGET_MB else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
