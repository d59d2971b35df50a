"""The Files page: watched folders' coverage, and every document in a filterable, sortable table.

    page = FilesPage(shell)
    page.reload()             # read the watched folders again (a worker; rows arrive in batches)
    page.cancel_loading()
    page.selected_paths()     # → list of paths, in table order
    page.label_selected()     # opens the label dialog for them (shell.open_dialog)
    page.open_containing_folder()

The view (files_view.py) only shows things; this class decides.  Reading
labels runs in a `Worker` over `file_rows.read_rows`, which yields batches;
each batch is appended to the model in the GUI thread, so the table fills
progressively and stays usable while tens of thousands of files are read.
With the shell's label index (labeler/desktop/label_index.py) the table
opens from the index at once (`file_rows.index_rows`), then only files
whose size, mtime or inode changed are read (`file_rows.reconcile_rows`),
and every change the index hears of afterwards is shown as it comes
(`shell.feed`, ui/index_feed.py).
"""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHeaderView, QMenu, QVBoxLayout, QWidget

from ui.i18n import current_language
from ui.workers import Worker, start

from .file_rows import (Kinds, Progress, bulk_allocation, index_rows, listed_entry, read_rows, reconcile_rows, reread,
                        row_from_entry)
from .files_model import ALL, FOREIGN, TO_LABEL, UNREADABLE, Column, FilesFilter, FilesModel, display_locale
from .files_view import FilesView
from .folders_model import CoverageTally
from ..widgets.color_chip import chip_icon
from .painting import LabelChipDelegate

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 150  # filter as you type, but not on every keystroke of a fast typist
MAX_FOLDERS_OPENED = 5
RECONCILE_DELAY_MS = 100  # the table from the index paints first; checking it against the disk follows


class FilesPage(QWidget):
    def __init__(self, shell, parent=None):
        super().__init__(parent)
        self.shell = shell
        self.lang = current_language()
        self.view = FilesView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self.model = FilesModel(shell.service.scheme, self.lang, self)
        self.proxy = FilesFilter(self)
        self.proxy.setSourceModel(self.model)
        table = self.view.table
        table.setModel(self.proxy)
        table.setItemDelegateForColumn(Column.LABEL, LabelChipDelegate(table))
        header = table.horizontalHeader()
        for column, width in ((Column.NAME, 220), (Column.FOLDER, 130), (Column.LABEL, 150),
                              (Column.MODIFIED, 130)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)

        self.tally = CoverageTally([])
        # With the shell's label index the table opens from it at once, then checks it against
        # the disk in the background, and follows every change the index hears of (shell.feed).
        self.index = getattr(shell, "index", None)
        self._snapshot_seq: int | None = None  # the index state the table started from; None: none yet
        feed = getattr(shell, "feed", None)
        if self.index is not None and feed is not None:
            feed.changed.connect(self._index_changed)
        self._loader: Worker | None = None
        self._everything_loaded = False
        self._done = 0
        self._state = "idle"  # "loading", "done", "stopped", "failed", "idle"
        self._error = ""
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self._status_timer = QTimer(self)  # coalesces the status line's updates during a load
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(0)
        self._status_timer.timeout.connect(self._show_status)

        v = self.view
        v.which.currentIndexChanged.connect(self._which_changed)
        v.folder.currentIndexChanged.connect(self._folder_changed)
        v.search.textChanged.connect(self._search_timer.start)
        v.everything.toggled.connect(self._everything_toggled)
        v.cancel.clicked.connect(self.cancel_loading)
        v.refresh.clicked.connect(self.reload)
        v.label.clicked.connect(self.label_selected)
        v.open_folder.clicked.connect(self.open_containing_folder)
        table.activated.connect(self._activated)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._status_timer.start)
        self._fill_which()
        self._selection_changed()
        v.show_loading(False)
        self._show_status()

    # -- loading

    def reload(self) -> None:
        """Read the watched folders again, from scratch; the table fills as batches arrive."""
        self.cancel_loading(quietly=True)
        settings = self.shell.settings
        folders = list(settings.watched_folders)
        self.model.clear()
        self.model.set_scheme(self.shell.service.scheme, self.lang)
        self.tally = CoverageTally(folders)
        self.view.folders.set_folders(self.tally.folders)
        self._fill_which()
        self._fill_folders()
        self._show_coverage()
        self._done = 0
        self._everything_loaded = self.view.everything.isChecked()
        if not folders:
            self._state = "idle"
            self.view.show_loading(False)
            self._show_status()
            return
        self._snapshot_seq = None
        if self.index is not None:
            worker = Worker(index_rows, self.index, self.model.scheme, self.tally.folders,
                            list(settings.ignored_folders), self._everything_loaded)
            worker.signals.result.connect(self._from_index)
        else:
            worker = Worker(read_rows, self.shell.service, self.tally.folders, list(settings.ignored_folders),
                            everything=self._everything_loaded)
            worker.signals.result.connect(self._loaded)
        worker.signals.progress.connect(self._batch)
        worker.signals.error.connect(self._failed)
        self._state = "loading"
        self._loader = start(worker)
        self.view.show_loading(True)
        self._show_progress()
        self._show_status()

    def refresh(self) -> None:  # F5, the window's name for it
        self.reload()

    def is_loading(self) -> bool:
        return self._loader is not None

    def cancel_loading(self, quietly: bool = False) -> None:
        """Stop reading (between two batches); the rows read so far stay."""
        if self._loader is None:
            return
        self._loader.cancel()
        self._loader = None  # its late batches are ignored
        self.view.show_loading(False)
        if not quietly:
            self._state = "stopped"
            self._show_status()

    def _current(self) -> bool:
        """Whether the signal being handled comes from the load in progress (not an abandoned one)."""
        return self._loader is not None and self.sender() is self._loader.signals

    def _batch(self, progress: Progress) -> None:
        if not self._current():
            return
        self._done = progress.done
        if progress.missing:
            self.tally.mark_missing(progress.missing)
        if progress.rows:
            self._merge(progress.rows)
        if progress.gone:
            self.tally.remove(self.model.remove_paths(progress.gone))
        self._show_coverage()
        self._show_progress()

    def _from_index(self, result) -> None:
        """The index's rows arrived (shown at once); now check them against the disk in the background."""
        if not self._current():
            return
        seq, rows, known = result
        self._snapshot_seq = seq
        with bulk_allocation():
            self._merge(rows)
        self._show_coverage()
        worker = Worker(reconcile_rows, self.shell.service, self.index, self.tally.folders,
                        list(self.shell.settings.ignored_folders), self._everything_loaded, known)
        worker.signals.progress.connect(self._batch)
        worker.signals.result.connect(self._loaded)
        worker.signals.error.connect(self._failed)
        self._loader = worker  # current from now on; started once the table has painted
        QTimer.singleShot(RECONCILE_DELAY_MS, self, lambda: self._start_reconcile(worker))

    def _start_reconcile(self, worker: Worker) -> None:
        if self._loader is worker:  # not cancelled or replaced meanwhile
            start(worker)

    def _merge(self, rows: list) -> None:
        """Show `rows`: new paths are inserted, known ones replaced; the coverage follows."""
        known = [r for r in rows if self.model.row_for_path(r.path) is not None]
        if known:
            self.tally.remove(self.model.update_rows(known))
            self.tally.add(known)
        fresh = [r for r in rows if self.model.row_for_path(r.path) is None]
        if fresh:
            self.model.add_rows(fresh)
            self.tally.add(fresh)

    def _index_changed(self, entries: list) -> None:
        """The label index changed (a label applied anywhere, a save the watcher read): follow it."""
        if self._snapshot_seq is None:
            return  # the table is not built from the index yet; its snapshot will include these
        scheme, folders = self.model.scheme, self.tally.folders
        ignored = list(self.shell.settings.ignored_folders)
        rows, gone = [], []
        kinds = Kinds(scheme)
        for entry in entries:
            if entry.seq <= self._snapshot_seq:
                continue
            roots = listed_entry(scheme, entry.path, folders, ignored, self._everything_loaded, kinds)
            if not roots:
                continue
            if not entry.present:
                gone.append(entry.path)
                continue
            row = row_from_entry(scheme, entry, roots, kinds)
            if row != self.model.row_for_path(entry.path):
                rows.append(row)
        if gone:
            self.tally.remove(self.model.remove_paths(gone))
        if rows:
            self._merge(rows)
        if gone or rows:
            self._show_coverage()

    def _loaded(self, total: int) -> None:
        if not self._current():
            return
        self._loader = None
        self._done = total
        self._state = "done"
        self.view.show_loading(False)
        self._show_coverage()
        self._show_status()

    def _failed(self, exc: Exception) -> None:
        if not self._current():
            return
        log.warning("reading the watched folders failed: %s", getattr(exc, "formatted_traceback", exc))
        self._loader = None
        self._state, self._error = "failed", str(exc)
        self.view.show_loading(False)
        self._show_status()

    # -- filters

    def _fill_which(self) -> None:
        combo = self.view.which
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", ALL)
        combo.addItem("", TO_LABEL)
        for label in self.model.scheme.labels:
            combo.addItem(chip_icon(label.color), "", label.id)
        combo.addItem("", FOREIGN)
        combo.addItem("", UNREADABLE)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self._name_which()
        self._which_changed()

    def _name_which(self) -> None:
        combo = self.view.which
        names = {ALL: self.tr("All"), TO_LABEL: self.tr("Not labelled yet"),
                 FOREIGN: self.tr("Other tools' labels"), UNREADABLE: self.tr("Unreadable")}
        for i in range(combo.count()):
            data = combo.itemData(i)
            combo.setItemText(i, names.get(data) or self.model.label_name(data))

    def _fill_folders(self) -> None:
        from .files_view import short_path

        combo = self.view.folder
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All folders"), None)
        for folder in self.tally.folders:
            combo.addItem(short_path(folder), folder)
            combo.setItemData(combo.count() - 1, folder, Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)
        self._folder_changed()

    def _which_changed(self, _index: int = 0) -> None:
        which = self.view.which.currentData() or ALL
        if which in (ALL, TO_LABEL, FOREIGN, UNREADABLE):
            self.proxy.set_which(which)
        else:
            ids = [which] + [l.id for l in self.model.scheme.sublabels(which)]
            self.proxy.set_which(which, ids)

    def _folder_changed(self, _index: int = 0) -> None:
        self.proxy.set_folder(self.view.folder.currentData())

    def _apply_search(self) -> None:
        self.proxy.set_text(self.view.search.text())

    def _everything_toggled(self, everything: bool) -> None:
        if everything and not self._everything_loaded:
            self.proxy.set_everything(True)
            self.reload()  # the other files were not read: read again, this time all of them
        else:
            self.proxy.set_everything(everything)

    def set_filter(self, which: str = ALL, folder: str | None = None, text: str = "") -> None:
        """Set the filters as a user would (tests, and links from other pages)."""
        self.view.which.setCurrentIndex(max(self.view.which.findData(which), 0))
        self.view.folder.setCurrentIndex(max(self.view.folder.findData(folder), 0) if folder else 0)
        self.view.search.setText(text)
        self._search_timer.stop()
        self._apply_search()

    def focus_search(self) -> None:
        self.view.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.view.search.selectAll()

    def clear_search(self) -> bool:
        """Empty the search field; False when it was empty already."""
        if not self.view.search.text():
            return False
        self.view.search.clear()
        self._search_timer.stop()
        self._apply_search()
        return True

    # -- actions

    def selected_paths(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.table.selectionModel().selectedRows())
        return [self.proxy.row(r).path for r in rows]

    def label_selected(self) -> None:
        paths = self.selected_paths()
        if not paths:
            return
        dialog = self.shell.open_dialog(paths)
        applied = getattr(dialog, "labelsApplied", None)
        if applied is not None:
            applied.connect(self._labels_applied)

    def open_containing_folder(self) -> None:
        folders: list[str] = []
        for path in self.selected_paths() or self._current_path():
            row = self.model.row_for_path(path)
            if row is None:  # gone from the list since it was selected
                continue
            if row.folder not in folders:
                folders.append(row.folder)
        for folder in folders[:MAX_FOLDERS_OPENED]:
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

    def _current_path(self) -> list[str]:
        index = self.view.table.currentIndex()
        return [self.proxy.row(index.row()).path] if index.isValid() else []

    def _activated(self, _index: QModelIndex) -> None:
        self.label_selected()

    def _context_menu(self, pos: QPoint) -> None:
        if not self.view.table.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Label…"), self.label_selected)
        menu.addAction(self.tr("Open containing folder"), self.open_containing_folder)
        menu.popup(self.view.table.viewport().mapToGlobal(pos))

    def _selection_changed(self, *_args) -> None:
        count = len(self.view.table.selectionModel().selectedRows())
        self.view.label.setEnabled(count > 0)
        self.view.open_folder.setEnabled(count > 0)

    def _labels_applied(self, outcomes: list) -> None:
        """A dialog opened from here changed labels: read those files again (a worker)."""
        paths = [o.path for o in outcomes]
        if not paths:
            return
        worker = Worker(reread, self.shell.service, paths, self.tally.folders)
        worker.signals.result.connect(self._reread)
        start(worker)

    def _reread(self, rows: list) -> None:
        replaced = self.model.update_rows(rows)
        self.tally.remove(replaced)
        known = {r.path for r in replaced}
        self.tally.add([r for r in rows if r.path in known])
        fresh = [r for r in rows if r.path not in known and r.roots]
        if fresh:  # saved into a watched folder after it was read
            self.model.add_rows(fresh)
            self.tally.add(fresh)
        self._show_coverage()

    # -- what the user reads

    def _show_progress(self) -> None:
        locale = display_locale(self.lang)
        # %1 rather than %n: the count is written in the user's number format ("3,400").
        self.view.progress.setText(self.tr("Reading labels… %1 file(s)", "", self._done)
                                   .replace("%1", locale.toString(self._done)))

    def _show_status(self) -> None:
        locale = display_locale(self.lang)
        shown, total = self.proxy.rowCount(), self._listed()
        if self._state == "failed":
            text = self.tr("The folders could not be read: %1").replace("%1", self._error)
        elif not self.tally.folders:
            text = ""
        elif self._state == "stopped":
            text = (self.tr("Stopped after %1 file(s). Press F5 to read the folders again.", "", self._done)
                    .replace("%1", locale.toString(self._done)))
        elif total == shown and self._state == "loading":
            text = ""  # the progress line already counts them
        elif total == shown:
            text = self.tr("%1 file(s)", "", total).replace("%1", locale.toString(total))
        else:
            text = (self.tr("%1 of %2 shown").replace("%1", locale.toString(shown))
                    .replace("%2", locale.toString(total)))
        self.view.status.setText(text)

    def _listed(self) -> int:
        if self.view.everything.isChecked():
            return self.model.rowCount()
        return self.model.documents

    def _show_coverage(self) -> None:
        locale = display_locale(self.lang)
        labels = self.model.scheme.labels
        for coverage in self.tally:
            row = self.view.folders.rows.get(coverage.folder)
            if row is None:
                continue
            row.bar.set_counts([(l.color, coverage.by_label.get(l.id, 0)) for l in labels], coverage.to_label)
            if coverage.missing:
                text = self.tr("Folder not found")
            elif not coverage.documents and self._state != "loading":
                text = self.tr("No documents")
            else:
                parts = [self.tr("%1 labelled", "", coverage.labelled)
                         .replace("%1", locale.toString(coverage.labelled)),
                         self.tr("%1 to label", "", coverage.to_label)
                         .replace("%1", locale.toString(coverage.to_label))]
                if coverage.unreadable:
                    parts.append(self.tr("%1 unreadable", "", coverage.unreadable)
                                 .replace("%1", locale.toString(coverage.unreadable)))
                text = " · ".join(parts)
            row.counts.setText(text)
            tip = [f"{self.model.label_name(l.id)}: {locale.toString(coverage.by_label[l.id])}"
                   for l in labels if coverage.by_label.get(l.id)]
            if coverage.to_label:
                tip.append(f"{self.tr('Not labelled yet')}: {locale.toString(coverage.to_label)}")
            row.bar.setToolTip("\n".join(tip))
            row.bar.setAccessibleName(self.tr("Labelled documents in %1").replace("%1", coverage.folder))
            row.bar.setAccessibleDescription(text)

    def retranslate(self) -> None:
        self.lang = current_language()
        self.model.retranslate(self.lang)
        self._name_which()
        if self.view.folder.count():
            self.view.folder.setItemText(0, self.tr("All folders"))
        self._show_coverage()
        self._show_progress()
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
