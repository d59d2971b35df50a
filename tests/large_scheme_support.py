"""Large and hostile schemes in real processes: the peak memory of a labeler command, a signed scheme to install.

    result = labeler_peak("scheme", "validate", draft)   # {"code", "stdout", "stderr", "peak_mb", "seconds"}
    sign_and_trust(root / "source" / "scheme.toml", text, root / "config.toml")

Shared by the tests that bound the cost of large schemes (test_scheme_large,
test_toml_shape) and the benchmarks that print it (bench/bench_scheme_memory.py,
bench/bench_latency.py, which import it as tests.large_scheme_support): no
pytest and no conftest here, so that a benchmark script can import it too.
"""
from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Run by a fresh intermediate interpreter: argv[1] is the command's timeout in seconds, the rest labeler's
# arguments.  RUSAGE_CHILDREN there counts the labeler process alone, not the caller's other children
# (another test's, an earlier draft's).
_MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run([sys.executable, "-m", "labeler", *sys.argv[2:]], capture_output=True, text=True,
                      timeout=float(sys.argv[1]))
elapsed = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak_mb = peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere
print(json.dumps({"code": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "peak_mb": peak_mb,
                  "seconds": elapsed}))
"""


def labeler_peak(*args: str | Path, env: Mapping[str, str] | None = None, timeout: float = 600) -> dict:
    """`labeler ARGS` in a fresh process, run from the repository: its exit code, output, seconds and peak
    resident size in MB.  `env` is the whole environment (None: this process's); `timeout` bounds the
    labeler command, the measuring process gets 300 s more.  RuntimeError when the measuring itself fails."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, str(timeout), *map(str, args)], capture_output=True,
                          text=True, cwd=REPO, env=None if env is None else dict(env), timeout=timeout + 300)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr)
    return json.loads(proc.stdout)


def sign_and_trust(source: Path, text: str, config: Path) -> None:
    """`text` written as the scheme file `source` (its folder made) and signed with a throwaway key beside it
    (SOURCE.sig), and an admin config at `config` that takes its scheme from `source` and trusts that key."""
    from policy.signing import generate_private_key, public_key_text, sign

    key = generate_private_key()
    source.parent.mkdir(parents=True)
    data = text.encode("utf-8")
    source.write_bytes(data)
    source.with_name(source.name + ".sig").write_bytes(sign(data, key))
    config.write_text(f"[scheme]\nsource = {json.dumps(str(source))}\n"
                      f"trusted_keys = [{json.dumps(public_key_text(key))}]\n", "utf-8")
