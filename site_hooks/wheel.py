"""Build the calculators package as a pure-Python wheel, in memory and reproducibly.

Pyodide installs exactly this (py3-none-any) wheel in the browser. Writing it
here, rather than shelling out to a build backend, keeps `mkdocs serve`
rebuilds instant and the bytes identical for identical sources.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Fixed timestamp: the same sources always give the same wheel bytes.
_EPOCH = (1980, 1, 1, 0, 0, 0)
_INCLUDED_SUFFIXES = {".py", ".json", ".typed", ".mo"}


@dataclass(frozen=True)
class Wheel:
    filename: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def build_wheel(project_root: Path) -> Wheel:
    """A wheel of `calculators/` with the name and version from pyproject.toml."""
    project = tomllib.loads((project_root / "pyproject.toml").read_text("utf-8"))["project"]
    distribution = project["name"].replace("-", "_")
    version = project["version"]
    dist_info = f"{distribution}-{version}.dist-info"
    files: dict[str, bytes] = {}
    package_dir = project_root / "calculators"
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and path.suffix in _INCLUDED_SUFFIXES and "__pycache__" not in path.parts:
            files[path.relative_to(project_root).as_posix()] = path.read_bytes()
    files[f"{dist_info}/METADATA"] = (
        "Metadata-Version: 2.1\n"
        f"Name: {project['name']}\n"
        f"Version: {version}\n"
        f"Summary: {project['description']}\n"
        f"Requires-Python: {project['requires-python']}\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: ai-reality-check site hook\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    record_lines = [f"{name},{_record_hash(data)},{len(data)}" for name, data in files.items()]
    record_lines.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record_lines) + "\n").encode()

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return Wheel(f"{distribution}-{version}-py3-none-any.whl", buffer.getvalue())
