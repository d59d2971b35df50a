"""The right-click entries in the person's language, and an uninstall that leaves nothing behind.

The real command line (`python -m labeler integrate …`) runs in a throwaway
HOME with its own XDG folders; nothing here touches the real ones.
"""
from __future__ import annotations

import configparser
import json
import os
import subprocess
import sys
from pathlib import Path

import integration_support as support
import pytest
from integration_support import REPO
from lxml import etree

from labeler.desktop import integration
from labeler.desktop.integration import dolphin, nautilus, nemo, thunar, windows

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the freedesktop entries")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The shared throwaway-HOME fixtures, bound here so pytest finds them in this module.
home, env = support.home, support.env


def cli(home: Path, env: dict, *args: str, lang: str = "en_GB.UTF-8") -> subprocess.CompletedProcess:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "LANG": lang, **env}
    return subprocess.run([sys.executable, "-m", "labeler", "integrate", *args], cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=120)


def everything_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def keyfile(path: Path, section: str) -> dict:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"))
    return dict(parser[section])


# ---------------------------------------------------------------- language

def test_the_entries_speak_the_persons_language(home, env):
    result = cli(home, env, "install", lang="nl_NL.UTF-8")
    assert result.returncode == 0, result.stderr
    scripts = home / ".local/share/nautilus/scripts"
    # The script's name is the menu entry.
    assert sorted(p.name for p in scripts.iterdir()) == ["Labelen…", "Per e-mail versturen…"]

    action = keyfile(home / ".local/share/kio/servicemenus/labeler-label.desktop", "Desktop Action labelerLabel")
    assert action["Name"] == "Labelen…"
    assert (action["Name[en]"], action["Name[nl]"], action["Name[fr]"]) == ("Label…", "Labelen…", "Étiqueter…")

    nemo_action = keyfile(home / ".local/share/nemo/actions/labeler-label.nemo_action", "Nemo Action")
    assert nemo_action["Name"] == "Labelen…" and nemo_action["Name[fr]"] == "Étiqueter…"
    assert nemo_action["Comment"] == "Een gevoeligheidslabel op de geselecteerde bestanden zetten"
    assert nemo_action["Comment[en]"] == "Put a sensitivity label on the selected files"

    ours = thunar.ours(etree.parse(str(home / ".config/Thunar/uca.xml")).getroot())[0]
    names = {n.get(XML_LANG): n.text for n in ours.findall("name")}
    assert names == {None: "Labelen…", "en": "Label…", "nl": "Labelen…", "fr": "Étiqueter…"}
    # Thunar accepts only the elements it knows, each once except the translated ones.
    assert [c.tag for c in ours if c.get(XML_LANG) is None] == \
        ["icon", "name", "unique-id", "command", "description", "patterns", "audio-files", "image-files",
         "other-files", "text-files", "video-files"]

    status = cli(home, env, "status", "--json", lang="nl_NL.UTF-8")
    assert all(r["installed"] and r["detail"] == "installed" for r in json.loads(status.stdout)["results"])


def test_lang_option_and_a_change_of_language_keep_one_entry(home, env):
    assert cli(home, env, "install", "--lang", "fr").returncode == 0
    scripts = home / ".local/share/nautilus/scripts"
    assert sorted(p.name for p in scripts.iterdir()) == ["Envoyer par e-mail…", "Étiqueter…"]
    assert cli(home, env, "install", "--lang", "en").returncode == 0
    # Not two entries side by side.
    assert sorted(p.name for p in scripts.iterdir()) == ["Label…", "Send by e-mail…"]
    uca = etree.parse(str(home / ".config/Thunar/uca.xml")).getroot()
    assert len(thunar.ours(uca)) == 1 and thunar.ours(uca)[0].findtext("name") == "Label…"


def test_windows_verb_is_in_the_persons_language():
    verbs = {(e.key, e.name): e.value
             for e in windows.registry_entries(["C:\\Python\\pythonw.exe", "-m", "labeler"], "nl")}
    assert verbs[(windows.VERB_KEY, "MUIVerb")] == "Labelen…"


def test_menu_texts_come_from_the_catalogue_for_every_registered_language():
    from labeler import languages

    names = integration.menu_translations(integration.MENU_LABEL)
    assert set(names) == set(languages.codes())
    assert all(names[code] != integration.MENU_LABEL for code in languages.codes() if code != languages.DEFAULT)


# ---------------------------------------------------------------- nothing left behind

def test_uninstall_leaves_nothing_it_created(home, env):
    assert everything_under(home) == []
    result = cli(home, env, "install")
    assert result.returncode == 0, result.stderr
    assert everything_under(home)  # it wrote its entries (and the folders they need)
    result = cli(home, env, "uninstall")
    assert result.returncode == 0, result.stderr
    assert everything_under(home) == []
    assert "Removed the empty folder" in result.stdout


def test_uninstall_keeps_folders_it_did_not_create_or_that_are_not_empty(home, env):
    (home / ".local/share").mkdir(parents=True)
    (home / ".local/share/keep.txt").write_text("mine", encoding="utf-8")
    (home / ".config").mkdir()
    assert cli(home, env, "install").returncode == 0
    (home / ".local/share/nemo/actions/my-own.nemo_action").write_text("[Nemo Action]\n", encoding="utf-8")
    result = cli(home, env, "uninstall", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"]
    assert everything_under(home) == [".config", ".local", ".local/share", ".local/share/keep.txt",
                                      ".local/share/nemo", ".local/share/nemo/actions",
                                      ".local/share/nemo/actions/my-own.nemo_action"]
    assert not any("nemo" in folder for folder in report["folders_removed"])


def test_a_partial_uninstall_keeps_what_the_other_entries_need(home, env):
    command = [sys.executable, "-m", "labeler"]
    for module in (nautilus, dolphin):
        module.install(home, command, env, lang="en")
    nautilus.uninstall(home, env)
    integration.tidy_folders(home, env, platform="linux")
    assert not (home / ".local/share/nautilus").exists()
    assert dolphin.menu_path(home, env).is_file()
    assert integration.folders_record(home, env).is_file()  # still needed for the Dolphin folders
    dolphin.uninstall(home, env)
    integration.tidy_folders(home, env, platform="linux")
    assert everything_under(home) == []


def test_the_nemo_entry_is_unchanged_for_status_after_install_in_another_language(home, env):
    command = [sys.executable, "-m", "labeler"]
    nemo.install(home, command, env, lang="fr")
    assert nemo.status(home, env, command).detail == "installed"
    dolphin.install(home, command, env, lang="nl")
    assert dolphin.status(home, env, command).detail == "installed"
