"""Command line: ``python -m calculators list | schema NAME | NAME [--field VALUE ...]``.

Exit status: 0 on success, 2 when any input is bad (every field error printed).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import names, run, schema


def _parser_for(name: str) -> argparse.ArgumentParser:
    described = schema(name)
    parser = argparse.ArgumentParser(
        prog=f"python -m calculators {name}", description=described["description"]
    )
    presets = ", ".join(preset["name"] for preset in described["presets"])
    parser.add_argument("--preset", help=f"start from a preset: {presets}")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    for field in described["fields"]:
        unit = f" [{field['unit']}]" if field["unit"] else ""
        default = "empty" if field["default"] is None else field["default"]
        parser.add_argument(
            f"--{field['name']}",
            metavar="VALUE",
            # argparse treats % as a format character (checked since Python 3.14).
            help=f"{field['label']}{unit}: {field['help']} (default: {default})".replace("%", "%%"),
        )
    return parser


def _unit_suffix(output: dict[str, str]) -> str:
    # Money and shares carry their unit in the text already ("$2.8M", "40%").
    return "" if output["format"] in ("usd", "percent") else output["unit"]


def _table(name: str, result: dict[str, object]) -> str:
    described = schema(name)
    display = result["display"]
    assert isinstance(display, dict)
    # Headline outputs first, then the rest, each in schema order.
    ordered = sorted(described["outputs"], key=lambda output: not output["headline"])
    rows = [
        (output["label"], display[output["name"]], _unit_suffix(output))
        for output in ordered
        if output["name"] in display
    ]
    width = max(len(label) for label, _, _ in rows)
    lines = [f"{label:<{width}}  {value} {unit}".rstrip() for label, value, unit in rows]
    notes = result.get("notes")
    if isinstance(notes, list) and notes:
        lines.append("")
        lines.extend(f"Note: {note}" for note in notes)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: python -m calculators {list | schema NAME | NAME [--FIELD VALUE ...] [--json]}"
    if not args or args[0] in ("-h", "--help"):
        print(usage)
        print("calculators:", ", ".join(names()))
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "list":
        for name in names():
            print(f"{name:<15} {schema(name)['title']}")
        return 0
    if command == "schema":
        if len(rest) != 1 or rest[0] not in names():
            print(f"usage: python -m calculators schema {{{','.join(names())}}}", file=sys.stderr)
            return 2
        print(json.dumps(schema(rest[0]), indent=2, allow_nan=False))
        return 0
    if command not in names():
        print(
            f"unknown calculator {command!r}; choose one of {', '.join(names())}", file=sys.stderr
        )
        return 2
    options = vars(_parser_for(command).parse_args(rest))
    as_json = options.pop("json")
    mapping = {key: value for key, value in options.items() if value is not None}
    result = run(command, mapping)
    if not result["ok"]:
        for error in result["errors"]:
            print(f"error: {error['field']}: {error['message']}", file=sys.stderr)
        if as_json:
            print(json.dumps(result, indent=2, allow_nan=False))
        return 2
    if as_json:
        print(json.dumps(result, indent=2, allow_nan=False))
    else:
        print(_table(command, result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
