"""A writer killed with SIGKILL at any moment leaves the old file or the new one.

A ~10 MB .docx full of incompressible image data (and a ~10 MB PDF with an
incompressible attachment) is generated once, so that
one write (a streaming copy plus fsync) takes long enough to be hit in the
middle.  A helper process (tests/atomic_writer.py) imports everything, says
"ready", then labels the file; the test kills it after a random delay between
0 and 1.5 times the measured duration of one labelling, many times over, and
after every kill checks that the document is byte-for-byte the old one or a
complete, valid new one carrying the new label.  After each successful write
the target label alternates, so every run is a real change.

The seed is printed (run with -s to see it); set LABELER_KILL_SEED to replay.
"""
from __future__ import annotations

import io
import os
import re
import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from formats import registry
from formats.atomic import TEMP_PREFIX, TEMP_SUFFIX

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

WRITER = Path(__file__).resolve().parent / "atomic_writer.py"
REPO = WRITER.parent.parent
LABELS = ("internal", "confidential")
RUNS = int(os.environ.get("LABELER_KILL_RUNS", "60"))


def _noise_png(rng: random.Random, side: int) -> io.BytesIO:
    from PIL import Image

    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    buf.seek(0)
    return buf


@pytest.fixture(scope="module")
def big_docx(tmp_path_factory) -> Path:
    """A valid ~10 MB Word document whose members do not compress."""
    import docx
    from docx.shared import Inches

    rng = random.Random(1234)
    document = docx.Document()
    document.add_heading("Kill test", level=1)
    for i in range(3):
        document.add_paragraph(f"Noise picture {i}")
        document.add_picture(_noise_png(rng, 1100), width=Inches(4))
    path = tmp_path_factory.mktemp("big") / "big.docx"
    document.save(str(path))
    size = path.stat().st_size
    assert 8_000_000 <= size <= 15_000_000, size
    return path


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory) -> Path:
    """A valid ~10 MB PDF: one page and an incompressible attachment."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_attachment("noise.bin", random.Random(4321).randbytes(10_000_000))
    path = tmp_path_factory.mktemp("big") / "big.pdf"
    with open(path, "wb") as f:
        writer.write(f)
    assert 8_000_000 <= path.stat().st_size <= 15_000_000
    return path


def _our_label(path: Path) -> str | None:
    result = registry.handler_for(path).read(path)
    return result.ours.id if result.ours else None


def _is_valid_new_file(path: Path, label_id: str, old_bytes: bytes) -> bool:
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        data = path.read_bytes()
        # An incremental update keeps the old file as a prefix; a relabel first cuts off the
        # revision that our earlier write appended (it names its base in a marker comment).
        marker = re.search(rb"%Labeler-update base (\d+)", old_bytes)
        if not data.startswith(old_bytes[:int(marker.group(1))] if marker else old_bytes):
            return False
        with open(path, "rb") as f:
            assert len(PdfReader(f, strict=True).pages) == 1
    else:
        import docx

        with zipfile.ZipFile(path) as z:
            if z.testzip() is not None:
                return False
        docx.Document(str(path))  # raises if it does not open
    return _our_label(path) == label_id


def _start_writer(label_id: str, path: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(WRITER), label_id, str(path)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if line != "ready\n":
        proc.kill()
        _, err = proc.communicate()
        pytest.fail(f"writer did not start: {line!r} {err}")
    return proc


def _stray_files(folder: Path, document: Path) -> tuple[list[Path], list[Path]]:
    """(our temp leftovers, anything else unexpected) in the document's folder."""
    temps, others = [], []
    for entry in folder.iterdir():
        if entry == document:
            continue
        if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX):
            temps.append(entry)
        else:
            others.append(entry)
    return temps, others


def _measure_write(path: Path, label_id: str) -> float:
    proc = _start_writer(label_id, path)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, (out, err)
    fields = out.split()
    assert fields[0] == "done" and fields[2] == "labelled", out
    return float(fields[1])


@pytest.mark.parametrize("family", ["docx", "pdf"])
def test_sigkill_at_random_moments_leaves_old_or_new_file(family, request, tmp_path):
    big = request.getfixturevalue(f"big_{family}")
    seed = int(os.environ.get("LABELER_KILL_SEED", random.SystemRandom().randrange(2**32)))
    print(f"\nkill test seed: {seed} (replay with LABELER_KILL_SEED={seed})")
    rng = random.Random(seed)

    folder = tmp_path / "work"
    folder.mkdir()
    document = folder / big.name
    document.write_bytes(big.read_bytes())
    os.chmod(document, 0o640)

    # Time one complete labelling (read, write, read back), then label back
    # and forth once more so the page cache is warm for both directions.
    t_write = max(_measure_write(document, LABELS[0]), _measure_write(document, LABELS[1]))
    print(f"one labelling of {document.stat().st_size:,} bytes takes {t_write * 1000:.1f} ms")
    assert t_write > 0.005, "the write is too fast to be interrupted meaningfully"
    current = LABELS[1]
    assert _our_label(document) == current

    ended_old = ended_new = 0
    leftovers = 0
    for run in range(RUNS):
        target = LABELS[0] if current == LABELS[1] else LABELS[1]
        old_bytes = document.read_bytes()
        delay = rng.uniform(0, t_write * 1.5)
        proc = _start_writer(target, document)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)  # our own child, by its pid
        proc.communicate(timeout=60)

        context = f"run {run}, seed {seed}, delay {delay * 1000:.1f} ms, exit {proc.returncode}"
        assert document.is_file(), f"document missing after kill ({context})"
        now = document.read_bytes()
        if now == old_bytes:
            ended_old += 1
        else:
            assert _is_valid_new_file(document, target, old_bytes), f"neither old nor new valid file ({context})"
            ended_new += 1
            current = target
        assert (document.stat().st_mode & 0o777) == 0o640, f"permissions lost ({context})"

        temps, others = _stray_files(folder, document)
        assert not others, f"unexpected files after kill: {others} ({context})"
        for temp in temps:
            # A killed writer may leave its temp file; it must never be mistaken for the document.
            assert temp.name != document.name
            leftovers += 1
            temp.unlink()

    # A final, uninterrupted write still works after all those kills.
    target = LABELS[0] if current == LABELS[1] else LABELS[1]
    old_bytes = document.read_bytes()
    _measure_write(document, target)
    assert _is_valid_new_file(document, target, old_bytes)
    assert _stray_files(folder, document) == ([], [])

    print(f"{RUNS} kills: {ended_old} left the old file, {ended_new} the new one; "
          f"{leftovers} temp file(s) left behind by killed writers")
    assert ended_old >= 1, "no kill landed before the replace: the test proves nothing"
    assert ended_new >= 1, "no kill landed after the replace: the test proves nothing"
    assert ended_old + ended_new == RUNS
