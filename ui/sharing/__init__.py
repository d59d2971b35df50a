"""The moment of sharing, in the desktop app (issue 14).

    bridge.py       the sharing places watched for the tray app: arrivals, assessed in a worker, to the notice
    notice.py       the one calm notice per batch: trash the copy, keep it with a reason, or the collaboration space
    recording.py    the notices' and choices' audit records, written in order off the GUI thread
    trashing.py     the copies in a sharing place to the desktop's trash, and nothing outside the place
    send_dialog.py  "Send by e-mail…": recipients, each file's verdict for them, the mail app with what may go
    send_plan.py    that dialog's decisions and its sending (no Qt); send_rows.py its file rows

The core (what a place is, watching, assessing, the records) is in
labeler/desktop/sharing/ and has no Qt.  Nothing is imported here: the
tray app loads each part when it needs it.
"""
