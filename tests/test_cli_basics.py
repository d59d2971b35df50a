"""The command line's basics, through the real `labeler` in a subprocess.

What an unlabelled file counts as in `check` (the higher of the default and
what its content suggests, and why), --version, --dry-run, --from-file with
NUL- or newline-separated names, -q / -v, `check` on several files, "no such
file" for what was mistyped, and the shell completion scripts.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, run_cli
from tests.test_hints import IBAN_BE, NRN, fmt_nrn, make_docx

CARD = "4111 1111 1111 1111"
SECRETS = (IBAN_BE, IBAN_BE.replace(" ", ""), CARD, CARD.replace(" ", ""), fmt_nrn(NRN), NRN)


def env_for(tmp_path: Path) -> dict:
    return {"LABELER_DATA_DIR": str(tmp_path / "userdata")}


def audit_lines(tmp_path: Path) -> int:
    """Entries in the audit log of this test's data folder (whatever the file is called)."""
    folder = tmp_path / "userdata"
    if not folder.is_dir():
        return 0
    return sum(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.rglob("*audit*") if p.is_file())


@pytest.fixture
def memo(tmp_path) -> Path:
    """An unlabelled memo with an IBAN, a payment card number and a Belgian national register number."""
    return make_docx(tmp_path / "memo.docx", [f"Please pay {IBAN_BE}.", f"Card {CARD}, expires 12/29.",
                                              f"National number {fmt_nrn(NRN)}."])


def no_secrets(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, "a matched value was printed"


# -- an unlabelled file counts as the higher of the default and its content --------------------

def test_unlabelled_memo_counts_as_what_its_content_suggests(memo, tmp_path):
    env = env_for(tmp_path)
    suggested = run_cli("suggest", memo, "--json", env=env, check_json=True).json[0]["recommended"]["id"]
    human = run_cli("check", memo, "--to", "someone@gmail.com", env=env)
    # Confidential: not allowed (as Internal it would have been "allowed with conditions").
    assert human.returncode == 3, human.stdout + human.stderr
    first = human.stdout.splitlines()[0]
    assert first.startswith(f"{memo} counts as Confidential: no label yet, and it contains ")
    assert "1 IBAN number" in first and "1 payment card number" in first and "1 national register number" in first
    assert first.endswith("E-mail to anyone else: not allowed.")
    result = run_cli("check", memo, "--to", "someone@gmail.com", "--json", env=env, check_json=True).json
    assert result["label"]["id"] == suggested == "confidential" and result["label_assumed"] is True
    assert result["counts_as"]["reason"] == "content"
    assert result["counts_as"]["evidence"] == {"iban": 1, "payment-card": 1, "be-national-register": 1}
    assert result["verdict"] == "forbidden" and result["exit_code"] == 3
    dutch = run_cli("check", memo, "--to", "usb", "--lang", "nl", env=env)
    assert "telt als Vertrouwelijk: nog geen label, en het bevat" in dutch.stdout and dutch.returncode == 4
    no_secrets(human.stdout, human.stderr, result and str(result), dutch.stdout)


def test_a_label_the_person_chose_is_respected_even_below_the_content(memo, tmp_path):
    env = env_for(tmp_path)
    assert run_cli("apply", "--label", "internal", memo, env=env).returncode == 0
    result = run_cli("check", memo, "--to", "colleague@example.com", "--json", env=env, check_json=True).json
    assert result["label"]["id"] == "internal" and result["counts_as"]["reason"] == "labelled"
    assert result["label_assumed"] is False


def test_the_command_line_records_a_persons_choice_and_refuses_method_default(sample, tmp_path):
    env = env_for(tmp_path)
    doc = sample("pydocx.docx", "choice.docx")
    before = doc.read_bytes()
    old_script = run_cli("apply", "--label", "internal", "--method", "default", doc, env=env)
    assert old_script.returncode == 2
    assert "'default' is no longer accepted: a label applied from the command line is a person's decision" \
        in old_script.stderr
    assert doc.read_bytes() == before and audit_lines(tmp_path) == 0  # refused before anything was done
    assert run_cli("apply", "--label", "internal", doc, env=env).returncode == 0
    shown = run_cli("show", doc, "--json", env=env, check_json=True).json[0]["label"]
    assert (shown["id"], shown["method"]) == ("internal", "manual")
    assert run_cli("apply", "--label", "confidential", "--method", "recommended", doc, env=env).returncode == 0
    shown = run_cli("show", doc, "--json", env=env, check_json=True).json[0]["label"]
    assert (shown["id"], shown["method"]) == ("confidential", "recommended")


def test_unlabelled_file_with_nothing_sensitive_counts_as_the_default(sample, tmp_path):
    result = run_cli("check", sample("lo-writer.odt"), "--to", "usb", "--json", env=env_for(tmp_path),
                     check_json=True).json
    assert result["label"]["id"] == "internal" and result["counts_as"]["reason"] == "default"


def test_counts_as_for_the_dialog_needs_no_file():
    from policy import load_scheme

    from labeler.core.counts_as import CONTENT, DEFAULT, LABELLED, counts_as

    scheme = load_scheme(REPO / "resources" / "schemes" / "corporate.toml")
    assert counts_as(scheme, None, {}).reason == DEFAULT
    raised = counts_as(scheme, None, {"iban": 1, "email": 3})
    assert raised.reason == CONTENT and raised.label.id == "confidential" and raised.findings == {"iban": 1}
    assert raised.why("en") == "counts as Confidential: no label yet, and it contains 1 IBAN number"
    assert raised.why("fr").startswith("compte comme Confidentiel")
    assert counts_as(scheme, "public", {"iban": 5}).reason == LABELLED  # the person's choice stands
    lower = counts_as(scheme, None, {"email": 25})  # suggests Internal: not above the default
    assert lower.reason == DEFAULT and lower.suggested.id == "internal"


# -- check on several files ----------------------------------------------------------------------

def test_check_several_files_one_verdict_each_and_the_worst_exit_code(memo, sample, tmp_path):
    env = env_for(tmp_path)
    plain = sample("lo-writer.odt")
    public = sample("pydocx.docx", "public.docx")
    assert run_cli("apply", "--label", "public", public, env=env).returncode == 0
    both = run_cli("check", public, plain, "--to", "someone@gmail.com", env=env)
    assert both.returncode == 4  # allowed (0) and with conditions (4): the worse wins
    assert sum(line.startswith(str(p)) for line in both.stdout.splitlines() for p in (public, plain)) == 2
    three = run_cli("check", public, plain, memo, "--to", "someone@gmail.com", "--json", env=env, check_json=True)
    assert [r["path"] for r in three.json] == [str(public), str(plain), str(memo)]
    assert three.returncode == 3 and three.json[2]["verdict"] == "forbidden"
    missing = run_cli("check", public, tmp_path / "nope.docx", "--to", "usb", env=env)
    assert missing.returncode == 1 and "nope.docx: error: no such file or folder: nope.docx." in missing.stderr


# -- the version ------------------------------------------------------------------------------------

def test_version_comes_from_the_package():
    from importlib.metadata import PackageNotFoundError, version

    import labeler

    try:
        expected = version("labeler")
    except PackageNotFoundError:
        expected = labeler.__version__
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"labeler {expected}"


# -- no such file, and a file that vanishes -----------------------------------------------------

def test_a_typo_or_a_quoted_pattern_is_no_such_file(memo, tmp_path):
    env = env_for(tmp_path)
    typo = run_cli("show", tmp_path / "memo.dcox", env=env)
    assert typo.returncode == 1
    assert "memo.dcox: error: no such file or folder: memo.dcox. Did you mean" in typo.stderr
    assert typo.stderr.rstrip().endswith("memo.docx?")
    pattern = run_cli("show", tmp_path / "*.docx", env=env)
    assert pattern.returncode == 1 and "looks like a pattern" in pattern.stderr
    no_folder = run_cli("apply", "--label", "public", tmp_path / "nowhere" / "x.docx", env=env)
    assert "there is no folder" in no_folder.stderr and no_folder.returncode == 1
    for proc in (typo, pattern, no_folder):
        assert "no longer exists" not in proc.stderr and "moved or deleted" not in proc.stderr
    as_json = run_cli("show", tmp_path / "memo.dcox", "--json", env=env, check_json=True).json[0]
    assert as_json["kind"] == "not-found"


def test_a_file_that_vanishes_during_the_run_is_said_to_have_vanished(memo, monkeypatch, capsys):
    from labeler import cli
    from labeler.core.service import LabelService

    original = LabelService.show

    def show_after_deleting(self, path):
        os.remove(path)  # another program moves it away after the command started
        return original(self, path)

    monkeypatch.setattr(LabelService, "show", show_after_deleting)
    assert cli.main(["show", str(memo)]) == 1
    err = capsys.readouterr().err
    assert "no longer exists (it was moved or deleted)" in err and "no such file" not in err


# -- --dry-run ---------------------------------------------------------------------------------------

def test_dry_run_writes_nothing_audits_nothing_and_exits_as_a_real_run(memo, sample, tmp_path):
    env = env_for(tmp_path)
    labelled = sample("pydocx.docx", "labelled.docx")
    assert run_cli("apply", "--label", "confidential", labelled, env=env).returncode == 0
    read_only = sample("lo-writer.odt", "read-only.odt")
    read_only.chmod(stat.S_IRUSR)
    files = [memo, labelled, read_only]
    cases = [
        ("apply", "--label", "internal"),  # memo: would be labelled; labelled: lowering needs a reason
        ("apply", "--label", "confidential"),  # labelled: already carries it
        ("apply", "--label", "public", "--justification", "published"),
        ("remove",),  # labelled: needs a justification
        ("remove", "--justification", "a test"),
    ]
    entries = audit_lines(tmp_path)
    for case in cases:
        for path in files:
            before = {p: p.read_bytes() for p in files}
            dry = run_cli(*case, "--dry-run", path, "--json", env=env, check_json=True)
            assert {p: p.read_bytes() for p in files} == before, (case, path)
            assert audit_lines(tmp_path) == entries, "a dry run recorded something"
            assert not [n for n in os.listdir(path.parent) if n.startswith(".~")], "a temp file was left"
            # The real run, on a copy, must end the same way.
            copy = tmp_path / "real" / path.name
            copy.parent.mkdir(exist_ok=True)
            shutil.copy2(path, copy)
            real = run_cli(*case, copy, "--json", env=env, check_json=True)
            assert dry.returncode == real.returncode, (case, path.name, dry.json, real.json)
            expected = {"labelled": "would-label", "removed": "would-remove"}.get(real.json[0]["status"],
                                                                                 real.json[0]["status"])
            assert dry.json[0]["status"] == expected and dry.json[0]["dry_run"] is True, (case, path.name)
            assert dry.json[0]["kind"] == real.json[0]["kind"], (case, path.name)
            copy.chmod(stat.S_IWUSR | stat.S_IRUSR)
            copy.unlink()
            entries = audit_lines(tmp_path)
    human = run_cli("apply", "-n", "--label", "confidential", memo, env=env)
    assert "would be labelled Confidential" in human.stdout and "nothing was written" in human.stdout


# -- --from-file -------------------------------------------------------------------------------------

def _odd_names(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "odd"
    folder.mkdir()
    names = ["with space.docx", "with\nnewline.docx", " leading space.docx", "tab\there.docx"]
    paths = []
    for name in names:
        path = folder / name
        shutil.copyfile(DATA / "pydocx.docx", path)
        paths.append(path)
    return paths


def run_with_input(args, data: bytes, env: dict):
    return subprocess.run([sys.executable, "-m", "labeler", *map(str, args)], input=data, capture_output=True,
                          cwd=REPO, env={**os.environ, **env}, timeout=120)


def test_from_file_nul_separated_names_with_spaces_and_newlines(tmp_path):
    import json

    env = env_for(tmp_path)
    paths = _odd_names(tmp_path)
    listing = b"".join(os.fsencode(p) + b"\0" for p in paths)
    shown = run_with_input(["show", "--from-file", "-", "--json"], listing, env)  # NUL detected by itself
    assert shown.returncode == 0, shown.stderr
    assert [o["path"] for o in json.loads(shown.stdout)] == [str(p) for p in paths]
    (tmp_path / "list0").write_bytes(listing)
    applied = run_cli("apply", "--label", "internal", "--from-file", tmp_path / "list0", "--json", env=env,
                      check_json=True)
    assert applied.returncode == 0 and {o["status"] for o in applied.json} == {"labelled"}
    # One name, no NUL in the input: --null says the newline is part of the name.
    one = os.fsencode(paths[1])
    forced = run_with_input(["show", "--from-file", "-", "--null", "--json"], one, env)
    assert forced.returncode == 0 and [o["path"] for o in json.loads(forced.stdout)] == [str(paths[1])]
    split = run_with_input(["show", "--from-file", "-", "--json"], one, env)  # without it: two missing names
    assert split.returncode == 1 and {o["kind"] for o in json.loads(split.stdout)} == {"not-found"}


def test_from_file_one_name_a_line_with_crlf_and_blank_lines(memo, sample, tmp_path):
    env = env_for(tmp_path)
    other = sample("lo-writer.odt")
    (tmp_path / "list.txt").write_bytes(f"{memo}\r\n\r\n{other}\n".encode())
    proc = run_cli("check", "--from-file", tmp_path / "list.txt", "--to", "usb", "--json", env=env, check_json=True)
    assert [r["path"] for r in proc.json] == [str(memo), str(other)] and proc.returncode == 4
    both = run_cli("suggest", memo, "--from-file", tmp_path / "list.txt", "--json", env=env, check_json=True)
    assert len(both.json) == 3
    nothing = run_cli("show", env=env)
    assert nothing.returncode == 2 and "name at least one file" in nothing.stderr
    missing_list = run_cli("show", "--from-file", tmp_path / "no-list.txt", env=env)
    assert missing_list.returncode == 2 and "no such file" in missing_list.stderr


# -- -q and -v, and who set the label --------------------------------------------------------------

def test_quiet_verbose_and_who_set_the_label(memo, tmp_path):
    env = env_for(tmp_path)
    quiet = run_cli("apply", "-q", "--label", "confidential", memo, env=env)
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    shown = run_cli("show", memo, env=env)
    assert " — set by " in shown.stdout and " on 20" in shown.stdout and "(manual)" in shown.stdout
    verbose = run_cli("show", "-v", memo, env=env)
    assert "Labeler_SetBy:" in verbose.stdout and "label stored inside the file" in verbose.stdout
    assert "1 file: 1 shown" in verbose.stdout
    also_before = run_cli("-q", "show", memo, tmp_path / "gone.docx", env=env)
    assert also_before.stdout == "" and "gone.docx: error: no such file" in also_before.stderr
    assert also_before.returncode == 1
    json_kept = run_cli("show", "-q", memo, "--json", env=env, check_json=True)
    assert json_kept.json[0]["label"]["id"] == "confidential"
    both = run_cli("show", "-q", "-v", memo, env=env)
    assert both.returncode == 2 and "cannot be used together" in both.stderr
    check_quiet = run_cli("check", "-q", memo, "--to", "someone@gmail.com", env=env)
    assert check_quiet.returncode == 3 and check_quiet.stdout == ""


# -- shell completion ---------------------------------------------------------------------------------

def _subcommands() -> list[str]:
    from labeler.cli import parser
    from labeler.commands.completion import command_tree

    return list(command_tree(parser()).subcommands)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_follow_the_parser(shell, tmp_path):
    proc = run_cli("completion", shell)
    assert proc.returncode == 0 and proc.stderr == ""
    for name in _subcommands():
        assert name in proc.stdout, f"{shell}: {name} is not completed"
    for option in ("--dry-run", "--from-file", "--null", "--verbose", "--lang"):
        assert option.lstrip("-") in proc.stdout
    program = shutil.which(shell)
    if program:
        script = tmp_path / f"labeler.{shell}"
        script.write_text(proc.stdout)
        syntax = subprocess.run([program, "-n", str(script)], capture_output=True, text=True, timeout=60)
        assert syntax.returncode == 0, syntax.stderr


def test_bash_completion_completes_commands_choices_and_files(memo, tmp_path):
    if not shutil.which("bash"):
        pytest.skip("bash is not installed")
    script = tmp_path / "labeler.bash"
    script.write_text(run_cli("completion", "bash").stdout)
    probe = f"""
source {script}
cd {memo.parent}
comp() {{
    COMP_WORDS=("$@"); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMPREPLY=(); _labeler; echo "${{COMPREPLY[*]}}"
}}
comp labeler ch
comp labeler check --lang ""
comp labeler --scheme x.toml scheme va
comp labeler apply --method ""
comp labeler show mem
comp labeler completion ""
"""
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert out == ["check", "en nl fr", "validate", "manual recommended", "memo.docx", "bash zsh fish"]


def test_fish_completion_completes_nested_commands(tmp_path):
    if not shutil.which("fish"):
        pytest.skip("fish is not installed")
    script = tmp_path / "labeler.fish"
    script.write_text(run_cli("completion", "fish").stdout)
    out = subprocess.run(["fish", "-c", f"source {script}; complete -C 'labeler scheme va'; "
                                        "complete -C 'labeler check --lang '"],
                         capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert out[0].startswith("validate\t") and out[1:] == ["en", "fr", "nl"]
