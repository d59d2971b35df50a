"""Long fuzz run for releases: the CI mutators, many more times.

    python tools/fuzz_long.py [EXAMPLES_PER_CLASS] [--classes a,b] [--seed N] [--out DIR]

Draws EXAMPLES_PER_CLASS mutants (default 300) of every class from real
samples, labels each through the labelling service and checks the
contract (tests/fuzzing/contract.py).  Prints a table class / tried / good
/ bad and writes every bad case (mutant, result if any, description) to a
folder, one sub-folder per case.  Exit code 0 when no case was bad, 1
otherwise.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# Never touch the developer's own audit log, scheme store or admin config.
_ISOLATED = Path(tempfile.mkdtemp(prefix="labeler-fuzz-"))
os.environ["LABELER_DATA_DIR"] = str(_ISOLATED / "data")
os.environ["LABELER_ADMIN_CONFIG"] = str(_ISOLATED / "no-admin-config.toml")


def main(argv: list[str] | None = None) -> int:
    from tests.fuzzing.classes import CLASSES, run_class
    from tests.fuzzing.contract import ContractChecker

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("examples", nargs="?", type=int, default=300, help="examples per class (default 300)")
    parser.add_argument("--classes", default=",".join(CLASSES), help="comma-separated classes to run")
    parser.add_argument("--seed", type=int, default=None,
                        help="hypothesis seed (default: random; the CI run is derandomized)")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "labeler-fuzz-results",
                        help="folder for the details of bad cases (default: labeler-fuzz-results in the "
                             "temp folder); each run writes a time-stamped sub-folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every bad case as it is found")
    args = parser.parse_args(argv)

    classes = [c.strip() for c in args.classes.split(",") if c.strip()]
    unknown = set(classes) - set(CLASSES)
    if unknown:
        parser.error(f"unknown class(es): {', '.join(sorted(unknown))}; known: {', '.join(CLASSES)}")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    out = args.out / stamp
    work = Path(tempfile.mkdtemp(prefix="fuzz-work-"))
    checker = ContractChecker(work, keep_bad=out)
    seed = args.seed

    rows, all_bad = [], []
    started = time.monotonic()
    for cls in classes:
        t0 = time.monotonic()

        def show(verdict):
            if args.verbose and not verdict.good:
                print(verdict.describe(), flush=True)

        verdicts = run_class(cls, args.examples, checker, derandomize=False, seed=seed, on_verdict=show)
        bad = [v for v in verdicts if not v.good]
        all_bad += bad
        rows.append((cls, len(verdicts), len(verdicts) - len(bad), len(bad), time.monotonic() - t0))
        print(f"{cls:18} tried {len(verdicts):5}  good {len(verdicts) - len(bad):5}  bad {len(bad):4}"
              f"  ({time.monotonic() - t0:.0f} s)", flush=True)

    print()
    print(f"{'class':18} | {'tried':>5} | {'good':>5} | {'bad':>4}")
    print(f"{'-' * 18}-+-{'-' * 5}-+-{'-' * 5}-+-{'-' * 4}")
    for cls, tried, good, nbad, _ in rows:
        print(f"{cls:18} | {tried:5} | {good:5} | {nbad:4}")
    tried = sum(r[1] for r in rows)
    print(f"{'total':18} | {tried:5} | {tried - len(all_bad):5} | {len(all_bad):4}")
    print(f"\n{time.monotonic() - started:.0f} s" + (f"; seed {seed}" if seed is not None else ""))

    if all_bad:
        out.mkdir(parents=True, exist_ok=True)
        summary = out / "bad-cases.txt"
        summary.write_text("\n\n".join(v.describe() for v in all_bad) + "\n", encoding="utf-8")
        # One line per distinct problem, with how often it was seen.
        distinct: dict[tuple[str, str], int] = {}
        for v in all_bad:
            for p in v.problems:
                key = (v.case.cls, _normalise(p))
                distinct[key] = distinct.get(key, 0) + 1
        print(f"\n{len(distinct)} distinct problem(s); details in {out}")
        for (cls, problem), n in sorted(distinct.items()):
            print(f"  [{cls}] x{n}: {problem}")
    return 1 if all_bad else 0


def _normalise(problem: str) -> str:
    import re
    problem = re.sub(r"'[^']*'", "'…'", problem)
    return re.sub(r"\d+", "N", problem)


if __name__ == "__main__":
    sys.exit(main())
