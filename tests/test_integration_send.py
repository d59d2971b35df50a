""""Send by e-mail…" in every file manager's right-click menu, and its hand-over to the running app.

Each integration is installed in a throwaway HOME (its own XDG folders) with
a `command` that records its arguments; the "Send by e-mail…" entry is then
run the way its file manager runs it (tests/integration_support.py) and must
deliver `send-dialog -- <every path, intact>`, in the person's language
(English, Dutch, French) like the "Label…" entry.  Uninstall removes it
again.  The running app side: `labeler send-dialog` processes hand their
files to an app that listens, which shows one "Send by e-mail…" dialog.
"""
from __future__ import annotations

import os
import plistlib
import shutil
import stat
import subprocess
import sys

import integration_support as support
import pytest
from instance_support import app_environment, close_instance, end_process, hand_over_each, private_runtime
from integration_support import (REPO, expand_field_codes, g_shell_parse_argv, g_shell_quote, keyfile_unescape,
                                 nemo_expand, read_desktop, split_exec)
from lxml import etree
from wait_support import wait_for

from labeler.desktop import integration
from labeler.desktop.integration import dolphin, macos, nautilus, nemo, thunar, windows

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the entries are run with /bin/sh")

# The shared pytest fixtures, bound here so pytest finds them in this module.
home, env, recorder, files = support.home, support.env, support.recorder, support.files

NAMES = {"en": "Send by e-mail…", "nl": "Per e-mail versturen…", "fr": "Envoyer par e-mail…"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sent(paths) -> list[str]:
    return ["send-dialog", "--", *[str(p) for p in paths]]


def thunar_line(command: str, paths) -> str:
    """What Thunar runs with /bin/sh -c: %F → g_shell_quote'd paths, %% → %."""
    return command.replace("%%", "\0").replace("%F", " ".join(g_shell_quote(str(p)) for p in paths)) \
        .replace("\0", "%")


# -- every integration, every language ----------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_nautilus_and_nemo_entries_send_in_the_persons_language(lang, home, env, recorder, files):
    label_script, send_script = nautilus.install(home, recorder.command, env, lang=lang)
    assert send_script.name == NAMES[lang] and send_script.parent == label_script.parent
    assert send_script.stat().st_mode & stat.S_IXUSR
    proc = subprocess.run([str(send_script), *[p.name for p in files]], cwd=files[0].parent, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [sent(files)]

    _label, send_action = nemo.install(home, recorder.command, env, lang=lang)
    action = read_desktop(send_action)["Nemo Action"]
    assert action["Name"] == NAMES[lang]
    assert {action[f"Name[{code}]"] for code in NAMES} == set(NAMES.values())
    argv = g_shell_parse_argv(nemo_expand(keyfile_unescape(action["Exec"]), [str(p) for p in files]))
    assert subprocess.run(argv, capture_output=True, timeout=60).returncode == 0
    assert recorder.calls()[-1] == sent(files)


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_dolphin_and_thunar_entries_send_in_the_persons_language(lang, home, env, recorder, files):
    [menu] = dolphin.install(home, recorder.command, env, lang=lang)
    cp = read_desktop(menu)
    assert cp["Desktop Entry"]["Actions"].split(";")[:2] == ["labelerLabel", "labelerSend"]
    action = cp["Desktop Action labelerSend"]
    assert action["Name"] == NAMES[lang]
    assert {code: action[f"Name[{code}]"] for code in NAMES} == NAMES
    argv = expand_field_codes(split_exec(keyfile_unescape(action["Exec"])), [str(p) for p in files])
    assert subprocess.run(argv, capture_output=True, timeout=60).returncode == 0
    assert recorder.calls() == [sent(files)]

    [uca] = thunar.install(home, recorder.command, env, lang=lang)
    [ours] = thunar.ours(etree.parse(str(uca)).getroot(), thunar.SEND_UNIQUE_ID)
    assert {n.get(XML_LANG): n.text for n in ours.findall("name")} == {None: NAMES[lang], **NAMES}
    proc = subprocess.run(["/bin/sh", "-c", thunar_line(ours.findtext("command"), files)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls()[-1] == sent(files)


@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_explorer_and_finder_entries_send_in_the_persons_language(lang, home, recorder, files):
    command = [r"C:\Program Files\Labeler\labeler-gui.exe"]
    values = {(e.key, e.name): e.value for e in windows.registry_entries(command, lang)}
    assert values[(windows.SEND_VERB_KEY, "MUIVerb")] == NAMES[lang]
    assert values[(windows.SEND_VERB_KEY, "MultiSelectModel")] == "Player"
    assert values[(windows.SEND_COMMAND_KEY, "")] == r'"C:\Program Files\Labeler\labeler-gui.exe" send-dialog -- "%1"'

    macos.install(home, recorder.command, lang=lang)
    bundle = macos.bundle_path(home, title=macos.SEND_TITLE)
    with open(bundle / "Contents/Info.plist", "rb") as f:
        [service] = plistlib.load(f)["NSServices"]
    assert service["NSMenuItem"]["default"] == integration.menu_text(macos.SEND_TITLE, lang)
    assert service["NSMenuItem"]["default"] == {"en": "Send by e-mail with labeler",
                                                "nl": "Per e-mail versturen met labeler",
                                                "fr": "Envoyer par e-mail avec labeler"}[lang]
    with open(bundle / "Contents/document.wflow", "rb") as f:
        script = plistlib.load(f)["actions"][0]["action"]["ActionParameters"]["COMMAND_STRING"]
    proc = subprocess.run(["/bin/sh", "-c", script, "sh", *map(str, files)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert recorder.calls() == [sent(files)]
    assert macos.status(home, command=recorder.command).detail == "installed"
    assert set(macos.uninstall(home)) == {macos.bundle_path(home), bundle}
    assert not (home / "Library" / "Services").exists() or not any((home / "Library" / "Services").iterdir())


# -- status and uninstall -----------------------------------------------------------------------
def test_status_tells_a_missing_send_entry_and_install_repairs_it(home, env, recorder):
    _label, send = nautilus.install(home, recorder.command, env)
    send.unlink()
    result = nautilus.status(home, env, recorder.command)
    assert result.installed and "Send by e-mail…" in result.detail and "missing" in result.detail
    nautilus.install(home, recorder.command, env)
    assert nautilus.status(home, env, recorder.command).detail == "installed"

    _label, send = nemo.install(home, recorder.command, env)
    send.write_text(send.read_text("utf-8").replace("send-dialog", "label-dialog"), "utf-8")
    assert "differs" in nemo.status(home, env, recorder.command).detail

    [uca] = thunar.install(home, recorder.command, env)
    tree = thunar.parse(uca.read_bytes(), uca)
    tree.getroot().remove(thunar.ours(tree.getroot(), thunar.SEND_UNIQUE_ID)[0])
    uca.write_bytes(thunar.serialise(tree))
    assert "missing" in thunar.status(home, env, recorder.command).detail


def test_the_cli_installs_and_uninstalls_both_entries_everywhere(home, tmp_path):
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "nl_BE.UTF-8",
                   "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"), "PYTHONPATH": str(REPO)}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "labeler", "integrate", *args], cwd=REPO, env=environment,
                              capture_output=True, text=True, timeout=120)
    result = cli("install")
    assert result.returncode == 0, result.stderr
    assert "send-dialog -- FILE..." in result.stdout
    share = home / ".local/share"
    assert (share / "nautilus/scripts/Per e-mail versturen…").is_file()
    assert (share / "nemo/actions/labeler-send.nemo_action").is_file()
    assert "Name=Per e-mail versturen…" in (share / "kio/servicemenus/labeler-label.desktop").read_text("utf-8")
    assert b"labeler-send-0001" in (home / ".config/Thunar/uca.xml").read_bytes()
    result = cli("uninstall")
    assert result.returncode == 0, result.stderr
    assert sorted(str(p.relative_to(home)) for p in home.rglob("*")) == []


# -- the hand-over to the running app --------------------------------------------------------------
def test_the_message_names_a_send_request_and_old_messages_still_mean_label():
    from ui.single_instance import SEND, decode_message, decode_request, encode_message

    data = encode_message(["a.docx", "/abs/b c.pdf"], cwd="/home/u", kind=SEND)
    assert decode_request(data) == (SEND, ["/home/u/a.docx", "/abs/b c.pdf"])
    assert decode_message(data) == ["/home/u/a.docx", "/abs/b c.pdf"]
    assert decode_request(encode_message(["x.docx"], cwd="/d")) == ("label", ["/d/x.docx"])
    assert b"kind" not in encode_message(["x.docx"], cwd="/d")  # what every version of the app reads
    assert decode_request(b'{"argv": ["/x"], "cwd": "/", "kind": "format-disk"}') is None
    assert decode_request(b'{"argv": [], "cwd": "/", "kind": "send"}') is None  # nothing to send


def test_a_running_app_shows_one_send_dialog_for_a_multi_select(make_shell, qtbot, monkeypatch, tmp_path, scheme):
    from labeler.core.service import LabelService
    from ui.single_instance import InstanceLock, InstanceServer
    from ui.sharing import send_dialog

    runtime = private_runtime()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("LABELER_DATA_DIR", str(tmp_path / "data"))
    docs = tmp_path / "Documents"
    docs.mkdir()
    for name, label in (("a.docx", "public"), ("b c.docx", "confidential")):
        shutil.copyfile(REPO / "tests/data/lo-writer.docx", docs / name)
        assert LabelService(scheme).apply(docs / name, scheme.label(label)).ok
    shell = make_shell([docs])
    label_requests: list = []
    lock = InstanceLock()
    assert lock.acquire()
    server = InstanceServer()
    before = set(send_dialog._open)
    procs = []
    try:
        assert server.listen()
        server.filesArrived.connect(label_requests.append)
        server.sendRequested.connect(shell.send_by_email)  # as ui/app.py wires it
        hand_over_each(procs, "send-dialog", ("a.docx", "b c.docx"), docs, runtime)  # as Explorer starts them
        qtbot.waitUntil(lambda: all(p.poll() is not None for p in procs), timeout=20000)
        assert [p.returncode for p in procs] == [0, 0]
        qtbot.waitUntil(lambda: bool(set(send_dialog._open) - before), timeout=5000)
        [dialog] = set(send_dialog._open) - before
        qtbot.waitUntil(lambda: len(dialog.paths) == 2 and dialog.loaded, timeout=10000)
        assert dialog.isVisible() and dialog.windowTitle() == "Send by e-mail"
        # The two processes race: either file may arrive first.
        assert {p.name: row.label.text() for p, row in zip(dialog.paths, dialog.files.rows)} == \
            {"a.docx": "Public", "b c.docx": "Confidential"}
        assert label_requests == []  # a send request never opens the label dialog
        dialog.reject()
    finally:
        close_instance(procs, server, lock, runtime)


def test_send_dialog_starts_the_app_when_none_runs(tmp_path):
    runtime = private_runtime()
    environment = app_environment(tmp_path, runtime)
    shutil.copyfile(REPO / "tests/data/lo-writer.docx", tmp_path / "report.docx")
    start = [sys.executable, "-m", "labeler", "send-dialog", "--", "report.docx"]
    app = subprocess.Popen(start, cwd=tmp_path, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True)
    try:
        socket_file = runtime / "labeler"
        assert wait_for(lambda: any(socket_file.glob("*.sock")) or app.poll() is not None, 30)
        assert app.poll() is None, app.stderr.read() if app.stderr else ""
        # A further "Send by e-mail…" now hands over to it and exits at once.
        client = subprocess.run(start, cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=30)
        assert client.returncode == 0, client.stderr
        assert app.poll() is None
    finally:
        end_process(app, grace=10)
        shutil.rmtree(runtime, ignore_errors=True)
