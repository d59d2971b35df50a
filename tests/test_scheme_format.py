"""The scheme file format (docs/scheme.md): every validation rule names the line and the field."""
from __future__ import annotations

import pytest

from policy import (ALLOWED, CHANNELS, CONDITIONAL, FORBIDDEN, LocalText, SchemeError, channel,
                    load_builtin, parse_scheme)
from policy.hints import DEFAULT_RULES, HintRule
from policy.locate import Locator, format_path, parse_path

CHANNEL_IDS = ("email-internal", "email-partner", "email-external", "collaboration", "personal-cloud",
               "removable-media", "print", "chat")

HEADER = """\
[scheme]
id = "acme"
version = 2
name = "Acme"
organisation = "Acme Inc."
internal_domains = ["acme.example", "acme.be"]
partner_domains = ["friend.example"]
default_label = "open"
must_label = [".DOCX", ".pdf"]
"""


def sharing(**overrides) -> str:
    """A [labels.sharing] block with one rule per channel; overrides replace a channel's inline table."""
    lines = ["[labels.sharing]"]
    for c in CHANNEL_IDS:
        body = overrides.get(c.replace("-", "_"), 'verdict = "allowed", why = "Fine."')
        if body is not None:
            lines.append(f"{c} = {{ {body} }}")
    return "\n".join(lines) + "\n"


def label(label_id="open", extra="", share=None, name=None):
    name = name or label_id.title()
    return f"""
[[labels]]
id = "{label_id}"
color = "#00AA00"
name = {{ en = "{name}", nl = "{name} nl", fr = "{name} fr" }}
description = {{ en = "d", nl = "d", fr = "d" }}
{extra}
{share if share is not None else sharing()}"""


def good(*labels_text) -> str:
    return HEADER + "".join(labels_text or (label("open"), label("closed")))


def refused(text: str, source="acme.toml") -> SchemeError:
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text.encode("utf-8"), source)
    return caught.value


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    """The 1-based line of the nth line containing `fragment`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    return hits[nth - 1]


def assert_problem(error: SchemeError, line: int, field: str, words: str):
    wanted = f"line {line}, {field}: "
    matching = [p for p in error.problems if p.startswith(wanted)]
    assert matching, f"no problem {wanted!r} in {error.problems}"
    assert any(words in p for p in matching), (words, matching)
    detail = next(d for d in error.details if d.field == field and d.line == line)
    assert words in detail.text


# --- the built-ins -------------------------------------------------------------------

@pytest.mark.parametrize("name", ["corporate", "tlp"])
def test_builtins_are_complete(name):
    scheme = load_builtin(name)
    assert scheme.organisation and scheme.tips and scheme.hint_rules
    for lab in scheme.labels:
        assert set(lab.names) >= {"en", "nl", "fr"} and set(lab.descriptions) >= {"en", "nl", "fr"}
        assert lab.handling is not None and set(lab.handling) >= {"en", "nl", "fr"}
        assert [r.channel for r in lab.rules()] == list(CHANNEL_IDS)
        for rule in lab.rules():
            assert set(rule.why) >= {"en", "nl", "fr"}, (lab.id, rule.channel)
            if rule.condition is not None:
                assert set(rule.condition) >= {"en", "nl", "fr"}
            if rule.instead is not None:
                assert set(rule.instead) >= {"en", "nl", "fr"}
    for tip in scheme.tips:
        assert set(tip) >= {"en", "nl", "fr"}
    # More sensitive never shares more freely on any channel.
    order = {ALLOWED: 0, CONDITIONAL: 1, FORBIDDEN: 2}
    for lower, higher in zip(scheme.labels, scheme.labels[1:]):
        for c in CHANNEL_IDS:
            assert order[lower.rule(c).verdict] <= order[higher.rule(c).verdict], (lower.id, higher.id, c)


def test_corporate_sharing_rules():
    scheme = load_builtin()
    assert scheme.internal_domains == ("example.com", "example.be")
    assert scheme.default_label_id == "internal" and scheme.default_label.id == "internal"
    assert {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".pdf"} <= scheme.must_label
    assert scheme.must_be_labelled("/tmp/Report.DOCX") and not scheme.must_be_labelled("notes.txt")
    assert [l.justify_downgrade for l in scheme.labels] == [False, False, True, True]
    conf = scheme.label("confidential")
    assert conf.rule("email-internal").verdict == ALLOWED
    partner = conf.rule("email-partner")
    assert partner.verdict == CONDITIONAL and partner.encrypted_only
    assert "encrypted mail only" in partner.condition_text()
    assert conf.rule("email-external").verdict == FORBIDDEN
    assert conf.rule("personal-cloud").verdict == FORBIDDEN
    assert conf.rule("removable-media").condition_text() == "encrypted USB only"
    assert conf.rule("print").verdict == CONDITIONAL and conf.rule("collaboration").allowed
    external = scheme.label("internal").rule("email-external")
    assert external.max_attachment_kb == 30 and "30 KB" in external.condition_text()
    assert "30 Ko" in external.condition_text("fr") and "30 kB" in external.condition_text("nl")
    assert conf.markings.text("header", "nl") == "VERTROUWELIJK"
    assert conf.handling_advice("fr").startswith("Partagez-le")
    assert scheme.hint_rules == DEFAULT_RULES
    with pytest.raises(KeyError, match="public, internal"):
        scheme.label("secret")
    with pytest.raises(KeyError, match="not a sharing channel"):
        conf.rule("fax")


def test_tlp_follows_tlp_2_0():
    scheme = load_builtin("tlp")
    assert [l.name() for l in scheme.labels] == [
        "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"]
    assert [l.color for l in scheme.labels] == ["#FFFFFF", "#33FF00", "#FFC000", "#FFC000", "#FF2B2B"]
    assert scheme.find("tlp:amber+strict").id == "amber-strict"
    red, strict, amber = scheme.label("red"), scheme.label("amber-strict"), scheme.label("amber")
    assert all(red.rule(c).forbidden for c in CHANNEL_IDS if c != "print")
    assert strict.rule("email-partner").forbidden and amber.rule("email-partner").conditional
    assert scheme.label("green").rule("personal-cloud").forbidden
    assert all(r.allowed for r in scheme.label("clear").rules())
    assert scheme.default_label_id is None


# --- channels, texts, e-mail ----------------------------------------------------------

def test_channels():
    assert tuple(c.id for c in CHANNELS) == CHANNEL_IDS
    assert channel("print").name("nl") == "Afdrukken"
    assert channel("chat").names.get_text("fr-BE").startswith("Chat")
    with pytest.raises(KeyError, match="email-internal"):
        channel("fax")


def test_local_text():
    text = LocalText({"en": "Hello", "nl": "Hallo"})
    assert text.get_text("nl-BE") == "Hallo" and text.get_text("fr") == "Hello"
    assert text == {"en": "Hello", "nl": "Hallo"} and hash(text) == hash(LocalText(dict(text)))
    assert LocalText("Hi") == {"en": "Hi"} and str(text) == "Hello"
    with pytest.raises(AttributeError):
        text.x = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        text["fr"] = "Bonjour"  # type: ignore[index]


def test_channel_for_email():
    scheme = parse_scheme(good().encode(), "acme.toml")
    assert scheme.channel_for_email("jan@acme.example") == "email-internal"
    assert scheme.channel_for_email("Jan Peeters <jan@mail.ACME.be>") == "email-internal"
    assert scheme.channel_for_email("x@friend.example") == "email-partner"
    assert scheme.channel_for_email("x@eu.friend.example") == "email-partner"
    assert scheme.channel_for_email("x@notacme.example") == "email-external"
    assert scheme.channel_for_email("x@gmail.com") == "email-external"
    assert scheme.channel_for_email("no address") == "email-external"
    assert scheme.must_label == frozenset({".docx", ".pdf"})


def test_most_specific_domain_wins():
    text = good().replace('partner_domains = ["friend.example"]', 'partner_domains = ["ext.acme.example"]')
    scheme = parse_scheme(text.encode(), "acme.toml")
    assert scheme.channel_for_email("a@ext.acme.example") == "email-partner"
    assert scheme.channel_for_email("a@int.acme.example") == "email-internal"


# --- sublabels -------------------------------------------------------------------------

SUBLABELS = """
[[labels.sublabels]]
id = "closed-hr"
name = { en = "HR", nl = "HR nl", fr = "RH" }
description = { en = "d", nl = "d", fr = "d" }
[labels.sublabels.sharing]
print = { verdict = "forbidden", why = "Never print HR files." }

[[labels.sublabels]]
id = "closed-finance"
color = "#123456"
justify_downgrade = false
name = { en = "Finance", nl = "Financiën", fr = "Finances" }
description = { en = "d", nl = "d", fr = "d" }
"""


def test_sublabels_inherit_their_parents_rules():
    parent_share = sharing(chat='verdict = "conditional", condition = "company chat", why = "w"')
    text = HEADER + label("open") + label("closed", extra="justify_downgrade = true\nhandling = \"Care.\"",
                                          share=parent_share) + SUBLABELS + label("top")
    scheme = parse_scheme(text.encode(), "acme.toml")
    assert [l.id for l in scheme.labels] == ["open", "closed", "closed-hr", "closed-finance", "top"]
    assert [l.rank for l in scheme.labels] == [0, 1, 1, 1, 2]
    hr, finance, closed = scheme.label("closed-hr"), scheme.label("closed-finance"), scheme.label("closed")
    assert hr.parent == "closed" and closed.parent is None and hr.is_sublabel
    assert hr.rule("print").forbidden and closed.rule("print").allowed
    assert hr.rule("chat") == closed.rule("chat") and hr.rule("chat").condition_text() == "company chat"
    assert [r.channel for r in hr.rules()] == list(CHANNEL_IDS)
    assert hr.color == closed.color and finance.color == "#123456"
    assert hr.justify_downgrade and not finance.justify_downgrade
    assert hr.handling_advice() == "Care."
    assert hr.display_name() == "Closed › HR" and hr.display_name("fr") == "Closed fr › RH"
    assert closed.display_name() == "Closed"
    assert scheme.find("Closed › HR") is hr and scheme.find("rh") is hr
    assert scheme.sublabels("closed") == (hr, finance)
    assert scheme.rank_of("closed-hr") == scheme.rank_of("closed")


def test_sublabel_problems_name_their_path():
    text = HEADER + label("open") + label("closed") + SUBLABELS.replace(
        'id = "closed-finance"', 'id = "open"').replace(
        'print = { verdict', 'fax = { verdict')
    error = refused(text)
    assert_problem(error, line_of(text, "fax = "), "labels[1].sublabels[0].sharing.fax", "unknown channel")
    assert_problem(error, line_of(text, 'id = "open"', 2), "labels[1].sublabels[1].id",
                   "'open' is already the id of labels[0]")


def test_sublabels_cannot_nest():
    text = HEADER + label("open") + SUBLABELS + """
[[labels.sublabels.sublabels]]
id = "deeper"
"""
    error = refused(text)
    assert_problem(error, line_of(text, "[[labels.sublabels.sublabels]]"),
                   "labels[0].sublabels[1].sublabels", "unknown key")


# --- every validation rule names line and field ---------------------------------------

def test_message_form():
    text = good(label("open"), label("closed", share=sharing(print='verdict = "maybe", why = "w"')))
    error = refused(text, source="corporate.toml")
    line = line_of(text, "print = ", 2)
    assert error.message == (f"corporate.toml, line {line}, labels[1].sharing.print.verdict: "
                             f"'maybe' is not one of allowed, conditional, forbidden")
    assert error.details[0].line == line and error.details[0].field == "labels[1].sharing.print.verdict"


def test_header_table_form_is_located_too():
    share = sharing(print=None) + """
[labels.sharing.print]
why = "w"
verdict = "maybe"
"""
    text = good(label("open"), label("closed", share=share))
    error = refused(text)
    assert_problem(error, line_of(text, 'verdict = "maybe"'), "labels[1].sharing.print.verdict", "'maybe'")


def test_unknown_keys_everywhere():
    text = (HEADER + "colour = 1\n" + label("open", extra='tint = "x"',
                                            share=sharing(chat='verdict = "allowed", why = "w", note = "x"'))
            + "\n[[tips]]\ntext = \"t\"\nweight = 2\n\n[[hints]]\ndetectors = [\"iban\"]\nrecommend = \"open\"\n"
              "min = 1\n\n[surprise]\nx = 1\n")
    error = refused(text)
    assert_problem(error, line_of(text, "colour = 1"), "scheme.colour", "unknown key")
    assert_problem(error, line_of(text, "tint = "), "labels[0].tint", "unknown key")
    assert_problem(error, line_of(text, "chat = "), "labels[0].sharing.chat.note", "unknown key")
    assert_problem(error, line_of(text, "weight = 2"), "tips[0].weight", "unknown key")
    assert_problem(error, line_of(text, "min = 1"), "hints[0].min", "unknown key")
    assert_problem(error, line_of(text, "[surprise]"), "surprise", "unknown key (allowed at the top")


def test_unknown_key_in_markings_and_mappings():
    extra = ('[labels.markings]\nheader = "H"\nbanner = "B"\n\n'
             '[labels.tscp]\nidentifier = "u"\nname = "n"\nlevel = "1"\n')
    text = good(label("open", share=sharing() + "\n" + extra))
    error = refused(text)
    assert_problem(error, line_of(text, "banner = "), "labels[0].markings.banner", "unknown key")
    assert_problem(error, line_of(text, "level = "), "labels[0].tscp.level", "unknown key")


def test_missing_channel_for_a_top_level_label_is_defaulted_with_a_warning():
    text = good(label("open", share=sharing(removable_media=None, print='verdict = "forbidden", why = "No."')),
                label("closed"))
    scheme = parse_scheme(text.encode(), "acme.toml")
    rule = scheme.label("open").rule("removable-media")
    assert rule.forbidden and "no rule for this channel" in rule.why_text()
    (warning,) = scheme.warnings
    assert (warning.field, warning.line) == ("labels[0].sharing", line_of(text, "[labels.sharing]"))
    assert "'removable-media'" in warning.text and "(forbidden)" in warning.text
    assert not scheme.label("closed").rule("removable-media").forbidden  # named: kept as written


def test_a_label_needs_at_least_one_rule():
    text = good(label("open", share="[labels.sharing]\n"))
    error = refused(text)
    assert_problem(error, line_of(text, "[labels.sharing]"), "labels[0].sharing",
                   "needs a rule for at least one channel")


def test_missing_sharing_table():
    text = good(label("open", share=""))
    error = refused(text)
    assert_problem(error, line_of(text, "[[labels]]"), "labels[0].sharing", "is missing")


def test_unknown_channel():
    text = good(label("open", share=sharing() + 'fax = { verdict = "allowed", why = "w" }\n'))
    error = refused(text)
    assert_problem(error, line_of(text, "fax = "), "labels[0].sharing.fax", "unknown channel (channels: email-internal")


def test_conditional_needs_a_condition():
    text = good(label("open", share=sharing(print='verdict = "conditional", why = "w"')))
    error = refused(text)
    assert_problem(error, line_of(text, "print = "), "labels[0].sharing.print.condition", "is missing")


def test_condition_only_on_conditional_rules():
    text = good(label("open", share=sharing(
        chat='verdict = "forbidden", condition = "c", why = "w"',
        print='verdict = "allowed", encrypted_only = true, why = "w"')))
    error = refused(text)
    assert_problem(error, line_of(text, "chat = "), "labels[0].sharing.chat.condition",
                   "only a conditional rule")
    assert_problem(error, line_of(text, "print = "), "labels[0].sharing.print.encrypted_only",
                   "only a conditional rule")


def test_max_attachment_only_for_email():
    text = good(label("open", share=sharing(
        print='verdict = "conditional", condition = "c", max_attachment_kb = 30, why = "w"',
        email_external='verdict = "conditional", condition = "c", max_attachment_kb = 0, why = "w"')))
    error = refused(text)
    assert_problem(error, line_of(text, "print = "), "labels[0].sharing.print.max_attachment_kb",
                   "only for e-mail channels")
    assert_problem(error, line_of(text, "email-external = "), "labels[0].sharing.email-external.max_attachment_kb",
                   "0 is out of range")


def test_why_is_required_and_one_line():
    text = good(label("open", share=sharing(
        print='verdict = "allowed"',
        chat='verdict = "allowed", why = { en = "one\\ntwo" }',
        collaboration='verdict = "allowed", why = { nl = "alleen nl" }')))
    error = refused(text)
    assert_problem(error, line_of(text, "print = "), "labels[0].sharing.print.why", "is missing")
    assert_problem(error, line_of(text, "chat = "), "labels[0].sharing.chat.why.en", "must be one line")
    assert_problem(error, line_of(text, "collaboration = "), "labels[0].sharing.collaboration.why.en",
                   "English is required")


def test_localized_text_types():
    text = good(label("open", extra='handling = 3\n', share=sharing(
        chat='verdict = "allowed", why = { en = "w", "nl_BE" = "x" }')))
    error = refused(text)
    assert_problem(error, line_of(text, "handling = 3"), "labels[0].handling", "must be a string (English) or a table")
    assert_problem(error, line_of(text, "chat = "), "labels[0].sharing.chat.why.nl_BE", "not a language code")


def test_names_need_english_only():
    text = good(label("open").replace('nl = "Open nl", ', ""))
    assert parse_scheme(text.encode(), "acme.toml").label("open").name("nl") == "Open"
    text = good(label("open").replace('{ en = "Open", ', "{ "))
    error = refused(text)
    assert_problem(error, line_of(text, "name = {"), "labels[0].name.en", "English is required")


def test_duplicate_ids_and_names_across_sublabels():
    text = good(label("open"), label("closed") + SUBLABELS.replace('en = "HR"', 'en = "Open"'))
    error = refused(text)
    assert_problem(error, line_of(text, 'en = "Open"', 2), "labels[1].sublabels[0].name.en",
                   "'Open' is already the id or a name of labels[0]")


def test_default_label_must_exist():
    text = good().replace('default_label = "open"', 'default_label = "secret"')
    error = refused(text)
    assert_problem(error, line_of(text, "default_label"), "scheme.default_label", "'secret' is not a label id")


def test_hint_recommend_must_exist():
    text = (good() + '\n[[hints]]\ndetectors = ["iban"]\nrecommend = "open"\n'
            '\n[[hints]]\ndetectors = "iban"\nmin_count = 0\nrecommend = "nope"\n')
    error = refused(text)
    assert_problem(error, line_of(text, 'recommend = "nope"'), "hints[1].recommend", "'nope' is not a label id")
    assert_problem(error, line_of(text, "min_count = 0"), "hints[1].min_count", "out of range")


def test_hints_and_tips_are_read():
    text = good() + ('\n[[hints]]\ndetectors = ["iban", "nl-bsn"]\nmin_count = 2\nrecommend = "closed"\n'
                     '\n[[tips]]\ntext = "Think first."\n\n[[tips]]\ntext = { en = "A", nl = "B" }\n')
    scheme = parse_scheme(text.encode(), "acme.toml")
    assert scheme.hint_rules == (HintRule(("iban", "nl-bsn"), 2, "closed"),)
    assert [t.get_text("nl") for t in scheme.tips] == ["Think first.", "B"]


def test_default_hint_rules_are_filtered_to_the_schemes_labels():
    text = good(label("internal"), label("confidential")).replace('default_label = "open"', "")
    scheme = parse_scheme(text.encode(), "acme.toml")
    assert {r.label_id for r in scheme.hint_rules} == {"internal", "confidential"}
    assert scheme.hint_rules == tuple(r for r in DEFAULT_RULES if r.label_id != "strictly-confidential")


def test_domains_and_extensions():
    text = HEADER.replace('["acme.example", "acme.be"]', '["acme.example", "x@acme.be", 7]').replace(
        'partner_domains = ["friend.example"]', 'partner_domains = ["acme.example"]').replace(
        'must_label = [".DOCX", ".pdf"]', 'must_label = ["docx", ".pdf", ".pdf"]') + label("open")
    error = refused(text)
    line = line_of(text, "internal_domains")
    assert_problem(error, line, "scheme.internal_domains[1]", "'x@acme.be' is not valid")
    assert_problem(error, line, "scheme.internal_domains[2]", "must be a string")
    assert_problem(error, line_of(text, "must_label"), "scheme.must_label[0]", "with its dot")
    assert_problem(error, line_of(text, "must_label"), "scheme.must_label[2]", "listed twice")


def test_partner_domain_cannot_be_internal():
    text = good().replace('partner_domains = ["friend.example"]', 'partner_domains = ["acme.be"]')
    error = refused(text)
    assert_problem(error, line_of(text, "partner_domains"), "scheme.partner_domains[0]", "also an internal domain")


def test_scheme_header_rules():
    text = HEADER.replace("version = 2", "version = 0").replace('organisation = "Acme Inc."\n', "") + label("open")
    error = refused(text)
    assert_problem(error, line_of(text, "version = 0"), "scheme.version", "out of range")
    assert_problem(error, 1, "scheme.organisation", "is missing")


def test_wrong_types_for_tables():
    text = HEADER + label("open", share='sharing = "all"\n').replace(
        "\nsharing", "justify_downgrade = \"yes\"\nsharing")
    error = refused(text)
    assert_problem(error, line_of(text, "justify_downgrade"), "labels[0].justify_downgrade", "true or false")
    assert_problem(error, line_of(text, 'sharing = "all"'), "labels[0].sharing", "must be a table")


def test_multiline_strings_do_not_confuse_the_locator():
    text = HEADER.replace('name = "Acme"', 'name = """Acme\n[[labels]]\nid = "fake"\n"""') + label(
        "open", share=sharing(print='verdict = "nope", why = "w"'))
    error = refused(text)
    assert_problem(error, line_of(text, "print = "), "labels[0].sharing.print.verdict", "'nope'")


def test_toml_syntax_error_has_a_line():
    text = good().replace('version = 2', 'version = = 2')
    error = refused(text)
    assert error.message.startswith(f"acme.toml, line {line_of(text, 'version')}: not valid TOML")


def test_locator_paths():
    assert parse_path('labels[2].sharing."a.b".x[3]') == ("labels", 2, "sharing", "a.b", "x", 3)
    assert format_path(("labels", 2, "sharing", "a.b")) == 'labels[2].sharing."a.b"'
    text = 'a = { b = { c = 1 } }\n[[t]]\n[[t.u]]\nv = [\n  1,\n  { w = 2 },\n]\n[[t]]\nq.r = 1\n'
    loc = Locator(text)
    assert loc.line_of("a.b.c") == 1 and loc.line_of("t[0].u[0].v[1].w") == 6
    assert loc.line_of("t[1].q.r") == 9 and loc.line_of("t[1].missing") == 8 and loc.line_of("zz") is None


def test_the_documented_example_loads():
    import re
    from conftest import REPO

    doc = (REPO / "docs" / "scheme.md").read_text("utf-8")
    example = re.search(r"## A complete example\s+```toml\n(.*?)```", doc, re.S).group(1)
    scheme = parse_scheme(example.encode(), "docs/scheme.md")
    hr = scheme.label("confidential-hr")
    assert hr.display_name() == "Confidential › HR" and hr.rank == 1 and hr.justify_downgrade
    assert hr.rule("print").forbidden and hr.rule("email-partner").encrypted_only
    assert scheme.label("internal").rule("email-external").max_attachment_kb == 30
