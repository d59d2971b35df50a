"""Settings → Sharing places: the folders where a document leaves the person's hands.

The list shows every place the app watches for the moment of sharing, with
its channel: the label scheme's (the administrator's, or the defaults --
shown, not editable here) and the person's own, which they add with
"Add folder…" and a channel, and remove again.  A change is saved at once
and the running app's place watcher follows it (ui/sharing/bridge.py).

    page = SharingPlacesPage()                       # the view, one of SettingsView's pages
    section = SharingPlacesSection(page, controller) # its behaviour; controller: the window's SettingsController
"""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QWidget)

from policy.channels import channel as channel_named
from policy.places import PLACE_CHANNELS
from ui.i18n import current_language

from .sentences import tr
from .views import Page, wrapped

FOLDER, CHANNEL, ORIGIN = range(3)
USER_ROLE = Qt.ItemDataRole.UserRole  # on a person's own place: the (folder, channel) pair as saved
# The channel offered first for a new folder: a sync client's folder is the common case.
FIRST_CHANNEL = "personal-cloud"


class SharingPlacesPage(Page):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.intro = wrapped()
        self.places = QTreeWidget()
        self.places.setObjectName("sharingPlaces")
        self.places.setColumnCount(3)
        self.places.setRootIsDecorated(False)
        self.places.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.places.header()
        header.setSectionResizeMode(FOLDER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CHANNEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ORIGIN, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.places_label = wrapped()
        self.places_label.setBuddy(self.places)
        self.add = QPushButton()
        self.add.setObjectName("addSharingPlace")
        self.channel = QComboBox()
        self.channel.setObjectName("sharingChannel")
        # Its width follows the names in the language shown now (by default it keeps the first language's).
        self.channel.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for channel_id in PLACE_CHANNELS:
            self.channel.addItem("", channel_id)
        self.channel.setCurrentIndex(max(self.channel.findData(FIRST_CHANNEL), 0))
        self.channel_label = QLabel()
        self.channel_label.setBuddy(self.channel)
        self.remove = QPushButton()
        self.remove.setObjectName("removeSharingPlace")
        self.note = wrapped()
        self.note.setEnabled(False)
        # The channel on a row of its own: its names are long ("Persoonlijke cloud of upload naar een
        # website"), and beside the buttons the box was cut short in Dutch and French.
        choice = QHBoxLayout()
        choice.addWidget(self.channel_label)
        choice.addWidget(self.channel)
        choice.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        self.body.addWidget(self.intro)
        self.body.addSpacing(6)
        self.body.addWidget(self.places_label)
        self.body.addWidget(self.places, 1)
        self.body.addLayout(choice)
        self.body.addLayout(buttons)
        self.body.addWidget(self.note)
        # Delete removes the selected places of the person's own, as "Remove" does.
        self.delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.places,
                                context=Qt.ShortcutContext.WidgetShortcut)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Sharing places"))
        self.intro.setText(self.tr("When a labelled document is copied into one of these folders, Labeler "
                                   "explains what its label allows there and offers a better way. Nothing "
                                   "is blocked."))
        self.places_label.setText(self.tr("&Folders where documents leave your hands:"))
        self.places.setHeaderLabels([self.tr("Folder"), self.tr("Channel"), self.tr("Set by")])
        self.channel_label.setText(self.tr("C&hannel for a new folder:"))
        self.add.setText(self.tr("&Add folder…"))
        self.remove.setText(self.tr("&Remove"))
        self.note.setText(self.tr("The label scheme's places are set by your administrator; you can add your "
                                  "own and remove those again."))
        lang = current_language()
        for row in range(self.channel.count()):
            self.channel.setItemText(row, channel_named(self.channel.itemData(row)).name(lang))


class SharingPlacesSection(QObject):
    """What the Sharing places page shows and does; saves through the window's controller."""

    def __init__(self, page: SharingPlacesPage, controller, parent: QObject | None = None):
        super().__init__(parent or controller)
        self.page, self.controller = page, controller
        self.settings = controller.settings
        page.add.clicked.connect(self.add_folder)
        page.remove.clicked.connect(self.remove_places)
        page.delete.activated.connect(self.remove_places)
        page.places.itemSelectionChanged.connect(self._update_buttons)
        self.load()

    def _scheme(self):
        return self.controller.shell.force.scheme

    def load(self, select: str | None = None) -> None:
        """Fill the list: the scheme's places for this user first, then the person's own (`select`: the
        folder of the person's own to select and show)."""
        from labeler.desktop.sharing.places import USER, resolve_places

        lang = current_language()
        tree = self.page.places
        tree.clear()
        own = {_key(folder): (folder, channel) for folder, channel in self.settings.sharing_places}
        for place in resolve_places(self._scheme(), list(self.settings.sharing_places)):
            mine = place.origin == USER
            item = QTreeWidgetItem([shown_folder(str(place.path)), channel_named(place.channel).name(lang),
                                    tr("you") if mine else tr("label scheme")])
            item.setToolTip(FOLDER, str(place.path))
            if mine:
                item.setData(FOLDER, USER_ROLE, own.get(_key(str(place.path))))
            else:  # shown, not removable here: the administrator's (or the defaults)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                for column in (FOLDER, CHANNEL, ORIGIN):
                    item.setForeground(column, tree.palette().placeholderText())
            tree.addTopLevelItem(item)
            if mine and select is not None and _key(str(place.path)) == _key(select):
                tree.setCurrentItem(item)
                tree.scrollToItem(item)
        self._update_buttons()

    def retranslate(self) -> None:
        self.load()

    def _update_buttons(self) -> None:
        self.page.remove.setEnabled(any(item.data(FOLDER, USER_ROLE) for item in self.page.places.selectedItems()))

    def add_folder(self) -> None:
        """A folder of the person's choice, with the channel chosen beside the button."""
        folder = QFileDialog.getExistingDirectory(self.page, tr("Add a sharing place"), os.path.expanduser("~"))
        if not folder:
            return
        folder = os.path.normpath(folder)
        channel = self.page.channel.currentData()
        from labeler.desktop.sharing.places import resolve_places

        if any(_key(str(p.path)) == _key(folder) for p in resolve_places(self._scheme(),
                                                                          list(self.settings.sharing_places))):
            self.controller.show_status(lambda: tr("%1 is already a sharing place.").replace(
                "%1", shown_folder(folder)), problem=False, brief=True)
            return
        self.settings.sharing_places = [*self.settings.sharing_places, (folder, channel)]
        self.load(select=folder)  # selected: "Remove" (or Delete) takes it out again at once
        self.page.places.setFocus()
        self.controller.save("sharing_places")

    def remove_places(self) -> None:
        chosen = {tuple(pair) for item in self.page.places.selectedItems()
                  if (pair := item.data(FOLDER, USER_ROLE))}
        if not chosen:
            return
        self.settings.sharing_places = [p for p in self.settings.sharing_places if tuple(p) not in chosen]
        self.load()
        self.page.places.setFocus()  # not on the "Remove" button, disabled now
        self.controller.save("sharing_places")


def shown_folder(folder: str) -> str:
    """A folder as a person reads it: ~/Dropbox for one in their home folder (the tooltip has it in full)."""
    home = os.path.expanduser("~")
    try:
        inside = os.path.commonpath([folder, home]) == home and folder != home
    except ValueError:  # another drive (Windows)
        inside = False
    return os.path.join("~", os.path.relpath(folder, home)) if inside else folder


def _key(folder: str) -> str:
    """A folder as compared: `~` expanded, normalised (case-folded where the file system ignores case)."""
    return os.path.normcase(os.path.normpath(os.path.expanduser(folder)))
