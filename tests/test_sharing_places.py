"""Sharing places: the scheme's `[sharing]` table, the defaults, resolving them for a user, the settings."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from labeler.desktop.settings import Settings
from labeler.desktop.sharing.places import Place, expand, place_of, resolve_places
from policy import SchemeError, load_builtin, parse_scheme
from policy.places import DEFAULT_PLACES, REMOVABLE_DRIVES, for_platform, pattern_problem

HEADER = b"""[scheme]
id = "s"
version = 1
name = "S"
organisation = "Org"

[[labels]]
id = "public"
color = "#00AA00"
name = "Public"
description = "Anyone."
sharing = { print = { verdict = "allowed", why = "Anyone may see it." } }
other_channels = { verdict = "allowed", why = "Anyone may see it." }
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A throwaway home folder and login name."""
    folder = tmp_path / "home" / "ann"
    folder.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("USERPROFILE", str(folder))
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "ann")
    return folder


def scheme_with(sharing: bytes):
    return parse_scheme(HEADER + b"\n" + sharing, "test.toml")


# -- the scheme ------------------------------------------------------------------------------
def test_builtin_schemes_name_their_places():
    corporate = load_builtin("corporate")
    assert corporate.collaboration_url == "https://example.sharepoint.com/sites/documents"
    assert corporate.sharing_places["collaboration"] == ("~/OneDrive - Example Corp",)
    assert corporate.sharing_places["removable-media"] == DEFAULT_PLACES["removable-media"]
    assert "~/Dropbox" in corporate.sharing_places["personal-cloud"]
    assert load_builtin("tlp").sharing_places["personal-cloud"] == DEFAULT_PLACES["personal-cloud"]
    assert not corporate.warnings


def test_a_scheme_without_sharing_gets_the_defaults():
    scheme = scheme_with(b"")
    assert scheme.sharing_places == DEFAULT_PLACES and scheme.collaboration_url is None
    assert REMOVABLE_DRIVES in scheme.sharing_places["removable-media"]


def test_a_listed_channel_replaces_its_default_and_others_keep_theirs():
    scheme = scheme_with(b'[sharing]\ncollaboration_url = "https://intranet.example.com/docs"\n'
                         b'[sharing.places]\npersonal-cloud = []\ncollaboration = ["/srv/sync/${user}", "~/Corp"]\n')
    assert scheme.sharing_places["personal-cloud"] == ()
    assert scheme.sharing_places["collaboration"] == ("/srv/sync/${user}", "~/Corp")
    assert scheme.sharing_places["removable-media"] == DEFAULT_PLACES["removable-media"]
    assert scheme.collaboration_url == "https://intranet.example.com/docs"


def test_problems_in_sharing_are_reported_with_their_lines():
    text = (b'[sharing]\ncollaboration_url = "ftp://files.example.com"\n[sharing.places]\n'
            b'email-external = ["~/Out"]\npersonal-cloud = ["Dropbox", "~/${name}", "~/a", "~/a", 7]\n')
    with pytest.raises(SchemeError) as caught:
        scheme_with(text)
    problems = "\n".join(caught.value.problems)
    first = HEADER.count(b"\n") + 2
    assert f"line {first + 1}, sharing.collaboration_url" in problems and "https://" in problems
    assert f"line {first + 3}, sharing.places.email-external: unknown key" in problems
    assert "sharing.places.personal-cloud[0]: 'Dropbox' must be a full path" in problems
    assert "sharing.places.personal-cloud[1]: '~/${name}' ${name} is not a variable" in problems
    assert "sharing.places.personal-cloud[3]: '~/a' is listed twice" in problems
    assert "sharing.places.personal-cloud[4]: must be a string" in problems
    assert f"line {first + 4}" in problems


@pytest.mark.parametrize("pattern, ok", [
    ("~", True), ("~/Dropbox", True), ("${home}/Sync", True), ("/media/${user}", True), ("C:\\Sync", True),
    ("\\\\server\\share", True), (REMOVABLE_DRIVES, True), ("Dropbox", False), ("~bob/x", False),
    ("/a/../b", False), ("${user}/x", False), ("/a\nb", False), (" ~/x", False), ("", False)])
def test_place_patterns(pattern, ok):
    assert (pattern_problem(pattern) is None) == ok


# -- resolving for this user --------------------------------------------------------------------
def test_patterns_resolve_in_the_throwaway_home(home):
    scheme = load_builtin("corporate")
    places = resolve_places(scheme)
    by_path = {p.path: p for p in places}
    assert by_path[home / "Dropbox"] == Place(home / "Dropbox", "personal-cloud", "scheme")
    assert by_path[home / "OneDrive - Example Corp"].channel == "collaboration"
    assert by_path[Path("/media/ann")].channel == "removable-media"
    assert Path("/run/media/ann") in by_path and not (home / "Dropbox").exists()  # missing places are kept
    assert expand("${home}/x/${user}") == [home / "x" / "ann"]
    assert expand(REMOVABLE_DRIVES) == []  # only Windows has drive letters


@pytest.mark.parametrize("platform, expected", [
    ("linux", {"/media/ann", "/run/media/ann"}), ("freebsd14", {"/media/ann", "/run/media/ann"}),
    ("darwin", {"/Volumes"}), ("win32", set())])  # Windows: the removable drive letters (none on this host)
def test_the_default_removable_media_places_are_those_of_this_platform(home, platform, expected):
    """/Volumes is no place on Linux, /media/${user} none on a Mac: one scheme, each platform its own."""
    places = resolve_places(load_builtin("corporate"), platform=platform)
    removable = {str(p.path) for p in places if p.channel == "removable-media"}
    assert removable == expected
    assert Place(home / "Dropbox", "personal-cloud", "scheme") in places  # the other defaults stay
    assert for_platform("removable-media", DEFAULT_PLACES["removable-media"], "win32") == (REMOVABLE_DRIVES,)


def test_a_scheme_that_lists_its_places_gets_them_as_written_on_every_platform(home):
    scheme = scheme_with(b'[sharing.places]\nremovable-media = ["/Volumes", "/media/${user}", "/mnt/usb"]\n')
    for platform in ("linux", "darwin"):
        removable = [str(p.path) for p in resolve_places(scheme, platform=platform) if p.channel == "removable-media"]
        assert removable == ["/Volumes", "/media/ann", "/mnt/usb"]


def test_user_places_come_after_the_schemes_and_a_folder_keeps_its_first_channel(home, tmp_path):
    scheme = load_builtin("corporate")
    stick = tmp_path / "stick"
    places = resolve_places(scheme, [(str(stick), "removable-media"), ("~/Dropbox", "collaboration")])
    assert places[-1] == Place(stick, "removable-media", "user")
    assert [p.channel for p in places if p.path == home / "Dropbox"] == ["personal-cloud"]


def test_place_of_is_the_most_specific_place(home, tmp_path):
    parent = Place(Path("/media/ann"), "removable-media", "scheme")
    own = Place(Path("/media/ann/SYNC"), "collaboration", "user")
    cloud = Place(home / "Dropbox", "personal-cloud", "scheme")
    places = [parent, own, cloud]
    assert place_of(Path("/media/ann/STICK/budget.xlsx"), places) == parent
    assert place_of(Path("/media/ann/SYNC/a/b.docx"), places) == own
    assert place_of(home / "Dropbox" / "x.docx", places) == cloud
    assert place_of(home / "Dropbox2" / "x.docx", places) is None
    # A sync folder that is a link elsewhere: the file's real path is found in it too.
    real = tmp_path / "data" / "Dropbox"
    real.mkdir(parents=True)
    os.symlink(real, home / "Dropbox")
    assert place_of(real / "x.docx", places) == cloud


# -- the settings ---------------------------------------------------------------------------------
def test_settings_keep_the_persons_places(tmp_path, home):
    settings = Settings(watched_folders=[])
    settings.sharing_places = [(str(tmp_path / "usb"), "removable-media"), ("~/Sync", "collaboration")]
    path = settings.save(tmp_path / "settings.toml")
    loaded = Settings.load(path)
    assert loaded.load_problem is None
    assert loaded.sharing_places == [(str(tmp_path / "usb"), "removable-media"), (str(home / "Sync"), "collaboration")]
    assert Settings.load(tmp_path / "none.toml").sharing_places == []


def test_settings_refuse_bad_places(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[[sharing_places]]\npath = "/mnt/usb"\nchannel = "email-external"\n')
    settings = Settings.load(path)
    assert settings.sharing_places == [] and "sharing_places" in settings.load_problem
    path.write_text('[[sharing_places]]\npath = "relative/usb"\nchannel = "removable-media"\n')
    assert "not a full path" in Settings.load(path).load_problem
    settings = Settings(watched_folders=[])
    settings.sharing_places = [("/mnt/usb", "nowhere")]
    with pytest.raises(ValueError, match="sharing_places"):
        settings.validate()
