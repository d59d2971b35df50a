"""Detector benchmark: the content-hint detectors on 1 MB of text, two versions in the same run.

    python bench/bench_detectors.py [--before REF_OR_FILE] [--runs N] [--size BYTES]

"before" is labeler/hints/detectors.py as committed at REF (default HEAD), or
a file; "after" is the module in the work tree.  Both run `find_all` over the
same generated texts, alternately, N times each (default 7), with the garbage collector
off during each timed call; the medians and their ratio after / before are
printed, with the findings of each so a
difference in what is found shows next to the speed.  The texts (default
1 MiB each):

  mixed       prose in three languages with identifiers sprinkled in: valid
              and invalid IBANs, card numbers, Belgian national register
              numbers, BSNs, bare runs of digits, e-mail addresses, keywords
  iban-list   a payment list: one line per transfer with a distinct IBAN (the
              worst case for IBAN validation: every candidate is checked)

The text is generated from a fixed seed: the same on every run and machine.
"""
from __future__ import annotations

import argparse
import gc
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MODULE = "labeler/hints/detectors.py"
WORDS = ("the report for the quarter shows that the team met its targets and the budget was kept "
         "het verslag van het kwartaal toont dat het team de doelen haalde en het budget bleef "
         "le rapport du trimestre montre que l'équipe a atteint ses objectifs et respecté le budget "
         "invoice order reference customer account contact meeting minutes agenda").split()
KEYWORDS = ("confidential", "vertrouwelijk", "salaire", "medical", "payroll", "geheim", "diffusion restreinte")


def _iban(rng: random.Random, valid: bool) -> str:
    """A Belgian IBAN whose bank code is assigned (mod 97 on the BBAN, then the IBAN check digits)."""
    bank = rng.choice(("001", "096", "310", "363", "068", "735"))
    account = f"{bank}{rng.randrange(10**7):07d}"
    bban = account + f"{(int(account) % 97) or 97:02d}"
    check = 98 - int(bban + "111400") % 97  # "BE00" moved to the end: B=11, E=14
    iban = f"BE{check:02d}{bban}"
    if not valid:
        iban = iban[:-1] + str((int(iban[-1]) + 1) % 10)
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))


def _luhn_complete(partial: str) -> str:
    total = 0
    for i, c in enumerate(reversed(partial)):
        n = int(c) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return partial + str((10 - total % 10) % 10)


def _card(rng: random.Random, valid: bool) -> str:
    digits = _luhn_complete("4" + "".join(rng.choice("0123456789") for _ in range(14)))
    if not valid:
        digits = digits[:-1] + str((int(digits[-1]) + 1) % 10)
    return " ".join(digits[i:i + 4] for i in range(0, 16, 4))


def _nrn(rng: random.Random, valid: bool) -> str:
    base = f"{rng.randrange(40, 99):02d}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}{rng.randrange(1, 998):03d}"
    check = 97 - int(base) % 97
    if not valid:
        check = check % 97 + 1
    n = base + f"{check:02d}"
    return f"{n[0:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}"


def _bsn(rng: random.Random, valid: bool) -> str:
    while True:
        prefix = f"{rng.randrange(10**7, 10**8):08d}"
        last = sum(int(c) * w for c, w in zip(prefix, (9, 8, 7, 6, 5, 4, 3, 2))) % 11
        if last <= 9:
            return prefix + str(last if valid else (last + 1) % 10)


def make_text(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    makers = (_iban, _card, _nrn, _bsn)
    parts: list[str] = []
    length = 0
    while length < size:
        roll = rng.random()
        if roll < 0.004:
            piece = rng.choice(makers)(rng, rng.random() < 0.5)
        elif roll < 0.010:
            piece = "".join(rng.choice("0123456789") for _ in range(rng.choice((9, 11, 13, 16))))
        elif roll < 0.013:
            piece = f"{rng.choice(WORDS)}.{rng.choice(WORDS)}@example.{rng.choice(('be', 'nl', 'fr'))}"
        elif roll < 0.015:
            piece = rng.choice(KEYWORDS)
        elif roll < 0.030:
            piece = str(rng.randrange(1, 100000))
        else:
            piece = rng.choice(WORDS)
        parts.append(piece)
        length += len(piece) + 1
        if rng.random() < 0.02:
            parts.append("\n")
    return " ".join(parts)[:size]


def make_iban_list(size: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    lines: list[str] = []
    length = 0
    while length < size:
        line = f"{rng.choice(WORDS)};{_iban(rng, True)};{rng.randrange(1, 10**6) / 100:.2f}"
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines)[:size]


def load_module(name: str, source: str):
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False, encoding="utf-8") as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, f.name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    Path(f.name).unlink()
    return module


def before_source(ref_or_file: str) -> str:
    path = Path(ref_or_file)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return subprocess.run(["git", "show", f"{ref_or_file}:{MODULE}"], cwd=REPO, check=True,
                          capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="HEAD", help="a git ref or a file (default HEAD)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", type=int, default=1024 * 1024)
    args = parser.parse_args(argv)

    before = load_module("detectors_before", before_source(args.before))
    after = load_module("detectors_after", (REPO / MODULE).read_text(encoding="utf-8"))
    for title, text in (("mixed", make_text(args.size)), ("iban-list", make_iban_list(args.size))):
        times: dict[str, list[float]] = {"before": [], "after": []}
        found = {"before": before.find_all(text), "after": after.find_all(text)}  # also warms both up
        for _ in range(args.runs):
            for name, module in (("before", before), ("after", after)):
                gc.collect()  # as timeit does: neither run pays for the other's garbage
                gc.disable()
                start = time.perf_counter()
                module.find_all(text)
                times[name].append(time.perf_counter() - start)
                gc.enable()
        median = {name: statistics.median(values) for name, values in times.items()}
        print(f"{title}: find_all over {len(text):,} characters, median of {args.runs} alternating runs each")
        for name in ("before", "after"):
            print(f"  {name:6} ({args.before if name == 'before' else 'work tree'}): "
                  f"{median[name] * 1000:8.1f} ms  findings {found[name]}")
        print(f"  ratio after / before: {median['after'] / median['before']:.2f}")
        if found["before"] != found["after"]:
            print("  the findings differ (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
