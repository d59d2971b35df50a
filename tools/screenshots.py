"""Regenerate the README screenshots (offscreen) into docs/screenshots/.

    python tools/screenshots.py [--out DIR]

Writes, with the built-in demo scheme and real documents in a temp folder
(settings and audit log in the same temp dir, never the user's):

  label-dialog-en.png        the labelling dialog for "Quarterly results 2026.docx"
                             (a copy of tests/data/msip-custom.docx, so a Microsoft
                             label shows, with an IBAN and "Confidential" added, so
                             the recommendation banner shows), in English
  label-dialog-nl.png        the same dialog in Dutch
  label-dialog-justification.png
                             the same document once labelled Confidential (by us), after
                             choosing Public: a reason is asked for before Apply is enabled
  tray-window.png            the window that stands in for the tray (3 documents waiting)
  notifier.png               the batched prompt "3 new documents in Documents …"
  overview-files-en.png      the Overview's Files page: a watched folder of 12 documents,
                             half labelled (through the real LabelService, so into the
                             audit log), one with a Microsoft label, per-folder coverage
  awareness-en.png           the Overview's Awareness page: charts from that audit log,
                             its moments of sharing, the scheme's sharing matrix
  sharing-moments-en.png     that page's "Moments of sharing" card alone: copies of team
                             documents put in a personal cloud folder and noticed (one moved
                             to the desktop's trash -- a trash inside the temp dir --, one kept
                             with a reason, one closed), and files checked before sharing
  settings-en.png            the settings window (General)
  settings-sharing-en.png    the settings window on Sharing places (the scheme's places)
  overview-files-nl.png, awareness-nl.png, sharing-moments-nl.png, settings-nl.png,
  settings-sharing-nl.png    the same in Dutch (switched from the settings window, as a user does)

The sharing notice and the "Send by e-mail…" dialog (sharing-notice-*.png,
send-by-email-*.png) are taken on a real X server with a window manager,
not here: they are windows of their own that a desktop places and frames.

Window sizes are fixed and every grab waits until what it shows has
arrived (labels read, hints done, banner visible), so runs give the same
pictures on the same machine (fonts and style come from the system).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
REPO = TOOLS.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DATA = REPO / "tests" / "data"
OUT = REPO / "docs" / "screenshots"
IBAN = "BE71 0961 2345 6769"
DIALOG_SIZE = (940, 720)  # the dialog's own default size (ui/label_dialog/views.py)
TRAY_WINDOW_WIDTH = 520
OVERVIEW_SIZE = (1100, 720)
AWARENESS_SIZE = (1280, 1010)  # the charts, the moments of sharing and the whole matrix, without scrolling
SETTINGS_SIZE = (820, 560)
WAIT_S = 20.0

# A fixed folder, so the path the dialog shows ("in …/Documents/Finance") is the same every run.
_TMP = os.path.join(tempfile.gettempdir(), "labeler-screenshots")
shutil.rmtree(_TMP, ignore_errors=True)
os.makedirs(_TMP)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["LABELER_CONFIG_DIR"] = os.path.join(_TMP, "config")
os.environ["LABELER_DATA_DIR"] = os.path.join(_TMP, "data")
os.environ["LABELER_ADMIN_CONFIG"] = os.path.join(_TMP, "no-admin-config.toml")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_TMP, "xdg-config")  # "start at login" off, whatever the user's
os.environ["XDG_DATA_HOME"] = os.path.join(_TMP, "xdg-data")  # the desktop's trash of the sharing moments
os.environ.pop("LABELER_SYSLOG", None)


def run_until(condition, timeout: float = WAIT_S, what: str = "") -> None:
    """Run the event loop until `condition()`; fail loudly after `timeout` seconds."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    deadline = time.monotonic() + timeout
    check = QTimer()
    check.setInterval(10)
    check.timeout.connect(lambda: (condition() or time.monotonic() >= deadline) and loop.quit())
    if not condition():
        check.start()
        loop.exec()
        check.stop()
    if not condition():
        raise SystemExit(f"screenshots: timed out waiting for {what or condition}")


def settle(ms: int = 150) -> None:
    """Let layouts, LanguageChange events and repaints run."""
    end = time.monotonic() + ms / 1000
    run_until(lambda: time.monotonic() >= end, what="a pause")


def save(widget, name: str, out: Path) -> Path:
    settle()
    path = out / name
    if not widget.grab().save(str(path)):
        raise SystemExit(f"screenshots: could not write {path}")
    print(f"  {path.relative_to(REPO) if path.is_relative_to(REPO) else path}  "
          f"{widget.width()}x{widget.height()}")
    return path


def quarterly_results(folder: Path) -> Path:
    """msip-custom.docx (a Microsoft "Confidential" label) with content that makes the hints recommend a label."""
    import docx

    path = folder / "Quarterly results 2026.docx"
    shutil.copyfile(DATA / "msip-custom.docx", path)
    document = docx.Document(str(path))
    document.add_heading("Confidential", level=1)
    document.add_paragraph(f"Please transfer the deposit to {IBAN} before Friday.")
    document.save(str(path))
    return path


def dialog_shot(path: Path, scheme, lang: str, name: str, out: Path, lower_to_public: bool = False) -> None:
    from labeler.core.service import LabelService
    from ui import i18n
    from ui.label_dialog import LabelDialog

    dialog = LabelDialog([path], scheme, service=LabelService.for_desktop(scheme), lang=lang)
    dialog.resize(*DIALOG_SIZE)
    dialog.show()
    controller, banner = dialog.controller, dialog.view.choose.banner
    if lower_to_public:
        run_until(lambda: controller.loaded and controller.hints_done, what="the dialog's labels and hints")
        controller.select_index(0)  # Public, as the key 1 does
        run_until(dialog.view.choose.justification_box.isVisible, what="the justification box")
    else:
        run_until(lambda: controller.loaded and controller.hints_done and banner.isVisible(),
                  what=f"the {lang} dialog's labels, hints and banner")
    save(dialog, name, out)
    controller.shutdown()
    dialog.done(0)
    dialog.deleteLater()
    i18n.install_translator(None, "en")
    settle()


def shell_shots(out: Path) -> None:
    from labeler.org.distribution import InForce
    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from policy import load_builtin
    from ui.app import Shell

    documents = Path(_TMP) / "Documents"
    documents.mkdir(exist_ok=True)
    waiting = []
    for name in ("Offer Acme.docx", "Board minutes March.docx", "Budget 2027.docx"):
        shutil.copyfile(DATA / "pydocx.docx", documents / name)
        waiting.append(str(documents / name))
    settings = Settings(watched_folders=[str(documents)])
    settings.save()
    scheme = load_builtin()
    shell = Shell(settings, InForce(scheme, True, None, False, None), LabelService.for_desktop(scheme), "en",
                  use_tray=False)
    shell.start()
    try:
        window = shell.surface
        run_until(lambda: "Watching 1 folder" in window.watching.text(), what="the watch status")
        shell.documents_ready(waiting)  # as the watcher delivers them
        shell.show_window()
        run_until(lambda: "3 documents waiting" in window.waiting.text(), what="the waiting count")
        window.resize(TRAY_WINDOW_WIDTH, window.heightForWidth(TRAY_WINDOW_WIDTH)
                      if window.hasHeightForWidth() else window.sizeHint().height())
        save(window, "tray-window.png", out)
        notifier = shell.notifier
        run_until(lambda: notifier.isVisible() and "3 new documents" in notifier.message.text(),
                  what="the notifier")
        save(notifier, "notifier.png", out)
    finally:
        shell.stop()
        run_until(lambda: not shell._workers and shell._scheme_worker is None, what="the shell's workers")


# (sample in tests/data, name in the watched folder, label applied or None, method)
TEAM_FILES = (
    ("lo-writer.docx", "Project plan Q3.docx", "internal", "manual"),
    ("lo-calc.xlsx", "Budget 2027.xlsx", "confidential", "recommended"),
    ("lo-impress.pptx", "Kick-off presentation.pptx", "internal", "manual"),
    ("lo-writer.odt", "Meeting notes 12 May.odt", "public", "default"),
    ("pypdf.pdf", "Press release.pdf", "public", "manual"),
    ("pydocx.docx", "Contracts/Supplier agreement.docx", "strictly-confidential", "manual"),
    ("msip-custom.docx", "Contracts/Vendor NDA.docx", None, None),
    ("openpyxl.xlsx", "Staff holidays 2026.xlsx", None, None),
    ("pptx.pptx", "Customer workshop.pptx", None, None),
    ("lo-writer.pdf", "Contracts/Offer Acme.pdf", None, None),
    ("lo-calc.ods", "Travel expenses.ods", None, None),
    ("lo-tscp.odt", "Draft policy.odt", None, None),
)


def team_folder(scheme) -> Path:
    """A watched folder of 12 documents, half labelled through the desktop service (so the audit log fills)."""
    from labeler.core.service import LabelService

    folder = Path(_TMP) / "Team"
    (folder / "Contracts").mkdir(parents=True)
    service = LabelService.for_desktop(scheme)
    for sample, name, _label_id, _method in TEAM_FILES:
        shutil.copyfile(DATA / sample, folder / name)
    for _sample, name, label_id, method in TEAM_FILES:
        if label_id is not None:
            label = scheme.find(label_id) or scheme.label(label_id)
            assert service.apply(folder / name, label, method=method).ok, name
    # a change of mind: the plan went up to Confidential, then a justified step down on the deck
    assert service.apply(folder / "Project plan Q3.docx", scheme.find("confidential")).ok
    assert service.apply(folder / "Kick-off presentation.pptx", scheme.find("public"),
                         justification="shared at the public launch event").ok
    return folder


def sharing_moments(scheme, folder: Path) -> None:
    """Moments of sharing in the audit log, as the tray app makes them: copies of team documents arrive in a
    personal cloud folder and are noticed; one is really moved to the (temp) trash, one kept with a reason,
    one left; then files are checked before sharing (`labeler share`'s check), one of them refused."""
    from labeler.core.share import share_decisions
    from labeler.desktop.sharing.moments import assess
    from labeler.desktop.sharing.places import SCHEME, Arrival, Place
    from labeler.desktop.sharing.records import record_choice, record_notice, record_share
    from ui.sharing.trashing import trash_copies

    cloud = Path(_TMP) / "Dropbox"
    cloud.mkdir()
    place = Place(cloud, "personal-cloud", SCHEME)
    copies = []
    for name in ("Budget 2027.xlsx", "Project plan Q3.docx", "Contracts/Supplier agreement.docx"):
        copies.append(cloud / Path(name).name)
        shutil.copyfile(folder / name, copies[-1])
    notice = assess(scheme, [Arrival(path, place) for path in copies])
    assert notice is not None and len(notice.moments) == 3, notice
    record_notice(None, notice, forwarder=False)
    by_name = {m.path.name: m for m in notice.moments}
    trashed, failed = trash_copies([by_name["Budget 2027.xlsx"]])
    assert trashed and not failed, failed
    record_choice(None, replace(notice, moments=tuple(trashed)), "trash", forwarder=False)
    record_choice(None, replace(notice, moments=(by_name["Project plan Q3.docx"],)), "keep",
                  "the notary asked for it", forwarder=False)
    record_choice(None, replace(notice, moments=(by_name["Supplier agreement.docx"],)), "dismissed",
                  forwarder=False)
    checked = share_decisions(scheme, [folder / "Press release.pdf", folder / "Budget 2027.xlsx"],
                              "someone@gmail.com")
    assert [d.verdict for d in checked] == ["allowed", "forbidden"], checked
    record_share(None, checked, "someone@gmail.com", "refused", forwarder=False)  # one refused: nothing sent
    record_share(None, share_decisions(scheme, [folder / "Meeting notes 12 May.odt"], "usb"), "usb", "checked",
                 forwarder=False)


def overview_shots(out: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    from labeler.org.distribution import InForce
    from labeler.core.service import LabelService
    from labeler.desktop.settings import Settings
    from policy import load_builtin
    from ui.app import Shell
    from ui.settings.views import GENERAL, SHARING

    scheme = load_builtin()
    folder = team_folder(scheme)
    sharing_moments(scheme, folder)
    settings = Settings(watched_folders=[str(folder)], language="en")
    settings.save()
    shell = Shell(settings, InForce(scheme, True, None, False, None), LabelService.for_desktop(scheme), "en",
                  use_tray=False)
    shell.start()
    try:
        shell.open_overview()
        window = shell.overview
        window.resize(*OVERVIEW_SIZE)
        files, awareness = window.files, window.pages["awareness"]

        def grab_overview(lang: str) -> None:
            window.resize(*OVERVIEW_SIZE)
            window.show_page("files")
            files.reload()
            run_until(lambda: not files.is_loading() and files.proxy.rowCount() == len(TEAM_FILES),
                      what=f"the {lang} Files page")
            from ui.overview.files_model import Column

            files.view.table.horizontalHeader().resizeSection(int(Column.LABEL), 190)  # "Strictly Confidential"
            save(window, f"overview-files-{lang}.png", out)
            window.resize(*AWARENESS_SIZE)
            window.show_page("awareness")
            done = []
            awareness.loaded.connect(lambda: done.append(True))
            awareness.refresh()
            run_until(lambda: done and not awareness.is_loading() and awareness.stats is not None,
                      what=f"the {lang} Awareness page")
            save(window, f"awareness-{lang}.png", out)
            run_until(lambda: awareness.sharing.choices.isVisible(), what=f"the {lang} moments of sharing")
            save(awareness.sharing, f"sharing-moments-{lang}.png", out)
            window.resize(*OVERVIEW_SIZE)
            window.show_page("files")

        def grab_settings(lang: str):
            settings_window = shell.open_settings()
            settings_window.resize(*SETTINGS_SIZE)
            settings_window.view.sections.setCurrentRow(GENERAL)
            run_until(lambda: settings_window.controller._menu_worker is None, what="the settings window")
            save(settings_window, f"settings-{lang}.png", out)
            settings_window.view.sections.setCurrentRow(SHARING)
            places = settings_window.view.sharing.places
            run_until(lambda: places.topLevelItemCount() > 0, what=f"the {lang} sharing places")
            save(settings_window, f"settings-sharing-{lang}.png", out)
            settings_window.view.sections.setCurrentRow(GENERAL)
            return settings_window

        grab_overview("en")
        settings_window = grab_settings("en")
        # switch as a user does: the language combo in the settings window
        combo = settings_window.view.general.language
        combo.setCurrentIndex(combo.findData("nl"))
        run_until(lambda: shell.lang == "nl", what="the switch to Dutch")
        settle(300)
        grab_settings("nl")
        settings_window.close()
        grab_overview("nl")
        window.hide()
    finally:
        from ui.i18n import install_shell_translators

        if shell.overview is not None:
            shell.overview.files.cancel_loading(quietly=True)
        shell.stop()
        run_until(lambda: not shell._workers and shell._scheme_worker is None, what="the shell's workers")
        install_shell_translators(QCoreApplication.instance(), "en", switch=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(mode, context, message):  # the offscreen plugin's "does not support raise()" and the like
        if "This plugin does not support" not in message:
            print(message, file=sys.stderr)
    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    app.setApplicationDisplayName("Labeler")

    from policy import load_builtin
    from ui.i18n import install_shell_translators
    from ui.tray import app_icon

    app.setWindowIcon(app_icon())
    install_shell_translators(app, "en")
    try:
        docs = Path(_TMP) / "Documents" / "Finance"
        docs.mkdir(parents=True)
        path = quarterly_results(docs)
        scheme = load_builtin()
        print(f"screenshots into {out}:")
        dialog_shot(path, scheme, "en", "label-dialog-en.png", out)
        dialog_shot(path, scheme, "nl", "label-dialog-nl.png", out)
        from labeler.core.service import LabelService

        assert LabelService(scheme).apply(path, scheme.label("confidential")).ok  # ours now: Confidential
        dialog_shot(path, scheme, "en", "label-dialog-justification.png", out, lower_to_public=True)
        shell_shots(out)
        overview_shots(out)
    finally:
        shutil.rmtree(_TMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
