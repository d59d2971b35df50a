"""Detectors of sensitive content: validated identifiers and keyword lists.

Every identifier detector validates what a regular expression proposes, so a
random run of digits is not reported.  The validation itself -- the IBAN
registry (countries, lengths, BBAN structure) and mod 97, Luhn, the Belgian
national register and BIS numbers, the Dutch 11-test -- comes from
python-stdnum, which follows the registries' changes; this module only finds candidates in text and adds the few
plausibility filters a detector needs beyond validity (a card's issuer
prefix, a Belgian serial number that is never issued).  Detectors return
*counts* only: the matched values never leave this module, so they cannot
end up in a log, a report or the command line's output.

Identifiers are counted as distinct values (an IBAN repeated in every page
footer is one IBAN); keywords are counted as occurrences.

Detector ids are stable strings: they appear in --json output and in the
scheme's hint rules.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from stdnum import iban as _stdnum_iban
from stdnum import luhn as _stdnum_luhn
from stdnum import numdb as _stdnum_numdb
from stdnum.be import ssn as _stdnum_be_ssn
from stdnum.nl import bsn as _stdnum_nl_bsn

from policy.messages import join_list

from labeler.languages import N_plural, translation

IBAN = "iban"
PAYMENT_CARD = "payment-card"
BE_NATIONAL_REGISTER = "be-national-register"
NL_BSN = "nl-bsn"
EMAIL = "email"
KEYWORD_CONFIDENTIAL = "keyword:confidential-marking"
KEYWORD_PERSONAL_HR = "keyword:personal-hr"

# Order of the evidence sentence: identifiers first, then markings.
DETECTOR_IDS = (BE_NATIONAL_REGISTER, NL_BSN, PAYMENT_CARD, IBAN, EMAIL, KEYWORD_CONFIDENTIAL,
                KEYWORD_PERSONAL_HR)

_Span = tuple[int, int, str]  # start, end, normalised value (never leaves this module)

# -- IBAN ------------------------------------------------------------------------------------


def _iban_lengths() -> dict[str, int]:
    """Country code -> IBAN length, from python-stdnum's copy of the SWIFT IBAN registry.

    The registry gives each country's BBAN structure ("3!n7!n2!n" for Belgium): the IBAN is the
    country code, two check digits and the BBAN.
    """
    lengths = {}
    for _, country, _, props, _ in _stdnum_numdb.get("iban").prefixes:
        parts = re.findall(r"([1-9][0-9]*)!([nac])", props.get("bban", ""))
        if len(country) == 2 and parts:
            lengths[country.upper()] = 4 + sum(int(n) for n, _ in parts)
    return lengths


# Used to cut a candidate out of the text; validity itself is stdnum's call.
IBAN_LENGTHS = _iban_lengths()

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2})(\d{2})")
_SPACES = " \u00a0\u202f"


def iban_valid(candidate: str) -> bool:
    """A registered country, its length and BBAN structure, and mod 97 (python-stdnum).

    stdnum's country-specific checks (a Belgian account's own check digits and bank code, and
    the like for Spain, Montenegro, Norway) are left out on purpose: they make a Belgian IBAN
    about 2.7 times as expensive to validate (38 against 14 microseconds; on a 1 MB list of
    IBANs, bench/bench_detectors.py, find_all takes about twice as long) for a gain in
    precision of almost nothing once mod 97 and the structure hold, and a bank code newer than
    the installed stdnum would hide a real IBAN.
    """
    iban = "".join(c for c in candidate if c not in _SPACES + "-").upper()
    if len(iban) < 5 or not iban.isascii() or not iban.isalnum():
        return False
    if IBAN_LENGTHS.get(iban[:2]) != len(iban):  # cheap refusal before stdnum's full check
        return False
    return _stdnum_iban.is_valid(iban, check_country=False)


def _iban_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    last_end = 0
    for m in _IBAN_START.finditer(text):
        if m.start() < last_end:
            continue
        length = IBAN_LENGTHS.get(m.group(1).upper())
        if length is None:
            continue
        # Take exactly `length` characters, allowing one space between groups of four.
        chars = [m.group(1).upper(), m.group(2)]
        count, i = 4, m.end()
        while count < length and i < len(text):
            c = text[i]
            if c in _SPACES and count % 4 == 0 and i + 1 < len(text) and text[i + 1].isalnum():
                i += 1
                continue
            if not (c.isascii() and c.isalnum()):
                break
            chars.append(c.upper())
            count += 1
            i += 1
        if count != length or (i < len(text) and text[i].isascii() and text[i].isalnum()):
            continue
        value = "".join(chars)
        if iban_valid(value):
            spans.append((m.start(), i, value))
            last_end = i
    return spans


# -- payment cards ---------------------------------------------------------------------------

_CARD = re.compile(r"(?<![\w.,/-])(\d{13,19}|\d{4}(?:[ -]\d{3,6}){2,4})(?![\w]|[.,/-]\d)")
_MAESTRO_PREFIXES = ("5018", "5020", "5038", "5893", "6304", "6759", "6761", "6762", "6763")


def luhn_valid(digits: str) -> bool:
    return digits.isdigit() and _stdnum_luhn.is_valid(digits)


def card_brand(digits: str) -> str | None:
    """The card scheme an issuer prefix (IIN) and length belong to, if plausible."""
    n = len(digits)
    if digits.startswith("6703") and 16 <= n <= 19:
        return "bancontact"
    if digits[0] == "4" and n in (13, 16, 19):
        return "visa"
    if n == 16 and ("51" <= digits[:2] <= "55" or "2221" <= digits[:4] <= "2720"):
        return "mastercard"
    if n == 15 and digits[:2] in ("34", "37"):
        return "amex"
    if 13 <= n <= 19 and digits.startswith(_MAESTRO_PREFIXES):
        return "maestro"
    return None


def card_valid(candidate: str) -> bool:
    digits = re.sub(r"[ -]", "", candidate)
    return (digits.isdigit() and 13 <= len(digits) <= 19 and len(set(digits)) > 1
            and card_brand(digits) is not None and luhn_valid(digits))


def _card_spans(text: str) -> list[_Span]:
    spans = []
    for m in _CARD.finditer(text):
        if card_valid(m.group(1)):
            spans.append((m.start(1), m.end(1), re.sub(r"[ -]", "", m.group(1))))
    return spans


# -- Belgian national register number --------------------------------------------------------

_NRN = re.compile(
    r"(?<![\w.,/-])("
    r"\d{11}"                                   # 85073003328
    r"|\d{2}\.\d{2}\.\d{2}[- ]?\d{3}[.\- ]?\d{2}"  # 85.07.30-033.28
    r"|\d{6}[- ]\d{3}[.\- ]?\d{2}"                 # 850730-033-28
    r")(?![\w]|[.,/-]\d)")


def be_national_register_valid(candidate: str) -> bool:
    """A national register number or a BIS number (month + 20 / + 40), as python-stdnum checks them.

    Beyond validity, two plausibility filters: a serial of 000 or 999 (never issued) and a day above
    31 (stdnum reads it as "day unknown") are refused, because runs of eleven digits in tables pass
    the check digits by chance one time in 97 (bench/bench_detectors.py finds one in its 1 MB text).
    """
    digits = re.sub(r"[.\- ]", "", candidate)
    if len(digits) != 11 or not digits.isdigit() or digits[6:9] in ("000", "999") or int(digits[4:6]) > 31:
        return False
    return _stdnum_be_ssn.is_valid(digits)


def _nrn_spans(text: str) -> list[_Span]:
    return [(m.start(1), m.end(1), re.sub(r"\D", "", m.group(1))) for m in _NRN.finditer(text)
            if be_national_register_valid(m.group(1))]


# -- Dutch BSN -------------------------------------------------------------------------------

_BSN = re.compile(r"(?<![\w.,/-])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3}[. ]\d{3}[. ]\d{3})(?![\w]|[.,/-]\d)")


def nl_bsn_valid(candidate: str) -> bool:
    """The 11-test (python-stdnum); exactly nine digits, as a BSN is written in a document."""
    digits = re.sub(r"[. ]", "", candidate)
    if len(digits) != 9 or not digits.isdigit():
        return False
    return _stdnum_nl_bsn.is_valid(digits)


def _bsn_spans(text: str) -> list[_Span]:
    return [(m.start(1), m.end(1), re.sub(r"\D", "", m.group(1))) for m in _BSN.finditer(text)
            if nl_bsn_valid(m.group(1))]


# -- e-mail ----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])([A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24})(?![\w-]|\.[A-Za-z0-9])")


def _email_spans(text: str) -> list[_Span]:
    spans = []
    for m in _EMAIL.finditer(text):
        value = m.group(1)
        if ".." not in value:
            spans.append((m.start(1), m.end(1), value.lower()))
    return spans


# -- keywords --------------------------------------------------------------------------------

# Written as people write them; matching ignores case and accents.
KEYWORDS: dict[str, dict[str, tuple[str, ...]]] = {
    KEYWORD_CONFIDENTIAL: {
        "en": ("confidential", "strictly confidential", "highly confidential", "private and confidential",
               "secret", "top secret", "do not distribute", "not for distribution"),
        "nl": ("vertrouwelijk", "strikt vertrouwelijk", "zeer vertrouwelijk", "geheim", "strikt geheim",
               "niet verspreiden", "niet voor verspreiding"),
        "fr": ("confidentiel", "confidentielle", "strictement confidentiel", "strictement confidentielle",
               "secret", "ne pas diffuser", "diffusion restreinte"),
    },
    KEYWORD_PERSONAL_HR: {
        "en": ("salary", "salaries", "payroll", "payslip", "pay slip", "medical", "medical record",
               "sick leave", "diagnosis", "performance review", "disciplinary", "dismissal"),
        "nl": ("loon", "lonen", "salaris", "salarissen", "loonstrook", "loonfiche", "loonbrief", "medisch",
               "medische", "ziekteverlof", "ziekmelding", "diagnose", "functioneringsgesprek",
               "beoordelingsgesprek", "ontslag"),
        "fr": ("salaire", "salaires", "fiche de paie", "fiche de salaire", "bulletin de paie",
               "bulletin de salaire", "médical", "médicale", "médicaux", "certificat médical",
               "congé maladie", "arrêt maladie", "diagnostic", "licenciement", "évaluation annuelle"),
    },
}

_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents: "Médical" and "MEDICAL" both become "medical"."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def _keyword_pattern(words) -> re.Pattern:
    folded = sorted({fold(w) for w in words}, key=len, reverse=True)  # longest phrase wins
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in folded)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


_KEYWORD_PATTERNS = {category: _keyword_pattern(w for words in langs.values() for w in words)
                     for category, langs in KEYWORDS.items()}


def count_keywords(text: str, category: str, *, folded: bool = False) -> int:
    """Occurrences of the category's words (any language), ignoring case and accents."""
    return sum(1 for _ in _KEYWORD_PATTERNS[category].finditer(text if folded else fold(text)))


# -- public counting functions ---------------------------------------------------------------

def _distinct(spans: list[_Span]) -> int:
    return len({value for _, _, value in spans})


def count_iban(text: str) -> int:
    return _distinct(_iban_spans(text))


def count_payment_cards(text: str) -> int:
    return _distinct(_card_spans(text))


def count_be_national_register(text: str) -> int:
    return _distinct(_nrn_spans(text))


def count_nl_bsn(text: str) -> int:
    return _distinct(_bsn_spans(text))


def count_emails(text: str) -> int:
    return _distinct(_email_spans(text))


def count_confidential_markings(text: str) -> int:
    return count_keywords(text, KEYWORD_CONFIDENTIAL)


def count_personal_hr(text: str) -> int:
    return count_keywords(text, KEYWORD_PERSONAL_HR)


DETECTORS: dict[str, Callable[[str], int]] = {
    IBAN: count_iban,
    PAYMENT_CARD: count_payment_cards,
    BE_NATIONAL_REGISTER: count_be_national_register,
    NL_BSN: count_nl_bsn,
    EMAIL: count_emails,
    KEYWORD_CONFIDENTIAL: count_confidential_markings,
    KEYWORD_PERSONAL_HR: count_personal_hr,
}


def _mask(text: str, spans: list[_Span]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for start, end, _ in sorted(spans):
        if start < pos:
            continue
        parts += [text[pos:start], " " * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def find_all(text: str) -> dict[str, int]:
    """Every detector's count over `text`; only detectors that found something.

    Identifiers are found in a fixed order and each match is blanked out for
    the following detectors, so the digits of an IBAN are never also taken
    for a card or a national number.
    """
    findings: dict[str, int] = {}
    for detector_id, spans_of in ((IBAN, _iban_spans), (EMAIL, _email_spans), (PAYMENT_CARD, _card_spans),
                                  (BE_NATIONAL_REGISTER, _nrn_spans), (NL_BSN, _bsn_spans)):
        spans = spans_of(text)
        if spans:
            findings[detector_id] = _distinct(spans)
            text = _mask(text, spans)
    folded = fold(text)
    for category in (KEYWORD_CONFIDENTIAL, KEYWORD_PERSONAL_HR):
        n = count_keywords(folded, category, folded=True)
        if n:
            findings[category] = n
    return findings


# -- evidence in words -----------------------------------------------------------------------

# (singular, plural) in English; `describe` translates them through the catalogue.
PHRASES: dict[str, tuple[str, str]] = {
    IBAN: N_plural("{n} IBAN number", "{n} IBAN numbers"),
    PAYMENT_CARD: N_plural("{n} payment card number", "{n} payment card numbers"),
    BE_NATIONAL_REGISTER: N_plural("{n} national register number", "{n} national register numbers"),
    NL_BSN: N_plural("{n} Dutch citizen service number (BSN)", "{n} Dutch citizen service numbers (BSN)"),
    EMAIL: N_plural("{n} e-mail address", "{n} e-mail addresses"),
    KEYWORD_CONFIDENTIAL: N_plural("{n} confidentiality marking", "{n} confidentiality markings"),
    KEYWORD_PERSONAL_HR: N_plural("{n} mention of salary, health or HR matters",
                                  "{n} mentions of salary, health or HR matters"),
}


def describe(findings: dict[str, int], lang: str = "en") -> str:
    """The evidence in words: "2 IBAN numbers, 1 national register number and 1 payment card number"."""
    translated = translation(lang)
    ordered = [d for d in DETECTOR_IDS if findings.get(d)] + sorted(
        d for d in findings if d not in DETECTOR_IDS and findings[d])
    parts = []
    for detector_id in ordered:
        n = findings[detector_id]
        if detector_id in PHRASES:
            # The catalogue's plural rule: French takes the singular for 0 and 1, English and Dutch only for 1.
            parts.append(translated.ngettext(*PHRASES[detector_id], n).format(n=n))
        else:
            parts.append(f"{n} × {detector_id}")
    return join_list(parts, lang) if parts else translated.gettext("nothing sensitive found")
