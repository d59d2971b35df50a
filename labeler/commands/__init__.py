"""Subcommands of `labeler`, one module each.

Each module has `register(subparsers)`, which adds its parser(s) and sets
`func=<callable(args) -> exit code>` as the parser default.  Adding a
command means adding a module and naming it here.
"""
from __future__ import annotations

import importlib

MODULES = [
    "labeler.commands.files",  # show, apply, remove
    "labeler.commands.labels",  # labels
    "labeler.commands.check",
    "labeler.commands.share",
    "labeler.commands.scan",
    "labeler.commands.suggest",
    "labeler.commands.audit",
    "labeler.commands.scheme",
    "labeler.commands.explain",
    "labeler.commands.integrate",
    "labeler.commands.gui",
    "labeler.commands.completion",
]


def register_all(subparsers) -> None:
    for name in MODULES:
        importlib.import_module(name).register(subparsers)
