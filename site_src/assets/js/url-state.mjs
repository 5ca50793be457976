// Calculator inputs in the page URL's query string: read on load, written on change.
// Values are only ever put into form controls' .value, never into markup.

const MAX_VALUE_LENGTH = 10000;

/** The query parameters that name this calculator's fields (last one wins). */
export function readParams(fieldNames, search = window.location.search) {
  const params = new URLSearchParams(search);
  const values = {};
  for (const name of [...fieldNames, "preset"]) {
    const all = params.getAll(name);
    if (all.length) values[name] = all[all.length - 1].slice(0, MAX_VALUE_LENGTH);
  }
  return values;
}

/** A query string holding the values that differ from the defaults (and the preset). */
export function toQuery(values, defaults) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (name === "preset" ? value : value !== defaults[name]) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Replace the query of the current URL, keeping other parameters and the hash. */
export function writeParams(values, defaults, fieldNames) {
  const url = new URL(window.location.href);
  for (const name of [...fieldNames, "preset"]) url.searchParams.delete(name);
  const ours = new URLSearchParams(toQuery(values, defaults));
  for (const [name, value] of ours) url.searchParams.append(name, value);
  if (url.href !== window.location.href) {
    window.history.replaceState(window.history.state, "", url.href);
  }
}
