"""Where a benchmark script finds the code it measures: the repository and this folder, on sys.path.

    from support import BENCH, REPO  # first: the imports after it need the paths

A script run as `python bench/NAME.py` has only bench/ on sys.path; the
packages it measures (labeler, policy, formats, ui) are imported from the
working tree rather than from whatever is installed, and the scripts import
each other (generate, bench_write, prompt_measure, ...) wherever they run
from.  Both go first in sys.path, this folder before the repository.
"""
from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for _folder in (REPO, BENCH):
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
