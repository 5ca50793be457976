// Runs the package's own unit tests (the same files as natively) with pytest inside
// Pyodide in this browser tab. Wheels and sources are served by the test beside this file.
import { loadPyodide } from "./pyodide/pyodide.mjs";

const SITE_PACKAGES = "/lib/python3.14/site-packages";
const result = document.getElementById("result");

async function bytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.arrayBuffer();
}

try {
  const indexURL = new URL("./pyodide/", import.meta.url).href;
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL });
  const wheels = await (await fetch("wheels.json")).json();
  for (const name of wheels) {
    pyodide.unpackArchive(await bytes(`wheels/${name}`), "wheel", { extractDir: SITE_PACKAGES });
  }
  pyodide.FS.mkdirTree("/project");
  pyodide.unpackArchive(await bytes("src.zip"), "zip", { extractDir: "/project" });
  const output = pyodide.runPython(`
import contextlib, importlib, io, os, sys
importlib.invalidate_caches()
os.chdir("/project")
sys.path.insert(0, "/project")
import pytest
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
    code = pytest.main(["-q", "-p", "no:cacheprovider", "calculators", "tests/unit"])
f"{int(code)}\\n{sys.version}\\n{buffer.getvalue()}"
`);
  const [exit, ...rest] = output.split("\n");
  result.textContent = rest.join("\n");
  result.dataset.exit = exit;
} catch (error) {
  result.textContent = String(error && error.stack ? error.stack : error);
  result.dataset.exit = "harness-error";
}
