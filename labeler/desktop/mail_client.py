"""Opening the person's mail program with a new message, the files attached, addressed to the recipients.

    open_mail([Path("budget.xlsx")], ["ann@example.com"])   # MailClientError: one sentence when impossible

- Linux and other Unix desktops: `xdg-email --attach FILE … ADDRESS …`
  (found on PATH, so any desktop's own helper, or a stand-in in tests, is used);
- macOS: Apple Mail through AppleScript (recipients and attachments), or the
  default mail program (`open -b`, the files handed to it) when another one is set;
- Windows: Simple MAPI (`MAPISendMailW`), which Outlook, Thunderbird and most
  mail programs offer, with the message window shown; where no MAPI program is
  set up, the default mailto: handler with the recipients, and the sentence
  returned says the files were not attached.

Nothing is sent: the person reviews the message and sends it.  Only the
files given are attached (the caller passes the allowed ones).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from labeler.languages import translation

START_TIMEOUT = 10.0  # seconds to wait for the helper's own verdict; a mail program still running is fine


class MailClientError(Exception):
    """No mail program could be opened; the message is one sentence for the person, in their language."""


def open_mail(paths: Sequence[Path], recipients: Sequence[str], lang: str = "en") -> str | None:
    """Open a new message with `paths` attached and addressed to `recipients`.

    Returns None when the message was opened as asked, or a sentence (in
    `lang`) when it was opened without the attachments (Windows without a
    MAPI mail program).  Raises MailClientError when no mail program could
    be started.
    """
    _ = translation(lang).gettext
    files = [os.path.abspath(os.fspath(p)) for p in paths]
    for file in files:
        if not os.path.isfile(file):
            raise MailClientError(_("{file} is not a file that can be attached.").format(file=file))
    if sys.platform == "win32":
        return _windows(files, list(recipients), lang)
    if sys.platform == "darwin":
        _macos(files, list(recipients), lang)
        return None
    _xdg_email(files, list(recipients), lang)
    return None


def xdg_email_command(files: Sequence[str], recipients: Sequence[str]) -> list[str] | None:
    """The xdg-email command line, or None when xdg-email is not on PATH."""
    program = shutil.which("xdg-email")
    if program is None:
        return None
    command = [program]
    for file in files:
        command += ["--attach", file]
    return command + list(recipients)


def _run_detached(command: list[str], lang: str) -> None:
    """Start `command`; a quick non-zero exit is a failure, a program still running after START_TIMEOUT is not."""
    _ = translation(lang).gettext
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise MailClientError(_("The mail program could not be started ({error}).").format(
            error=exc.strerror or exc)) from None
    try:
        code = process.wait(START_TIMEOUT)
    except subprocess.TimeoutExpired:
        return  # the mail program is open and waiting for the person
    if code != 0:
        raise MailClientError(_("The mail program could not open a new message (it ended with code {code}).").format(
            code=code))


def _xdg_email(files: list[str], recipients: list[str], lang: str) -> None:
    command = xdg_email_command(files, recipients)
    if command is None:
        raise MailClientError(translation(lang).gettext(
            "No mail program could be opened: xdg-email (package xdg-utils) is not installed."))
    _run_detached(command, lang)


# -- macOS -------------------------------------------------------------------------------
APPLE_MAIL = "com.apple.mail"


def _mailto_handler() -> str | None:
    """The bundle id of the default mail program (Launch Services' mailto handler), None for Apple Mail."""
    import plistlib

    secure = Path.home() / "Library/Preferences/com.apple.LaunchServices/com.apple.launchservices.secure.plist"
    try:
        with open(secure, "rb") as f:
            handlers = plistlib.load(f).get("LSHandlers", [])
    except (OSError, ValueError, plistlib.InvalidFileException):
        return None
    for handler in handlers:
        if isinstance(handler, dict) and handler.get("LSHandlerURLScheme") == "mailto":
            bundle = handler.get("LSHandlerRoleAll")
            return str(bundle) if bundle and str(bundle).lower() != APPLE_MAIL else None
    return None


def _applescript_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def apple_mail_script(files: Sequence[str], recipients: Sequence[str]) -> str:
    """AppleScript that opens Apple Mail with a new visible message, recipients and attachments."""
    lines = ['tell application "Mail"', "set m to make new outgoing message with properties {visible:true}",
             "tell m"]
    lines += [f"make new to recipient at end of to recipients with properties {{address:{_applescript_string(r)}}}"
              for r in recipients]
    lines += [f"make new attachment with properties {{file name:(POSIX file {_applescript_string(f)})}} "
              "at after the last paragraph" for f in files]
    return "\n".join(lines + ["end tell", "activate", "end tell"])


def _macos(files: list[str], recipients: list[str], lang: str) -> None:
    bundle = _mailto_handler()
    if bundle is None:
        _run_detached(["osascript", "-e", apple_mail_script(files, recipients)], lang)
    else:
        _run_detached(["open", "-b", bundle, *files], lang)


# -- Windows -----------------------------------------------------------------------------
MAPI_LOGON_UI, MAPI_DIALOG, MAPI_TO = 0x1, 0x8, 1
SUCCESS_SUCCESS, MAPI_USER_ABORT = 0, 1


def _windows(files: list[str], recipients: list[str], lang: str) -> str | None:
    _ = translation(lang).gettext
    if sys.platform != "win32":  # no MAPI elsewhere (type checkers then skip the calls below)
        raise MailClientError(_("No mail program could be opened: none is set up as the default for e-mail."))
    try:
        code = _mapi_send(files, recipients)
    except (OSError, AttributeError):
        code = None  # no Simple MAPI on this system
    if code in (SUCCESS_SUCCESS, MAPI_USER_ABORT):
        return None
    mailto = "mailto:" + ",".join(quote(r, safe="@") for r in recipients)
    try:
        os.startfile(mailto)
    except OSError:
        raise MailClientError(_("No mail program could be opened: none is set up as the default for e-mail.")) \
            from None
    return _("A new message was opened without the attachments: the default mail program does not accept them "
             "from other programs. Attach the files by hand.")


def _mapi_send(files: list[str], recipients: list[str]) -> int:
    """MAPISendMailW with the message window shown; returns its result code (blocks until the window closes)."""
    if sys.platform != "win32":
        raise OSError("Simple MAPI exists only on Windows")
    import ctypes
    from ctypes import wintypes

    class Recipient(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("ulRecipClass", wintypes.ULONG),
                    ("lpszName", wintypes.LPWSTR), ("lpszAddress", wintypes.LPWSTR),
                    ("ulEIDSize", wintypes.ULONG), ("lpEntryID", ctypes.c_void_p)]

    class File(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("flFlags", wintypes.ULONG), ("nPosition", wintypes.ULONG),
                    ("lpszPathName", wintypes.LPWSTR), ("lpszFileName", wintypes.LPWSTR),
                    ("lpFileType", ctypes.c_void_p)]

    class Message(ctypes.Structure):
        _fields_ = [("ulReserved", wintypes.ULONG), ("lpszSubject", wintypes.LPWSTR),
                    ("lpszNoteText", wintypes.LPWSTR), ("lpszMessageType", wintypes.LPWSTR),
                    ("lpszDateReceived", wintypes.LPWSTR), ("lpszConversationID", wintypes.LPWSTR),
                    ("flFlags", wintypes.ULONG), ("lpOriginator", ctypes.POINTER(Recipient)),
                    ("nRecipCount", wintypes.ULONG), ("lpRecips", ctypes.POINTER(Recipient)),
                    ("nFileCount", wintypes.ULONG), ("lpFiles", ctypes.POINTER(File))]

    recips = (Recipient * max(1, len(recipients)))()
    for i, address in enumerate(recipients):
        recips[i] = Recipient(0, MAPI_TO, address, "SMTP:" + address, 0, None)
    attached = (File * max(1, len(files)))()
    for i, file in enumerate(files):
        attached[i] = File(0, 0, 0xFFFFFFFF, file, os.path.basename(file), None)
    message = Message(0, None, None, None, None, None, 0, None, len(recipients), recips, len(files), attached)
    send = ctypes.WinDLL("mapi32.dll").MAPISendMailW
    send.restype = wintypes.ULONG
    return int(send(0, 0, ctypes.byref(message), MAPI_LOGON_UI | MAPI_DIALOG, 0))
