"""Helper process for test_atomic_kill: label one file, announcing when it starts.

Usage: python tests/atomic_writer.py LABEL_ID PATH

Everything is imported and the scheme loaded *before* "ready" is printed,
so the parent can time its SIGKILL against the write itself rather than
against interpreter start-up.  On success it prints "done <seconds> <status>".
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from labeler.core.service import LabelService  # noqa: E402
from policy import load_builtin  # noqa: E402


def main() -> int:
    label_id, path = sys.argv[1], sys.argv[2]
    service = LabelService(load_builtin(), user="kill-test")
    label = service.scheme.find(label_id)
    assert label is not None, label_id
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    start = time.perf_counter()
    # Lowering a label may need a justification in the scheme: always give one.
    outcome = service.apply(path, label, justification="kill test")
    elapsed = time.perf_counter() - start
    sys.stdout.write(f"done {elapsed:.6f} {outcome.status} {outcome.kind}\n")
    sys.stdout.flush()
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
