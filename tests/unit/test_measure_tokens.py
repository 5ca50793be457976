"""Characters per token: the build-time measurement is tiktoken's own count.

tiktoken is a build and test tool, never a dependency of the package: inside Pyodide
this module is skipped.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path
from typing import Any

import pytest

tiktoken = pytest.importorskip("tiktoken")
ROOT = Path(__file__).resolve().parents[2]


def _measure_tokens() -> Any:
    # Not tests.support.load_hook_module: that module imports the site build, and this
    # file must import inside Pyodide too (where it is skipped).
    spec = importlib.util.spec_from_file_location(
        "measure_tokens", ROOT / "site_hooks" / "measure_tokens.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


measure_tokens = _measure_tokens()
FIXED = "Tokens measure text volume, not value. 你好，世界！ <|endoftext|> 🇫🇷"


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_measurement_equals_tiktoken_counts_for_a_fixed_text(encoding: str) -> None:
    encoder = measure_tokens.local_encoding(encoding)
    assert isinstance(encoder, tiktoken.Encoding)
    assert encoder.name == encoding
    measured = measure_tokens.measure_text(FIXED, encoding)
    assert measured["characters"] == len(FIXED)
    assert measured["tokens"] == len(encoder.encode_ordinary(FIXED))
    assert measured["chars_per_token"] == round(len(FIXED) / measured["tokens"], 4)
    assert encoder.decode(encoder.encode_ordinary(FIXED)) == FIXED


def test_pinned_counts_for_a_fixed_text() -> None:
    # Counted once with tiktoken 0.14.0; a change of ranks or library shows up here.
    assert measure_tokens.measure_text("Hello, world!", "o200k_base")["tokens"] == 4
    assert measure_tokens.measure_text("Hello, world!", "cl100k_base")["tokens"] == 4
    assert measure_tokens.measure_text("你好，世界！", "cl100k_base")["tokens"] == len(
        measure_tokens.local_encoding("cl100k_base").encode_ordinary("你好，世界！")
    )


def test_rank_files_are_openais_by_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    # The npm package's .tiktoken files hash to what tiktoken pins for OpenAI's originals.
    pinned: dict[str, str] = {}

    def record(url: str, expected_hash: str | None = None) -> dict[bytes, int]:
        pinned[url.rsplit("/", 1)[1]] = expected_hash or ""
        raise LookupError("recorded")

    openai_public = measure_tokens.openai_public
    monkeypatch.setattr(openai_public, "load_tiktoken_bpe", record)
    for name in ("o200k_base", "cl100k_base"):
        with pytest.raises(LookupError):
            openai_public.ENCODING_CONSTRUCTORS[name]()
    assert set(pinned) == {"o200k_base.tiktoken", "cl100k_base.tiktoken"}
    for filename, expected in pinned.items():
        content = (measure_tokens.RANKS_DIR / filename).read_bytes()
        assert hashlib.sha256(content).hexdigest() == expected
