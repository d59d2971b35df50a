"""`labeler --self-test [FILE]`: does this installation work?  For bundles, installers and CI (docs/packaging.md).

One line per check, then a verdict; exit code 0 when every check passed, 1
otherwise, 2 for bad usage:

1. the version, the Python and whether this is a bundle;
2. what ships in `resources`: every built-in scheme loads, the icon in every
   size, each registered language's compiled catalogues (Qt and gettext, and
   the gettext one really translates), the file-manager menu templates and the
   launcher and AppStream files;
3. FILE's label, read only (the same reading as `labeler show`);
4. the desktop app's Qt: the labelling dialog opens for FILE (or, without one,
   for a made-up sample) with the built-in scheme and a service that writes
   nothing, and closes as soon as it is on screen with the file read
   (ui/preview/selftest.py).  Without a display set QT_QPA_PLATFORM=offscreen;
   `--no-gui` skips this check.

Nothing is written: no document, no audit entry, no settings.  No Qt is
imported unless check 4 runs.
"""
from __future__ import annotations

import argparse
import platform
import sys
import tempfile
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="labeler --self-test",
                                description="Check that this installation of labeler works; writes nothing.")
    p.add_argument("file", nargs="?", metavar="FILE", help="a document whose label is read and shown in the dialog")
    p.add_argument("--no-gui", action="store_true", help="skip opening the labelling dialog")
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                   help="how long the dialog may take to appear (default 60)")
    return p


class _Report:
    def __init__(self) -> None:
        self.failed = 0

    def ok(self, text: str) -> None:
        print(f"ok    {text}", flush=True)

    def fail(self, text: str) -> None:
        self.failed += 1
        print(f"FAIL  {text}", flush=True)

    def check(self, what: str, work) -> object:
        try:
            result = work()
        except Exception as exc:  # every check reports, whatever breaks
            self.fail(f"{what}: {type(exc).__name__}: {exc}")
            return None
        self.ok(f"{what}: {result}" if isinstance(result, str) and result else what)
        return result


def _resources() -> str:
    from labeler.desktop import integration
    from labeler.desktop.integration import launcher
    from policy import languages as registry
    from policy.loader import builtin_names, load_builtin

    names = builtin_names()
    if not names:
        raise RuntimeError("no built-in scheme is shipped")
    for name in names:
        load_builtin(name)
    missing = [p for p in [launcher.svg_icon(), *(launcher.png_icon(n) for n in launcher.ICON_SIZES)]
               if not p.is_file()]
    if missing:
        raise RuntimeError(f"missing icon {missing[0]}")
    for name in ("nautilus-script.sh", "dolphin-servicemenu.desktop", "nemo.nemo_action", "thunar-action.xml"):
        integration.template(name)
    launcher.render_desktop(["labeler"], "en")
    launcher.render_metainfo()
    return f"{len(names)} built-in schemes ({', '.join(names)}), {len(launcher.ICON_SIZES) + 1} icons, " \
           f"menu templates, launcher and AppStream files; languages {', '.join(registry.codes())}"


def _catalogues() -> str:
    from labeler import languages
    from labeler.desktop.integration import MENU_LABEL
    from labeler.system import resource_path

    found = []
    for code in languages.codes():
        qm = sorted(resource_path("translations").glob(f"*_{code}.qm"))
        if not qm:
            raise RuntimeError(f"no compiled Qt catalogue for {code}")
        if code != languages.DEFAULT:
            mo = resource_path("locale", code, "LC_MESSAGES", "labeler.mo")
            if not mo.is_file():
                raise RuntimeError(f"no compiled gettext catalogue {mo}")
            if languages.translation(code).gettext(MENU_LABEL) == MENU_LABEL:
                raise RuntimeError(f"the {code} gettext catalogue does not translate")
        found.append(f"{code} ({len(qm)} Qt)")
    return ", ".join(found)


def _show(path: Path) -> str:
    from labeler.core.service import LabelService
    from policy.loader import load_builtin

    outcome = LabelService(load_builtin(), user="self-test").show(path)  # reading only: no audit entry
    if not outcome.ok:
        raise RuntimeError(outcome.message or outcome.status)
    label = outcome.label.name if outcome.label is not None else None
    foreign = ", ".join(f.name for f in outcome.foreign if f.name)
    shown = label or (f"no label of ours; foreign: {foreign}" if foreign else "no label")
    return f"{path.name}: {shown}"


def _dialog(path: Path | None, timeout: float) -> str:
    from labeler.commands.gui import missing_desktop_libraries, no_display
    from policy.loader import load_builtin

    if no_display("self-test dialog", "Set QT_QPA_PLATFORM=offscreen, or use --no-gui."):
        raise RuntimeError("no graphical session")
    if sys.platform.startswith("linux") and missing_desktop_libraries():
        raise RuntimeError("system libraries missing (named above)")
    from ui.preview.selftest import open_dialog_once

    scheme = load_builtin()
    if path is not None:
        return open_dialog_once(path, scheme, timeout)
    with tempfile.TemporaryDirectory(prefix="labeler-self-test-") as folder:
        return open_dialog_once(Path(folder) / "sample.docx", scheme, timeout)  # the preview's made-up sample


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    from labeler.cli import version

    report = _Report()
    frozen = "bundle" if getattr(sys, "frozen", False) else "Python package"
    report.ok(f"labeler {version()} ({frozen}, Python {platform.python_version()}, {sys.platform})")
    report.check("resources", _resources)
    report.check("translations", _catalogues)
    path = Path(args.file).resolve() if args.file else None
    if path is not None:
        if not path.is_file():
            report.fail(f"{args.file}: no such file")
            path = None
        else:
            report.check("label", lambda: _show(path))
    if args.no_gui:
        print("skip  the labelling dialog (--no-gui)")
    else:
        report.check("dialog", lambda: _dialog(path, args.timeout))
    if report.failed:
        print(f"self-test FAILED: {report.failed} check(s) failed", flush=True)
        return 1
    print("self-test passed", flush=True)
    return 0


if __name__ == "__main__":  # python -m labeler.selftest
    raise SystemExit(main())
