// The words the scripts show, in the page's language: the build puts them in every page
// (<template id="calc-messages"> in <head>, from site_hooks/ui_text.py and the package's
// catalogue), so the scripts hold no text of their own.
let messages = null;

function load() {
  if (messages) return messages;
  const block = document.getElementById("calc-messages");
  try {
    messages = block ? JSON.parse(block.content.textContent) : {};
  } catch {
    messages = {};
  }
  return messages;
}

/** The message `key` with its {placeholders} filled from `params`. */
export function t(key, params = {}) {
  const text = load()[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The package language of this page ("en" or "zh"), as its <html lang> says. */
export function pageLanguage() {
  return (document.documentElement.lang || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}
