// Entry point: mount every calculator on the page, again after each instant navigation.
import { mountAll } from "./calc-form.mjs";
import { startEmbed } from "./embed.mjs";

if (document.body.classList.contains("calc-embed")) startEmbed();

// The theme's search dialog has no accessible name (axe: aria-dialog-name); give it one.
const search = document.querySelector(".md-search[role='dialog']");
if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");

if (window.document$ && typeof window.document$.subscribe === "function") {
  // Material for MkDocs emits document$ on first load and on every page change.
  window.document$.subscribe(() => mountAll(document));
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => mountAll(document), { once: true });
} else {
  mountAll(document);
}
