"""File-manager integration: merging the Thunar action into uca.xml, safely and in place."""
from __future__ import annotations

import sys
from pathlib import Path

import integration_support as support
import pytest
from lxml import etree

from labeler.desktop import integration
from labeler.desktop.integration import IntegrationError, thunar

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux entries are run with /bin/sh")

# The shared pytest fixtures, bound here so pytest finds them in this module.
home, env, recorder, files = support.home, support.env, support.recorder, support.files


# ---------------------------------------------------------------- Thunar: merging into uca.xml

# What Thunar itself writes (note its XML declaration: encoding before version).
THUNAR_WRITTEN = """<?xml encoding="UTF-8" version="1.0"?>
<actions>
<action>
\t<icon>utilities-terminal</icon>
\t<name>Open Terminal Here</name>
\t<name xml:lang="de">Terminal hier öffnen</name>
\t<unique-id>1612345678901234-1</unique-id>
\t<command>exo-open --working-directory %f --launch TerminalEmulator</command>
\t<description>Example for a custom action</description>
\t<patterns>*</patterns>
\t<startup-notify/>
\t<directories/>
</action>
<action>
\t<icon>edit-find</icon>
\t<name>Search for files &amp; folders</name>
\t<unique-id>1612345678901235-2</unique-id>
\t<command>catfish --path=%f &amp;&amp; echo "&lt;done&gt;"</command>
\t<description>Search with Catfish</description>
\t<patterns>*</patterns>
\t<directories/>
</action>
</actions>
"""

# The system-wide default (/etc/xdg/Thunar/uca.xml): DOCTYPE with an internal subset, a comment.
SYSTEM_DEFAULT = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE actions [
  <!ELEMENT actions (action)+>
  <!ELEMENT action (icon|patterns|name|unique-id|command|description|directories|audio-files|image-files|other-files|text-files|video-files)*>
]>

<!--
  Default thunar-uca configuration file, which gets installed system-wide.
-->

<actions>

  <action>
    <icon>utilities-terminal</icon>
    <patterns>*</patterns>
    <name>Open Terminal Here</name>
    <command>for f in %F; do if [ -d "$f" ]; then exo-open --working-directory "$f" --launch TerminalEmulator; fi done</command>
    <description>Example for a custom action</description>
    <startup-notify/>
    <directories/>
  </action>

</actions>
"""  # noqa: E501  (the file as Thunar installs it)


def canonical_actions(data: bytes) -> list[bytes]:
    root = thunar.parse(data, Path("uca.xml")).getroot()
    return [etree.tostring(a, method="c14n") for a in root.findall("action")]


def test_thunar_merge_keeps_existing_actions(home, env, recorder):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text(THUNAR_WRITTEN, encoding="utf-8")
    original = canonical_actions(uca.read_bytes())
    assert len(original) == 2

    assert thunar.install(home, recorder.command, env) == [uca]
    after = canonical_actions(uca.read_bytes())
    assert after[:2] == original, "existing actions must stay exactly as they were, in order"
    assert len(after) == 4 and b"labeler-label-0001" in after[2] and b"labeler-send-0001" in after[3]

    thunar.install(home, recorder.command, env)  # again: replaced, not duplicated
    again = canonical_actions(uca.read_bytes())
    assert again == after
    assert thunar.status(home, env, recorder.command).detail == "installed"

    assert thunar.uninstall(home, env) == [uca]
    assert canonical_actions(uca.read_bytes()) == original
    # Byte for byte too, apart from the XML declaration put in the standard order.
    assert uca.read_text(encoding="utf-8") == THUNAR_WRITTEN.replace(
        '<?xml encoding="UTF-8" version="1.0"?>', '<?xml version="1.0" encoding="UTF-8"?>')
    assert not thunar.status(home, env).installed
    assert thunar.uninstall(home, env) == []


def test_thunar_replaces_a_changed_entry_in_place(home, env, recorder):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text(THUNAR_WRITTEN, encoding="utf-8")
    thunar.install(home, ["/old/python", "-m", "labeler"], env)
    # The user moves our action to the top; a later install keeps it there.
    tree = thunar.parse(uca.read_bytes(), uca)
    root = tree.getroot()
    ours = thunar.ours(root)[0]
    root.remove(ours)
    root.insert(0, ours)
    uca.write_bytes(thunar.serialise(tree))
    assert "differs" in thunar.status(home, env, recorder.command).detail
    thunar.install(home, recorder.command, env)
    root = thunar.parse(uca.read_bytes(), uca).getroot()
    assert root[0].findtext("unique-id") == thunar.UNIQUE_ID
    assert "/old/python" not in root[0].findtext("command")
    assert len(root.findall("action")) == 4  # theirs, ours ("Label…" and "Send by e-mail…")


def test_thunar_starts_from_the_system_file(home, env, recorder):
    system = Path(env["XDG_CONFIG_DIRS"]) / "Thunar" / "uca.xml"
    system.parent.mkdir(parents=True)
    system.write_text(SYSTEM_DEFAULT, encoding="utf-8")
    [uca] = thunar.install(home, recorder.command, env)
    data = uca.read_bytes()
    assert canonical_actions(data)[0] == canonical_actions(system.read_bytes())[0]
    assert b"<!DOCTYPE actions" in data and b"Default thunar-uca configuration" in data
    assert thunar.status(home, env).installed
    # Removing ours leaves exactly the system default: the user file goes, Thunar falls back to it.
    thunar.uninstall(home, env)
    assert not uca.exists()
    assert system.read_text(encoding="utf-8") == SYSTEM_DEFAULT


def test_thunar_new_file_when_there_is_none(home, env, recorder):
    [uca] = thunar.install(home, recorder.command, env)
    root = etree.fromstring(uca.read_bytes())
    assert root.tag == "actions" and len(root) == 2  # "Label…" and "Send by e-mail…"
    action = root[0]
    for tag in ("icon", "name", "unique-id", "command", "description", "patterns"):
        assert action.findtext(tag), tag
    assert action.findtext("name") == "Label…"
    assert action.findtext("patterns") == "*"
    for tag in ("other-files", "text-files", "image-files", "audio-files", "video-files"):
        assert action.find(tag) is not None
    assert action.find("directories") is None
    thunar.uninstall(home, env)
    assert not uca.exists()


def test_thunar_never_expands_entities_or_loads_external_ones(home, env, recorder):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    secret = home / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE actions [\n<!ENTITY x "boom">\n'
           f'<!ENTITY ext SYSTEM "file://{secret}">\n]>\n'
           "<actions>\n<action>\n\t<name>&x; &ext;</name>\n\t<command>true</command>\n"
           "\t<patterns>*</patterns>\n\t<other-files/>\n</action>\n</actions>\n")
    uca.write_text(doc, encoding="utf-8")
    thunar.install(home, recorder.command, env)
    data = uca.read_text(encoding="utf-8")
    assert "TOP SECRET" not in data and "<name>&x; &ext;</name>" in data
    thunar.uninstall(home, env)
    assert uca.read_text(encoding="utf-8") == doc.replace('<?xml version="1.0"?>',
                                                           '<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.parametrize("content", ["<actions><action>", "<other/>\n"])
def test_thunar_refuses_a_broken_file_and_leaves_it(home, env, recorder, content):
    uca = integration.config_home(home, env) / "Thunar" / "uca.xml"
    uca.parent.mkdir(parents=True)
    uca.write_text(content, encoding="utf-8")
    with pytest.raises(IntegrationError):
        thunar.install(home, recorder.command, env)
    assert uca.read_text(encoding="utf-8") == content
    assert list(uca.parent.iterdir()) == [uca], "no temporary file left behind"


