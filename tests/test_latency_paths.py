"""The quick paths: what `labeler show` and the right-click dialog do *not* do, and the compiled scheme.

Speed itself is measured in bench/bench_latency.py (whole processes, medians,
against exiftool in the same run); these tests pin down the behaviour the
speed relies on: heavy libraries imported only when a file needs them, the
scheme in force read from its compiled copy (and never from a stale or
damaged one), and files of one multi-select added to the dialog already open.
"""
from __future__ import annotations

import json
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from formats import registry
from labeler.org.distribution import SchemeStore, compiled_cache_dir
from policy import compiled

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def modules_after(code: str, tmp_path: Path) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code` (in a data folder of its own)."""
    env_code = (
        "import os, sys, json\n"
        f"os.environ['LABELER_DATA_DIR'] = {str(tmp_path / 'data')!r}\n"
        f"{code}\n"
        "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", env_code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stderr.strip().splitlines()[-1]))


# -- `labeler show`: only what the file needs ---------------------------------------------------

def test_show_of_an_office_file_imports_no_pdf_crypto_or_scheme_reader(tmp_path):
    docx = shutil.copyfile(DATA / "pydocx.docx", tmp_path / "a.docx")
    show = f"from labeler.cli import main\nassert main(['show', {str(docx)!r}]) == 0"
    modules_after(show, tmp_path)  # the first run compiles the scheme in force
    loaded = modules_after(show, tmp_path)
    assert not {m for m in loaded if m.split(".")[0] in ("pypdf", "cryptography", "multiprocessing", "PIL")}
    assert "formats.pdf" not in loaded and "formats.odf" not in loaded
    assert "policy.loader" not in loaded and "policy.scheme_reader" not in loaded  # the compiled scheme
    assert "labeler.commands.audit" not in loaded and "labeler.org.audit" not in loaded
    assert "sqlite3" not in loaded  # showing opens no label index
    # Read without building argparse's parser; no file to write, no admin config, no scheme to fetch, nothing
    # logged: none of their modules.
    assert not {"argparse", "formats.atomic", "tomllib", "labeler.org.scheme_fetch", "logging.handlers"} & loaded


def test_show_of_a_pdf_loads_the_pdf_handler(tmp_path):
    pdf = shutil.copyfile(DATA / "lo-writer.pdf", tmp_path / "a.pdf")
    loaded = modules_after(f"from labeler.cli import main\nassert main(['show', {str(pdf)!r}]) == 0", tmp_path)
    assert "formats.pdf" in loaded and "pypdf" in loaded and "formats.ooxml" not in loaded


def test_the_registry_knows_each_built_in_handlers_extensions_without_loading_it():
    for entry in registry.HANDLERS:
        if isinstance(entry, registry._Builtin):
            assert entry.extensions == entry.load().extensions, entry.attribute
    assert registry.document_extensions() == frozenset().union(*(h.extensions for h in registry.handlers()))


# What `quick_args` reads without argparse, and what it leaves to the parser.
QUICK_FORMS = [["show", "a.docx"], ["show", "--json", "a", "b c.docx"], ["show", "a", "-v", "--verbose"],
               ["show", "-q", "a", "--debug"], ["show", "-r", "folder", "--recursive", "--json"], ["show", ""],
               ["label-dialog", "--", "a", "-x", "--", "b"], ["label-dialog", "a.docx", "b.docx"]]
PARSER_FORMS = [[], ["show"], ["show", "-"], ["show", "--", "a"], ["show", "-vv", "a"], ["show", "a", "--json", "b"],
                ["show", "--from-file", "list"], ["show", "-h"], ["show", "--js", "a"], ["label-dialog", "--"],
                ["label-dialog", "a", "-b"], ["--debug", "show", "a"], ["apply", "--label", "internal", "a"]]


def test_the_plain_forms_are_read_without_the_parser_exactly_as_it_reads_them():
    from labeler.cli import parser, quick_args

    for argv in QUICK_FORMS:
        quick = quick_args(argv)
        assert quick is not None and vars(quick) == vars(parser(argv).parse_args(argv)), argv
    for argv in PARSER_FORMS:
        assert quick_args(argv) is None, argv


def test_the_whole_command_line_is_still_there_for_help_and_completion(capsys):
    from labeler.cli import parser

    assert parser(["show", "x"]).parse_args(["show", "x"]).command == "show"
    full = parser()  # no arguments named: every command (help, completion)
    assert full.parse_args(["scan", "."]).command == "scan"
    assert full.parse_args(["label-dialog", "--", "x"]).command == "label-dialog"
    full.print_help()
    text = capsys.readouterr().out
    assert all(name in text for name in ("show", "apply", "audit", "label-dialog"))


# -- the compiled scheme ------------------------------------------------------------------------

CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text("utf-8")


def scheme_text(version: int) -> str:
    """The built-in corporate scheme as version `version`, with its own id."""
    text = CORPORATE.replace('id = "example-corp"', 'id = "latency-test"', 1)
    return text.replace("version = 1  #", f"version = {version}  #", 1)


def stored_store(tmp_path: Path, version: int) -> SchemeStore:
    """A store holding an (unsigned, accepted) scheme of `version`, compiled into tmp_path/cache."""
    store = SchemeStore(tmp_path / "store", cache_folder=tmp_path / "cache")
    store.current.mkdir(parents=True, exist_ok=True)
    store.scheme_path.write_text(scheme_text(version), "utf-8")
    store.signature_path.write_bytes(b"{}")
    return store


def count_parses(monkeypatch) -> list[str]:
    import policy.loader

    calls: list[str] = []
    real = policy.loader.parse_scheme

    def counting(data, source):
        calls.append(source)
        return real(data, source)
    monkeypatch.setattr(policy.loader, "parse_scheme", counting)
    return calls


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{compiled.PREFIX}*{compiled.SUFFIX}"))


def test_the_scheme_in_force_is_read_once_then_from_its_compiled_copy(tmp_path, monkeypatch):
    parses = count_parses(monkeypatch)
    store = stored_store(tmp_path, 3)
    first = store.scheme_in_force(None)
    assert (first.scheme.id, first.scheme.version, first.builtin) == ("latency-test", 3, False)
    assert len(parses) == 1 and len(cache_files(tmp_path / "cache")) == 1
    again = store.scheme_in_force(None)
    assert len(parses) == 1  # not parsed again
    assert again.scheme == first.scheme and again.scheme.warnings == first.scheme.warnings


def test_a_changed_scheme_is_parsed_afresh_never_taken_from_the_old_copy(tmp_path, monkeypatch):
    parses = count_parses(monkeypatch)
    store = stored_store(tmp_path, 3)
    assert store.scheme_in_force(None).scheme.version == 3
    store.scheme_path.write_text(scheme_text(4), "utf-8")
    assert store.scheme_in_force(None).scheme.version == 4
    assert len(parses) == 2
    assert store.scheme_in_force(None).scheme.version == 4 and len(parses) == 2


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "foreign-pickle"])
def test_a_damaged_compiled_copy_falls_back_to_a_fresh_parse(tmp_path, monkeypatch, damage):
    parses = count_parses(monkeypatch)
    store = stored_store(tmp_path, 5)
    store.scheme_in_force(None)
    [path] = cache_files(tmp_path / "cache")
    blob = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(blob[:len(blob) // 2])
    elif damage == "flipped":
        path.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a well-formed file whose pickle would build something else than a scheme
        payload = pickle.dumps(Path("/etc/passwd"))
        path.write_bytes(compiled.CACHE_FORMAT + compiled.hashlib.sha256(payload).digest() + payload)
    assert compiled.load(path) is None
    force = store.scheme_in_force(None)
    assert (force.scheme.id, force.scheme.version) == ("latency-test", 5) and len(parses) == 2
    assert compiled.load(path) == force.scheme  # written again, whole


def test_the_built_in_scheme_is_compiled_too(tmp_path, monkeypatch):
    from policy import load_builtin

    parses = count_parses(monkeypatch)
    store = SchemeStore(tmp_path / "empty-store", cache_folder=tmp_path / "cache")
    assert store.scheme_in_force(None).builtin and len(parses) == 1
    assert store.scheme_in_force(None).scheme == load_builtin()
    assert len(parses) == 2  # the second is load_builtin's own parse; in_force used the compiled copy


def test_an_unwritable_cache_costs_the_parse_not_a_failure(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    store = SchemeStore(tmp_path / "store", cache_folder=blocker / "cache")
    assert store.scheme_in_force(None).builtin


def test_the_cache_folder_follows_the_data_folder_or_its_own_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LABELER_CACHE_DIR", raising=False)
    assert compiled_cache_dir() == tmp_path / "data" / "cache"
    monkeypatch.setenv("LABELER_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert compiled_cache_dir() == tmp_path / "elsewhere"


def test_old_compiled_copies_are_pruned(tmp_path):
    folder = tmp_path / "cache"
    for version in range(1, 8):
        compiled.parse_cached(scheme_text(version).encode(), "s.toml", folder)
        time.sleep(0.01)  # distinct modification times
    assert len(cache_files(folder)) == compiled.KEEP


# -- the desktop app: nothing loaded before it is needed ----------------------------------------

def test_the_app_does_not_import_the_overview_or_settings_at_start(tmp_path):
    pytest.importorskip("PySide6")
    code = "import os\nos.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\nimport ui.app"
    loaded = modules_after(code, tmp_path)
    assert not {m for m in loaded if m.startswith(("ui.overview", "ui.settings", "ui.preview", "ui.label_dialog"))}


# -- files of one multi-select added to the dialog already open (real widgets) -------------------

WAIT = 15000


@pytest.fixture
def one_file_dialog(qtbot, scheme, tmp_path, monkeypatch):
    """A real label dialog for one labelled file (shown, its label read), and two unlabelled files."""
    pytest.importorskip("pytestqt")
    from gui_helpers import workers_idle
    from labeler.core.service import LabelService
    from ui.label_dialog import LabelDialog

    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    labelled = shutil.copyfile(DATA / "lo-writer.docx", tmp_path / "labelled.docx")
    service = LabelService(scheme)
    assert service.apply(labelled, scheme.find("internal")).ok
    others = [shutil.copyfile(DATA / "lo-writer.docx", tmp_path / name) for name in ("b.docx", "c.docx")]
    dialog = LabelDialog([labelled], scheme, service=service, lang="en")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.controller.loaded and dialog.controller.hints_done, timeout=WAIT)
    yield dialog, labelled, others
    dialog.controller.shutdown()
    qtbot.waitUntil(workers_idle, timeout=WAIT)


@pytest.mark.gui
def test_files_that_arrive_later_join_the_open_dialog_and_are_read(one_file_dialog, qtbot):
    dialog, labelled, others = one_file_dialog
    assert dialog.windowTitle() == "Label document" and dialog.selected_label_id() == "internal"
    added = dialog.add_paths([str(others[0]), str(labelled)])  # the one already there is not added twice
    assert added == [others[0]] and dialog.paths == [labelled, others[0]]
    assert dialog.windowTitle() == "Label documents"
    # Nobody chose "internal" for the new file: the first file's label is no longer shown as chosen.
    assert dialog.selected_label_id() is None
    assert not dialog.view.apply.isEnabled()
    dialog.add_paths([others[1]])
    qtbot.waitUntil(lambda: dialog.controller.loaded and dialog.controller.hints_done, timeout=WAIT)
    shown = dialog.controller.shown
    assert [shown[i].path for i in range(3)] == [str(labelled), str(others[0]), str(others[1])]
    assert shown[0].label.id == "internal" and shown[1].label is None and shown[2].label is None
    tree = dialog.view.choose.files.files
    assert tree.isVisible()  # the batch's file list
    names = set()
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        names |= {group.child(c).text(0) for c in range(group.childCount())}
    assert names == {"labelled.docx", "b.docx", "c.docx"}
    # The person chooses, and Apply labels all three.
    next(c for c in dialog.view.cards if c.label_id == "confidential").click()
    assert dialog.view.apply.isEnabled()
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT) as applied:
        dialog.view.apply.click()
    assert [o.label.id for o in applied.args[0]] == ["confidential"] * 3
    assert not dialog.accepts_files() and dialog.add_paths([str(DATA / "pydocx.docx")]) == []


@pytest.mark.gui
def test_the_joiner_opens_at_once_and_adds_the_rest_of_the_selection(one_file_dialog, qtbot):
    from ui.single_instance import DialogJoiner

    dialog, labelled, others = one_file_dialog
    opened: list = []

    def open_dialog(paths):
        opened.append(paths)
        return dialog if len(opened) == 1 else None

    joiner = DialogJoiner(open_dialog, window_ms=60_000)
    joiner.add([str(labelled)])  # the first arrival: a dialog at once, no waiting
    assert opened == [[str(labelled)]]
    joiner.add([str(others[0])])
    joiner.add([str(others[1])])
    assert len(opened) == 1 and dialog.paths == [labelled, *others]
    qtbot.waitUntil(lambda: dialog.controller.loaded and dialog.controller.hints_done, timeout=WAIT)
    dialog.reject()  # closed: the next arrival gets a dialog of its own
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    joiner.add([str(DATA / "pydocx.docx")])
    assert len(opened) == 2


@pytest.mark.gui
def test_arrivals_after_the_window_open_a_dialog_of_their_own(qtbot):
    from ui.single_instance import DialogJoiner
    from gui_helpers import fake_dialog_class

    opened: list = []

    def open_dialog(paths):
        opened.append(list(paths))
        dialog = fake_dialog_class()()
        dialog.accepts_files = lambda: True
        dialog.add_paths = lambda more: opened[-1].extend(more)
        return dialog

    joiner = DialogJoiner(open_dialog, window_ms=100)
    joiner.add(["/a"])
    joiner.add(["/b"])
    qtbot.wait(250)
    joiner.add(["/c"])
    assert opened == [["/a", "/b"], ["/c"]]


@pytest.mark.gui
def test_a_second_process_hands_its_file_over_without_loading_qt(qtbot, tmp_path, monkeypatch):
    import tempfile

    from ui.instance_server import InstanceServer
    from ui.single_instance import InstanceLock

    runtime = Path(tempfile.mkdtemp(prefix="lbl-run-"))  # short: a socket path has a length limit
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("LABELER_RUNTIME_DIR", raising=False)
    lock = InstanceLock()
    assert lock.acquire()
    server = InstanceServer()
    arrived: list = []
    server.filesArrived.connect(arrived.append)
    code = ("import sys\nfrom labeler.cli import main\nrc = main(['label-dialog', '--', 'a.docx'])\n"
            "print(rc, 'PySide6' in sys.modules, 'labeler.commands.audit' in sys.modules, 'argparse' in sys.modules)")
    try:
        assert server.listen()
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, stdout=subprocess.PIPE, text=True,
                                env={**__import__("os").environ, "PYTHONPATH": str(REPO)})
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=WAIT)
        assert proc.stdout is not None and proc.stdout.read().split() == ["0", "False", "False", "False"]
        qtbot.waitUntil(lambda: bool(arrived), timeout=WAIT)
        assert arrived == [[str(tmp_path / "a.docx")]]
    finally:
        server.close()
        lock.release()
        shutil.rmtree(runtime, ignore_errors=True)


# -- no app running: the label dialog before the rest of the app (ui/startup.py) --------------------

DIALOG_FIRST = """
import json, os, sys
import ui.startup as startup

def shown(app, dialog):
    real(app, dialog)
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('ui', 'watchdog'))
    print(json.dumps({"visible": dialog.isVisible(), "title": dialog.windowTitle(), "loaded": loaded}))
    sys.stdout.flush()
    os._exit(0)  # the rest (the tray, the watchers, the event loop) is for the other tests

real, startup._until_shown = startup._until_shown, shown
startup.run([sys.argv[1]])
"""
TRAY_MODULES = ("ui.app", "ui.tray_window", "ui.notifier", "ui.watch_bridge", "ui.index_feed", "ui.restore_notice",
                "ui.instance_server", "ui.overview", "ui.settings", "watchdog")


def test_with_no_app_running_the_dialog_is_shown_before_the_tray_app_is_imported(tmp_path):
    pytest.importorskip("PySide6")
    import tempfile

    runtime = Path(tempfile.mkdtemp(prefix="lbl-run-"))  # short: a socket path has a length limit
    doc = shutil.copyfile(DATA / "pydocx.docx", tmp_path / "a.docx")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "LABELER_DATA_DIR": str(tmp_path / "data"),
           "LABELER_CONFIG_DIR": str(tmp_path / "config"), "LABELER_RUNTIME_DIR": str(runtime)}
    try:
        proc = subprocess.run([sys.executable, "-c", DIALOG_FIRST, str(doc)], cwd=REPO, env=env, capture_output=True,
                              text=True, timeout=120)
    finally:
        shutil.rmtree(runtime, ignore_errors=True)
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout.strip().splitlines()[-1])
    assert shown["visible"] and shown["title"] == "Label document" and "ui.label_dialog" in shown["loaded"]
    assert not [m for m in shown["loaded"] if m.startswith(TRAY_MODULES)]


@pytest.mark.gui
def test_the_dialog_shown_first_labels_through_the_app_and_gathers_the_rest(one_file_dialog, make_shell, qtbot,
                                                                            tmp_path):
    dialog, labelled, others = one_file_dialog
    shell = make_shell([tmp_path])
    shell.adopt_dialog(dialog)
    assert dialog.controller.service is shell.service  # the service whose writes the watcher knows as ours
    shell.gatherer.add([str(others[0])])  # the next file of the same multi-select joins it
    assert dialog.paths == [labelled, others[0]]
    qtbot.waitUntil(lambda: dialog.controller.loaded and dialog.controller.hints_done, timeout=WAIT)
    next(c for c in dialog.view.cards if c.label_id == "confidential").click()
    with qtbot.waitSignal(dialog.labelsApplied, timeout=WAIT):
        dialog.view.apply.click()
    assert all(shell.bridge.own_writes.matches(p) for p in (labelled, others[0]))
