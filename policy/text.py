"""Texts in several languages: `LocalText`.

A scheme file gives a localized field either as a plain string (English) or
as a table `{ en = "...", nl = "...", fr = "..." }`.  Look-ups fall back from
a regional code to its language and then to English: "nl-BE" -> "nl" -> "en".
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping

DEFAULT_LANGUAGE = "en"


class LocalText(Mapping[str, str]):
    """An immutable mapping language code -> text, with `get_text(lang)` falling back to English."""

    __slots__ = ("_texts", "_hash")
    _texts: dict[str, str]
    _hash: int | None

    def __init__(self, texts: Mapping[str, str] | str | None = None, /, **more: str) -> None:
        if isinstance(texts, str):
            texts = {DEFAULT_LANGUAGE: texts}
        items = dict(texts or {})
        items.update(more)
        for lang, text in items.items():
            if not isinstance(lang, str) or not isinstance(text, str):
                raise TypeError(f"LocalText maps language codes to strings, not {lang!r}: {text!r}")
        if not items:
            raise ValueError("a LocalText needs at least one text (normally English)")
        object.__setattr__(self, "_texts", items)
        object.__setattr__(self, "_hash", None)

    @classmethod
    def of(cls, value: LocalText | Mapping[str, str] | str) -> LocalText:
        """`value` as a LocalText (a plain string is English)."""
        return value if isinstance(value, LocalText) else cls(value)

    def get_text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The text in `lang` ("nl-BE" falls back to "nl"), else English, else any."""
        lang = (lang or DEFAULT_LANGUAGE).replace("_", "-")
        for candidate in (lang, lang.split("-")[0], DEFAULT_LANGUAGE):
            if candidate in self._texts:
                return self._texts[candidate]
        return next(iter(self._texts.values()))

    # --- Mapping ----------------------------------------------------------

    def __getitem__(self, lang: str) -> str:
        return self._texts[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        if self._hash is None:
            value = hash(frozenset(self._texts.items()))
            object.__setattr__(self, "_hash", value)
            return value
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalText):
            return self._texts == other._texts
        if isinstance(other, Mapping):
            return self._texts == dict(other)
        return NotImplemented

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("LocalText is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("LocalText is immutable")

    def __reduce__(self):
        return (LocalText, (dict(self._texts),))

    def __str__(self) -> str:
        return self.get_text(DEFAULT_LANGUAGE)

    def __repr__(self) -> str:
        return f"LocalText({self._texts!r})"

    def to_json(self) -> dict[str, str]:
        return dict(self._texts)
