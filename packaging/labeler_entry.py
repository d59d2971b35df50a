"""The bundle's program (`labeler`, and the windowless `labeler-gui` on Windows and macOS): labeler/launch.py."""
from labeler.launch import gui_main

raise SystemExit(gui_main())
