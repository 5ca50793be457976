// Entry point: mount every calculator on the page, again after each instant navigation.
import { onStatus } from "./calc-client.mjs";
import { mountAll } from "./calc-form.mjs";
import { startEmbed } from "./embed.mjs";
import { pointLanguageLinks } from "./language.mjs";
import { t } from "./messages.mjs";
import { watchTokenizers } from "./tokenizer.mjs";

if (document.body.classList.contains("calc-embed")) startEmbed();

// The theme's search dialog has no accessible name (axe: aria-dialog-name); give it one.
const search = document.querySelector(".md-search[role='dialog']");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", t("search.label"));

// Wide tables scroll sideways inside the theme's wrapper; make that reachable by keyboard
// (axe: scrollable-region-focusable).
function focusableScrollers(scope) {
  for (const wrapper of scope.querySelectorAll(".md-typeset__scrollwrap, .data-table, .claim-table")) {
    if (!wrapper.hasAttribute("tabindex")) {
      wrapper.setAttribute("tabindex", "0");
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", t("table.scrolls"));
    }
  }
}

watchTokenizers();

// Mount now: module scripts run once the HTML is parsed, and a calculator on screen
// should start Python without waiting for the theme's first page event.
mountAll(document);

if (window.document$ && typeof window.document$.subscribe === "function") {
  // Material for MkDocs emits document$ on first load and on every page change.
  window.document$.subscribe(() => {
    mountAll(document);
    pointLanguageLinks(document);
    focusableScrollers(document);
  });
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll(document), { once: true });
} else {
  mountAll(document);
}

// Once Python has run here, keep the site and its runtime for offline use (intranets,
// trains): a service worker at the site's root caches this build's files.
const stopWatching = onStatus((status) => {
  if (status.phase !== "ready" || !("serviceWorker" in navigator)) return;
  queueMicrotask(() => stopWatching());
  const root = new URL("../../", import.meta.url);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {});
});
