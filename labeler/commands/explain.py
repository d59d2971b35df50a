"""`labeler explain LABEL [--lang nl] [--json]`: what a label means, channel by channel.

Prints the label's name, description and handling advice, then one line per
sharing channel (e-mail inside the organisation, to partners, to anyone
else, collaboration space, personal cloud, removable media, print, chat):
allowed, allowed with conditions, or not allowed, with the reason and what
to do instead, in the chosen language.
"""
from __future__ import annotations

import sys

from labeler import languages
from labeler.commands.common import EXIT_OK, UsageError, load_scheme, print_json

SYMBOLS = {"allowed": "✔", "conditional": "◐", "forbidden": "✘"}


def _verdict_words(_) -> dict[str, str]:
    """The command's own words for a verdict; texts from the scheme come in the same language."""
    return {"allowed": _("allowed"), "conditional": _("with conditions"), "forbidden": _("not allowed")}


def register(sub) -> None:
    help_text = "Explain what a label means for each way of sharing a document."
    p = sub.add_parser("explain", help=help_text, description=help_text)
    p.add_argument("label", metavar="LABEL", help="the label's id or name, e.g. confidential")
    p.add_argument("--lang", choices=languages.codes(), default=languages.DEFAULT,
                   help="language of the explanation")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")
    p.set_defaults(func=run)


def explanation(scheme, label, lang: str) -> dict:
    """The label's meaning as JSON-ready data, texts in `lang`."""
    from policy.channels import CHANNELS

    words = _verdict_words(languages.translation(lang).gettext)
    channels = []
    for channel in CHANNELS:
        rule = label.sharing.get(channel.id)
        if rule is None:
            continue
        channels.append({
            "channel": channel.id, "name": channel.name(lang), "verdict": rule.verdict,
            "verdict_text": words[rule.verdict], "condition": rule.condition_text(lang),
            "why": rule.why_text(lang), "instead": rule.instead_text(lang),
            "max_attachment_kb": rule.max_attachment_kb, "encrypted_only": rule.encrypted_only,
        })
    parent = scheme.find(label.parent) if label.parent else None
    return {
        "scheme": {"id": scheme.id, "version": scheme.version, "name": scheme.name},
        "lang": lang,
        "label": {"id": label.id, "name": label.name(lang), "display_name": label.display_name(lang),
                  "rank": label.rank, "parent": label.parent,
                  "parent_name": parent.name(lang) if parent else None, "color": label.color,
                  "description": label.description(lang), "handling": label.handling_advice(lang),
                  "justify_downgrade": label.justify_downgrade},
        "channels": channels,
    }


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def render(data: dict) -> str:
    _ = languages.translation(data["lang"]).gettext
    label = data["label"]
    lines = [f"{label['display_name']}  [{label['id']}]"]
    if label["parent_name"]:
        lines.append(_("Sublabel of {parent}").format(parent=label["parent_name"]))
    lines.append(label["description"])
    if label["handling"]:
        lines += ["", _("Handling: {advice}").format(advice=label["handling"])]
    if label["justify_downgrade"]:
        lines.append(_("Lowering or removing this label needs a justification."))
    lines += ["", _("Sharing:")]
    for item in data["channels"]:
        verdict = item["verdict_text"]
        if item["verdict"] == "conditional":
            details = [item["condition"]] if item["condition"] else []
            if item["max_attachment_kb"] and not item["condition"]:
                details.append(_("attachments up to {kb} KB").format(kb=item["max_attachment_kb"]))
            if details:
                # TRANSLATORS: a verdict and its conditions; French puts a space before the colon.
                verdict = _("{verdict}: {details}").format(verdict=verdict, details="; ".join(details))
        # TRANSLATORS: one line per sharing channel, e.g. "Print: allowed. Anyone may read it."
        line = _("{channel}: {verdict} {why}").format(channel=item["name"], verdict=_sentence(verdict),
                                                      why=_sentence(item["why"]))
        if item["instead"]:
            line += " " + _("Instead: {what}").format(what=_sentence(item["instead"]))
        lines.append(f"  {SYMBOLS[item['verdict']]} {line}")
    return "\n".join(lines)


def run(args) -> int:
    scheme = load_scheme(args)
    label = scheme.find(args.label)
    if label is None:
        raise UsageError(f"explain: {args.label!r} is not a label of {scheme.name}; labels: "
                         f"{', '.join(l.id for l in scheme.labels)}.")
    data = explanation(scheme, label, args.lang)
    if args.json:
        print_json(data)
    else:
        try:
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
        print(render(data))
    return EXIT_OK
