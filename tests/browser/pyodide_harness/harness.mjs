// Runs the package's own unit tests (the same files as natively) with pytest inside
// Pyodide in this browser tab. Wheels and sources are served by the test beside this file.
// Python starts on the site's trimmed standard library (stdlib.zip), as readers' browsers
// do; pytest and hypothesis need more of it, so the full one is searched last, and an
// import made from there while the package's code runs fails the run (the site lacks it).
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
  const stdLibURL = new URL("./stdlib.zip", import.meta.url).href;
  const pyodide = await loadPyodide({ indexURL, packageBaseUrl: indexURL, stdLibURL });
  pyodide.FS.writeFile("/lib/python_full_stdlib.zip", new Uint8Array(await bytes("pyodide/python_stdlib.zip")));
  const wheels = await (await fetch("wheels.json")).json();
  for (const name of wheels) {
    pyodide.unpackArchive(await bytes(`wheels/${name}`), "wheel", { extractDir: SITE_PACKAGES });
  }
  pyodide.FS.mkdirTree("/project");
  pyodide.unpackArchive(await bytes("src.zip"), "zip", { extractDir: "/project" });
  const output = pyodide.runPython(`
import builtins, sys, zipimport
FULL = "/lib/python_full_stdlib.zip"
missing = set()

def _package_running():
    """Is the package's code on the stack? (Not its CLI, which browsers never run.)"""
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if "/project/calculators/" in filename and not filename.endswith("/__main__.py"):
            return True
        frame = frame.f_back
    return False

class _FullStdlib:
    """Last resort: what the trimmed stdlib lacks, from the full one."""

    def find_spec(self, name, path=None, target=None):
        try:
            where = zipimport.zipimporter("/".join([FULL, *name.split(".")[:-1]]))
            spec = where.find_spec(name)
        except zipimport.ZipImportError:
            return None
        if spec is not None and _package_running():
            missing.add(name)
        return spec

_import = builtins.__import__

def _watched_import(name, globals=None, locals=None, fromlist=(), level=0):
    """Also catches modules pytest had already imported from the full library."""
    module = _import(name, globals, locals, fromlist, level)
    if level == 0 and _package_running():
        for each in [name, *(f"{name}.{item}" for item in fromlist or ())]:
            if (getattr(sys.modules.get(each), "__file__", None) or "").startswith(FULL):
                missing.add(each)
    return module

sys.meta_path.append(_FullStdlib())
builtins.__import__ = _watched_import
import contextlib, importlib, io, os
importlib.invalidate_caches()
os.chdir("/project")
sys.path.insert(0, "/project")
import pytest
buffer = io.StringIO()
with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
    code = pytest.main(["-q", "-p", "no:cacheprovider", "calculators", "tests/unit"])
if missing:
    code = code or 99
    buffer.write(f"\\nmodules the site's standard library lacks: {sorted(missing)}\\n")
f"{int(code)}\\n{sys.version}\\n{buffer.getvalue()}"
`);
  const [exit, ...rest] = output.split("\n");
  result.textContent = rest.join("\n");
  result.dataset.exit = exit;
} catch (error) {
  result.textContent = String(error && error.stack ? error.stack : error);
  result.dataset.exit = "harness-error";
}
