"""The rollback floor that a user cannot reset: `minimum_version` in the (root-owned) admin config.

The never-roll-back rule compares with the version stored in the user's data
folder; a user (or malware running as the user) can delete that folder, after
which an older signed scheme served by a compromised or spoofed source would
be accepted.  `minimum_version` lives in the admin config, which users
cannot write, so it survives.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import run_cli
from labeler.org.admin_config import AdminConfigError, load_admin_config, parse_admin_config
from labeler.org.distribution import REFUSED, UP_TO_DATE, UPDATED, SchemeStore
from policy.signing import generate_private_key, public_key_text
from test_scheme_distribution import publish


@pytest.fixture(scope="module")
def key():
    return generate_private_key()


def config_text(source, key, minimum=None) -> str:
    text = f'[scheme]\nsource = "{source}"\ntrusted_keys = ["{public_key_text(key)}"]\n'
    return text + (f"minimum_version = {minimum}\n" if minimum is not None else "")


def make_config(tmp_path, source, key, minimum=None, name="config.toml"):
    path = tmp_path / name
    path.write_text(config_text(source, key, minimum), encoding="utf-8")
    return load_admin_config(path)


def test_signed_v3_refused_with_empty_data_folder_when_minimum_is_10(tmp_path, key):
    share = tmp_path / "share"
    data = tmp_path / "data" / "scheme"
    publish(share, 10, key)
    config = make_config(tmp_path, str(share / "scheme.toml"), key, minimum=10)
    assert SchemeStore(data).check(config).last_result == UPDATED

    shutil.rmtree(tmp_path / "data")  # the user wipes the data folder ...
    publish(share, 3, key)  # ... and an old, genuinely signed scheme is served
    store = SchemeStore(data)
    state = store.check(config)
    assert state.last_result == REFUSED
    assert state.last_error == (
        f"Refused the scheme from {share / 'scheme.toml'}: it is version 3, below version 10, the lowest the "
        f"admin config {config.path} allows (minimum_version); a scheme is never rolled back. The scheme in "
        f"force was kept (the built-in one until a good scheme is accepted).")
    force = store.scheme_in_force(config)
    assert force.builtin and store.stored() is None

    publish(share, 10, key)  # the minimum itself is fine, and so is anything above it
    assert store.check(config).last_result == UPDATED
    assert store.check(config).last_result == UP_TO_DATE
    publish(share, 11, key)
    assert store.check(config).last_result == UPDATED


def test_without_minimum_the_wipe_lets_an_old_scheme_in(tmp_path, key):
    """What the floor is for: the data folder alone cannot stop this."""
    share = tmp_path / "share"
    publish(share, 10, key)
    config = make_config(tmp_path, str(share / "scheme.toml"), key)
    assert SchemeStore(tmp_path / "data").check(config).last_result == UPDATED
    shutil.rmtree(tmp_path / "data")
    publish(share, 3, key)
    assert SchemeStore(tmp_path / "data").check(config).last_result == UPDATED


def test_stored_scheme_below_the_minimum_is_not_used(tmp_path, key):
    share = tmp_path / "share"
    publish(share, 3, key)
    store = SchemeStore(tmp_path / "data")
    assert store.check(make_config(tmp_path, str(share / "scheme.toml"), key)).last_result == UPDATED
    raised = make_config(tmp_path, str(share / "scheme.toml"), key, minimum=10, name="raised.toml")
    force = store.scheme_in_force(raised)
    assert force.builtin and "below version 10, the lowest the admin config allows" in force.problem
    assert store.check(raised).last_result == REFUSED


def test_minimum_version_must_be_a_positive_whole_number(key):
    assert parse_admin_config(config_text("/srv/s.toml", key).encode(), "c.toml").minimum_version is None
    assert parse_admin_config(config_text("/srv/s.toml", key, 7).encode(), "c.toml").minimum_version == 7
    for bad in ("0", "-2", "1.5", '"10"', "true"):
        with pytest.raises(AdminConfigError, match="scheme.minimum_version: must be a whole number"):
            parse_admin_config(config_text("/srv/s.toml", key, bad).encode(), "c.toml")


def test_cli_update_refuses_v3_after_a_wipe(tmp_path, key):
    share = tmp_path / "share"
    publish(share, 3, key)
    config = tmp_path / "config.toml"
    config.write_text(config_text(str(share / "scheme.toml"), key, 10), encoding="utf-8")
    env = {"LABELER_ADMIN_CONFIG": str(config), "LABELER_DATA_DIR": str(tmp_path / "empty-data")}
    proc = run_cli("scheme", "update", env=env)
    assert proc.returncode == 1
    assert "it is version 3, below version 10" in proc.stderr and "minimum_version" in proc.stderr
    shown = run_cli("scheme", "show", "--json", env=env, check_json=True)
    assert shown.json["in_force"]["builtin"] is True
    assert shown.json["admin_config"]["minimum_version"] == 10
