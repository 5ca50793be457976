// Calculator inputs in the page URL's query string: read on load, written on change.
// Values are only ever put into form controls' .value, never into markup.

const MAX_VALUE_LENGTH = 10000;

/** The query parameters that name this calculator's fields or preset (last one wins). */
export function readParams(fieldNames, search = window.location.search) {
  const params = new URLSearchParams(search);
  const values = {};
  for (const name of [...fieldNames, "preset"]) {
    const all = params.getAll(name);
    if (all.length) values[name] = all[all.length - 1].slice(0, MAX_VALUE_LENGTH);
  }
  return values;
}

/** "?a=1&b=2" for a {name: value} object, or "" when it is empty. */
export function toQuery(params) {
  const text = new URLSearchParams(params).toString();
  return text ? `?${text}` : "";
}

/** Put `params` in the current URL in place of this calculator's own parameters. */
export function writeParams(params, ownNames) {
  const url = new URL(window.location.href);
  for (const name of [...ownNames, "preset"]) url.searchParams.delete(name);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  if (url.href !== window.location.href) {
    window.history.replaceState(window.history.state, "", url.href);
  }
}
