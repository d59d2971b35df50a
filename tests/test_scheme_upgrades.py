"""Schemes across app upgrades (docs/scheme.md, "Format versions" and "Channels the scheme does not name").

A scheme written for an older app keeps working in a newer one: a channel
the app added later gets a documented default and a warning, a missing
translation falls back to English, and a scheme without `format` is format 1.
A scheme written for a newer app is refused with one sentence, and as an
update it leaves the last good scheme in force.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import policy
from conftest import REPO, run_cli
from labeler.org.admin_config import load_admin_config
from labeler.org.distribution import REFUSED, UPDATED, SchemeStore
from policy import (CONDITIONAL, SCHEME_FORMAT, Channel, LocalText, SchemeError, SchemeTooNew,
                    channels, load_builtin, parse_scheme)
from policy.channel_defaults import DEFAULT_CONDITION, DEFAULT_WHY
from policy.signing import generate_private_key, public_key_text, sign

CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text("utf-8")
NEW_CHANNEL = Channel("video-call", LocalText(en="Video calls (screen sharing)", nl="Videogesprekken"))
TOO_NEW = "needs a newer version of the app (scheme format 2, this app reads up to 1)"


def with_format(text: str, line: str | None) -> str:
    """The corporate scheme with its `format = 1` line replaced by `line` (None: removed)."""
    new, n = re.subn(r"(?m)^format = 1.*\n", "" if line is None else line + "\n", text, count=1)
    assert n == 1
    return new


def scheme_text(version: int, fmt: str | None = "format = 1", extra: str = "") -> str:
    text, n = re.subn(r"(?m)^version\s*=\s*\d+", f"version = {version}", with_format(CORPORATE, fmt), count=1)
    assert n == 1
    return text.replace("[scheme]\n", "[scheme]\n" + extra, 1)


@pytest.fixture
def added_channel(monkeypatch):
    """The app after an upgrade that added a sharing channel (registered as policy/channels.py would)."""
    registry = channels.CHANNELS + (NEW_CHANNEL,)
    monkeypatch.setattr(channels, "CHANNELS", registry)
    monkeypatch.setattr(channels, "CHANNEL_IDS", tuple(c.id for c in registry))
    monkeypatch.setattr(channels, "_BY_ID", {c.id: c for c in registry})
    return NEW_CHANNEL.id


# --- the format version ------------------------------------------------------------

def test_today_is_format_1_and_the_builtins_say_so():
    assert SCHEME_FORMAT == 1
    for name in ("corporate", "tlp"):
        text = (REPO / "resources" / "schemes" / f"{name}.toml").read_text("utf-8")
        assert re.search(r"(?m)^\[scheme\]\nformat = 1\b", text), name
        assert load_builtin(name).format == 1


def test_a_scheme_without_format_is_format_1():
    scheme = parse_scheme(scheme_text(2, fmt=None).encode(), "old.toml")
    assert scheme.format == 1 and scheme.version == 2 and not scheme.warnings
    assert scheme == parse_scheme(scheme_text(2).encode(), "new.toml")


def test_a_newer_format_is_refused_with_one_sentence():
    # Keys this app does not know are not reported as typos: the format says why.
    text = scheme_text(2, "format = 2", extra='audience = "everyone"\n') + "\n[telemetry]\nx = 1\n"
    with pytest.raises(SchemeTooNew) as caught:
        parse_scheme(text.encode(), "next.toml")
    error = caught.value
    assert isinstance(error, SchemeError)
    assert error.message == f"next.toml {TOO_NEW}."
    assert (error.declared, error.supported) == (2, 1)
    (detail,) = error.details
    assert (detail.field, detail.line) == ("scheme.format", text.splitlines().index("format = 2") + 1)


@pytest.mark.parametrize("value, words", [('"2"', "must be a whole number, not a string"),
                                          ("0", "0 is out of range (from 1 to 1)"),
                                          ("true", "must be a whole number, not true/false")])
def test_a_bad_format_value_is_a_problem(value, words):
    with pytest.raises(SchemeError) as caught:
        parse_scheme(scheme_text(2, f"format = {value}").encode(), "bad.toml")
    assert not isinstance(caught.value, SchemeTooNew)
    line = CORPORATE.splitlines().index(next(l for l in CORPORATE.splitlines() if l.startswith("format ="))) + 1
    assert any(p.startswith(f"line {line}, scheme.format: {words}") for p in caught.value.problems), \
        caught.value.problems


# --- a channel added by a newer app ---------------------------------------------------

def test_a_scheme_for_todays_channels_loads_after_a_channel_is_added(added_channel):
    scheme = parse_scheme(CORPORATE.encode(), "corporate.toml")  # written for today's channels
    by_id = {label.id: label for label in scheme.labels}
    for label in scheme.labels:
        rule = label.rule(added_channel)
        named = [r.verdict for c, r in label.sharing.items() if c != added_channel]
        strictest = max(named, key=("allowed", "conditional", "forbidden").index)
        assert rule.verdict == strictest, label.id
        assert rule.channel == added_channel and rule.why == DEFAULT_WHY
        assert rule.condition == (DEFAULT_CONDITION if rule.verdict == CONDITIONAL else None)
        assert label.rules()[-1] is rule  # in channel order, after today's channels
    assert by_id["public"].rule(added_channel).allowed
    assert by_id["strictly-confidential"].rule(added_channel).forbidden
    assert by_id["internal"].rule(added_channel).why_text("nl-BE").startswith("Het schema heeft nog geen regel")

    # One warning per top-level label, with its line, naming the channel and the verdict chosen.
    warned = {w.field: w for w in scheme.warnings}
    assert len(warned) == len(scheme.warnings) == 4
    for index, label in enumerate(scheme.labels):
        warning = warned[f"labels[{index}].sharing"]
        assert CORPORATE.splitlines()[warning.line - 1].startswith("[labels.sharing.")
        assert f"'{added_channel}' (Video calls (screen sharing))" in warning.text
        assert f"({label.rule(added_channel).verdict})" in warning.text


SMALL = """\
[scheme]
id = "small"
version = 1
name = "Small"
organisation = "Small Ltd"

[[labels]]
id = "internal"
color = "#1565C0"
name = "Internal"
description = "For everyone at Small."

[labels.sharing]
email-internal = { verdict = "allowed", why = "Colleagues may read it." }
print = { verdict = "conditional", condition = "collect it at once", why = "Printers are shared." }

[[labels.sublabels]]
id = "internal-hr"
name = "HR"
description = "Personnel matters."

[labels.sublabels.sharing]
print = { verdict = "forbidden", why = "Personnel files are never printed." }

[[labels.sublabels]]
id = "internal-it"
name = "IT"
description = "IT matters."
"""


def test_a_sublabel_counts_its_own_stricter_rules():
    scheme = parse_scheme(SMALL.encode(), "small.toml")
    internal, hr, it = (scheme.label(i) for i in ("internal", "internal-hr", "internal-it"))
    assert internal.rule("chat").conditional and internal.rule("chat").condition == DEFAULT_CONDITION
    assert hr.rule("chat").forbidden and hr.rule("print").forbidden  # its own forbidden rule counts
    assert it.rule("chat") == internal.rule("chat")  # nothing of its own: the parent's default
    assert hr.rule("email-internal") == internal.rule("email-internal")  # inherited as written
    lines = SMALL.splitlines()
    fields = {w.field: w for w in scheme.warnings}
    # The sublabel that inherits everything is not reported again.
    assert set(fields) == {"labels[0].sharing", "labels[0].sublabels[0].sharing"}
    assert lines[fields["labels[0].sharing"].line - 1] == "[labels.sharing]"
    assert lines[fields["labels[0].sublabels[0].sharing"].line - 1] == "[labels.sublabels.sharing]"
    assert "(conditional)" in fields["labels[0].sharing"].text
    assert "(forbidden)" in fields["labels[0].sublabels[0].sharing"].text
    assert "'email-partner' (E-mail to partners)" in fields["labels[0].sharing"].text


def test_other_channels_decides_for_channels_the_scheme_does_not_name(added_channel):
    text = CORPORATE.replace('id = "public"\n', 'id = "public"\nother_channels = { verdict = "forbidden", '
                             'why = "Not assessed yet: ask the security team." }\n', 1)
    scheme = parse_scheme(text.encode(), "corporate.toml")
    rule = scheme.label("public").rule(added_channel)
    assert rule.forbidden and rule.why_text() == "Not assessed yet: ask the security team."
    assert rule.channel == added_channel
    assert scheme.label("public").rule("print").allowed  # named channels keep their rules
    assert any(w.field == "labels[0].sharing" and "other_channels" in w.text for w in scheme.warnings)


def test_other_channels_is_a_checked_rule():
    text = CORPORATE.replace('id = "public"\n', 'id = "public"\nother_channels = { verdict = "maybe", '
                             'why = "w", max_attachment_kb = 3 }\n', 1)
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text.encode(), "corporate.toml")
    problems = "\n".join(caught.value.problems)
    assert "labels[0].other_channels.verdict: 'maybe' is not one of" in problems
    assert "labels[0].other_channels.max_attachment_kb: only for e-mail channels" in problems


# --- languages ------------------------------------------------------------------------

def english_only(text: str) -> str:
    """`text` without any Dutch or French: table lines and inline-table entries removed."""
    text = re.sub(r"(?m)^(nl|fr) = .*\n", "", text)
    return re.sub(r', (nl|fr) = "(?:[^"\\]|\\.)*"', "", text)


def test_a_scheme_in_english_only_loads_and_its_dutch_name_is_the_english_one():
    text = english_only(CORPORATE)
    assert not re.search(r"\b(nl|fr) = ", text), "the test scheme still has Dutch or French texts"
    scheme = parse_scheme(text.encode(), "english.toml")
    internal = scheme.label("internal")
    assert set(internal.names) == {"en"} and internal.name("nl") == internal.name("en") == "Internal"
    assert internal.description("fr") == internal.description("en")
    assert internal.rule("print").why_text("nl") == internal.rule("print").why_text("en")
    assert not scheme.warnings


# --- distribution: a newer format as an update -------------------------------------------

def publish(folder: Path, text: str, key) -> bytes:
    folder.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    (folder / "scheme.toml").write_bytes(data)
    (folder / "scheme.toml.sig").write_bytes(sign(data, key))
    return data


def test_a_newer_format_is_refused_as_an_update_and_the_last_good_stays(tmp_path):
    key = generate_private_key()
    folder = tmp_path / "share"
    source = str(folder / "scheme.toml")
    (tmp_path / "config.toml").write_text(
        f'[scheme]\nsource = {json.dumps(source)}\ntrusted_keys = ["{public_key_text(key)}"]\n', "utf-8")
    config = load_admin_config(tmp_path / "config.toml")
    store = SchemeStore(tmp_path / "data")

    good = publish(folder, scheme_text(2), key)
    assert store.check(config).last_result == UPDATED

    publish(folder, scheme_text(3, "format = 2"), key)
    state = store.check(config)
    assert state.last_result == REFUSED
    assert state.last_error == f"Refused the scheme from {source}: it {TOO_NEW}. Version 2 stays in force."
    assert store.scheme_path.read_bytes() == good
    force = store.scheme_in_force(config)
    assert not force.builtin and force.scheme.version == 2 and state.version == 2


def test_cli_validate_reports_a_newer_format_and_warnings(tmp_path):
    newer = tmp_path / "next.toml"
    newer.write_text(scheme_text(3, "format = 2"), encoding="utf-8")
    proc = run_cli("scheme", "validate", newer)
    assert proc.returncode == 1 and f"{newer} {TOO_NEW}." in proc.stderr, proc.stderr
    proc = run_cli("scheme", "validate", newer, "--json", check_json=True)
    assert proc.returncode == 1 and not proc.json["valid"] and TOO_NEW in proc.json["problems"][0]

    # A scheme that does not name a channel (as after an upgrade): valid, with a visible warning.
    lacking = tmp_path / "lacking.toml"
    text = re.sub(r"(?m)^\[labels\.sharing\.chat\]\n(?:(?!\[).+\n)*", "", CORPORATE)
    assert "[labels.sharing.chat]" not in text
    lacking.write_text(text, encoding="utf-8")
    proc = run_cli("scheme", "validate", lacking)
    assert proc.returncode == 0, proc.stderr
    assert "OK:" in proc.stdout and "warning(s) to review" in proc.stdout
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("Warning: ")]
    assert warnings and all("no rule for 'chat' (Chat and messaging)" in w for w in warnings)
    assert re.match(rf"Warning: {re.escape(str(lacking))}, line \d+, labels\[0\]\.sharing: ", warnings[0])
    proc = run_cli("scheme", "validate", lacking, "--json", check_json=True)
    assert proc.json["valid"] and proc.json["format"] == 1 and len(proc.json["warnings"]) == len(warnings)


def test_cli_update_refuses_a_newer_format_and_keeps_the_last_good(tmp_path):
    key = generate_private_key()
    folder = tmp_path / "share"
    config = tmp_path / "admin.toml"
    config.write_text(f'[scheme]\nsource = {json.dumps(str(folder / "scheme.toml"))}\n'
                      f'trusted_keys = ["{public_key_text(key)}"]\n', encoding="utf-8")
    env = {"LABELER_ADMIN_CONFIG": str(config), "LABELER_DATA_DIR": str(tmp_path / "userdata")}
    publish(folder, scheme_text(2), key)
    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 0 and "Updated: example-corp version 2" in proc.stdout, proc.stderr
    publish(folder, scheme_text(3, "format = 2"), key)
    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 1 and TOO_NEW in proc.stderr and "Version 2 stays in force." in proc.stderr
    proc = run_cli("scheme", "show", "--json", env=env, check_json=True)
    assert proc.json["in_force"]["version"] == 2 and not proc.json["in_force"]["builtin"]


# --- structure --------------------------------------------------------------------------

def test_policy_uses_only_the_public_face_of_formats_and_stays_small():
    for path in sorted((REPO / "policy").glob("*.py")):
        text = path.read_text("utf-8")
        assert not re.search(r"(?m)^\s*(from|import) formats\.", text), f"{path.name} imports formats internals"
        assert len(text.splitlines()) <= 500, f"{path.name} has more than 500 lines"
    assert policy.load_scheme and policy.parse_scheme and policy.SchemeError
