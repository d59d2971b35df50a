"""The settings window (issue: Settings): view, controller and the slow work they run in workers.

    from ui.settings import SettingsWindow
    SettingsWindow(shell).present()
"""
from .window import SettingsWindow

__all__ = ["SettingsWindow"]
