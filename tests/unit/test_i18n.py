"""The Chinese edition of the package: same numbers, Chinese words, English untouched."""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calculators
from calculators.__main__ import main
from calculators._fields import parse_number
from calculators._format import format_value, in_words
from calculators._i18n import catalogue, translate

from .strategies import hostile_mapping, valid_mapping

# Names and units a Chinese reader sees in Latin letters on purpose.
ALLOWED_LATIN = re.compile(
    r"GPU|FLOPs?|FLOP/s|CO₂e|gCO2e/kWh|token|KPI|MFU|PUE|TDP|IRR|API|JSON|"
    r"Spearman|NVIDIA|AMD|Google|TPU|Instinct|[A-Z]?\d+[A-Za-z]*|SXM\d?|GB|BF16|FP16|FP8|bf16|e\d+"
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _latin_left(text: str) -> str:
    return re.sub(r"[^A-Za-z]", "", ALLOWED_LATIN.sub("", text))


def _zh_text_ok(text: str) -> bool:
    return not _latin_left(text)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (2.5, "2.5"),
        (999.4, "999"),
        (9_994.0, "9,994"),
        (9_999.0, "1万"),  # three significant figures, as the English side
        (10_000.0, "1万"),
        (12_345.0, "1.23万"),
        (28_700_000.0, "2,870万"),
        (99_940_000.0, "9,990万"),  # three significant figures
        (99_995_000.0, "1亿"),  # 9999.5万 rounds into the next unit
        (1.2e8, "1.2亿"),
        (1e12, "1万亿"),
        (1.4e12, "1.4万亿"),
        (999.5e12, "1 × 10¹⁵"),  # past the words: scientific, as in English
        (-28_700_000.0, "-2,870万"),
    ],
)
def test_in_words_chinese(value: float, text: str) -> None:
    assert in_words(value, "zh") == text


@pytest.mark.parametrize(
    ("value", "style", "text"),
    [
        (80_100_000.0, "usd", "8,010万美元"),
        (-42_000.0, "usd", "-4.2万美元"),
        (0.1, "usd", "0.10美元"),
        (40_000.0, "usd", "4万美元"),
        (0.0482, "percent", "4.82%"),
        (12_345, "integer", "1.23万"),
        (9_993, "integer", "9,993"),
        (3.14e23, "scientific", "3.14 × 10²³"),
        (None, "usd", "无"),
        (1.234, "ratio", "1.23"),
    ],
)
def test_format_value_chinese(value: float | None, style: str, text: str) -> None:
    assert format_value(value, style, "zh") == text


def test_english_formatting_is_the_default() -> None:
    for value in (9_999.0, 28_700_000.0, 1.4e12, -5.0):
        assert in_words(value) == in_words(value, "en")
        assert format_value(value, "usd") == format_value(value, "usd", "en")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7000亿", 7e11),
        ("1.4万亿", 1.4e12),
        ("3万", 3e4),
        ("5千", 5e3),
        ("７０Ｂ", 7e10),
        ("４０％", 0.4),
        ("２，０００", 2000.0),
        ("１．５", 1.5),
        ("＄２．５０", 2.5),
        ("１．４万亿", 1.4e12),
        ("-2万", -2e4),
    ],
)
def test_parse_number_reads_chinese_writing(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", ["万", "亿万", "1万万", "1.2.3亿", "１e"])
def test_parse_number_refuses_broken_chinese_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="must"):
        parse_number(text)


def test_errors_name_the_field_by_its_chinese_label() -> None:
    result = calculators.run("roi", {"discount_rate": "lots", "horizon_months": "0"}, lang="zh")
    assert not result["ok"]
    messages = {error["field"]: error["message"] for error in result["errors"]}
    assert messages["discount_rate"] == "“贴现率”必须是数字（收到 'lots'）"
    assert messages["horizon_months"] == "“计算期”必须在 1 到 240 之间（收到 0）"
    english = calculators.run("roi", {"discount_rate": "lots"})["errors"][0]["message"]
    assert english == "'discount_rate' must be a number (got 'lots')"


def test_cross_field_errors_in_chinese() -> None:
    result = calculators.run("training_cost", {"params": "7B", "active_params": "8B"}, lang="zh")
    assert result["errors"][0]["message"].startswith("“激活参数”不能超过“参数量”")
    result = calculators.run("token_kpi", {"employees": "10000", "days": "10000"}, lang="zh")
    assert CJK.search(result["errors"][0]["message"])


def test_unknown_language() -> None:
    result = calculators.run("roi", {}, lang="fr")
    assert result == {
        "ok": False,
        "errors": [{"field": "lang", "message": "unknown language 'fr'; choose one of en, zh"}],
    }
    with pytest.raises(ValueError, match="unknown language"):
        calculators.schema("roi", lang="fr")


@pytest.mark.parametrize("name", calculators.names())
def test_english_is_the_default_language(name: str) -> None:
    assert calculators.schema(name) == calculators.schema(name, lang="en")
    for preset in [None, *calculators._CALCULATORS[name].PRESETS]:
        mapping = {} if preset is None else {"preset": preset}
        assert calculators.run(name, mapping) == calculators.run(name, mapping, lang="en")


@pytest.mark.parametrize("name", calculators.names())
def test_chinese_schema_keeps_every_name_and_value(name: str) -> None:
    english, chinese = calculators.schema(name), calculators.schema(name, lang="zh")
    assert CJK.search(chinese["title"])
    assert CJK.search(chinese["description"])
    for en_field, zh_field in zip(english["fields"], chinese["fields"], strict=True):
        kept = ("name", "kind", "default", "min", "max", "format", "slider", "shown_when")
        assert {k: en_field[k] for k in kept} == {k: zh_field[k] for k in kept}
        assert [c["value"] for c in en_field["choices"]] == [
            c["value"] for c in zh_field["choices"]
        ]
        assert _zh_text_ok(zh_field["label"]), zh_field
        assert CJK.search(zh_field["help"]), zh_field
    for en_output, zh_output in zip(english["outputs"], chinese["outputs"], strict=True):
        assert en_output["name"] == zh_output["name"]
        assert en_output["format"] == zh_output["format"]
        assert _zh_text_ok(zh_output["label"]), zh_output
        assert _zh_text_ok(zh_output["unit"]), zh_output
    for en_preset, zh_preset in zip(english["presets"], chinese["presets"], strict=True):
        assert en_preset["values"] == zh_preset["values"]
        assert CJK.search(zh_preset["label"])
        assert CJK.search(zh_preset["description"])
    for formula in chinese["formulas"]:
        quantity = re.sub(r"\b[mt]\b", "", formula["quantity"])  # month variables
        assert _zh_text_ok(quantity), formula


def _assert_chinese_result(name: str, english: dict, chinese: dict) -> None:
    assert chinese["ok"] == english["ok"]
    if not english["ok"]:
        assert [e["field"] for e in chinese["errors"]] == [e["field"] for e in english["errors"]]
        return
    assert chinese["inputs"] == english["inputs"]
    assert chinese["outputs"] == english["outputs"]
    assert set(chinese["display"]) == set(english["display"])
    for key, text in chinese["display"].items():
        if isinstance(text, str):
            assert _zh_text_ok(text), (key, text)
    # Product names (the chips) stay as they are in every language.
    names = {
        option["label"]
        for field in calculators.schema(name)["fields"]
        for option in field["choices"]
        if translate(option["label"], "zh") == option["label"]
    }
    for key, text in chinese["input_display"].items():
        assert _zh_text_ok(text) or text in names, (key, text)
    assert len(chinese["notes"]) == len(english["notes"])
    for note in chinese["notes"]:
        assert CJK.search(note), note
    for key in ("chart", "sensitivity"):
        layout = chinese[key]["layout"]
        assert CJK.search(layout["title"]["text"]), layout["title"]
        for en_trace, zh_trace in zip(english[key]["data"], chinese[key]["data"], strict=True):
            assert en_trace["y"] == zh_trace["y"]
            if en_trace.get("name"):
                assert _zh_text_ok(zh_trace["name"]), zh_trace["name"]
        assert CJK.search(chinese["captions"][key])


@pytest.mark.parametrize("name", calculators.names())
def test_every_preset_in_chinese(name: str) -> None:
    for preset in [None, *calculators._CALCULATORS[name].PRESETS]:
        mapping = {} if preset is None else {"preset": preset}
        english = calculators.run(name, mapping)
        chinese = calculators.run(name, mapping, lang="zh")
        _assert_chinese_result(name, english, chinese)
        for en_row, zh_row in zip(
            english.get("reported", []), chinese.get("reported", []), strict=True
        ):
            assert en_row["ratio"] == zh_row["ratio"]
            assert CJK.search(zh_row["label"])


@pytest.mark.parametrize("name", calculators.names())
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_chinese_results_match_english_for_valid_input(name: str, data: st.DataObject) -> None:
    mapping = data.draw(valid_mapping(name))
    english = calculators.run(name, mapping)
    chinese = calculators.run(name, mapping, lang="zh")
    _assert_chinese_result(name, english, chinese)


@pytest.mark.parametrize("name", calculators.names())
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_chinese_errors_for_hostile_input(name: str, data: st.DataObject) -> None:
    mapping = data.draw(hostile_mapping(name))
    english = calculators.run(name, mapping)
    chinese = calculators.run(name, mapping, lang="zh")
    json.dumps(chinese, allow_nan=False)
    assert chinese["ok"] == english["ok"]
    if not english["ok"]:
        assert [e["field"] for e in chinese["errors"]] == [e["field"] for e in english["errors"]]
        for error in chinese["errors"]:
            assert CJK.search(error["message"]), error


def test_translations_keep_their_placeholders() -> None:
    translations = catalogue("zh")._catalog  # type: ignore[attr-defined]
    for msgid, msgstr in translations.items():
        if msgid:
            assert sorted(re.findall(r"\{\w*\}", msgid)) == sorted(
                re.findall(r"\{\w*\}", msgstr)
            ), msgid


def test_token_terms_are_consistent() -> None:
    """One word for a token ("token"), introduced once as "token（代币）"."""
    translations = catalogue("zh")._catalog  # type: ignore[attr-defined]
    texts = [text for msgid, text in translations.items() if msgid]
    assert any("token（代币）" in text for text in texts)
    assert not any("令牌" in text or "词元" in text for text in texts)
    assert translate("GPU-hours", "zh") == "GPU小时"
    assert translate("MWh", "zh") == "兆瓦时"
    assert translate("tCO2e", "zh") == "吨CO₂e"


def test_cli_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh", "roi", "--upfront_cost", "4万"]) == 0
    out = capsys.readouterr().out
    assert "净现值" in out
    assert "美元" in out
    assert main(["roi", "--lang=zh", "--horizon_months", "０"]) == 2
    assert "“计算期”必须在 1 到 240 之间" in capsys.readouterr().err
    assert main(["--lang", "zh", "schema", "roi"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described == calculators.schema("roi", lang="zh")
    assert main(["--lang", "zh", "token_kpi", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == json.loads(json.dumps(calculators.run("token_kpi", {}, lang="zh")))
    assert main(["--lang", "fr", "list"]) == 2
    assert "--lang" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "emscripten", reason="no subprocesses in Pyodide")
def test_cli_module_in_chinese() -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "calculators", "--lang", "zh", "list"],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    assert "GPU 训练成本" in done.stdout


def test_generated_names_are_renamed_for_display_only() -> None:
    english = calculators.run("token_kpi", {})
    chinese = calculators.run("token_kpi", {}, lang="zh")
    assert chinese["outputs"]["leaderboard"] == english["outputs"]["leaderboard"]
    first = english["outputs"]["leaderboard"][0]["name"]
    assert first.startswith("Person ")
    assert chinese["display"]["leaderboard"][0]["name"] == "员工 " + first.split()[1]
    assert chinese["chart"]["data"][0]["text"][0].startswith("员工 ")
    for row in chinese["display"]["leaderboard"]:
        assert all(_zh_text_ok(cell) for cell in row.values()), row
