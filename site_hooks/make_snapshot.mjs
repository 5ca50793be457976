// Build-time Pyodide memory snapshot with the calculators already imported and warmed.
// Usage: node make_snapshot.mjs PYODIDE_DIR WHEEL OUT.gz
// The browser restores it instead of booting Python and importing the package; it only
// works with the exact same Pyodide build, so the page falls back to a normal boot.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

const [pyodideDir, wheelPath, out] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, _makeSnapshot: true });
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel", {
  extractDir: "/lib/python3.14/site-packages",
});
// PYTHON_SETUP of assets/js/calc-worker.mjs, then every calculator runs once so all
// it needs is imported before the memory image is taken.
pyodide.runPython(`
import importlib
importlib.invalidate_caches()
from calculators._json_api import run_json, warm_up
warm_up()
`);
const snapshot = pyodide.makeMemorySnapshot();
fs.writeFileSync(out, zlib.gzipSync(snapshot, { level: 6 }));
