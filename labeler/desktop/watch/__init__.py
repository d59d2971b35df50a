"""The parts of the folder watcher (see labeler/watcher.py for the whole).

filters     which names and folders are never documents to look at
own_writes  the app's own label writes, so they never re-trigger a prompt
settle      per-file debouncing: ready only when quiet, stable and readable
mounts      network and FUSE file systems, where native watching is unreliable
status      how each folder is watched (native, polling, …) and why, in a sentence
candidates  the usual "needs a label" check built from a LabelService

None of these import watchdog; labeler/watcher.py does.
"""
