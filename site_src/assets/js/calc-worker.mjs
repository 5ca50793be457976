// Module Web Worker: boots Pyodide (self-hosted), installs our wheel, answers run requests.
// Messages in:  {type: "init", wheelUrl, snapshotUrl, kept, pageOrigin} once (or the same
//               as the worker's name), then {id, name, inputs, lang}.
// Messages out: {type: "progress", stage, fraction}, {type: "ready", ms, path},
//               {type: "boot-error", message}, {type: "kept", url}, {id, result} or {id, error}.
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

// Inflated snapshots are kept in Cache Storage, so a later visit skips the download and
// the decompression (a few hundred milliseconds on a slow machine). The page remembers
// (localStorage, which a worker cannot read) whether one was kept: a first visit does
// not spend time looking.
const SNAPSHOT_CACHE = "ai-reality-check-snapshot";

// The snapshot file leaves out the image's zero pages (site_hooks/make_snapshot.mjs):
// 32-bit little-endian words MAGIC, image length, range count, [start, end) per kept
// range, then the kept bytes. It is read as it arrives, each byte copied once into place.
const MAGIC = 0x50594932;

async function readSnapshot(stream, keepCopy) {
  const reader = stream.getReader();
  const chunks = keepCopy ? [] : null;
  let head = new Uint8Array(0); // the header, until it is complete
  let image = null;
  let ranges = null;
  let range = 0; // index into ranges (even: a range's start)
  let filled = 0; // bytes of the current range already written
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (chunks) chunks.push(value);
    let chunk = value;
    if (!image) {
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      if (head.length < 12) continue;
      const words = new DataView(head.buffer);
      if (words.getUint32(0, true) !== MAGIC) throw new Error("not a snapshot of this site");
      const count = words.getUint32(8, true);
      const headerLength = 12 + count * 8;
      if (head.length < headerLength) continue;
      ranges = new Uint32Array(count * 2);
      for (let i = 0; i < ranges.length; i++) ranges[i] = words.getUint32(12 + 4 * i, true);
      image = new Uint8Array(words.getUint32(4, true));
      chunk = head.subarray(headerLength);
      head = null;
    }
    while (chunk.length) {
      if (range >= ranges.length) throw new Error("snapshot longer than its header says");
      const at = ranges[range] + filled;
      const take = Math.min(ranges[range + 1] - at, chunk.length);
      image.set(chunk.subarray(0, take), at);
      chunk = chunk.subarray(take);
      filled += take;
      if (at + take === ranges[range + 1]) {
        range += 2;
        filled = 0;
      }
    }
  }
  if (!image || range < ranges.length) throw new Error("snapshot cut short");
  return { image, file: chunks && new Blob(chunks) };
}

async function cachedSnapshot(url) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const hit = await cache.match(url);
    mark("snapshotCacheMatched");
    return hit && hit.body ? (await readSnapshot(hit.body, false)).image : null;
  } catch {
    return null; // no Cache Storage (opaque origin, private mode), or a bad copy: download
  }
}

async function keepSnapshot(url, file) {
  try {
    const cache = await caches.open(SNAPSHOT_CACHE);
    for (const old of await cache.keys()) {
      if (old.url !== url) await cache.delete(old); // one snapshot, the current one
    }
    await cache.put(url, new Response(file));
    self.postMessage({ type: "kept", url });
  } catch {
    // Caching is an optimisation only.
  }
}

// The inflated file, stored once Python restored from it has answered a reader's first
// request: not earlier, when storing would compete with the restore for the CPU.
let snapshotToKeep = null;

async function fetchSnapshot(url, kept) {
  mark("snapshotRequested");
  const image = kept ? await cachedSnapshot(url) : null;
  if (image) return image;
  const downloaded = await downloadSnapshot(url);
  snapshotToKeep = { url, file: downloaded.file };
  return downloaded.image;
}

async function downloadSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const body = response.body || new Response(await response.arrayBuffer()).body;
  // Stored gzipped; a host that adds Content-Encoding has already inflated it, so look
  // at the first bytes.
  const reader = body.getReader();
  const first = await reader.read();
  if (first.done) throw new Error("empty snapshot");
  const gzipped = first.value.length >= 2 && first.value[0] === 0x1f && first.value[1] === 0x8b;
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(first.value);
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
  return readSnapshot(gzipped ? stream.pipeThrough(new DecompressionStream("gzip")) : stream, true);
}

// The same lines run in site_hooks/make_snapshot.mjs before the snapshot is taken.
const PYTHON_SETUP = `
import importlib
importlib.invalidate_caches()
from calculators._json_api import run_json
`;

/** Boot from the build-time memory snapshot (calculators already imported). */
async function bootFromSnapshot(snapshotUrl, kept, wheel) {
  progress("snapshot", 0.1);
  // Handing Pyodide a promise lets the runtime download while the snapshot does.
  const snapshot = fetchSnapshot(snapshotUrl, kept).then((bytes) => {
    mark("snapshotFetched");
    progress("restoring", 0.6);
    return bytes;
  });
  snapshot.catch(() => {}); // a bad snapshot rejects before loadPyodide awaits it; it reports
  preloadRuntimeScript();
  const pyodide = await withTimeout(
    loadPyodide({ indexURL: PYODIDE_DIR, packageBaseUrl: PYODIDE_DIR, _loadSnapshot: snapshot,
                  stdLibURL: stdlibUrl ? EMPTY_STDLIB : undefined,
                  stdout: () => {}, stderr: () => {} }),
    SNAPSHOT_TIMEOUT_MS, "snapshot restore");
  mark("pyodideLoaded");
  pyodideRef = pyodide;
  // The snapshot keeps imported modules, not files: the package's files go back too, but
  // after the first answer (every module and data file a calculator reads is already in
  // the image; a request that fails before then is answered again once they are there).
  const files = await wheel;
  unpackWheel = () => {
    unpackWheel = null;
    pyodide.unpackArchive(files, "wheel", { extractDir: SITE_PACKAGES });
  };
  const run = pyodide.globals.get("run_json");
  if (!JSON.parse(run("roi", "{}")).ok) throw new Error("snapshot answered wrongly");
  return run;
}

let unpackWheel = null; // set by a snapshot boot until the package's files are in place

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

async function boot({ wheelUrl, snapshotUrl, kept }) {
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
      // `kept` false: the page knows no copy was kept; anything else (unknown): look.
      runCalculator = await bootFromSnapshot(String(snapshotUrl), kept !== false, wheel);
      path = "snapshot";
    } catch (error) {
      snapshotToKeep = null;
      caches.delete(SNAPSHOT_CACHE).catch(() => {});
      self.postMessage({ type: "progress", stage: "fallback",
                         fraction: 0.1, detail: String(error && error.message ? error.message : error) });
    }
  }
  if (path === "plain") runCalculator = await bootPlain(wheel);
  mark("ready");
  self.postMessage({ type: "ready", ms: performance.now() - started, path, phases });
  // After the requests already waiting for Python (they run first: microtasks).
  if (unpackWheel) setTimeout(() => unpackWheel && unpackWheel(), 0);
}

function start(init) {
  if (typeof init.pageOrigin === "number") pageOrigin = init.pageOrigin;
  mark("workerStarted");
  ready ??= boot(init).catch((error) => {
    self.postMessage({ type: "boot-error", message: String(error && error.message ? error.message : error) });
    throw error;
  });
}

// A page that starts Python first thing in <head> (assets/js/boot-early.js) passes the
// "init" message as the worker's name, so booting does not wait for a message round trip.
try {
  const init = self.name ? JSON.parse(self.name) : null;
  if (init && init.type === "init") start(init);
} catch {
  // Not ours: wait for the "init" message.
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message && message.type === "init") {
    start(message);
    return;
  }
  const { id, name, inputs, lang } = message || {};
  try {
    await ready;
    let text;
    for (;;) {
      try {
        text = run(name, inputs, lang);
        break;
      } catch (error) {
        // Each remedy is tried once, then the request is answered again: a file of the
        // package not yet back in place (see bootFromSnapshot), or a module the build did
        // not see imported (load the trimmed standard library).
        if (unpackWheel) unpackWheel();
        else if (!/ModuleNotFoundError|No module named/.test(String(error)) || !(await mountStdlib())) throw error;
      }
    }
    self.postMessage({ id, result: JSON.parse(text) });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
  if (snapshotToKeep) {
    const { url, file } = snapshotToKeep;
    snapshotToKeep = null;
    setTimeout(() => keepSnapshot(url, file), 0);
  }
});
