"""The site's own words (widget labels, table headers, status lines) in the page's language.

Every literal passed to `_t` here and in the other site_hooks modules is collected into
the package's gettext catalogue (site_hooks/i18n_catalog.py), so one .po file holds
every text a Chinese page shows. `MESSAGES` are the texts the browser scripts show;
each page carries them in its language (see `messages_json`).
"""

from __future__ import annotations

import json

from calculators._i18n import translate


def _t(text: str, lang: str) -> str:
    """`text` in `lang` (English is the msgid itself)."""
    return translate(text, lang)


def page_lang(config_language: str) -> str:
    """The package language for a build whose theme language is `config_language`."""
    return "zh" if config_language.lower().startswith("zh") else "en"


def _m(text: str) -> str:
    """Mark a browser message for the catalogue (translated in `messages_json`)."""
    return text


# Keys are what assets/js/messages.mjs asks for; {name} placeholders are filled there.
MESSAGES = {
    "status.static": _m(
        "Results computed when this page was built. The live calculator starts when you "
        "scroll to it."
    ),
    "status.loading": _m(
        "Loading Python in your browser: {stage} ({percent}%). The numbers shown were "
        "computed when this page was built."
    ),
    "status.ready": _m("Live: results update as you type."),
    "status.deferred": _m(
        "Live calculator: {size}, starts when you change a value. The numbers shown were "
        "computed when this page was built."
    ),
    "status.error": _m(
        "{message} The numbers shown are the last ones computed; your inputs are kept."
    ),
    "stage.starting": _m("Starting the Python runtime"),
    "stage.snapshot": _m("Downloading Python with the calculators preloaded"),
    "stage.restoring": _m("Restoring Python"),
    "stage.runtime": _m("Downloading the Python runtime"),
    "stage.package": _m("Loading the calculators"),
    "stage.fallback": _m("Snapshot unusable; starting Python normally"),
    "error.download": _m(
        "The Python runtime did not start: it could not be downloaded, or took too long."
    ),
    "error.load": _m("The Python runtime could not be loaded."),
    "error.unreadable": _m("The Python runtime sent an unreadable answer."),
    "error.stopped": _m("The Python runtime stopped unexpectedly."),
    "error.silent": _m("The Python runtime stopped responding."),
    "copied.link": _m("Link copied."),
    "copied.embed": _m("Embed code copied."),
    "copy.manual": _m("Copy this: "),
    "views.unknown": _m("Ignored unknown names: {names}."),
    "tokenizer.failed-load": _m("The tokenizer did not load."),
    "tokenizer.partial": _m(
        "Your text has {total} characters: only the first {limit} are tokenized."
    ),
    "tokenizer.held": _m(
        "The box shows those; the whole text is kept on this page (Copy your whole text)."
    ),
    "tokenizer.working": _m("Tokenizing…"),
    "tokenizer.failed": _m("The tokenizer failed: {error}"),
    "tokenizer.done": _m("Tokenized with {encoding}."),
    "tokenizer.copied": _m("Copied your whole text ({count} characters)."),
    "tokenizer.copy-refused": _m(
        "Your browser did not allow copying; the text is still kept here."
    ),
    "tokenizer.loading": _m("Loading the tokenizer…"),
    "value.missing": _m("n/a"),
    "table.scrolls": _m("Table (scrolls sideways)"),
    "search.label": _m("Search"),
}


def messages_json(lang: str) -> str:
    """The browser messages in `lang`, as JSON text safe inside a <template>."""
    text = json.dumps(
        {key: _t(value, lang) for key, value in MESSAGES.items()},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
