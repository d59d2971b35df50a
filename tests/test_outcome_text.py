"""Failures are told in the interface language, not only in the core's English."""
from __future__ import annotations



from labeler.core.service import LabelService
from policy import load_builtin
from ui.i18n import set_language
from ui.outcome_text import SENTENCES, outcome_sentence


def test_failure_sentences_follow_the_interface_language(qapp, sample):
    outcome = LabelService(load_builtin()).show(sample("encrypted.docx"))
    assert outcome.kind == "encrypted"
    try:
        set_language("nl")
        assert outcome_sentence(outcome) == ("encrypted.docx is met een wachtwoord beveiligd; het label kan "
                                             "zonder het wachtwoord niet gelezen of gewijzigd worden.")
        set_language("fr")
        assert outcome_sentence(outcome).startswith("encrypted.docx est protégé par un mot de passe")
    finally:
        set_language("en")
    assert outcome_sentence(outcome) == outcome.message  # English keeps the core's specific sentence


def test_every_error_kind_of_the_core_has_a_sentence():
    from formats import errors
    from labeler.core import service

    kinds = {v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)}
    kinds |= {service.INTERNAL, service.JUSTIFICATION_REQUIRED}
    assert kinds <= set(SENTENCES), kinds - set(SENTENCES)
