"""The tokenizer widget's markup, and the gpt-tokenizer files the site serves.

The marker ``<!-- tokenizer -->`` becomes a form (text, encoding, price) and empty
outputs; assets/js/tokenizer.mjs fills them from a module worker running
gpt-tokenizer. Only the files that worker imports are copied into the build.
"""

from __future__ import annotations

import re
import shutil
from html import escape
from pathlib import Path

from ui_text import _m, _t

from calculators._data import load, measured_chars_per_token

ENCODINGS = (
    ("o200k_base", _m("o200k_base (GPT-4o and later)")),
    ("cl100k_base", _m("cl100k_base (GPT-4, GPT-3.5)")),
)
MAX_CHARACTERS = 20_000
DEFAULT_PRICE = "2.50"  # GPT-4o's input price per million tokens (llm-prices.com, 2025)
VENDOR_NAME = "gpt-tokenizer"
# The worker imports these; every module they import in turn is copied with them.
ENTRY_MODULES = ("GptEncoding.js", *(f"bpeRanks/{name}.js" for name, _ in ENCODINGS))
_IMPORT = re.compile(
    r"""(?:import|export)\s*(?:[^"';]*?\sfrom\s*)?["'](\.[^"']+)["']"""
    r"""|import\(\s*["'](\.[^"']+)["']\s*\)"""
)


def served_files(package: Path) -> list[str]:
    """The ES modules of gpt-tokenizer's esm/ tree the worker can reach, relative to it."""
    root = (package / "esm").resolve()
    todo, seen = list(ENTRY_MODULES), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = (root / name).read_text("utf-8")
        for match in _IMPORT.finditer(text):
            target = (root / name).parent / (match[1] or match[2])
            todo.append(target.resolve().relative_to(root).as_posix())
    return sorted(seen)


def copy_vendor(package: Path, destination: Path) -> None:
    """Copy the served modules and the MIT licence into ``destination``."""
    for name in served_files(package):
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(package / "esm" / name, target)
    shutil.copyfile(package / "LICENSE", destination / "LICENSE")


def chars_per_token_table(lang: str = "en") -> str:
    """The measured characters per token (calculators/data/chars_per_token.json)."""
    data = load("chars_per_token.json")
    rows = "".join(
        f"<tr><td>{escape(_t(row['label'], lang))}<br><small>{escape(row['files'])}</small></td>"
        f"<td>{escape(row['encoding'])}</td><td>{row['characters']:,}</td>"
        f"<td>{row['tokens']:,}</td><td>{row['chars_per_token']:.2f}</td></tr>"
        for row in data["measured"]
    )
    caption = _t("Characters per token, measured with {tool} ({date})", lang).format(
        tool=_t(data["tool"], lang), date=data["as_of"]
    )
    headers = (
        _m("Text"),
        _m("Encoding"),
        _m("Characters"),
        _m("Tokens"),
        _m("Characters per token"),
    )
    head = "".join(f"<th>{escape(_t(h, lang))}</th>" for h in headers)
    return (
        f'<div class="data-table"><table><caption>{escape(caption)}</caption><thead><tr>'
        f"{head}</tr></thead><tbody>{rows}</tbody></table></div>"
    )


STATIC_STATUS = _m("The tokenizer loads when you scroll to it.")
LEGEND = _m(
    "Each coloured piece is one token (or the few tokens one character needs); hover over "
    "a piece for its token id. Spaces show as ·, tabs as →, line breaks as ↵."
)


WHY_CHINESE = _m("Why does Chinese text need more tokens in older encodings?")
WHY_CHINESE_TEXT = _m(
    "These encodings work on bytes: a Chinese character takes three bytes in UTF-8, an "
    "English letter one. The older encoding (cl100k_base, used by GPT-4 and GPT-3.5) learnt "
    "its vocabulary mostly from English text, so it holds few Chinese pieces and splits "
    "many characters into two or more tokens: our Chinese sample runs at {zh_cl100k} "
    "characters per token there. The newer one (o200k_base, GPT-4o and later) has twice "
    "the vocabulary, with many common Chinese characters and words, and runs at {zh_o200k}. "
    "This site's English prose runs at about {en_o200k} characters per token."
)


def why_chinese_html(lang: str) -> str:
    """Why Chinese costs more tokens per character, with the build's measured ratios."""

    def ratio(text: str, encoding: str) -> str:
        return f"{measured_chars_per_token(text, encoding)['chars_per_token']:.2f}"

    body = _t(WHY_CHINESE_TEXT, lang).format(
        zh_cl100k=ratio("zh", "cl100k_base"),
        zh_o200k=ratio("zh", "o200k_base"),
        en_o200k=ratio("en", "o200k_base"),
    )
    shown = " open" if lang == "zh" else ""  # the Chinese edition's readers pay this
    return (
        f'<details class="tokenizer-why"{shown}><summary>{escape(_t(WHY_CHINESE, lang))}</summary>'
        f"<p>{escape(body)}</p></details>"
    )


def tokenizer_html(instance: int, lang: str = "en") -> str:
    samples = load("token_samples.json")["samples"]
    prefix = f"tok-{instance}"
    options = "".join(
        f'<option value="{escape(value)}">{escape(_t(label, lang))}</option>'
        for value, label in ENCODINGS
    )
    buttons = "".join(
        f'<button type="button" class="tokenizer-sample" data-sample="{escape(key)}">'
        f"{escape(_t(sample['label'], lang))}</button>"
        for key, sample in samples.items()
    )
    sample_templates = "".join(
        f'<template data-sample-text="{escape(key)}">{escape(sample["text"])}</template>'
        for key, sample in samples.items()
    )
    outputs = (
        ("token_count", _m("Tokens")),
        ("char_count", _m("Characters")),
        ("chars_per_token", _m("Characters per token")),
        ("cost_usd", _m("Cost at that price")),
    )
    output_html = "".join(
        f'<div class="calc-output"><dt>{escape(_t(label, lang))}</dt>'
        f'<dd data-output="{name}" data-value="">…</dd></div>'
        for name, label in outputs
    )
    copy_text = escape(_t("Copy your whole text", lang))
    # Each edition starts from the sample in its own language.
    first = escape(samples["zh" if lang == "zh" else "en"]["text"])
    return f"""<section class="tokenizer" data-tokenizer data-max-characters="{MAX_CHARACTERS}"
 aria-labelledby="{prefix}-title">
<h2 class="calc-title" id="{prefix}-title">{escape(_t("See your text as tokens", lang))}</h2>
{sample_templates}
<form class="tokenizer-form" novalidate>
<label for="{prefix}-text">{escape(_t("Your text", lang))}</label>
<textarea id="{prefix}-text" name="text" rows="6" spellcheck="false">{first}</textarea>
<div class="tokenizer-samples">{escape(_t("Try:", lang))} {buttons}</div>
<div class="tokenizer-settings">
<div><label for="{prefix}-encoding">{escape(_t("Encoding", lang))}</label>
<select id="{prefix}-encoding" name="encoding">{options}</select></div>
<div><label for="{prefix}-price">{escape(_t("Price per million tokens (USD)", lang))}</label>
<input id="{prefix}-price" name="price_per_million_tokens" type="text" inputmode="decimal"
 value="{DEFAULT_PRICE}"></div>
</div>
</form>
<p class="tokenizer-status" role="status" aria-live="polite">{escape(_t(STATIC_STATUS, lang))}</p>
<button type="button" class="tokenizer-sample" data-action="copy-text" hidden>{copy_text}</button>
<dl class="calc-outputs tokenizer-outputs">{output_html}</dl>
<p class="tokenizer-legend">{escape(_t(LEGEND, lang))}</p>
{why_chinese_html(lang)}
<div class="tokenizer-pieces" data-pieces role="region"
 aria-label="{escape(_t("Your text split into tokens", lang))}" tabindex="0"></div>
</section>"""
