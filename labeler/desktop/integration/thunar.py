"""Thunar (Xfce): two custom actions ("Label…", "Send by e-mail…") merged into ~/.config/Thunar/uca.xml.

The user's uca.xml holds all their custom actions, so it is edited, never
replaced: every other action (and comment, DOCTYPE, whitespace) is kept as it
was; install replaces only the actions with our unique-ids, uninstall removes
only those.  Writes are atomic (temporary file, fsync, os.replace).

Details that matter:

- Thunar reads the *first* uca.xml it finds: the user's, else the system one
  in $XDG_CONFIG_DIRS (/etc/xdg/Thunar/uca.xml, with "Open Terminal Here").
  When the user has none yet, we start from a copy of the system file so the
  default actions do not vanish from their menu.
- Thunar itself writes `<?xml encoding="UTF-8" version="1.0"?>` (attributes in
  the wrong order), which a conforming XML parser rejects; that declaration is
  normalised before parsing.
- Thunar substitutes %F with each path passed through g_shell_quote, then runs
  the line with `/bin/sh -c`.  So our <command> is shell-quoted, with `%`
  doubled because Thunar expands %-codes before the shell sees the line.
- Thunar's parser rejects an element it does not know, and then loads *none*
  of the user's actions; so our action uses only the long-standing elements
  (no <submenu>/<range>/<startup-notify>).
- Parsing never loads a DTD, resolves entities or touches the network.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree

from labeler.desktop.integration import (ENTRY_ARGS, ICON_NAME, MENU_COMMENT, MENU_LABEL, SEND_ARGS, SEND_COMMENT,
                                         SEND_LABEL, IntegrationError, Status, config_dirs, config_home,
                                         entry_language, is_freedesktop, menu_text, menu_translations,
                                         prepare_folder, template, write_atomic)
from labeler.desktop.integration.quoting import thunar_command

NAME = "thunar"
TITLE = "Thunar (Xfce)"
BINARY = "thunar"
UNIQUE_ID = "labeler-label-0001"
SEND_UNIQUE_ID = "labeler-send-0001"
#: Our actions, "Label…" first: unique-id, title, description and what the command runs.
ENTRIES = ((UNIQUE_ID, MENU_LABEL, MENU_COMMENT, ENTRY_ARGS), (SEND_UNIQUE_ID, SEND_LABEL, SEND_COMMENT, SEND_ARGS))
EMPTY = b'<?xml version="1.0" encoding="UTF-8"?>\n<actions>\n</actions>\n'
_DECLARATION = re.compile(rb"\A(\xef\xbb\xbf)?\s*<\?xml\s([^?]*)\?>")


def applies(platform: str = sys.platform) -> bool:
    return is_freedesktop(platform)


def uca_path(home: Path, env=None) -> Path:
    return config_home(home, env) / "Thunar" / "uca.xml"


def system_uca(env=None) -> Path | None:
    for folder in config_dirs(env):
        candidate = folder / "Thunar" / "uca.xml"
        if candidate.is_file():
            return candidate
    return None


def command_text(command, args=ENTRY_ARGS) -> str:
    return thunar_command([*command, *args], "%F")


# ---------------------------------------------------------------- XML

def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False,
                           huge_tree=False, remove_blank_text=False, remove_comments=False, strip_cdata=False)


def _normalise_declaration(data: bytes) -> bytes:
    """Rewrite the XML declaration in canonical order (Thunar writes encoding= before version=)."""
    match = _DECLARATION.match(data)
    if not match:
        return data
    attrs = dict(re.findall(rb"""([A-Za-z]+)\s*=\s*["']([^"']*)["']""", match.group(2)))
    decl = b'<?xml version="' + attrs.get(b"version", b"1.0") + b'"'
    if b"encoding" in attrs:
        decl += b' encoding="' + attrs[b"encoding"] + b'"'
    if b"standalone" in attrs:
        decl += b' standalone="' + attrs[b"standalone"] + b'"'
    decl += b"?>"
    return decl + data[match.end():]


def parse(data: bytes, where: Path) -> etree._ElementTree:
    try:
        tree = etree.ElementTree(etree.fromstring(_normalise_declaration(data), _parser()))
    except etree.XMLSyntaxError as exc:
        raise IntegrationError(f"{where} is not valid XML ({exc}); it was left unchanged") from None
    root = tree.getroot()
    if root.tag != "actions":
        raise IntegrationError(f"{where} does not have an <actions> root; it was left unchanged")
    return tree


def serialise(tree: etree._ElementTree, trailing_newline: bool = True) -> bytes:
    body = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    out = b'<?xml version="1.0" encoding="UTF-8"?>\n' + body
    return out + b"\n" if trailing_newline and not out.endswith(b"\n") else out


def ours(root, unique_id: str = UNIQUE_ID) -> list:
    """Our actions with `unique_id` (normally one)."""
    return [a for a in root.findall("action") if (a.findtext("unique-id") or "").strip() == unique_id]


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def our_action(command, lang: str | None = None, unique_id: str = UNIQUE_ID):
    """Our <action> with `unique_id`: <name>/<description> in the person's language, then one `xml:lang` copy
    per registered language (Thunar picks the one matching its locale)."""
    lang = entry_language(lang)
    _id, title, comment, args = next(entry for entry in ENTRIES if entry[0] == unique_id)
    element = etree.fromstring(template("thunar-action.xml").encode("utf-8"), _parser())
    values = {"icon": ICON_NAME, "name": menu_text(title, lang), "unique-id": unique_id,
              "command": command_text(command, args), "description": menu_text(comment, lang)}
    for tag, value in values.items():
        child = element.find(tag)
        if child is None or not (child.text or "").startswith("@"):
            raise ValueError(f"thunar-action.xml: no placeholder for <{tag}>")
        child.text = value
    leftover = [c.tag for c in element if (c.text or "").startswith("@")]
    if leftover:
        raise ValueError(f"thunar-action.xml: unfilled {leftover}")
    for tag, text in (("description", comment), ("name", title)):
        anchor = element.find(tag)
        for code, translated in reversed(list(menu_translations(text).items())):
            localized = etree.Element(tag)
            localized.set(XML_LANG, code)
            localized.text = translated
            localized.tail = anchor.tail
            anchor.addnext(localized)
    return element


def _remove(element) -> None:
    """Remove an element, giving its trailing whitespace to the previous sibling (keeps the layout)."""
    parent = element.getparent()
    previous = element.getprevious()
    if previous is not None:
        previous.tail = element.tail
    parent.remove(element)


def _append(root, element) -> None:
    children = list(root)
    if children:
        last = children[-1]
        element.tail = last.tail if last.tail is not None else "\n"
        last.tail = root.text if (root.text and root.text.strip() == "") else "\n"
    else:
        element.tail = root.text if (root.text and root.text.strip() == "") else "\n"
        root.text = root.text if root.text else "\n"
    root.append(element)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


# ---------------------------------------------------------------- API

def install(home: Path, command, env=None, lang: str | None = None) -> list[Path]:
    path = uca_path(home, env)
    data = _read(path)
    if data is None:
        seed = system_uca(env)
        data = seed.read_bytes() if seed else EMPTY
        where = seed or path
    else:
        where = path
    if not data.strip():
        data = EMPTY  # an empty file means no actions to Thunar
    tree = parse(data, where)
    root = tree.getroot()
    for unique_id, *_rest in ENTRIES:
        existing = ours(root, unique_id)
        new = our_action(command, lang, unique_id)
        if existing:
            # Replace in place (first one), drop any duplicates: the user's order is kept.
            first = existing[0]
            new.tail = first.tail
            root.replace(first, new)
            for extra in existing[1:]:
                _remove(extra)
        else:
            _append(root, new)
    prepare_folder(path.parent, home, env)
    write_atomic(path, serialise(tree, data.endswith(b"\n")))
    return [path]


def uninstall(home: Path, env=None) -> list[Path]:
    path = uca_path(home, env)
    data = _read(path)
    if data is None:
        return []
    tree = parse(data, path)
    root = tree.getroot()
    existing = [action for unique_id, *_rest in ENTRIES for action in ours(root, unique_id)]
    if not existing:
        return []
    for element in existing:
        _remove(element)
    if _same_as_fallback(tree, env):
        # What is left is exactly what Thunar shows without a user file (the
        # system actions, or nothing): removing the file changes nothing in
        # Thunar and lets future system defaults through again.
        path.unlink()
    else:
        write_atomic(path, serialise(tree, data.endswith(b"\n")))
    return [path]


def _canonical_actions(tree) -> list[bytes]:
    return [etree.tostring(a, method="c14n") for a in tree.getroot().findall("action")]


def _same_as_fallback(tree, env) -> bool:
    seed = system_uca(env)
    if seed is None:
        return len(tree.getroot()) == 0
    try:
        system = parse(seed.read_bytes(), seed)
    except (IntegrationError, OSError):
        return False
    return _canonical_actions(system) == _canonical_actions(tree)


def status(home: Path, env=None, command=None) -> Status:
    path = uca_path(home, env)
    data = _read(path)
    if data is None:
        return Status(False, f"not installed ({path} does not exist)", [])
    try:
        tree = parse(data, path)
    except IntegrationError as exc:
        return Status(False, str(exc), [path])
    found = ours(tree.getroot())
    if not found:
        return Status(False, f"not installed (no action with unique-id {UNIQUE_ID} in {path})", [path])
    if len(found) > 1:
        return Status(True, f"installed {len(found)} times; run install again to keep one", [path])
    send = ours(tree.getroot(), SEND_UNIQUE_ID)
    if not send:
        return Status(True, f"installed, but the \"{SEND_LABEL}\" action is missing; run install again", [path])
    if command is not None and ((found[0].findtext("command") or "") != command_text(command)
                                or (send[0].findtext("command") or "") != command_text(command, SEND_ARGS)):
        return Status(True, "installed, but the command differs from what this installation would write "
                            "(another Python or an older labeler); run `labeler integrate install` to update",
                      [path])
    return Status(True, "installed", [path])
