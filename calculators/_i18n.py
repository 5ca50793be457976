"""Human text in the reader's language, from gettext catalogues in ``locale/``.

English is the source language: its messages are the msgids, so ``lang="en"``
returns every text unchanged. The compiled ``.mo`` files ship in the wheel, so
the same lookup works natively and inside Pyodide.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
DOMAIN = "calculators"
LOCALE_DIR = Path(__file__).parent / "locale"


def N_(text: str) -> str:  # noqa: N802 - gettext's conventional name for "mark, don't translate"
    """Mark a message for the catalogue; it is translated later, where it is shown."""
    return text


def check_language(lang: str) -> str:
    """`lang` itself, or ValueError naming the languages on offer.

    >>> check_language("zh")
    'zh'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return lang


@functools.cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue for `lang` (English needs none)."""
    if check_language(lang) == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
        return gettext.GNUTranslations(file)


def translate(text: str, lang: str) -> str:
    """`text` in `lang`; an untranslated or empty message stays as it is.

    >>> translate("Horizon", "en")
    'Horizon'
    """
    if not text or lang == DEFAULT_LANGUAGE:
        return text
    return catalogue(lang).gettext(text)


def rename(text: str, templates: tuple[str, ...], lang: str) -> str:
    """A generated name ("Person 3" from "Person {number}") in `lang`; other text unchanged.

    >>> rename("Person 3", ("Person {number}",), "en")
    'Person 3'
    """
    if lang == DEFAULT_LANGUAGE:
        return text
    for template in templates:
        head, _, tail = template.partition("{number}")
        middle = text[len(head) : len(text) - len(tail)]
        if text.startswith(head) and text.endswith(tail) and middle.isdigit():
            return say(lang, template, number=middle)
    return text


def say(lang: str, template: str, **params: object) -> str:
    """Translate a template with named placeholders, then fill them in.

    >>> say("en", "The project never pays back within {months} months.", months=36)
    'The project never pays back within 36 months.'
    """
    return translate(template, lang).format(**params)
