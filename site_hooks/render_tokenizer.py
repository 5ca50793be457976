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

from calculators._data import load

ENCODINGS = (
    ("o200k_base", "o200k_base (GPT-4o and later)"),
    ("cl100k_base", "cl100k_base (GPT-4, GPT-3.5)"),
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


def chars_per_token_table() -> str:
    """The measured characters per token (calculators/data/chars_per_token.json)."""
    data = load("chars_per_token.json")
    rows = "".join(
        f"<tr><td>{escape(row['label'])}<br><small>{escape(row['files'])}</small></td>"
        f"<td>{escape(row['encoding'])}</td><td>{row['characters']:,}</td>"
        f"<td>{row['tokens']:,}</td><td>{row['chars_per_token']:.2f}</td></tr>"
        for row in data["measured"]
    )
    caption = f"Characters per token, measured with {data['tool']} ({data['as_of']})"
    return (
        f'<div class="data-table"><table><caption>{escape(caption)}</caption><thead><tr>'
        "<th>Text</th><th>Encoding</th><th>Characters</th><th>Tokens</th>"
        f"<th>Characters per token</th></tr></thead><tbody>{rows}</tbody></table></div>"
    )


def tokenizer_html(instance: int) -> str:
    samples = load("token_samples.json")["samples"]
    prefix = f"tok-{instance}"
    options = "".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in ENCODINGS
    )
    buttons = "".join(
        f'<button type="button" class="tokenizer-sample" data-sample="{escape(key)}">'
        f"{escape(sample['label'])}</button>"
        for key, sample in samples.items()
    )
    sample_templates = "".join(
        f'<template data-sample-text="{escape(key)}">{escape(sample["text"])}</template>'
        for key, sample in samples.items()
    )
    outputs = (
        ("token_count", "Tokens"),
        ("char_count", "Characters"),
        ("chars_per_token", "Characters per token"),
        ("cost_usd", "Cost at that price"),
    )
    output_html = "".join(
        f'<div class="calc-output"><dt>{escape(label)}</dt>'
        f'<dd data-output="{name}" data-value="">…</dd></div>'
        for name, label in outputs
    )
    english = escape(samples["en"]["text"])
    return f"""<section class="tokenizer" data-tokenizer data-max-characters="{MAX_CHARACTERS}"
 aria-labelledby="{prefix}-title">
<h2 class="calc-title" id="{prefix}-title">See your text as tokens</h2>
{sample_templates}
<form class="tokenizer-form" novalidate>
<label for="{prefix}-text">Your text</label>
<textarea id="{prefix}-text" name="text" rows="6" spellcheck="false">{english}</textarea>
<div class="tokenizer-samples">Try: {buttons}</div>
<div class="tokenizer-settings">
<div><label for="{prefix}-encoding">Encoding</label>
<select id="{prefix}-encoding" name="encoding">{options}</select></div>
<div><label for="{prefix}-price">Price per million tokens (USD)</label>
<input id="{prefix}-price" name="price_per_million_tokens" type="text" inputmode="decimal"
 value="{DEFAULT_PRICE}"></div>
</div>
</form>
<p class="tokenizer-status" role="status" aria-live="polite">The tokenizer loads when you
 scroll to it.</p>
<button type="button" class="tokenizer-sample" data-action="copy-text" hidden>Copy your whole
 text</button>
<dl class="calc-outputs tokenizer-outputs">{output_html}</dl>
<p class="tokenizer-legend">Each coloured piece is one token (or the few tokens one
 character needs); hover over a piece for its token id. Spaces show as ·, tabs as →,
 line breaks as ↵.</p>
<div class="tokenizer-pieces" data-pieces role="region" aria-label="Your text split into tokens"
 tabindex="0"></div>
</section>"""
