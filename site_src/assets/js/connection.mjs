// Readers on metered or slow connections (Save-Data, a 2G-class link) keep the
// pre-rendered numbers: Python is downloaded only when they start using a calculator.

import { t } from "./messages.mjs";

const SLOW = new Set(["slow-2g", "2g"]);
const INTERACTIONS = ["pointerdown", "keydown", "focusin", "input", "change"];

/** True when the browser asks us to spare the connection. */
export function savingData() {
  const connection = navigator.connection;
  return Boolean(connection && (connection.saveData === true || SLOW.has(connection.effectiveType)));
}

/** "9.2 MB": what starting Python downloads, computed by the build (a meta tag on the page). */
export function downloadSize() {
  const meta = document.querySelector('meta[name="ai-reality-check-download-bytes"]');
  const bytes = Number(meta && meta.content);
  if (!bytes) return "";
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(bytes / 1e3)} kB`;
}

/**
 * Call `start()` now, or, when saving data, on the reader's first interaction with the
 * calculator `root` (saying so in its status line). Safe to call again: it starts once.
 */
export function startWhenAllowed(root, start) {
  if (root.dataset.runtime === "wanted" || !savingData()) {
    start();
    return;
  }
  if (root.dataset.runtime === "deferred") return;
  root.dataset.runtime = "deferred";
  const go = () => {
    for (const type of INTERACTIONS) root.removeEventListener(type, go, true);
    root.dataset.runtime = "wanted";
    start();
  };
  for (const type of INTERACTIONS) root.addEventListener(type, go, true);
  // After the form has written its own idle text (it subscribes once it is mounted).
  queueMicrotask(() => {
    const status = root.querySelector(".calc-status");
    if (status && root.dataset.runtime === "deferred" && root.dataset.state === "static") {
      const size = downloadSize();
      // The build always puts the size in pages with a calculator.
      status.textContent = t("status.deferred", { size: size || "?" });
    }
  });
}
