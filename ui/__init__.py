"""The desktop user interface (PySide6): views lay widgets out, controllers behave.

Everything here talks only to ``labeler`` (and reads ``policy`` values);
file I/O always runs in a worker (``ui.workers``), never on the GUI thread.
"""
