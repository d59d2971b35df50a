"""A large signed scheme: installed, read piece by piece in bounded memory, then read from its compiled copy.

The schemes are generated here: the built-in scheme's labels repeated (the
copies get their own ids and names), signed with a throwaway key.  Memory is
the peak resident size of a subprocess (a resource bound, not a speed test).
"""
from __future__ import annotations

import json
import os
import pickle
import re
import tomllib
from pathlib import Path

import pytest

from conftest import DATA, REPO
from large_scheme_support import labeler_peak, sign_and_trust
from labeler.org.distribution import SchemeStore, load_admin_config
from policy import SchemeError, compiled, scheme_memory, toml_shape
from policy.loader import parse_scheme
from policy.scheme_pieces import MAX_PROBLEMS

MEMORY_LIMIT_MB = 200
CORPORATE = (REPO / "resources" / "schemes" / "corporate.toml").read_text("utf-8")


def labeler_measured(*args, env: dict | None = None) -> dict:
    """`labeler ARGS` in a fresh process, `env` added to this one's: exit code, output and peak memory."""
    return labeler_peak(*args, env={**os.environ, **(env or {})}, timeout=600)


def repeated_scheme(labels: int, *, hints_between: bool = False) -> str:
    """The built-in scheme with its top-level labels (and their sublabels) repeated to `labels` labels;
    with `hints_between`, a [[hints]] table sits between the labels and one label's table comes after it."""
    head, _, rest = CORPORATE.partition("[[labels]]")
    blocks = ["[[labels]]" + b for b in rest.split("[[labels]]")]
    cut = re.search(r"(?m)^\[(?!\[?labels[.\]])", blocks[-1])  # what follows the labels: [[hints]], [sharing] ...
    tail = ""
    if cut:
        blocks[-1], tail = blocks[-1][:cut.start()], blocks[-1][cut.start():]
    names = {label["id"]: label["name"] for label in tomllib.loads(CORPORATE)["labels"]}
    out = list(blocks)
    n = 0
    while len(out) < labels:
        block = blocks[n % len(blocks)]
        if "parent =" not in block and "[[labels.sublabels]]" not in block:
            block = re.sub(r"(?ms)^\[labels\.(microsoft|tscp)\].*?(?=^\[|\Z)", "", block)
            label_id = re.search(r'(?m)^id = "([^"]+)"', block)[1]  # type: ignore[index]
            block = block.replace(f'id = "{label_id}"', f'id = "{label_id}-{n}"', 1)
            for name in names[label_id].values():
                block = block.replace(f'= "{name}"', f'= "{name} {n}"')
            out.append(block)
        n += 1
    if hints_between:  # the middle label's handling moved after a [[hints]] table: still that label's
        middle = len(out) // 2
        handling = re.search(r"(?ms)^\[labels\.handling\].*?(?=^\[|\Z)", out[middle - 1])
        assert handling is not None
        out[middle - 1] = out[middle - 1].replace(handling[0], "")
        out.insert(middle, '[[hints]]\ndetectors = ["iban"]\nrecommend = "internal"\n\n' + handling[0])
    return head + "".join(out) + "\n" + tail


def install(tmp_path: Path, text: str) -> tuple[dict, Path]:
    """A signed scheme in a folder source and an admin config trusting its key: (environment, cache folder)."""
    config = tmp_path / "config.toml"
    sign_and_trust(tmp_path / "share" / "scheme.toml", text, config)
    cache = tmp_path / "cache"
    return {"LABELER_ADMIN_CONFIG": str(config), "LABELER_DATA_DIR": str(tmp_path / "data"),
            "LABELER_CACHE_DIR": str(cache)}, cache


def cache_state(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob(f"{compiled.PREFIX}*{compiled.SUFFIX}")}


# -- the scheme: 8,050 labels, signed ----------------------------------------------------

def test_the_8050_label_signed_scheme_installs_in_bounded_memory_then_reads_its_compiled_copy(tmp_path):
    text = repeated_scheme(8050)
    assert len(text.encode()) > 30 * 1024 * 1024  # far past the old 1 MB limit
    env, cache = install(tmp_path, text)
    update = labeler_measured("scheme", "update", env=env)
    assert update["code"] == 0 and "Updated: example-corp version 1" in update["stdout"], update
    assert update["peak_mb"] < MEMORY_LIMIT_MB, update["peak_mb"]
    written = cache_state(cache)
    assert len(written) == 1  # compiled when the download was accepted
    [copy] = written
    assert (cache / copy).stat().st_size < len(text.encode()) / 10  # equal values are shared
    key = cache / compiled.KEY_FILE
    if os.name == "posix":
        assert key.stat().st_mode & 0o777 == 0o600

    listed = labeler_measured("labels", "--json", env=env)
    assert listed["code"] == 0, listed["stderr"]
    labels = json.loads(listed["stdout"])
    assert len(labels) == 8050 and len({label["id"] for label in labels}) == 8050
    shown = labeler_measured("show", DATA / "pydocx.docx", env=env)
    assert shown["code"] == 0, shown["stderr"]
    assert cache_state(cache) == written  # read from the compiled copy: nothing parsed or written again
    assert listed["peak_mb"] < MEMORY_LIMIT_MB and shown["peak_mb"] < MEMORY_LIMIT_MB


def test_the_compiled_copy_serves_the_second_read_of_a_signed_scheme(tmp_path, monkeypatch):
    import policy.loader

    env, cache = install(tmp_path, repeated_scheme(40))
    store = SchemeStore(Path(env["LABELER_DATA_DIR"]) / "scheme", cache_folder=cache)
    config = load_admin_config(env["LABELER_ADMIN_CONFIG"])
    assert store.check(config).last_result == "updated"
    parses: list[str] = []
    real = policy.loader.parse_scheme
    monkeypatch.setattr(policy.loader, "parse_scheme", lambda data, source: parses.append(source) or real(data, source))
    first = store.scheme_in_force(config)
    again = store.scheme_in_force(config)
    assert not parses and first.signature_valid and len(again.scheme.labels) == 40 and again.scheme == first.scheme


# -- read piece by piece: what the whole text would give ------------------------------------------

def read_both(monkeypatch, data: bytes):
    """(result or message read in pieces, the same read at once): the text is within the piece limits, so
    raising PIECE_BYTES makes the reader take it whole, as tomllib reads it."""
    def read():
        try:
            scheme = parse_scheme(data, "big.toml")
        except SchemeError as exc:
            return str(exc)
        return scheme, [(w.field, w.line, w.text) for w in scheme.warnings]
    assert len(data) > toml_shape.PIECE_BYTES
    pieces = read()
    monkeypatch.setattr(toml_shape, "PIECE_BYTES", 4 * toml_shape.PIECE_BYTES)
    return pieces, read()


def test_pieces_give_the_scheme_and_warnings_the_whole_text_gives(monkeypatch):
    text = repeated_scheme(290, hints_between=True)
    # Two labels far apart name no rule for print: a warning each, with its line.
    for far in (text.rindex("[labels.sharing.print]\n"), text.index("[labels.sharing.print]\n", len(text) // 3)):
        text = text[:far] + text[text.index("\n\n", far) + 2:]  # the later one first: the other stays put
    pieces, whole = read_both(monkeypatch, text.encode())
    assert not isinstance(pieces, str), pieces
    assert len(pieces[0].labels) == 290 and len(pieces[1]) == 2
    assert pieces == whole


@pytest.mark.parametrize("damage", ["toml-syntax", "duplicate-key", "not-utf8", "bad-verdict", "two-problems",
                                    "labels-twice", "too-new"])
def test_errors_in_pieces_name_the_lines_the_whole_text_names(monkeypatch, damage):
    text = repeated_scheme(290).encode()
    far = text.rindex(b'verdict = "allowed"')
    if damage == "toml-syntax":
        text = text[:far] + b'verdict = "allowed\n' + text[far + 20:]
    elif damage == "duplicate-key":
        text = text[:far] + b'verdict = "allowed"\nverdict = "allowed"' + text[far + 19:]
    elif damage == "not-utf8":
        text = text[:far] + b'verdict = "allow\xffed"' + text[far + 19:]
    elif damage == "bad-verdict":
        text = text[:far] + b'verdict = "perhaps"' + text[far + 19:]
    elif damage == "two-problems":
        text = text.replace(b'verdict = "allowed"', b'verdict = "perhaps"', 1)
        text = text[:far] + b'verdict = "perhaps"' + text[far + 19:]
    elif damage == "labels-twice":
        text = text.replace(b"[[labels]]", b"[labels.extra]\nx = 1\n[[labels]]", 1)
    else:
        text = text.replace(b"format = 1", b"format = 99", 1)
    pieces, whole = read_both(monkeypatch, text)
    assert isinstance(pieces, str), pieces
    if damage == "labels-twice":  # tomllib's own words differ; the line is the same
        line = text[:text.index(b"[labels.extra]")].count(b"\n") + 1
        assert pieces == (f"big.toml, line {line}: not valid TOML: labels is defined here and also by [[labels]] "
                          f"tables")
        assert whole.startswith(f"big.toml, line {line + 2}: not valid TOML:")
    else:
        assert pieces == whole


# -- bounds while reading ------------------------------------------------------------------------

def test_what_the_labels_keep_is_bounded_while_they_are_read(monkeypatch):
    monkeypatch.setattr(scheme_memory, "MAX_KEPT", 2 * 1024 * 1024)
    label = ('[[labels]]\nid = "l{n}"\ncolor = "#112233"\nname = "Label {n}"\ndescription = "{text}"\n'
             'sharing.print = {{ verdict = "allowed", why = "Fine." }}\n')
    text = '[scheme]\nid = "x"\nversion = 1\nname = "X"\norganisation = "X"\n' + "".join(
        label.format(n=n, text=f"{n:08d}" * 100) for n in range(3000))
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text.encode(), "distinct.toml")
    assert str(caught.value) == ("distinct.toml: refused while reading: its labels would keep more than 2 MB in "
                                 "memory, far more than a scheme needs, so it was not read.")


def test_reading_stops_after_many_problems():
    text = '[scheme]\nid = "x"\nversion = 1\nname = "X"\norganisation = "X"\n' + "".join(
        f'[[labels]]\nid = "BAD {n}"\n# {"padding " * 80}\n' for n in range(2000))
    assert len(text) > toml_shape.PIECE_BYTES
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text.encode(), "bad.toml")
    message = str(caught.value)
    assert message.startswith(f"bad.toml: {len(caught.value.details)} problems (reading stopped after "
                              f"{MAX_PROBLEMS:,}):\n  line 6, labels[0].")
    assert MAX_PROBLEMS <= len(caught.value.details) < MAX_PROBLEMS + 10


def test_hostile_labels_are_refused_while_read_in_bounded_memory(tmp_path):
    """Distinct labels up to 48 MiB, one emoji in each (Python keeps such a text at 4 bytes a character)."""
    label = ('[[labels]]\nid = "l{n}"\ncolor = "#112233"\nname = "Label {n}"\ndescription = "\U0001F512{text}"\n'
             'sharing.print = {{ verdict = "allowed", why = "Fine." }}\n')
    size = len(label.format(n=0, text="0" * 4000).encode())
    draft = tmp_path / "wide.toml"
    with open(draft, "w", encoding="utf-8") as f:
        f.write('[scheme]\nid = "x"\nversion = 1\nname = "X"\norganisation = "X"\n')
        for n in range(toml_shape.MAX_BYTES // (size + 10)):
            f.write(label.format(n=n, text=f"{n:08d}" * 500))
    result = labeler_measured("scheme", "validate", draft)
    assert result["code"] == 1
    assert "refused while reading: its labels would keep more than 48 MB in memory" in result["stderr"]
    assert result["peak_mb"] < MEMORY_LIMIT_MB, result["peak_mb"]


def test_a_download_larger_than_a_scheme_may_be_is_refused_unread(tmp_path):
    from labeler.org.distribution import MAX_SCHEME_BYTES, FetchError, fetch

    big = tmp_path / "scheme.toml"
    with open(big, "wb") as f:
        f.truncate(toml_shape.MAX_BYTES + 1)  # sparse
    assert MAX_SCHEME_BYTES == toml_shape.MAX_BYTES
    with pytest.raises(FetchError, match=re.escape(f"{big} is larger than 48.0 MB, too large to be a scheme.")):
        fetch(str(big))


def test_equal_values_are_shared():
    scheme = parse_scheme(repeated_scheme(400).encode(), "big.toml")
    rules = {id(label.sharing) for label in scheme.labels}
    texts = {id(label.descriptions) for label in scheme.labels}
    assert len(rules) <= 10 and len(texts) <= 10  # one per distinct label of the built-in scheme
    assert len(pickle.dumps(scheme)) < len(repeated_scheme(400).encode()) / 10


# -- the compiled copy is trusted only with this installation's key -------------------------------

def compiled_copy(folder: Path, text: str) -> Path:
    compiled.parse_cached(text.encode(), "s.toml", folder)
    [path] = folder.glob(f"{compiled.PREFIX}*{compiled.SUFFIX}")
    return path


def test_a_compiled_copy_made_elsewhere_is_not_trusted(tmp_path):
    genuine = repeated_scheme(12)
    lax = genuine.replace('verdict = "forbidden"', 'verdict = "allowed"')
    ours = compiled_copy(tmp_path / "ours", genuine)
    theirs = compiled_copy(tmp_path / "theirs", lax)  # another installation: another key
    ours.write_bytes(theirs.read_bytes())  # swapped in under the genuine scheme's name
    assert compiled.load(ours) is None
    scheme = compiled.parse_cached(genuine.encode(), "s.toml", tmp_path / "ours")
    assert scheme == parse_scheme(genuine.encode(), "s.toml") != compiled.load(theirs)
    assert compiled.load(ours) == scheme  # written again, genuine


def test_a_copy_renamed_to_another_schemes_name_is_not_trusted(tmp_path):
    folder = tmp_path / "cache"
    genuine = repeated_scheme(12)
    lax_path = compiled_copy(folder, genuine.replace('verdict = "forbidden"', 'verdict = "allowed"'))
    genuine_path = compiled.cache_path(folder, genuine.encode())
    lax_path.rename(genuine_path)  # same installation key, but made for other bytes
    assert compiled.load(genuine_path) is None
    assert compiled.parse_cached(genuine.encode(), "s.toml", folder) == parse_scheme(genuine.encode(), "s.toml")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_key_others_can_read_is_not_used(tmp_path):
    folder = tmp_path / "cache"
    path = compiled_copy(folder, CORPORATE)
    (folder / compiled.KEY_FILE).chmod(0o644)
    assert compiled.load(path) is None and compiled.installation_key(folder) is None
    path.unlink()
    assert compiled.parse_cached(CORPORATE.encode(), "s.toml", folder).labels  # parsed; nothing cached
    assert not list(folder.glob(f"{compiled.PREFIX}*"))


class _Call:
    """Pickles as a call of `function` with `args`."""

    def __init__(self, function, *args):
        self.reduced = (function, args)

    def __reduce__(self):
        return self.reduced


@pytest.mark.parametrize("function", [os.system, parse_scheme, compiled.store])
def test_the_unpickler_calls_no_function_even_with_a_good_hmac(tmp_path, function):
    folder = tmp_path / "cache"
    path = compiled_copy(folder, CORPORATE)
    key = compiled.installation_key(folder)
    assert key is not None
    payload = pickle.dumps(_Call(function, "touch " + str(tmp_path / "ran")))
    with open(path, "wb") as f:
        f.write(compiled.CACHE_FORMAT + compiled._mac(key, path, payload) + payload)
    assert compiled.load(path) is None and not (tmp_path / "ran").exists()
