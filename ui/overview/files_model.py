"""The Files page's table: a model of `FileRow`s and the filter in front of it.

`FilesModel` keeps its rows sorted itself (binary-search inserts, one
`beginInsertRows` per run of neighbouring rows), so batches of a large
folder arrive in the right place without the proxy re-sorting tens of
thousands of rows in Python.  `FilesFilter` only filters; its `sort()`
hands the column to the model, so clicking a header still sorts.
"""
from __future__ import annotations

import os
from bisect import bisect_left
from functools import lru_cache
from enum import IntEnum

from PySide6.QtCore import (QAbstractTableModel, QDateTime, QLocale, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt)

from .file_rows import FileRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the FileRow
COLOR_ROLE = Qt.ItemDataRole.UserRole + 2  # the label's colour ("#RRGGBB") or None
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # "labelled", "to-label", "none" or "unreadable"
BESIDE_ROLE = Qt.ItemDataRole.UserRole + 4  # the label column: the label is stored beside the content

MANY_REMOVED = 200  # removing more rows than this at once resets the model instead

SYSTEM_NAMES = {"microsoft": "Microsoft", "tscp": "TSCP", "titus": "Titus", "boldon-james": "Boldon James"}


class Column(IntEnum):
    NAME = 0
    FOLDER = 1
    LABEL = 2
    MODIFIED = 3
    FOREIGN = 4


def display_locale(lang: str) -> QLocale:
    """The system's regional format when it speaks the interface language, else that language's."""
    system = QLocale.system()
    if QLocale(lang).language() == system.language():
        return system
    return QLocale(lang)


def foreign_text(row: FileRow) -> str:
    """"Microsoft: Confidential; Titus: General" (system names are names, not translated)."""
    parts = []
    for system, name in row.foreign:
        if len(name) > 24 and "-" in name:  # a bare GUID: its start is enough to tell two apart
            name = name[:8] + "…"
        parts.append(f"{SYSTEM_NAMES.get(system, system)}: {name}")
    return "; ".join(parts)


def folder_text(row: FileRow) -> str:
    """The file's folder from its watched folder's name on: "Documents/Projects/2024"."""
    return _relative_folder(row.folder, row.roots[0] if row.roots else "")


@lru_cache(maxsize=8192)  # sorting by folder asks for every row's; a few folders hold many files
def _relative_folder(folder: str, root: str) -> str:
    base = os.path.dirname(root.rstrip(os.sep)) if root else ""
    return os.path.relpath(folder, base) if base else folder


class FilesModel(QAbstractTableModel):
    """Rows in the order of the current sort column; `add_rows` keeps that order."""

    def __init__(self, scheme, lang: str = "en", parent=None):
        super().__init__(parent)
        self._rows: list[FileRow] = []  # ascending by the sort key
        self._keys: list[tuple] = []
        self._by_path: dict[str, FileRow] = {}
        self.documents = 0  # rows that are documents (the rest show with "Show all files")
        self._column = Column.NAME
        self._descending = False
        self.set_scheme(scheme, lang)

    # -- what is shown

    def set_scheme(self, scheme, lang: str) -> None:
        self.scheme, self.lang = scheme, lang
        self._labels = {label.id: label for label in scheme.labels}
        self._locale = display_locale(lang)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def retranslate(self, lang: str) -> None:
        self.set_scheme(self.scheme, lang)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)

    def label_name(self, label_id: str) -> str:
        label = self._labels.get(label_id)
        return label.display_name(self.lang) if label else label_id

    def label_color(self, label_id: str | None) -> str | None:
        label = self._labels.get(label_id) if label_id else None
        return label.color if label else None

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.LABEL:
            # The legend of the marker the label column draws (painting.LabelChipDelegate).
            return self.tr("A dashed tag after a label: the label is stored beside the content, not inside "
                           "the file, so copies to USB sticks or e-mail attachments lose it.")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Name"), self.tr("Folder"), self.tr("Label"), self.tr("Modified"),
                self.tr("Other tools' labels"))[section]

    def beside_text(self) -> str:
        return self.tr("The label is stored beside the content: copies to USB sticks or e-mail attachments "
                       "lose it.")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == ROW_ROLE:
            return row
        if role == COLOR_ROLE:
            return self.label_color(row.label_id)
        if role == STATE_ROLE:
            return _state(row)
        if role == BESIDE_ROLE:
            return row.beside and column == Column.LABEL
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and column == Column.LABEL and row.beside:
            return self.beside_text()
        return None

    def _display(self, row: FileRow, column: int) -> str:
        if column == Column.NAME:
            return row.name
        if column == Column.FOLDER:
            return folder_text(row)
        if column == Column.LABEL:
            if not row.ok:
                return self.tr("Unreadable")
            if row.label_id:
                return self.label_name(row.label_id)
            return self.tr("Not labelled yet") if row.must_label else "—"
        if column == Column.MODIFIED:
            if not row.modified:
                return ""
            when = QDateTime.fromSecsSinceEpoch(int(row.modified))
            return self._locale.toString(when, QLocale.FormatType.ShortFormat)
        return foreign_text(row)

    def _tooltip(self, row: FileRow, column: int) -> str | None:
        if column == Column.NAME:
            return row.path
        if column == Column.FOLDER:
            return row.folder
        if column == Column.LABEL:
            if not row.ok:
                return row.problem
            sentences = []
            if row.label_id and not row.ours:
                sentences.append(self.tr("Recognised from another tool's label; not yet labelled with this app."))
            if row.beside:
                sentences.append(self.beside_text())
            return "\n".join(sentences) or None
        if column == Column.FOREIGN and row.foreign:
            return "\n".join(f"{SYSTEM_NAMES.get(s, s)}: {n}" for s, n in row.foreign)
        return None

    # -- rows

    def row(self, view_row: int) -> FileRow:
        return self._rows[len(self._rows) - 1 - view_row if self._descending else view_row]

    def row_for_path(self, path: str) -> FileRow | None:
        return self._by_path.get(path)

    def view_row_of(self, row: FileRow) -> int:
        i = bisect_left(self._keys, self._key(row))
        return len(self._rows) - 1 - i if self._descending else i

    def clear(self) -> None:
        self.beginResetModel()
        self._rows, self._keys, self._by_path = [], [], {}
        self.documents = 0
        self.endResetModel()

    def add_rows(self, rows: list[FileRow]) -> None:
        """Insert `rows` where the sort order puts them; a path already shown is replaced."""
        known = [r for r in rows if r.path in self._by_path]
        if known:
            self.update_rows(known)
        fresh = sorted(((self._key(r), r) for r in rows if r.path not in self._by_path), key=lambda kr: kr[0])
        if fresh and not self._rows:  # the first batch (the whole label index, say): one insert, no search
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._keys = [k for k, _ in fresh]
            self._rows = [r for _, r in fresh]
            self._by_path = {r.path: r for r in self._rows}
            self.documents = sum(r.document for r in self._rows)
            self.endInsertRows()
            return
        runs: list[tuple[int, list]] = []
        for key, row in fresh:
            at = bisect_left(self._keys, key)
            if runs and runs[-1][0] == at:
                runs[-1][1].append((key, row))
            else:
                runs.append((at, [(key, row)]))
        for at, run in reversed(runs):  # from the end, so earlier positions stay valid
            count = len(self._rows)
            first = count - at if self._descending else at
            self.beginInsertRows(QModelIndex(), first, first + len(run) - 1)
            self._keys[at:at] = [k for k, _ in run]
            self._rows[at:at] = [r for _, r in run]
            for _, row in run:
                self._by_path[row.path] = row
                self.documents += row.document
            self.endInsertRows()

    def update_rows(self, rows: list[FileRow]) -> list[FileRow]:
        """Replace the shown rows of the same paths; returns the rows replaced (for the counts)."""
        replaced = []
        for new in rows:
            old = self._by_path.get(new.path)
            if old is None:
                continue
            i = bisect_left(self._keys, self._key(old))
            self._rows[i], self._keys[i] = new, self._key(new)
            self._by_path[new.path] = new
            replaced.append(old)
            view_row = len(self._rows) - 1 - i if self._descending else i
            self.dataChanged.emit(self.index(view_row, 0), self.index(view_row, len(Column) - 1))
        if replaced:
            self._resort()  # a changed label may move a row when sorted by label
        return replaced

    def remove_paths(self, paths) -> list[FileRow]:
        """Take the rows of `paths` out (files gone); returns the rows removed (for the counts)."""
        paths = [p for p in paths if p in self._by_path]
        if len(paths) > MANY_REMOVED:  # a folder gone: one reset, not thousands of single removals
            gone = set(paths)
            self.beginResetModel()
            removed = [r for r in self._rows if r.path in gone]
            pairs = [(k, r) for k, r in zip(self._keys, self._rows) if r.path not in gone]
            self._keys, self._rows = [k for k, _ in pairs], [r for _, r in pairs]
            for path in gone:
                del self._by_path[path]
            self.documents -= sum(r.document for r in removed)
            self.endResetModel()
            return removed
        removed = []
        for path in paths:
            row = self._by_path.pop(path, None)
            if row is None:
                continue
            i = bisect_left(self._keys, self._key(row))
            view_row = len(self._rows) - 1 - i if self._descending else i
            self.beginRemoveRows(QModelIndex(), view_row, view_row)
            del self._rows[i]
            del self._keys[i]
            self.documents -= row.document
            self.endRemoveRows()
            removed.append(row)
        return removed

    # -- sorting

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        column = Column(column) if 0 <= column < len(Column) else Column.NAME
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._column, self._descending):
            return  # the rows are always kept in this order (the view asks twice per header click)
        self._column, self._descending = column, descending
        self._resort()

    def sort_column(self) -> int:
        return int(self._column)

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        held = [(self.row(i.row()), i.column()) for i in old]
        pairs = sorted(((self._key(r), r) for r in self._rows), key=lambda kr: kr[0])
        self._keys = [k for k, _ in pairs]
        self._rows = [r for _, r in pairs]
        position = {id(r): i for i, r in enumerate(self._rows)}
        count = len(self._rows)
        new = []
        for row, column in held:
            i = position[id(row)]
            new.append(self.index(count - 1 - i if self._descending else i, column))
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def _key(self, row: FileRow) -> tuple:
        name = row.name.casefold()
        if self._column == Column.FOLDER:
            return folder_text(row).casefold(), name, row.path
        if self._column == Column.LABEL:
            label = self._labels.get(row.label_id) if row.label_id else None
            rank = (label.rank, self.scheme.labels.index(label)) if label else ((-1, 0) if row.ok else (-2, 0))
            return rank, name, row.path
        if self._column == Column.MODIFIED:
            return row.modified, name, row.path
        if self._column == Column.FOREIGN:
            return foreign_text(row).casefold(), name, row.path
        return name, row.path


def _state(row: FileRow) -> str:
    if not row.ok:
        return "unreadable"
    if row.label_id:
        return "labelled"
    return "to-label" if row.must_label else "none"


# --- the filter ---------------------------------------------------------------------

ALL = "all"
TO_LABEL = "to-label"
FOREIGN = "foreign"
UNREADABLE = "unreadable"


class FilesFilter(QSortFilterProxyModel):
    """Which rows show: by state or label, by watched folder, by name; documents only unless `everything`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDynamicSortFilter(True)
        self._which = ALL  # ALL, TO_LABEL, FOREIGN, UNREADABLE or a label id
        self._label_ids: frozenset[str] = frozenset()
        self._folder: str | None = None
        self._text = ""
        self._everything = False

    def set_which(self, which: str, label_ids=()) -> None:
        """`which` is ALL, TO_LABEL, FOREIGN, UNREADABLE or a label id (`label_ids`: it and its sublabels)."""
        self._which, self._label_ids = which, frozenset(label_ids or (which,))
        self._refilter()

    def set_folder(self, folder: str | None) -> None:
        self._folder = folder
        self._refilter()

    def set_text(self, text: str) -> None:
        self._text = text.strip().casefold()
        self._refilter()

    def set_everything(self, everything: bool) -> None:
        self._everything = everything
        self._refilter()

    def _refilter(self) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def files_model(self) -> FilesModel:
        """The source model, which must be a FilesModel."""
        model = self.sourceModel()
        if not isinstance(model, FilesModel):
            raise TypeError(f"FilesFilter needs a FilesModel as its source, not {type(model).__name__}")
        return model

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        row = self.files_model().row(source_row)
        if not self._everything and not row.document:
            return False
        if self._folder is not None and self._folder not in row.roots:
            return False
        if self._text and self._text not in row.name.casefold():
            return False
        which = self._which
        if which == ALL:
            return True
        if which == TO_LABEL:
            return row.to_label
        if which == FOREIGN:
            return bool(row.foreign)
        if which == UNREADABLE:
            return not row.ok
        return row.label_id in self._label_ids

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        # The model sorts itself (fast inserts while loading); this proxy keeps its order.
        self.sourceModel().sort(column, order)

    def row(self, proxy_row: int) -> FileRow:
        return self.files_model().row(self.mapToSource(self.index(proxy_row, 0)).row())
