"""Per-user settings (TOML) and the queue of documents waiting for a label."""
from __future__ import annotations

import datetime as dt
import shutil
import tomllib
from pathlib import Path

import platformdirs
import pytest

from labeler.desktop.prompt_queue import PromptQueue, texts
from labeler.core.service import LabelService
from labeler.desktop.settings import CONFIG_DIR_ENV, Settings, dumps, settings_path
from labeler.languages import resolve as resolve_language
from labeler.desktop.watch.candidates import needs_label
from policy import load_builtin

from conftest import DATA


@pytest.fixture
def config(tmp_path, monkeypatch):
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def home(tmp_path, monkeypatch):
    """Documents exists, Desktop does not."""
    docs = tmp_path / "home" / "Documents"
    docs.mkdir(parents=True)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(docs))
    monkeypatch.setattr(platformdirs, "user_desktop_dir", lambda: str(tmp_path / "home" / "Desktop"))
    return docs


# -- settings ------------------------------------------------------------------------------
def test_defaults_when_there_is_no_file(config, home):
    s = Settings.load()
    assert s.load_problem is None
    assert s.watched_folders == [str(home)]  # the missing Desktop is left out
    assert s.ignored_folders == []
    assert (s.notifications, s.quiet_hours, s.language) == (True, None, "system")
    assert (s.paused, s.start_at_login, s.snoozed_until) == (False, False, None)
    assert not (config / "settings.toml").exists()  # loading writes nothing


def test_env_overrides_the_config_folder(config):
    assert settings_path() == config / "settings.toml"
    Settings(watched_folders=[]).save()
    assert (config / "settings.toml").is_file()


def test_round_trip(config, home, tmp_path):
    weird = str(tmp_path / 'Projets "été" \\ 2024')
    s = Settings(watched_folders=[str(home), weird], ignored_folders=[weird], notifications=False,
                 quiet_hours=("22:00", "07:30"), language="nl", paused=True, start_at_login=True,
                 snoozed_until="2026-11-27T10:00:00+01:00")
    written = s.save()
    assert written == config / "settings.toml"
    again = Settings.load()
    assert again == s and again.load_problem is None
    assert tomllib.loads(written.read_text("utf-8"))["quiet_hours"] == ["22:00", "07:30"]
    assert not list(config.glob(".~labeler-*"))  # no temp file left behind


def test_an_empty_folder_list_stays_empty(config, home):
    Settings(watched_folders=[]).save()
    assert Settings.load().watched_folders == []


def test_corrupt_file_gives_defaults_and_a_problem_and_is_kept(config, home):
    config.mkdir()
    (config / "settings.toml").write_text("watched_folders = [\"unterminated\n")
    s = Settings.load()
    assert s.load_problem and "could not be read" in s.load_problem
    assert s.watched_folders == [str(home)]
    s.save()
    assert (config / "settings.toml.bad").read_text().startswith("watched_folders")
    assert Settings.load().load_problem is None


def test_a_bad_value_falls_back_to_its_default_only(config, home):
    config.mkdir()
    (config / "settings.toml").write_text('language = "de"\nnotifications = "yes"\npaused = true\n'
                                          'quiet_hours = ["25:00", "07:00"]\n')
    s = Settings.load()
    assert (s.language, s.notifications, s.quiet_hours, s.paused) == ("system", True, None, True)
    assert "language" in s.load_problem and "notifications" in s.load_problem
    assert "quiet_hours" in s.load_problem


def test_unknown_keys_are_kept(config, home):
    config.mkdir()
    (config / "settings.toml").write_text('paused = true\nfuture_option = [1, 2]\n[future]\nx = "y"\n')
    s = Settings.load()
    assert s.extra == {"future_option": [1, 2], "future": {"x": "y"}} and s.load_problem is None
    s.save()
    data = tomllib.loads((config / "settings.toml").read_text())
    assert data["future_option"] == [1, 2] and data["future"] == {"x": "y"} and data["paused"] is True


def test_invalid_values_set_in_code_are_refused_on_save(config):
    with pytest.raises(ValueError, match="language"):
        Settings(watched_folders=[], language="klingon").save()


def test_toml_writer_escapes_and_parses_back():
    data = {"s": 'a"b\\c\nd\té\x01', "b": False, "i": 3, "f": 0.5, "l": ["x", "y"], "e": [],
            "t": {"k-1": 1, "odd key": "v", "sub": {"z": True}}}
    assert tomllib.loads(dumps(data)) == data


def test_language_from_the_environment(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nl_BE.UTF-8")
    assert resolve_language("system") == "nl"
    assert resolve_language("fr") == "fr"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert resolve_language("system") == "en"


# -- the prompt queue ---------------------------------------------------------------------------
@pytest.fixture
def watched(tmp_path):
    docs, desktop = tmp_path / "Documents", tmp_path / "Desktop"
    docs.mkdir()
    desktop.mkdir()
    return docs, desktop


@pytest.fixture
def queue(config, watched):
    docs, desktop = watched
    settings = Settings(watched_folders=[str(docs), str(desktop)])
    return PromptQueue(settings)


def make_docs(folder: Path, n: int, prefix="doc") -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"{prefix}{i}.docx"
        shutil.copyfile(DATA / "pydocx.docx", path)
        paths.append(path)
    return paths


NOON = dt.datetime(2026, 11, 27, 12, 0).astimezone()


def test_documents_are_deduplicated_and_counted(queue, watched):
    docs = make_docs(watched[0], 3)
    assert queue.add(docs) == 3
    assert queue.add(docs[:2]) == 0
    assert queue.count() == 3
    assert queue.tray_text("en") == "Documents waiting (3)"


def test_count_drops_vanished_and_labelled_documents(config, watched):
    scheme = load_builtin()
    service = LabelService(scheme)
    q = PromptQueue(Settings(watched_folders=[str(watched[0])]), lambda p: needs_label(service, p))
    a, b, c = make_docs(watched[0], 3)
    q.add([a, b, c])
    assert q.count() == 3
    b.unlink()
    assert service.apply(c, scheme.label("internal")).ok
    assert q.count() == 1
    assert q.take() == [a.resolve()]
    assert q.count() == 1  # taken into a dialog is not labelled: it waits until it carries a label
    assert service.apply(a, scheme.label("internal")).ok
    assert q.count() == 0


def test_snooze_stops_prompting_but_keeps_counting(queue, watched):
    queue.add(make_docs(watched[0], 2))
    assert queue.should_prompt(NOON)
    until = queue.snooze(30, now=NOON)
    assert until == NOON + dt.timedelta(minutes=30)
    assert not queue.should_prompt(NOON + dt.timedelta(minutes=29))
    assert queue.count() == 2
    assert queue.should_prompt(NOON + dt.timedelta(minutes=31))
    assert queue.next_prompt_time(NOON) == until
    assert Settings.load().snoozed_until == until.isoformat()  # persisted


def test_nothing_waiting_notifications_off_paused_and_quiet_hours(queue, watched):
    assert not queue.should_prompt(NOON)  # nothing waiting
    queue.add(make_docs(watched[0], 1))
    assert queue.should_prompt(NOON)
    queue.settings.notifications = False
    assert not queue.should_prompt(NOON)
    queue.settings.notifications = True
    queue.settings.paused = True
    assert not queue.should_prompt(NOON)
    queue.settings.paused = False
    queue.settings.quiet_hours = ("22:00", "07:00")  # across midnight
    assert queue.should_prompt(NOON)
    late = NOON.replace(hour=23, minute=15)
    assert not queue.should_prompt(late) and not queue.should_prompt(NOON.replace(hour=6, minute=59))
    assert queue.should_prompt(NOON.replace(hour=7))
    assert queue.next_prompt_time(late) == (late + dt.timedelta(days=1)).replace(hour=7, minute=0)
    queue.settings.quiet_hours = ("12:00", "13:00")
    assert not queue.should_prompt(NOON)


def test_ignore_folder_is_persisted_and_removes_its_documents(queue, watched):
    docs, desktop = watched
    queue.add(make_docs(docs, 2) + make_docs(desktop, 1))
    assert queue.ignore_folder(desktop) == 1
    assert queue.count() == 2
    assert Settings.load().ignored_folders == [str(desktop)]
    assert queue.add(make_docs(desktop, 1, prefix="new")) == 0  # ignored from now on
    assert queue.ignore_folder(desktop) == 0
    assert Settings.load().ignored_folders == [str(desktop)]  # remembered once


@pytest.mark.parametrize("lang, one, many", [
    ("en", "1 new document in Documents is not labelled", "3 new documents in Documents are not labelled"),
    ("nl", "1 nieuw document in Documents heeft geen label", "3 nieuwe documenten in Documents hebben geen label"),
    ("fr", "1 nouveau document dans Documents n'a pas d'étiquette",
     "3 nouveaux documents dans Documents n'ont pas d'étiquette"),
])
def test_message_plurals(queue, watched, lang, one, many):
    docs = make_docs(watched[0], 3)
    queue.add(docs[:1])
    assert queue.message(lang) == one
    queue.add(docs)
    assert queue.message(lang) == many
    assert texts(lang)["later"]


def test_message_names_two_folders_or_counts_more(queue, watched, tmp_path):
    docs, desktop = watched
    queue.add(make_docs(docs, 2) + make_docs(desktop, 1))
    assert queue.message("en") == "3 new documents in Documents and Desktop are not labelled"
    assert queue.message("fr") == "3 nouveaux documents dans Documents et Desktop n'ont pas d'étiquette"
    other = tmp_path / "Other"
    other.mkdir()
    queue.add(make_docs(other, 1))
    assert queue.message("nl") == "4 nieuwe documenten in 3 mappen hebben geen label"
    assert [(Path(folder).name, len(paths)) for folder, paths in queue.groups()] == \
        [("Documents", 2), ("Desktop", 1), ("Other", 1)]


def test_take_one_folder(queue, watched):
    docs, desktop = watched
    queue.add(make_docs(docs, 2) + make_docs(desktop, 1))
    taken = queue.take(desktop)
    assert [p.name for p in taken] == ["doc0.docx"] and taken[0].parent == desktop.resolve()
    assert queue.count() == 3  # taken, not labelled: all three still wait
    assert queue.unoffered() == 2  # the prompt rests about the one just offered
