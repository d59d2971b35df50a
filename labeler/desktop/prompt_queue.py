"""The documents waiting for a label, and when and how to ask about them.

The watcher hands over documents in batches (`add`); the tray shows how
many wait (`count`) and, when `should_prompt()` says so, one non-modal
notification with `message()`: "3 new documents in Documents are not
labelled — Label now / Later / Don't ask for this folder".

- "Label now"  → `take()`: the documents to label.  They stay in the queue
  until they carry a label: closing or cancelling the dialog (Esc) keeps
  them waiting and counted; only the prompt for them rests for
  `REMIND_MINUTES` (the person just said "not now").
- "Later"      → `snooze(minutes)`: no prompt until then; documents stay counted.
- "Don't ask for this folder" → `ignore_folder(folder)`: remembered in the
  settings, its documents leave the queue.

A document leaves the queue only when it is labelled (`discard`, or found
labelled by `refresh`), when it vanished, or through "Don't ask for this
folder".  The queue is kept in a small file (`store`; by default
`waiting.json` beside the settings file the settings were loaded from or
saved to), so the waiting documents survive a restart of the app.

Documents that vanished or were labelled meanwhile are dropped when
counting or taking, using `still_needs_label(path)`.  That call reads the
file, so its answer is cached per file identity (size, mtime): a `count()`
costs one stat per document unless a file changed.  Call `refresh()` (or
`count()`/`take()`) off the GUI thread; `count(check=False)`, `message()`
and `should_prompt()` do no file I/O beyond that.

Thread-safe; no Qt.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import threading
from pathlib import Path
from collections.abc import Callable, Iterable

from labeler.desktop.settings import Settings
from labeler.languages import resolve, translation
from labeler.desktop.watch.filters import is_within, normalise

log = logging.getLogger(__name__)

STORE_NAME = "waiting.json"  # beside the settings file
STORE_VERSION = 1
REMIND_MINUTES = 60  # after "Label now" was cancelled, ask again about the same documents after this long

def texts(lang: str | None) -> dict[str, str]:
    """The notification's fixed texts ("label_now", "later", "dont_ask", "none") in a language or setting."""
    _ = translation(resolve(lang)).gettext
    return {"none": _("No documents are waiting for a label"), "label_now": _("Label now"),
            "later": _("Later"), "dont_ask": _("Don't ask for this folder")}


def display_name(folder: str | os.PathLike) -> str:
    """What people call a folder: its last part ("Documents"), or the whole path for a root."""
    path = Path(folder)
    return path.name or str(path)


def _local(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now().astimezone()
    return now.astimezone() if now.tzinfo else now.astimezone()


def _parse_hhmm(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


class PromptQueue:
    """settings: the user's Settings (read live; `ignore_folder` and `snooze` change and save them).
    still_needs_label(path): whether a queued document still needs a label (default: it exists).
    save(settings): how to persist settings (default: settings.save()).
    """

    def __init__(self, settings: Settings, still_needs_label: Callable[[Path], bool] | None = None,
                 save: Callable[[Settings], object] | None = None, store: str | os.PathLike | None = None):
        self.settings = settings
        self._still_needs_label = still_needs_label or (lambda p: Path(p).is_file())
        self._save = save or (lambda s: s.save())
        self._lock = threading.RLock()
        # Insertion-ordered: document → when it was last offered in a dialog (epoch seconds), or None.
        self._docs: dict[Path, float | None] = {}
        self._checked: dict[Path, tuple[tuple[int, int], bool]] = {}
        self.save_problem: str | None = None
        if store is None and settings.path is not None:
            store = Path(settings.path).with_name(STORE_NAME)
        self.store: Path | None = Path(store) if store is not None else None
        self.store_problem: str | None = None
        self._load()

    # -- contents ------------------------------------------------------------
    def add(self, paths: Iterable[str | os.PathLike]) -> int:
        """Queue documents (the watcher's batch); returns how many were new to the queue."""
        added = 0
        with self._lock:
            ignored = [normalise(f) for f in self.settings.ignored_folders]
        for raw in paths:
            path = normalise(raw)
            if is_within(path, ignored):
                continue
            identity = _identity(path)
            with self._lock:
                if identity is not None:
                    self._checked[path] = (identity, True)  # the watcher just checked it
                if path not in self._docs:
                    self._docs[path] = None
                    added += 1
        if added:
            self._write_store()
        return added

    def documents(self) -> list[Path]:
        """The queued documents as they stand (no file I/O)."""
        with self._lock:
            return list(self._docs)

    def refresh(self) -> int:
        """Drop documents that vanished or were labelled; returns how many remain. Reads files."""
        dropped = False
        for path in self.documents():
            if not self._needs_label(path):
                with self._lock:
                    dropped = dropped or path in self._docs
                    self._docs.pop(path, None)
                    self._checked.pop(path, None)
        if dropped:
            self._write_store()
        with self._lock:
            return len(self._docs)

    def count(self, check: bool = True) -> int:
        """How many documents wait (for the tray: "Documents waiting (N)").

        With `check` (the default) vanished and labelled documents are dropped first.
        """
        if check:
            return self.refresh()
        with self._lock:
            return len(self._docs)

    def take(self, folder: str | os.PathLike | None = None, now: dt.datetime | None = None) -> list[Path]:
        """The documents to label now (all, or those in one folder).

        They stay queued and counted until they are labelled (`discard`): a
        dialog closed or cancelled without labelling leaves them waiting.
        They count as offered, so the prompt rests about them for
        `REMIND_MINUTES`.
        """
        self.refresh()
        root = normalise(folder) if folder is not None else None
        moment = _local(now).timestamp()
        with self._lock:
            taken = [p for p in self._docs if root is None or is_within(p, [root])]
            for path in taken:
                self._docs[path] = moment
        if taken:
            self._write_store()
        return taken

    def discard(self, paths: Iterable[str | os.PathLike]) -> None:
        """Remove documents: they were labelled (the dialog's outcomes, or another way)."""
        gone = False
        with self._lock:
            for raw in paths:
                path = normalise(raw)
                gone = gone or path in self._docs
                self._docs.pop(path, None)
                self._checked.pop(path, None)
        if gone:
            self._write_store()

    def unoffered(self, now: dt.datetime | None = None) -> int:
        """How many waiting documents the prompt may ask about now: never offered, or offered
        longer than `REMIND_MINUTES` ago (no file I/O)."""
        limit = _local(now).timestamp() - REMIND_MINUTES * 60
        with self._lock:
            return sum(1 for offered in self._docs.values() if offered is None or offered <= limit)

    def groups(self) -> list[tuple[str, list[Path]]]:
        """(watched folder as in the settings, its documents), largest group first.

        A document belongs to the deepest watched folder that holds it; one
        outside every watched folder is grouped under its own folder.
        """
        with self._lock:
            docs = list(self._docs)
            watched = [(normalise(f), f) for f in self.settings.watched_folders]
        watched.sort(key=lambda pair: len(pair[0].parts), reverse=True)
        groups: dict[str, list[Path]] = {}
        for path in docs:
            given = next((g for root, g in watched if is_within(path, [root])), str(path.parent))
            groups.setdefault(given, []).append(path)
        return sorted(groups.items(), key=lambda item: -len(item[1]))

    # -- "Later" and "Don't ask" ----------------------------------------------
    def snooze(self, minutes: float, now: dt.datetime | None = None) -> dt.datetime:
        """"Later": no prompt for `minutes`; documents stay queued and counted. Persisted."""
        until = (_local(now) + dt.timedelta(minutes=minutes)).replace(microsecond=0)
        with self._lock:
            self.settings.snoozed_until = until.isoformat()
            self._persist()
        return until

    def unsnooze(self) -> None:
        with self._lock:
            if self.settings.snoozed_until is not None:
                self.settings.snoozed_until = None
                self._persist()

    def snoozed(self, now: dt.datetime | None = None) -> bool:
        until = self.settings.snoozed_until_time()
        return until is not None and _local(now) < until

    def ignore_folder(self, folder: str | os.PathLike) -> int:
        """"Don't ask for this folder": remembered in the settings; returns how many documents left the queue."""
        root = normalise(folder)
        with self._lock:
            if not any(normalise(f) == root for f in self.settings.ignored_folders):
                self.settings.ignored_folders = [*self.settings.ignored_folders, os.fspath(folder)]
                self._persist()
            gone = [p for p in self._docs if is_within(p, [root])]
            for path in gone:
                self._docs.pop(path, None)
                self._checked.pop(path, None)
        if gone:
            self._write_store()
        return len(gone)

    # -- when to ask -------------------------------------------------------------
    def in_quiet_hours(self, now: dt.datetime | None = None) -> bool:
        hours = self.settings.quiet_hours
        if not hours:
            return False
        start, end = _parse_hhmm(hours[0]), _parse_hhmm(hours[1])
        t = _local(now).time().replace(second=0, microsecond=0)
        if start == end:
            return False
        if start < end:
            return start <= t < end
        return t >= start or t < end  # spans midnight

    def should_prompt(self, now: dt.datetime | None = None) -> bool:
        """Whether to show the notification now (no file I/O).

        False while notifications are off, watching is paused, "Later" is in
        force, during quiet hours, or when nothing waits that was not offered
        in a dialog within the last `REMIND_MINUTES` (a cancelled dialog is a
        "not now", not a "never": the documents stay counted in the tray).
        """
        s = self.settings
        if not s.notifications or s.paused or self.snoozed(now) or self.in_quiet_hours(now):
            return False
        return self.unoffered(now) > 0

    def next_prompt_time(self, now: dt.datetime | None = None) -> dt.datetime:
        """The earliest moment snooze and quiet hours allow a prompt (now, if they do now)."""
        moment = _local(now)
        until = self.settings.snoozed_until_time()
        if until is not None and until > moment:
            moment = until
        hours = self.settings.quiet_hours
        if hours and self.in_quiet_hours(moment):  # in_quiet_hours is False without quiet hours
            end = _parse_hhmm(hours[1])
            candidate = moment.replace(hour=end.hour, minute=end.minute, second=0, microsecond=0)
            if candidate <= moment:
                candidate += dt.timedelta(days=1)
            moment = candidate
        return moment

    # -- words ---------------------------------------------------------------------
    def message(self, lang: str | None = None, groups: list | None = None) -> str:
        """The notification sentence, e.g. "3 new documents in Documents are not labelled".

        `groups` may be passed when the caller has just computed `groups()`.
        """
        translated = translation(resolve(lang or self.settings.language))
        _, ngettext = translated.gettext, translated.ngettext
        groups = self.groups() if groups is None else groups
        n = sum(len(docs) for _folder, docs in groups)
        if n == 0:
            return _("No documents are waiting for a label")
        if len(groups) == 1:
            where = display_name(groups[0][0])
        elif len(groups) == 2:
            where = _("{a} and {b}").format(a=display_name(groups[0][0]), b=display_name(groups[1][0]))
        else:
            where = ngettext("{n} folder", "{n} folders", len(groups)).format(n=len(groups))
        return ngettext("{n} new document in {where} is not labelled",
                        "{n} new documents in {where} are not labelled", n).format(n=n, where=where)

    def tray_text(self, lang: str | None = None) -> str:
        """"Documents waiting (N)" for the tray menu (no file I/O)."""
        _ = translation(resolve(lang or self.settings.language)).gettext
        return _("Documents waiting ({n})").format(n=self.count(check=False))

    # -- internals -----------------------------------------------------------------
    def _needs_label(self, path: Path) -> bool:
        identity = _identity(path)
        if identity is None:
            return False
        with self._lock:
            cached = self._checked.get(path)
        if cached is not None and cached[0] == identity:
            return cached[1]
        try:
            result = bool(self._still_needs_label(path))
        except Exception:
            log.debug("still_needs_label failed for %s", path, exc_info=True)
            result = True  # keep it: better one prompt too many than a document forgotten
        with self._lock:
            self._checked[path] = (identity, result)
        return result

    def _load(self) -> None:
        """The documents that waited when the app last ran (a damaged store is set aside, not fatal)."""
        if self.store is None:
            return
        try:
            data = json.loads(self.store.read_bytes().decode("utf-8"))
            if not isinstance(data, dict) or data.get("version") != STORE_VERSION:
                raise ValueError("not a list of waiting documents of this version")
            entries = data.get("documents")
            if not isinstance(entries, list):
                raise ValueError("no list of documents")
        except FileNotFoundError:
            return
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            self.store_problem = f"The list of documents waiting for a label ({self.store}) could not be read ({exc})."
            log.warning("%s", self.store_problem)
            return
        ignored = [normalise(f) for f in self.settings.ignored_folders]
        with self._lock:
            for entry in entries:
                if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
                    continue
                offered = entry.get("offered")
                path = Path(entry["path"])
                if path.is_absolute() and not is_within(path, ignored):
                    self._docs[path] = float(offered) if isinstance(offered, (int, float)) else None

    def _write_store(self) -> None:
        """Keep the waiting documents for the next start (crash-safe; a failure is logged, not raised)."""
        if self.store is None:
            return
        from formats.atomic import write_bytes_atomically

        with self._lock:
            entries = [{"path": str(path), "offered": offered} for path, offered in self._docs.items()]
            data = json.dumps({"version": STORE_VERSION, "documents": entries}, ensure_ascii=True)
            try:
                write_bytes_atomically(self.store, data.encode("ascii"), mode=0o600)
                self.store_problem = None
            except OSError as exc:
                self.store_problem = (f"The list of documents waiting for a label could not be saved "
                                      f"({exc.strerror or exc}); they are still counted until the app quits.")
                log.warning("%s", self.store_problem)

    def _persist(self) -> None:
        try:
            self._save(self.settings)
            self.save_problem = None
        except (OSError, ValueError) as exc:
            self.save_problem = f"The settings could not be saved ({exc})."
            log.warning("%s", self.save_problem)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)
