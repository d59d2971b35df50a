"""Content hints: the detectors with real validation, the rules, and validation by python-stdnum.

Text extraction from real files is in test_hints_extract.py, `labeler suggest` in test_hints_cli.py.
"""
from __future__ import annotations

import dataclasses

import pytest

from labeler.hints import detectors as d
from policy.hints import DEFAULT_RULES, HintRule, recommend
from tests.hints_support import (BSN, IBAN_BE, IBAN_FR, IBAN_NL, NRN, NRN_2000, fmt_nrn, luhn_complete,
                                 make_nrn)
# Still importable from here (test_cli_basics imports the docx maker with the numbers).
from tests.hints_support import SOFFICE, make_bsn, make_docx  # noqa: F401


# -- detectors -------------------------------------------------------------------------------

@pytest.mark.parametrize("iban", [IBAN_BE, IBAN_NL, IBAN_FR, IBAN_BE.replace(" ", ""), IBAN_NL.replace(" ", ""),
                                  "DE89 3704 0044 0532 0130 00", "GB29 NWBK 6016 1331 9268 19"])
def test_valid_ibans(iban):
    assert d.iban_valid(iban)
    assert d.count_iban(f"Please pay to {iban}. Thanks") == 1
    assert d.count_iban(f"IBAN:{iban}\n") == 1


@pytest.mark.parametrize("text", [
    "BE72 0961 2345 6769",            # check digits wrong
    "BE71 0961 2345 6768",            # one digit changed
    "NL91 ABNA 0417 1643 01",
    "BE71 0961 2345 67",              # too short for Belgium
    "XX71 0961 2345 6769",            # no such country
    "BE71 0961 2345 67691",           # too long
    "ZBE71096123456769",              # inside a longer word
])
def test_invalid_ibans(text):
    assert d.count_iban(text) == 0


def test_iban_distinct_values_counted_once_and_neighbours_ignored():
    text = f"{IBAN_BE} ABCD\n{IBAN_BE.replace(' ', '')}\n{IBAN_NL} and {IBAN_FR}"
    assert d.count_iban(text) == 3


def test_payment_cards():
    visa = "4111 1111 1111 1111"
    assert d.count_payment_cards(f"card {visa} exp 12/29") == 1
    assert d.count_payment_cards("4111-1111-1111-1111") == 1
    assert d.count_payment_cards("4111111111111111") == 1
    assert d.count_payment_cards("5555 5555 5555 4444") == 1       # Mastercard test number
    assert d.count_payment_cards("3782 822463 10005") == 1          # Amex test number
    bancontact = luhn_complete("670312345678901")
    assert d.card_brand(bancontact) == "bancontact"
    assert d.count_payment_cards(bancontact) == 1
    maestro = luhn_complete("675912345678901")
    assert d.count_payment_cards(maestro) == 1


@pytest.mark.parametrize("text", [
    "4111 1111 1111 1112",          # Luhn fails
    "1234 5678 9012 3456",          # random 16 digits, no known issuer
    "4556 7375 8689 9854",          # plausible prefix, Luhn fails
    luhn_complete("999912345678901"),  # Luhn fine, no such issuer
    "0000 0000 0000 0000",
    "4111 1111 1111 1111 2222 3",   # longer digit run
])
def test_invalid_cards(text):
    assert d.count_payment_cards(text) == 0


def test_belgian_national_register_numbers():
    assert d.be_national_register_valid(NRN)
    assert d.be_national_register_valid(NRN_2000)
    assert d.count_be_national_register(f"RRN {fmt_nrn(NRN)} here") == 1
    assert d.count_be_national_register(f"nr {NRN}.") == 1
    assert d.count_be_national_register(f"born 2005: {fmt_nrn(NRN_2000)}") == 1
    bis = make_nrn(80, 1 + 40, 15, 201)  # BIS number: month + 40
    assert d.count_be_national_register(bis) == 1
    assert d.count_be_national_register(f"{fmt_nrn(NRN)} and again {NRN}") == 1


def test_invalid_national_register_numbers():
    wrong_check = NRN[:9] + f"{(int(NRN[9:]) % 97) + 1:02d}"
    assert not d.be_national_register_valid(wrong_check)
    assert d.count_be_national_register(fmt_nrn(wrong_check)) == 0
    assert d.count_be_national_register(make_nrn(85, 14, 30, 33)) == 0   # month 14
    assert d.count_be_national_register(make_nrn(85, 7, 30, 0)) == 0     # serial 000
    assert d.count_be_national_register("123456789012") == 0             # 12 digits


def test_dutch_bsn():
    assert d.nl_bsn_valid(BSN) and d.nl_bsn_valid("111222333")
    assert d.count_nl_bsn(f"BSN {BSN}") == 1
    assert d.count_nl_bsn(f"BSN {BSN[:4]}.{BSN[4:6]}.{BSN[6:]}") == 1
    assert d.count_nl_bsn("000000000") == 0
    assert d.count_nl_bsn("BSN 123456789") == 0        # fails the 11-test
    assert not d.nl_bsn_valid("012345678")              # a 9-digit phone number
    assert d.count_nl_bsn("tel 012 34 56 78") == 0
    assert d.count_nl_bsn("1234567890") == 0            # 10 digits


def test_emails():
    text = "Write to ann.peeters@example.be, or BOB+x@mail.example.co.uk; not me@localhost nor a@b.c nor x@@y.com"
    assert d.count_emails(text) == 2
    assert d.count_emails("Ann.Peeters@Example.be and ann.peeters@example.be") == 1


def test_keywords_in_three_languages_with_accents():
    assert d.count_confidential_markings("STRICTLY CONFIDENTIAL — do not forward") == 1
    assert d.count_confidential_markings("Strikt vertrouwelijk") == 1
    assert d.count_confidential_markings("Document confidentiel, strictement confidentielle") == 2
    assert d.count_confidential_markings("geheim") == 1
    assert d.count_confidential_markings("confidentiality policy, confidentially") == 0  # whole words only
    assert d.count_personal_hr("Fiche de paie et certificat MÉDICAL") == 2
    assert d.count_personal_hr("certificat medical (without accent)") == 1
    assert d.count_personal_hr("Loonstrook en medische gegevens") == 2
    assert d.count_personal_hr("Salaris\nSalary review") == 2
    assert d.count_personal_hr("the salaryman's payrolls") == 0


def test_find_all_masks_identifiers_for_other_detectors():
    # The FR IBAN's digits contain a 16-digit run; it must not also count as a card or a number.
    findings = d.find_all(f"{IBAN_FR}\n{IBAN_BE}")
    assert findings == {"iban": 2}
    assert d.find_all("nothing here at all") == {}


def test_describe_plurals_per_language():
    findings = {"iban": 2, "be-national-register": 1}
    assert d.describe(findings, "en") == "1 national register number and 2 IBAN numbers"
    assert d.describe(findings, "nl") == "1 rijksregisternummer en 2 IBAN-nummers"
    assert d.describe(findings, "fr") == "1 numéro de registre national et 2 numéros IBAN"
    assert d.describe({"email": 1}, "nl-BE") == "1 e-mailadres"
    assert d.describe({"email": 3}, "fr") == "3 adresses e-mail"
    assert d.describe({}, "fr") == "rien de sensible trouvé"
    assert d.describe({"future-detector": 4}, "en") == "4 × future-detector"
    assert d.describe({"iban": 1, "email": 1}, "fr") == "1 numéro IBAN et 1 adresse e-mail"
    assert set(d.PHRASES) == set(d.DETECTOR_IDS)  # every detector has its words (translated: test_languages)


@pytest.mark.parametrize("lang, joined", [("en", "1 payment card number, 1 IBAN number and 1 e-mail address"),
                                          ("nl", "1 betaalkaartnummer, 1 IBAN-nummer en 1 e-mailadres"),
                                          ("fr", "1 numéro de carte de paiement, 1 numéro IBAN et 1 adresse e-mail")])
def test_describe_joins_the_list_as_each_language_does(lang, joined):
    """"A, B and C": a comma between the first items, the language's "and" before the last, no serial comma."""
    assert d.describe({"iban": 1, "payment-card": 1, "email": 1}, lang) == joined


# -- rules -----------------------------------------------------------------------------------

def test_recommend_first_matching_rule_wins():
    assert recommend(DEFAULT_RULES, {}) == (None, ())
    assert recommend(DEFAULT_RULES, {"be-national-register": 1})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"be-national-register": 6, "nl-bsn": 4})[0] == "strictly-confidential"
    assert recommend(DEFAULT_RULES, {"iban": 1})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"keyword:personal-hr": 2})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"keyword:confidential-marking": 1})[0] == "confidential"
    assert recommend(DEFAULT_RULES, {"email": 19})[0] is None
    label, matched = recommend(DEFAULT_RULES, {"email": 25, "iban": 1})
    assert label == "confidential" and [r.label_id for r in matched] == ["confidential", "internal"]


def test_hint_rule_is_simple_validated_data():
    rule = HintRule(["iban", "nl-bsn"], 2, "confidential")
    assert rule.detectors == ("iban", "nl-bsn") and rule.count({"iban": 1, "nl-bsn": 1}) == 2
    assert hash(rule) == hash(HintRule(("iban", "nl-bsn"), 2, "confidential"))
    with pytest.raises(ValueError):
        HintRule((), 1, "x")
    with pytest.raises(ValueError):
        HintRule(("iban",), 0, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rule.min_count = 3


def test_default_rules_name_labels_of_the_builtin_scheme():
    from policy import load_builtin

    ids = {label.id for label in load_builtin().labels}
    assert {rule.label_id for rule in DEFAULT_RULES} <= ids


# -- validation by python-stdnum --------------------------------------------------------------

def iban_with_check_digits(country: str, bban: str) -> str:
    """`country` + the ISO 7064 mod 97-10 check digits + `bban`, whatever the BBAN means."""
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(numeric) % 97:02d}{bban}"


def test_iban_countries_and_lengths_come_from_the_registry():
    from stdnum import iban as stdnum_iban

    assert d.IBAN_LENGTHS["BE"] == 16 and d.IBAN_LENGTHS["NL"] == 18 and d.IBAN_LENGTHS["FR"] == 27
    # Oman joined the registry after the hand-kept table was written: found all the same.
    oman = iban_with_check_digits("OM", "018" + "0000001299123456")
    assert stdnum_iban.is_valid(oman) and d.IBAN_LENGTHS["OM"] == len(oman)
    assert d.count_iban(f"Transfer to {oman} please") == 1
    # Jersey, Guernsey and the Isle of Man use GB IBANs: their codes are no IBAN countries.
    for code in ("JE", "GG", "IM"):
        assert code not in d.IBAN_LENGTHS
        assert d.count_iban(iban_with_check_digits(code, "NWBK60161331926819")) == 0


def test_iban_structure_comes_from_the_registry():
    # Mod 97 holds, but a Dutch BBAN starts with a four-letter bank code.
    digits_for_bank = iban_with_check_digits("NL", "1234" + "0417164300")
    assert not d.iban_valid(digits_for_bank) and d.count_iban(digits_for_bank) == 0
    assert iban_with_check_digits("NL", "ABNA0417164300") == IBAN_NL.replace(" ", "")
    # Country-specific checks are not applied (docstring of iban_valid): mod 97 and the structure decide.
    assert d.count_iban(iban_with_check_digits("BE", "096123456768")) == 1


def test_belgian_bis_numbers_and_plausibility_filters():
    assert d.count_be_national_register(fmt_nrn(make_nrn(80, 1 + 20, 15, 201))) == 1  # BIS: month + 20
    assert d.count_be_national_register(make_nrn(80, 13 + 20, 15, 201)) == 0  # BIS month 13
    assert d.count_be_national_register(make_nrn(85, 7, 30, 999)) == 0  # serial 999 is never issued
    assert d.count_be_national_register(make_nrn(83, 21, 55, 794)) == 0  # day 55: digits that pass by chance
    assert d.count_be_national_register(make_nrn(85, 0, 0, 33)) == 1  # birth date unknown


def test_luhn_comes_from_stdnum_and_agrees_on_card_numbers():
    from stdnum import luhn

    for number in ("4111111111111111", "5555555555554444", "378282246310005", luhn_complete("670312345678901")):
        assert luhn.is_valid(number) and d.luhn_valid(number)
    assert not d.luhn_valid("4111111111111112") and not d.luhn_valid("4111 1111")
