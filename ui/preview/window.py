"""The preview window of a draft scheme: its problems, or its labelling dialog and sharing matrix.

    PreviewWindow("draft.toml", "fr").show()

The file is read (off the GUI thread) again when it changes on disk (an editor saving it) or when
Reload is pressed.  While it is invalid the window lists the problems with
their lines; once valid it shows, in tabs, the labelling dialog exactly as
employees will see it (on a sample document, through a `PreviewService`
that writes nothing) and the labels × channels matrix.  The language can be
switched in the window, so the scheme's texts can be checked in every language.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QEvent, QFileSystemWatcher, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QLabel, QMainWindow, QPushButton, QScrollArea,
                               QStackedWidget, QTabWidget, QVBoxLayout, QWidget)

from labeler import languages
from ui import i18n
from ui.label_dialog import LabelDialog
from ui.overview.matrix import SharingMatrix
from ui.workers import Worker, start

from .draft import Draft, read_draft
from .problems import ProblemsView
from .service import PreviewService

RELOAD_DELAY_MS = 300  # editors write a file in several steps; read it once they are done
SAMPLE = Path(tempfile.gettempdir()) / "labeler-preview" / "sample-document.docx"  # never created


class PreviewWindow(QMainWindow):
    PROBLEMS, SCHEME, READING = 0, 1, 2

    def __init__(self, path: str | Path, lang: str | None = "en", sample: str | Path | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("previewWindow")
        self.path = Path(path).absolute()
        self.sample = Path(sample).absolute() if sample else SAMPLE
        self.lang = i18n.ensure_language(lang)
        self.draft: Draft | None = None
        self.dialog: LabelDialog | None = None
        self._closing = False
        self._reading: Worker | None = None

        self.banner = QLabel()
        self.banner.setObjectName("previewBanner")
        self.banner.setWordWrap(True)
        self.banner.setToolTip(str(self.path))
        self.banner.setStyleSheet("#previewBanner { background: #FFF3B0; color: #3d3000; padding: 8px; "
                                  "border: 1px solid #E0C040; border-radius: 4px; font-weight: bold; }")
        self.language_label = QLabel()
        self.language = QComboBox()
        self.language.setObjectName("previewLanguage")
        for code in languages.codes():
            self.language.addItem(languages.native_name(code), code)  # each in its own language
        self.language.setCurrentIndex(self.language.findData(self.lang))
        self.language.currentIndexChanged.connect(self._on_language_chosen)
        self.language_label.setBuddy(self.language)
        self.reload_button = QPushButton()
        self.reload_button.setObjectName("previewReload")
        self.reload_button.clicked.connect(self.reload)

        self.problems = ProblemsView()
        self.restart = QPushButton()
        self.restart.clicked.connect(self.new_dialog)
        self.dialog_note = QLabel()
        self.dialog_note.setWordWrap(True)
        self.dialog_host = QWidget()
        self.dialog_layout = QVBoxLayout(self.dialog_host)
        self.dialog_layout.setContentsMargins(0, 0, 0, 0)
        dialog_page = QWidget()
        top = QHBoxLayout()
        top.addWidget(self.dialog_note, 1)
        top.addWidget(self.restart)
        page_layout = QVBoxLayout(dialog_page)
        page_layout.addLayout(top)
        page_layout.addWidget(self.dialog_host, 1)
        self.matrix = SharingMatrix()
        matrix_page = QScrollArea()  # the overview's matrix is as tall as its rows: the page scrolls
        matrix_page.setWidgetResizable(True)
        matrix_page.setFrameShape(QFrame.Shape.NoFrame)
        matrix_page.setWidget(self.matrix)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("previewTabs")
        self.tabs.addTab(dialog_page, "")
        self.tabs.addTab(matrix_page, "")
        self.pages = QStackedWidget()
        self.pages.addWidget(self.problems)
        self.pages.addWidget(self.tabs)
        self.pages.addWidget(QWidget())  # until the file has been read
        self.pages.setCurrentIndex(self.READING)

        bar = QHBoxLayout()
        bar.addWidget(self.banner, 1)
        bar.addWidget(self.language_label)
        bar.addWidget(self.language)
        bar.addWidget(self.reload_button)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.resize(980, 720)

        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_disk_change)
        self.watcher.directoryChanged.connect(self._on_disk_change)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_if_changed)
        self.reload()

    # -- reading the file -----------------------------------------------------------
    @property
    def valid(self) -> bool:
        return self.draft is not None and self.draft.valid

    @property
    def reading(self) -> bool:
        """The file is being read (off the GUI thread: it may sit on a slow share)."""
        return self._reading is not None

    def reload(self) -> None:
        """Read the file again and show the result, even if it did not change."""
        self._read(self._on_read)

    def _reload_if_changed(self) -> None:
        # The folder is watched too (to see the file come back after a rename), so other files' changes
        # arrive here as well: only a change of this file's content starts the preview again.
        self._read(self._on_read_if_changed)

    def _read(self, on_result) -> None:
        self._watch()
        worker = Worker(read_draft, self.path)
        worker.signals.result.connect(on_result)
        worker.signals.finished.connect(self._on_read_finished)
        self._reading = worker
        start(worker)
        self.reload_button.setEnabled(False)

    def _latest(self) -> bool:
        """The result comes from the latest read (an older, slower one is dropped)."""
        return self._reading is not None and self.sender() is self._reading.signals

    def _on_read(self, draft: Draft) -> None:
        if self._latest() and not self._closing:
            self._show(draft)

    def _on_read_if_changed(self, draft: Draft) -> None:
        if self._latest() and not self._closing and (self.draft is None or draft.data != self.draft.data):
            self._show(draft)

    def _on_read_finished(self) -> None:
        if self._latest():
            self._reading = None
            self.reload_button.setEnabled(True)

    def _show(self, draft: Draft) -> None:
        self.draft = draft
        if draft.valid:
            self.matrix.set_scheme(draft.scheme, self.lang)
            self.new_dialog()
            self.pages.setCurrentIndex(self.SCHEME)
        else:
            self._drop_dialog()
            self.problems.set_problems(draft.problems, draft.text)
            self.pages.setCurrentIndex(self.PROBLEMS)
        self.retranslate()

    def _watch(self) -> None:
        # Editors that save by writing a new file and renaming it end the watch on the old one.
        wanted = [str(p) for p in (self.path, self.path.parent) if p.exists()]
        current = set(self.watcher.files()) | set(self.watcher.directories())
        missing = [p for p in wanted if p not in current]
        if missing:
            self.watcher.addPaths(missing)

    def _on_disk_change(self, _path: str) -> None:
        if not self._closing:
            self._reload_timer.start()

    # -- the embedded labelling dialog ----------------------------------------------
    def new_dialog(self) -> None:
        """A fresh labelling dialog for the sample (after a reload, or to try again)."""
        self._drop_dialog()
        scheme = self.draft.scheme if self.draft is not None else None
        if scheme is None:
            return
        dialog = LabelDialog([self.sample], scheme, service=PreviewService(scheme), lang=self.lang,
                             parent=self.dialog_host)
        dialog.setWindowFlags(Qt.WindowType.Widget)  # a page of this window, not a window of its own
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog_layout.addWidget(dialog)
        dialog.show()
        self.dialog = dialog

    def _drop_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.finished.disconnect(self._on_dialog_finished)
            dialog.controller.shutdown()
            dialog.hide()
            dialog.setParent(None)
            dialog.deleteLater()

    def _on_dialog_finished(self, _result: int) -> None:
        # Close or Esc in the embedded dialog: start the preview again instead of leaving a hole.
        if not self._closing:
            QTimer.singleShot(0, self, self.new_dialog)

    # -- language -------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """Switch the whole interface; scheme texts follow in the same language."""
        self.lang = i18n.set_language(lang)
        index = self.language.findData(self.lang)
        if self.language.currentIndex() != index:
            self.language.blockSignals(True)
            self.language.setCurrentIndex(index)
            self.language.blockSignals(False)
        if self.valid:
            self.matrix.set_language(self.lang)
        self.retranslate()

    def _on_language_chosen(self, index: int) -> None:
        self.set_language(self.language.itemData(index))

    def retranslate(self) -> None:
        name = self.path.name
        self.setWindowTitle(self.tr("Scheme preview — %1").replace("%1", name))
        if self.draft is None:
            self.banner.setText(self.tr("Reading %1…").replace("%1", name))
        elif self.draft.scheme is not None:
            self.banner.setText(self.tr("Preview of %1, version %2 — not signed, nothing is written").replace(
                "%1", name).replace("%2", str(self.draft.scheme.version)))
        else:
            self.banner.setText(self.tr("Preview of %1 — not a valid scheme yet, nothing is written").replace(
                "%1", name))
        self.language_label.setText(self.tr("&Language:"))
        self.reload_button.setText(self.tr("&Reload"))
        self.reload_button.setToolTip(self.tr("Read the scheme file again (it is also read again when it is saved)."))
        self.restart.setText(self.tr("Start again"))
        self.dialog_note.setText(self.tr("The labelling dialog as employees will see it, for a sample document. "
                                         "Applying a label here changes no file."))
        self.tabs.setTabText(0, self.tr("Labelling dialog"))
        self.tabs.setTabText(1, self.tr("Sharing matrix"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and i18n.current_language() != self.lang:
            self.set_language(i18n.current_language())  # switched elsewhere in the app
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self._closing = True
        self._reload_timer.stop()
        if self._reading is not None:
            self._reading.cancel()
        if self.dialog is not None:
            self.dialog.controller.shutdown()
        super().closeEvent(event)
