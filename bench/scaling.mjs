// token_kpi compute time inside Pyodide (Node, same wasm build) as the team grows,
// and run() time for every calculator's defaults. Prints JSON.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheelPath, sizesJson] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel", {
  extractDir: "/lib/python3.14/site-packages",
});
pyodide.globals.set("sizes_json", sizesJson);
const out = pyodide.runPython(`
import importlib, json, time
importlib.invalidate_caches()
import calculators

def timed(name, inputs, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = json.dumps(calculators.run(name, inputs), allow_nan=False)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {"median": samples[len(samples) // 2], "min": samples[0], "max": samples[-1]}

scaling = [
    {"employees": e, "days": d, "person_days": e * d,
     **timed("token_kpi", {"employees": e, "days": d}, 5)}
    for e, d in json.loads(sizes_json)
]
defaults = {name: timed(name, {}, 20) for name in calculators.names()}
json.dumps({"scaling": scaling, "defaults": defaults})
`);
console.log(out);
