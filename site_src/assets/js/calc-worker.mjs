// Module Web Worker: boots Pyodide (self-hosted), installs our wheel, answers run requests.
// Messages in:  {type: "init", wheelUrl, snapshotUrl} once, then {id, name, inputs, lang}.
// Messages out: {type: "progress", stage, fraction}, {type: "ready", ms, path},
//               {type: "boot-error", message}, {id, result} or {id, error}.
// Imported dynamically, so "init" is handled (and the snapshot requested) without waiting
// for it; the runtime's big script, which loadPyodide imports later, is requested as soon
// as the snapshot is (see boot), so the two load side by side.
const pyodideModule = import("../pyodide/pyodide.mjs");
pyodideModule.catch(() => {});
function preloadRuntimeScript() {
  import("../pyodide/pyodide.asm.mjs").catch(() => {}); // loadPyodide reports failures
}

async function loadPyodide(options) {
  const { loadPyodide: load } = await pyodideModule;
  return load(options);
}

const PYODIDE_DIR = new URL("../pyodide/", import.meta.url).href;
const SITE_PACKAGES = "/lib/python3.14/site-packages";
const STDLIB_ZIP = "/lib/python314.zip";
// A boot from the snapshot mounts an empty standard library (every module Python needs is
// in the image); the trimmed one the build made (what Python imported there) is fetched
// only by a normal boot, or if a module turns out to be missing.
const EMPTY_STDLIB = new URL("stdlib-empty.zip", PYODIDE_DIR).href;
let stdlibUrl = null;
let pyodideRef = null;

let runCalculator = null;
let ready = null;
const phases = {}; // milliseconds since the worker started, for the benchmark

function mark(name) {
  // On the page's clock (ms since its navigation), so the bench can line them up.
  phases[name] = Math.round(performance.timeOrigin + performance.now() - pageOrigin);
}
let pageOrigin = performance.timeOrigin;

function progress(stage, fraction) {
  self.postMessage({ type: "progress", stage, fraction });
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.arrayBuffer();
}

// A snapshot that never answers must not hang the page: fall back after this long.
const SNAPSHOT_TIMEOUT_MS = 15000;

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Unpacked snapshots are kept in Cache Storage, so a second visit skips the download
// and the decompression (a few hundred milliseconds on a slow machine).
const SNAPSHOT_CACHE = "ai-reality-check-snapshot";

// The unpacked image is a third zeros, in long runs (the stack, the unused heap): the
// cache keeps only the other parts, so each later visit reads back 21 MB, not 31 MB.
const PACKED = 0x50594931; // format marker; anything else in the cache is ignored
const PAGE = 1 << 16;
const LONG_RUN = 16; // pages: shorter zero runs are kept as they are

function pack(bytes) {
  if (bytes.byteOffset % 4) bytes = bytes.slice();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
  const pageWords = PAGE >> 2;
  const pages = Math.ceil(bytes.length / PAGE);
  const zero = (page) => {
    for (let i = page * pageWords, end = Math.min(words.length, i + pageWords); i < end; i++) {
      if (words[i] !== 0) return false;
    }
    return (page + 1) * PAGE <= words.length * 4 || bytes.subarray(page * PAGE).every((b) => !b);
  };
  const kept = []; // [start, end) byte ranges
  let run = 0;
  let start = 0;
  for (let page = 0; page <= pages; page++) {
    if (page < pages && zero(page)) {
      run++;
      continue;
    }
    if (run >= LONG_RUN) {
      const gapStart = (page - run) * PAGE;
      if (gapStart > start) kept.push([start, gapStart]);
      start = Math.min(page * PAGE, bytes.length);
    }
    run = 0;
  }
  if (start < bytes.length) kept.push([start, bytes.length]);
  const header = new Uint32Array([PACKED, bytes.length, kept.length, ...kept.flat()]);
  return new Blob([header, ...kept.map(([from, to]) => bytes.subarray(from, to))]);
}

function unpack(buffer) {
  const head = new Uint32Array(buffer, 0, 3);
  if (head[0] !== PACKED) return null;
  const ranges = new Uint32Array(buffer, 12, head[2] * 2);
  const bytes = new Uint8Array(head[1]);
  let offset = 12 + ranges.byteLength;
  for (let i = 0; i < ranges.length; i += 2) {
    const length = ranges[i + 1] - ranges[i];
    bytes.set(new Uint8Array(buffer, offset, length), ranges[i]);
    offset += length;
  }
  return bytes;
}

async function cachedSnapshot(url) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const hit = await cache.match(url);
    mark("snapshotCacheMatched");
    return hit ? unpack(await hit.arrayBuffer()) : null;
  } catch {
    return null; // no Cache Storage (opaque origin, private mode): download instead
  }
}

async function keepSnapshot(url, bytes) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const old of await cache.keys()) {
      if (old.url !== url) await cache.delete(old); // one snapshot, the current one
    }
    await cache.put(url, new Response(pack(bytes)));
  } catch {
    // Caching is an optimisation only.
  }
}

let snapshotToKeep = null; // kept only once Python restored from it has answered correctly

async function fetchSnapshot(url) {
  mark("snapshotRequested");
  const kept = await cachedSnapshot(url);
  if (kept) return kept;
  const unpacked = await downloadSnapshot(url);
  snapshotToKeep = unpacked;
  return unpacked;
}

async function downloadSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  // Inflated as it arrives, not after. Stored gzipped; a host that adds Content-Encoding
  // has already unpacked it, so look at the first bytes.
  const reader = response.body.getReader();
  const head = await reader.read();
  if (head.done) return new Uint8Array(0);
  const gzipped = head.value.length >= 2 && head.value[0] === 0x1f && head.value[1] === 0x8b;
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(head.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const stream = gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// The same lines run in site_hooks/make_snapshot.mjs before the snapshot is taken.
const PYTHON_SETUP = `
import importlib
importlib.invalidate_caches()
from calculators._json_api import run_json
`;

/** Boot from the build-time memory snapshot (calculators already imported). */
async function bootFromSnapshot(snapshotUrl, wheel) {
  progress("snapshot", 0.1);
  // Handing Pyodide a promise lets the runtime download while the snapshot does.
  const snapshot = fetchSnapshot(snapshotUrl).then((bytes) => {
    mark("snapshotFetched");
    progress("restoring", 0.6);
    return bytes;
  });
  preloadRuntimeScript();
  const pyodide = await withTimeout(
    loadPyodide({ indexURL: PYODIDE_DIR, packageBaseUrl: PYODIDE_DIR, _loadSnapshot: snapshot,
                  stdLibURL: stdlibUrl ? EMPTY_STDLIB : undefined,
                  stdout: () => {}, stderr: () => {} }),
    SNAPSHOT_TIMEOUT_MS, "snapshot restore");
  mark("pyodideLoaded");
  pyodideRef = pyodide;
  // The snapshot keeps imported modules, not files: put the package's files back too.
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: SITE_PACKAGES });
  const run = pyodide.globals.get("run_json");
  if (!JSON.parse(run("roi", "{}")).ok) throw new Error("snapshot answered wrongly");
  if (snapshotToKeep) keepSnapshot(snapshotUrl, snapshotToKeep);
  return run;
}

/** Boot Pyodide from scratch and install the wheel. */
async function bootPlain(wheel) {
  progress("runtime", 0.1);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR,
    packageBaseUrl: PYODIDE_DIR, // never fall back to a CDN for packages
    stdLibURL: stdlibUrl ?? undefined,
    stdout: () => {},
    stderr: () => {},
  });
  stdlibMounted = true;
  mark("pyodideLoaded");
  pyodideRef = pyodide;
  progress("package", 0.8);
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: SITE_PACKAGES });
  pyodide.runPython(PYTHON_SETUP);
  return pyodide.globals.get("run_json");
}

let stdlibMounted = false;

/** Put the trimmed standard library in place of the empty one (once); false if it already was. */
async function mountStdlib() {
  if (stdlibMounted || !stdlibUrl || !pyodideRef) return false;
  stdlibMounted = true;
  pyodideRef.FS.writeFile(STDLIB_ZIP, new Uint8Array(await fetchBytes(stdlibUrl)));
  pyodideRef.runPython(`
import importlib, sys, zipimport
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
importlib.invalidate_caches()
`);
  return true;
}

function run(name, inputs, lang) {
  // lang: "en" or "zh", the page's edition; only the answer's texts depend on it.
  return runCalculator(String(name), JSON.stringify(inputs ?? {}), lang === "zh" ? "zh" : "en");
}

async function boot({ wheelUrl, snapshotUrl }) {
  const started = performance.now();
  // The build names the trimmed standard library after the snapshot (same content key).
  if (snapshotUrl) stdlibUrl = String(snapshotUrl).replace(/snapshot-([0-9a-f]+)\.bin\.gz$/, "stdlib-$1.zip");
  if (stdlibUrl === snapshotUrl) stdlibUrl = null;
  mark("init");
  // The wheel downloads while the runtime compiles.
  const wheel = fetchBytes(String(wheelUrl));
  wheel.catch(() => {});
  let path = "plain";
  if (snapshotUrl) {
    try {
      runCalculator = await bootFromSnapshot(String(snapshotUrl), wheel);
      path = "snapshot";
    } catch (error) {
      caches.delete(SNAPSHOT_CACHE).catch(() => {});
      self.postMessage({ type: "progress", stage: "fallback",
                         fraction: 0.1, detail: String(error && error.message ? error.message : error) });
    }
  }
  if (path === "plain") runCalculator = await bootPlain(wheel);
  mark("ready");
  self.postMessage({ type: "ready", ms: performance.now() - started, path, phases });
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message && message.type === "init") {
    if (typeof message.pageOrigin === "number") pageOrigin = message.pageOrigin;
    mark("workerStarted");
    ready ??= boot(message).catch((error) => {
      self.postMessage({ type: "boot-error", message: String(error && error.message ? error.message : error) });
      throw error;
    });
    return;
  }
  const { id, name, inputs, lang } = message || {};
  try {
    await ready;
    let text;
    try {
      text = run(name, inputs, lang);
    } catch (error) {
      // A module the build did not see imported: load the standard library and try again.
      if (!/ModuleNotFoundError|No module named/.test(String(error)) || !(await mountStdlib())) throw error;
      text = run(name, inputs, lang);
    }
    self.postMessage({ id, result: JSON.parse(text) });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
