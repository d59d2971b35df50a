"""The settings window: one non-modal instance, sections on the left.

    window = SettingsWindow(shell)   # shell: ui.app.Shell (settings, force, bridge, lang)
    window.present()

Switching the language retranslates the window in place: the chosen
section, the selection and any time being typed stay as they are.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ..tray import app_icon
from .controller import SettingsController
from .views import SettingsView


class SettingsWindow(QWidget):
    def __init__(self, shell, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowIcon(app_icon())
        self.setObjectName("settingsWindow")
        self.view = SettingsView()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.controller = SettingsController(self.view, shell, parent=self)
        self.view.close_button.clicked.connect(self.close)
        self.retranslate()
        self.resize(780, 520)
        self.view.sections.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))  # Qt adds " — Labeler" (the application display name)
        self.view.retranslate()
        self.controller.retranslate()

    def present(self, section: int | None = None) -> None:
        """Show (or bring back) the window, optionally at a section."""
        if section is not None:
            self.view.sections.setCurrentRow(section)
        if self.isHidden():
            self.controller.refresh_scheme()
            self.controller.refresh_menu()
        self.show()
        self.raise_()
        self.activateWindow()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event) -> None:
        self.controller.shutdown()
        super().closeEvent(event)
