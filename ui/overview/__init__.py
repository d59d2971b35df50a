"""The Overview window and its pages.

window.py        OverviewWindow: sidebar + pages; Shell.open_overview shows the one instance
files_page.py    the Files page's behaviour (files_view.py: its widgets)
files_model.py   the table model (kept sorted) and the filter proxy
folders_model.py coverage counts per watched folder (no Qt)
file_rows.py     walking the watched folders and reading labels in batches (no Qt; runs in a worker)
painting.py      the label chip delegate, the coverage bar
awareness_page.py, history_page.py: the Awareness and History pages
"""
