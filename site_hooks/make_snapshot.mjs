// Build-time Pyodide memory snapshot with the calculators already imported and warmed.
// Usage: node make_snapshot.mjs PYODIDE_DIR WHEEL OUT.gz OUT-STDLIB.json
// The browser restores it instead of booting Python and importing the package; it only
// works with the exact same Pyodide build, so the page falls back to a normal boot.
// OUT-STDLIB.json lists the standard-library files this boot imported (Pyodide's own
// start-up, installing the wheel, every calculator case): the site ships only those.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import zlib from "node:zlib";

const [pyodideDir, wheelPath, out, stdlibOut] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, _makeSnapshot: true });
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel", {
  extractDir: "/lib/python3.14/site-packages",
});
// PYTHON_SETUP of assets/js/calc-worker.mjs, then every calculator case runs once so
// all it needs is imported before the memory image is taken.
pyodide.runPython(`
import importlib
importlib.invalidate_caches()
from calculators._json_api import run_json, warm_up
warm_up()
`);
const imported = pyodide.runPython(`
import gc, sys
gc.collect()
_zip = "/lib/python%d%d.zip/" % sys.version_info[:2]
sorted({m.__file__[len(_zip):] for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(_zip)})
`).toJs();
fs.writeFileSync(stdlibOut, JSON.stringify(imported, null, 1));
// The browser restores with a near-empty standard library (every module it needs is in
// the image): forget the build's view of the zip, so a later import reads the real file.
pyodide.runPython(`
import importlib, sys, zipimport
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
importlib.invalidate_caches()
del gc, sys, _zip, importlib, zipimport
`);

// Freed memory keeps old bytes, which compress badly: hand every free block the
// allocator can give without growing the heap back zeroed (calloc), then free it.
// The image is the same size and restores the same; it compresses about 1 MB smaller.
const module = pyodide._module;
const blocks = [];
for (let size = 1 << 22; size >= 16; size >>= 1) {
  for (;;) {
    const end = module._sbrk(0);
    if (size + (1 << 20) > module.HEAP8.length - end) break; // never grow the heap
    const block = module._calloc(1, size);
    if (!block) break;
    if (module._sbrk(0) !== end) {
      module._free(block);
      break;
    }
    blocks.push(block);
  }
}
for (const block of blocks) module._free(block);

// The image is more than half zero pages (the unused heap, the stack): the file leaves
// them out, so the browser inflates 14 MB instead of 31 MB and writes the rest in place.
// Format (read by readSnapshot in assets/js/calc-worker.mjs), 32-bit little-endian words:
// MAGIC, image length, range count, then [start, end) of each kept range; then the kept
// bytes, range after range.
const MAGIC = 0x50594932;
const PAGE = 4096;

function leaveOutZeroPages(image) {
  const isZero = (from, to) => {
    for (let i = from; i < to; i++) if (image[i] !== 0) return false;
    return true;
  };
  const ranges = [];
  for (let start = 0; start < image.length; start += PAGE) {
    const end = Math.min(start + PAGE, image.length);
    if (isZero(start, end)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === start) last[1] = end;
    else ranges.push([start, end]);
  }
  const header = new Uint32Array([MAGIC, image.length, ranges.length, ...ranges.flat()]);
  const parts = [new Uint8Array(header.buffer), ...ranges.map(([from, to]) => image.subarray(from, to))];
  return Buffer.concat(parts);
}

const snapshot = pyodide.makeMemorySnapshot();
fs.writeFileSync(out, zlib.gzipSync(leaveOutZeroPages(snapshot), { level: 9 }));
