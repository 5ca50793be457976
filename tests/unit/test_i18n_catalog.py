"""The message catalogue is complete, current and compiled (build helper; not in Pyodide)."""

from __future__ import annotations

import pytest

catalog = pytest.importorskip("site_hooks.i18n_catalog")


def test_every_message_has_a_chinese_translation() -> None:
    translations = catalog.read_po(catalog.po_path("zh").read_text("utf-8"))
    missing = [msgid for msgid in catalog.all_messages() if not translations.get(msgid)]
    assert not missing, f"untranslated (run `python -m site_hooks.i18n_catalog`): {missing}"


def test_the_po_file_lists_exactly_the_current_messages() -> None:
    text = catalog.po_path("zh").read_text("utf-8")
    current = catalog.write_po("zh", catalog.read_po(text), catalog.all_messages())
    assert text == current, "run `python -m site_hooks.i18n_catalog` and translate what is new"


def test_the_committed_mo_is_the_compiled_po() -> None:
    po = catalog.po_path("zh")
    assert po.with_suffix(".mo").read_bytes() == catalog.compile_mo(
        catalog.read_po(po.read_text("utf-8"))
    )


def test_marked_messages_are_found() -> None:
    marked = catalog.marked_messages()
    assert "The project never pays back within {months} months." in marked
    assert "must be a number (got {got})" in marked
    assert "'{name}' must be between {low} and {high} (got {got})" in marked


def test_the_wheel_carries_the_compiled_catalogue() -> None:
    import io
    import zipfile

    from site_hooks.wheel import build_wheel

    wheel = build_wheel(catalog.ROOT)
    names = zipfile.ZipFile(io.BytesIO(wheel.content)).namelist()
    assert "calculators/locale/zh/LC_MESSAGES/calculators.mo" in names
