// Module Web Worker: boots Pyodide (self-hosted), installs our wheel, answers run requests.
// Messages in:  {type: "init", wheelUrl} once, then {id, name, inputs}.
// Messages out: {type: "progress", stage, fraction}, {type: "ready", ms},
//               {type: "boot-error", message}, {id, result} or {id, error}.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const PYODIDE_DIR = new URL("../pyodide/", import.meta.url).href;
const SITE_PACKAGES = "/lib/python3.14/site-packages";

let runCalculator = null;
let ready = null;

function progress(stage, fraction) {
  self.postMessage({ type: "progress", stage, fraction });
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.arrayBuffer();
}

async function boot(wheelUrl) {
  const started = performance.now();
  progress("Downloading the Python runtime", 0.1);
  // The wheel downloads while the runtime compiles.
  const wheel = fetchBytes(wheelUrl);
  const pyodide = await loadPyodide({
    indexURL: PYODIDE_DIR,
    packageBaseUrl: PYODIDE_DIR, // never fall back to a CDN for packages
    stdout: () => {},
    stderr: () => {},
  });
  progress("Loading the calculators", 0.8);
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: SITE_PACKAGES });
  pyodide.runPython(`
import importlib, json
importlib.invalidate_caches()
import calculators

def _run_json(name, inputs_json):
    return json.dumps(calculators.run(name, json.loads(inputs_json)), allow_nan=False)
`);
  runCalculator = pyodide.globals.get("_run_json");
  self.postMessage({ type: "ready", ms: performance.now() - started });
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message && message.type === "init") {
    ready ??= boot(String(message.wheelUrl)).catch((error) => {
      self.postMessage({ type: "boot-error", message: String(error && error.message ? error.message : error) });
      throw error;
    });
    return;
  }
  const { id, name, inputs } = message || {};
  try {
    await ready;
    const text = runCalculator(String(name), JSON.stringify(inputs ?? {}));
    self.postMessage({ id, result: JSON.parse(text) });
  } catch (error) {
    self.postMessage({ id, error: String(error && error.message ? error.message : error) });
  }
});
