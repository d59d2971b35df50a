"""The installable app: launcher, AppStream metadata, icons, entry points, self-test and bundle recipes.

Everything happens in a throwaway HOME with its own XDG folders.  The
launcher and AppStream files are checked by the real validators
(`desktop-file-validate` from desktop-file-utils, `appstreamcli` from
appstream) when they are installed; .ci/run installs both.  The bundle itself
is built and smoke-tested by .ci/run (packaging/build_bundle.sh,
packaging/smoke_test.sh), not here: it takes a minute.
"""
from __future__ import annotations

import configparser
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tomllib

import integration_support as support
import pytest
from integration_support import REPO
from lxml import etree

from labeler import languages
from labeler.desktop import autostart, integration
from labeler.desktop.integration import APP_ID, IntegrationError, launcher

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop files")

# The shared throwaway-HOME fixtures, bound here so pytest finds them in this module.
home, env = support.home, support.env


def command() -> list[str]:
    return [sys.executable, "-P", "-m", "labeler"]


def keyfile(text: str) -> dict:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(text)
    return dict(parser["Desktop Entry"])


def run(args: list[str], timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, **kwargs)


# ---------------------------------------------------------------- one id everywhere

def test_one_reverse_dns_id_names_every_file_and_icon():
    assert APP_ID.count(".") >= 2 and APP_ID.split(".")[0] in ("io", "org", "com", "net")
    assert integration.ICON_NAME == APP_ID
    assert f"Icon={APP_ID}" in autostart.desktop_entry(["labeler", "gui"])
    assert launcher.desktop_template().count("@ICON@") == 1
    root = etree.fromstring(launcher.render_metainfo().encode("utf-8"))
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.findtext("icon[@type='stock']") == APP_ID
    assert keyfile(launcher.render_desktop(command(), "en"))["Icon"] == APP_ID
    spec = (REPO / "packaging" / "labeler.spec").read_text(encoding="utf-8")
    assert f'bundle_identifier="{APP_ID}"' in spec
    assert f"--identifier {APP_ID}" in (REPO / "packaging" / "macos" / "build_pkg.sh").read_text(encoding="utf-8")


def test_the_appstream_release_is_the_package_version():
    root = etree.fromstring(launcher.render_metainfo().encode("utf-8"))
    assert root.find("releases/release").get("version") == PYPROJECT["project"]["version"]


# ---------------------------------------------------------------- the icons

def test_pngs_are_rendered_from_the_current_svg_in_every_size():
    from PIL import Image

    digest = hashlib.sha256(launcher.svg_icon().read_bytes()).hexdigest()
    assert launcher.MARKER in launcher.svg_icon().read_text(encoding="utf-8")
    assert set(launcher.ICON_SIZES) >= {16, 22, 24, 32, 48, 64, 128, 256}
    for size in launcher.ICON_SIZES:
        with Image.open(launcher.png_icon(size)) as png:
            assert png.size == (size, size) and png.mode == "RGBA"
            # Stale when labeler.svg changed: run packaging/render_icons.py (docs/packaging.md).
            assert png.text.get("Source") == f"labeler.svg sha256={digest}", launcher.png_icon(size)
            assert png.text.get("Comment") == launcher.MARKER
            assert png.getchannel("A").getextrema() == (0, 255)  # a shape on a transparent square


def test_windows_and_macos_icons_are_there():
    from PIL import Image

    with Image.open(REPO / "packaging" / "windows" / "labeler.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(REPO / "packaging" / "macos" / "labeler.icns") as icns:
        assert icns.size[0] >= 512


def test_the_app_icon_comes_from_the_resources(qapp):
    from ui.tray import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 256}
    plain = icon.pixmap(32, 32).toImage()
    badged = app_icon(waiting=3).pixmap(32, 32).toImage()
    assert plain.size() == badged.size() and plain != badged  # the dot for waiting documents
    from PySide6.QtGui import QImage

    shipped = QImage(str(launcher.png_icon(32))).convertToFormat(plain.format())
    assert plain == shipped


# ---------------------------------------------------------------- the launcher files

@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_launcher_texts_in_every_language(lang):
    entry = keyfile(launcher.render_desktop(command(), lang))
    assert entry["Name"] == "Labeler"
    assert entry["Comment"] == integration.menu_text(launcher.COMMENT, lang)
    assert entry["Exec"].endswith(" gui") and "%" not in entry["Exec"]
    assert entry["Terminal"] == "false" and entry["Type"] == "Application"
    for code in languages.codes():
        assert entry[f"Comment[{code}]"] == integration.menu_text(launcher.COMMENT, code)
        assert entry[f"Keywords[{code}]"].endswith(";")
        if code != languages.DEFAULT:
            assert entry[f"Comment[{code}]"] != launcher.COMMENT, f"{code}: the launcher's comment is not translated"
    root = etree.fromstring(launcher.render_metainfo().encode("utf-8"))
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    paragraphs = {(p.get(XML_LANG), p.text) for p in root.findall("description/p")}
    for code in languages.codes():
        if code != languages.DEFAULT:
            assert summaries[code] == integration.menu_text(launcher.COMMENT, code)
            assert (code, integration.menu_text(launcher.ABOUT, code)) in paragraphs
            assert (code, integration.menu_text(launcher.PROMISE, code)) in paragraphs
    assert summaries[None] == launcher.COMMENT


def test_exec_runs_this_installation_even_from_an_awkward_folder(tmp_path):
    python = tmp_path / "a b $x 'q' 100%" / "python3"
    entry = keyfile(launcher.render_desktop([str(python), "-P", "-m", "labeler"], "en"))
    assert entry["Exec"].startswith('"') and "100%%" in entry["Exec"]


@linux_only
@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (apt-get install desktop-file-utils)")
@pytest.mark.parametrize("lang", ["en", "nl", "fr"])
def test_desktop_file_validate_accepts_the_launcher_and_the_autostart_entry(tmp_path, lang):
    files = [tmp_path / f"{APP_ID}.desktop", tmp_path / "labeler.desktop"]
    files[0].write_text(launcher.render_desktop([str(tmp_path / "my env" / "python"), "-P", "-m", "labeler"], lang),
                        encoding="utf-8")
    files[1].write_text(autostart.desktop_entry(["/opt/labeler/labeler", "gui"]), encoding="utf-8")
    for path in files:
        proc = run(["desktop-file-validate", str(path)])
        assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


@linux_only
@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (apt-get install appstream)")
def test_appstreamcli_accepts_the_metadata_and_the_installed_tree(tmp_path):
    sys.path.insert(0, str(REPO / "packaging" / "linux"))
    try:
        import desktop_files
    finally:
        sys.path.remove(str(REPO / "packaging" / "linux"))
    desktop_files.write(tmp_path, "/usr", "labeler")
    metainfo = tmp_path / "usr/share/metainfo" / f"{APP_ID}.metainfo.xml"
    proc = run(["appstreamcli", "validate", "--no-net", str(metainfo)])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "E:" not in proc.stdout and "W:" not in proc.stdout, proc.stdout
    proc = run(["appstreamcli", "validate-tree", "--no-net", str(tmp_path)])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert keyfile((tmp_path / "usr/share/applications" / f"{APP_ID}.desktop").read_text("utf-8"))["Exec"] == \
        "labeler gui"


# ---------------------------------------------------------------- install, status, uninstall

@linux_only
def test_install_writes_launcher_metadata_and_hicolor_icons(home, env):
    written = launcher.install(home, command(), env, lang="nl")
    data = home / ".local/share"
    assert written[0] == data / "applications" / f"{APP_ID}.desktop"
    assert data / "metainfo" / f"{APP_ID}.metainfo.xml" in written
    assert data / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg" in written
    for size in launcher.ICON_SIZES:
        path = data / f"icons/hicolor/{size}x{size}/apps" / f"{APP_ID}.png"
        assert path.read_bytes() == launcher.png_icon(size).read_bytes()
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in written)
    assert keyfile(written[0].read_text("utf-8"))["Comment"] == integration.menu_text(launcher.COMMENT, "nl")
    state = launcher.status(home, env, command())
    assert state.installed and state.detail == "installed" and len(state.paths) == len(written)

    assert launcher.uninstall(home, env) == written
    assert not launcher.status(home, env).installed
    integration.tidy_folders(home, env, platform="linux")
    assert sorted(p.name for p in home.rglob("*")) == []


@linux_only
def test_status_notices_a_missing_or_changed_file(home, env):
    launcher.install(home, command(), env, lang="en")
    png = home / ".local/share/icons/hicolor/48x48/apps" / f"{APP_ID}.png"
    png.unlink()
    state = launcher.status(home, env, command())
    assert state.installed and "missing" in state.detail
    launcher.install(home, command(), env, lang="en")
    assert launcher.status(home, env, command()).detail == "installed"
    assert "differs" in launcher.status(home, env, ["/another/python", "-m", "labeler"]).detail


@linux_only
def test_files_we_did_not_write_are_left_alone(home, env):
    desktop = home / ".local/share/applications" / f"{APP_ID}.desktop"
    desktop.parent.mkdir(parents=True)
    desktop.write_text("[Desktop Entry]\nType=Application\nName=Someone else's\nExec=true\n", encoding="utf-8")
    with pytest.raises(IntegrationError, match="not written by labeler"):
        launcher.install(home, command(), env)
    assert "Someone else's" in desktop.read_text("utf-8")
    assert not (home / ".local/share/metainfo").exists()  # refused before writing anything
    assert not launcher.status(home, env).installed
    desktop.unlink()
    launcher.install(home, command(), env)
    icon = home / ".local/share/icons/hicolor/16x16/apps" / f"{APP_ID}.png"
    icon.write_bytes(b"\x89PNG someone else's icon")
    with pytest.raises(IntegrationError, match="not written by labeler"):
        launcher.uninstall(home, env)
    assert icon.exists() and not desktop.exists()  # the others went


@linux_only
def test_the_integrate_command_installs_and_removes_the_launcher(home, env, tmp_path):
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": "fr_FR.UTF-8",
                   **env}
    proc = run([sys.executable, "-m", "labeler", "integrate", "install", "--only", "launcher"], cwd=REPO,
               env=environment)
    assert proc.returncode == 0, proc.stderr
    desktop = home / ".local/share/applications" / f"{APP_ID}.desktop"
    assert keyfile(desktop.read_text("utf-8"))["Comment"] == integration.menu_text(launcher.COMMENT, "fr")
    proc = run([sys.executable, "-m", "labeler", "integrate", "uninstall", "--only", "launcher"], cwd=REPO,
               env=environment)
    assert proc.returncode == 0, proc.stderr
    assert not desktop.exists()
    assert not (home / ".local/share/icons").exists()


# ---------------------------------------------------------------- entry points

def test_pyproject_declares_the_programs_and_ships_the_files():
    project = PYPROJECT["project"]
    assert project["scripts"]["labeler"] == "labeler.launch:main"
    assert project["gui-scripts"]["labeler-gui"] == "labeler.launch:gui_main"
    from labeler import launch

    assert callable(launch.main) and callable(launch.gui_main)
    data = PYPROJECT["tool"]["setuptools"]["package-data"]["resources"]
    assert "desktop/*" in data and "icons/hicolor/*/apps/*" in data
    assert "pyinstaller" in " ".join(project["optional-dependencies"]["bundle"]).lower()


def test_a_bundle_runs_itself(monkeypatch, tmp_path):
    program = tmp_path / "labeler"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert integration.default_command() == [str(program)]
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "labeler.exe"))
    (tmp_path / "labeler-gui.exe").write_bytes(b"")
    assert integration.default_command() == [str(tmp_path / "labeler-gui.exe")]  # no console window


def test_the_windowless_program_has_somewhere_to_write(tmp_path):
    code = ("import sys; sys.stdout = None; sys.stderr = None; from labeler import launch\n"
            "try:\n    code = launch.gui_main(['--frobnicate'])\n"
            "except SystemExit as exc:\n    code = exc.code\n"
            "sys.__stdout__.write(str(code))")
    environment = {**os.environ, "LABELER_DATA_DIR": str(tmp_path / "data")}
    proc = run([sys.executable, "-c", code], cwd=REPO, env=environment)
    assert proc.stdout == "2", proc.stderr
    log = (tmp_path / "data" / "labeler-gui.log").read_text("utf-8")
    assert "--frobnicate" in log  # the usage error, where a person can find it


def test_self_test_without_the_gui(tmp_path):
    sample = tmp_path / "report.docx"
    shutil.copy(REPO / "tests/data/msip-custom.docx", sample)
    before = sample.read_bytes()
    environment = {**os.environ, "HOME": str(tmp_path / "home"), "LABELER_DATA_DIR": str(tmp_path / "data")}
    proc = run([sys.executable, "-c", "from labeler.launch import main; raise SystemExit(main())",
                "--self-test", str(sample), "--no-gui"], cwd=REPO, env=environment)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"labeler {PYPROJECT['project']['version']}" in proc.stdout
    assert "report.docx: no label of ours; foreign: General" in proc.stdout
    assert proc.stdout.rstrip().endswith("self-test passed")
    assert sample.read_bytes() == before and not (tmp_path / "data").exists()  # wrote nothing


def test_self_test_opens_the_dialog_offscreen(tmp_path):
    environment = {**os.environ, "HOME": str(tmp_path / "home"), "LABELER_DATA_DIR": str(tmp_path / "data"),
                   "QT_QPA_PLATFORM": "offscreen"}
    proc = run([sys.executable, "-m", "labeler.selftest", str(REPO / "tests/data/lo-writer.docx"), "--timeout",
                "60"], cwd=REPO, env=environment, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok    dialog: the labelling dialog opened" in proc.stdout


def test_self_test_fails_for_a_missing_file(tmp_path):
    proc = run([sys.executable, "-m", "labeler.selftest", str(tmp_path / "nothing.docx"), "--no-gui"], cwd=REPO)
    assert proc.returncode == 1 and "FAIL  " in proc.stdout and "self-test FAILED" in proc.stdout


# ---------------------------------------------------------------- recipes

def test_bundle_and_installer_recipes_are_there():
    packaging = REPO / "packaging"
    for script in ("build_bundle.sh", "smoke_test.sh", "macos/build_pkg.sh"):
        assert os.access(packaging / script, os.X_OK), script
    assert "labeler_entry.py" in (packaging / "labeler.spec").read_text(encoding="utf-8")
    wxs = etree.parse(str(packaging / "windows" / "labeler.wxs")).getroot()
    ns = {"w": "http://wixtoolset.org/schemas/v4/wxs"}
    assert wxs.find("w:Package", ns).get("Scope") == "perMachine"
    assert wxs.find(".//w:Shortcut", ns).get("Target") == "[INSTALLFOLDER]labeler-gui.exe"
    assert "labeler-gui" in (packaging / "labeler.spec").read_text(encoding="utf-8")
    docs = (REPO / "docs" / "packaging.md").read_text(encoding="utf-8")
    assert "packaging/render_icons.py" in docs and "--self-test" in docs and "untested" in docs.lower()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "desktop-file-utils" in ci and "appstream" in ci and "packaging/smoke_test.sh" in ci
