"""The sentences of the settings window: states, results and notes, in the interface language.

    entry_state(entry)                        # "Installed", "Not installed", "Problem: …"
    menu_result_sentence(INSTALL, entries)    # what installing the right-click entries did
    scheme_note(force, report)                # where the scheme in force comes from
    check_sentence("up-to-date", force)       # what "Check now" found
    local_time("2026-01-01T10:00:00Z")        # a stored UTC time as local time, or "never"

Composed from the catalogues at each call, so a language switch only needs
the controller to call them again.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from labeler.org.distribution import parse_time

from .tasks import INSTALL, MenuEntry


def tr(text: str) -> str:
    # lupdate files a bare tr("…") call under the empty context; look it up there.
    return QCoreApplication.translate("", text)


def local_time(text: str | None) -> str:
    """A stored UTC time as the user's local date and time, or "never"."""
    when = parse_time(text)
    if when is None:
        return tr("never")
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def scheme_note(force, report) -> str:
    """Where the scheme in force comes from, and what keeps the administrator's from being used."""
    configured = report is not None and report.config is not None
    if force.builtin:
        note = tr("Built-in demo scheme — no administrator source is configured.") if not configured else \
            tr("Built-in demo scheme — no scheme from the administrator's source has been accepted yet.")
        if force.problem:
            note += " " + force.problem
    else:
        note = tr("The scheme of your organisation, signed by your administrator.")
    if report is not None and report.config_problem:
        note += " " + tr("The administrator's settings file cannot be used: %1").replace(
            "%1", report.config_problem)
    return note


def entry_state(entry: MenuEntry) -> str:
    """The state of one right-click entry, in words."""
    if entry.error:
        text = tr("Problem: %1").replace("%1", entry.error)
    elif entry.installed and entry.current:
        text = tr("Installed")
    elif entry.installed:
        text = tr("Installed, but from another version — install again to update")
    elif entry.blocked:
        text = tr("Not installed: a file of the same name that Labeler did not write is in the way")
    else:
        text = tr("Not installed")
    if entry.present is False:
        text += " " + tr("(this file manager is not on this computer)")
    return text


def menu_result_sentence(action: str, entries: list[MenuEntry]) -> str:
    """What installing or removing the entries did (`action`: INSTALL or UNINSTALL)."""
    failed = [e for e in entries if e.error]
    done = [e.title for e in entries if not e.error]
    parts = []
    if done:
        if action == INSTALL:
            parts.append(tr("“Label…” was added to the right-click menu of: %1. Restart the file manager "
                            "if it is open.").replace("%1", ", ".join(done)))
        else:
            parts.append(tr("“Label…” was removed from the right-click menu of: %1.")
                         .replace("%1", ", ".join(done)))
    for entry in failed:
        parts.append(tr("%1: %2").replace("%1", entry.title).replace("%2", entry.error or ""))
    return " ".join(parts)


def check_sentence(result, force) -> str:
    """What the last "Check now" found, with `force` the scheme in force now.

    `result`: None, "busy", "updated", "up-to-date", "refused" or ("failed", reason).
    """
    if result is None:
        return ""
    if result == "busy":
        return tr("Checking the administrator's source…")
    if result == "updated":
        return tr("A new scheme was accepted: version %1 is now in force.").replace("%1", str(force.scheme.version))
    if result == "up-to-date":
        return tr("The scheme is up to date.")
    if result == "refused":
        return tr("The check found no usable new scheme; see “Last problem”.")
    _failed, reason = result
    return tr("The check could not be done: %1").replace("%1", reason)
