"""The moment of sharing: noticing a labelled document where it leaves the computer.  No Qt.

places         the scheme's and the person's sharing places, resolved for this user
place_watcher  watching those places (and sticks mounted later) for documents that arrive
moments        what an arrival means under the scheme: the calm notice, in the reader's language
records        the notice, the person's choice and every share in the audit trail and syslog

Nothing here blocks or moves a file on its own: the desktop app shows the
notice and acts only on the person's choice (ui/sharing/).
"""
