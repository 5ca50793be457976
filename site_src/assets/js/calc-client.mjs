// The one Python worker of a visit: started on demand, shared by every calculator,
// kept across Material's instant navigation (this module is evaluated once).

// How long Python may take to start, and to answer one request, before we say it failed.
// Tests shorten them through these globals; readers never need to.
const BOOT_TIMEOUT_MS = Number(globalThis.AI_REALITY_CHECK_BOOT_TIMEOUT_MS) || 45000;
const REQUEST_TIMEOUT_MS = Number(globalThis.AI_REALITY_CHECK_REQUEST_TIMEOUT_MS) || 15000;

import { pageLanguage } from "./messages.mjs";

const listeners = new Set();
const pending = new Map();
let worker = null;
let booting = null;
let nextId = 1;
let answered = false; // whether Python has answered a request yet
let wheelUrl = null;
let snapshotUrl = null;
let status = { phase: "idle", stage: "", fraction: 0, message: "" };

function setStatus(update) {
  status = { ...status, ...update };
  for (const listener of listeners) listener(status);
}

/** Call `listener(status)` now and on every change; returns an unsubscribe function. */
export function onStatus(listener) {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

export function currentStatus() {
  return status;
}

/**
 * Let the theme's search (index and worker) and sitemaps load: hold-theme.js holds them
 * until Python's first answer or its failure (or the reader's search, or 5 s), so that
 * they do not compete with Python's start.
 */
function releaseThemeHold() {
  const hold = globalThis.__aiRealityCheckThemeHold;
  if (hold && typeof hold.release === "function") hold.release();
}

function fail(message) {
  releaseThemeHold();
  if (worker) worker.terminate();
  worker = null;
  booting = null;
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
  setStatus({ phase: "error", message });
}

// Whether this browser kept an inflated copy of the snapshot (the worker says so once it
// has): a first visit then downloads at once instead of looking in Cache Storage.
const KEPT_SNAPSHOT = "ai-reality-check-snapshot"; // also read by boot-early.js

function snapshotKept(url) {
  try {
    return localStorage.getItem(KEPT_SNAPSHOT) === url;
  } catch {
    return false; // no storage (sandboxed embed): the worker then downloads
  }
}

function rememberKept(url) {
  try {
    localStorage.setItem(KEPT_SNAPSHOT, url);
  } catch {
    // Only an optimisation.
  }
}

/**
 * The worker boot-early.js started first thing in <head>, with the messages it has sent
 * so far; null if there is none, or it failed before this module could listen.
 */
function takeEarlyWorker() {
  const early = globalThis.__aiRealityCheckEarlyWorker;
  if (!early || early.taken || early.failed) return null;
  early.taken = true;
  early.worker.removeEventListener("message", early.listen);
  early.worker.removeEventListener("error", early.listenError);
  return early;
}

/**
 * Start the worker once (idempotent); resolves when Python answers. `urls` are the
 * wheel's and the snapshot's URLs, relative to the page (they become absolute here,
 * because the worker resolves URLs against its own script).
 */
export function boot(urls, { again = false } = {}) {
  if (urls && !wheelUrl) {
    const absolute = (url) => (url ? new URL(url, document.baseURI).href : null);
    wheelUrl = absolute(urls.wheelUrl);
    snapshotUrl = absolute(urls.snapshotUrl);
  }
  if (booting) return booting;
  if (status.phase === "error" && !again) return Promise.reject(new Error(status.message));
  const early = again ? null : takeEarlyWorker();
  if (early && !wheelUrl) {
    wheelUrl = early.init.wheelUrl;
    snapshotUrl = early.init.snapshotUrl;
  }
  if (!wheelUrl) return Promise.reject(new Error("no wheel URL"));
  const boots = Number(document.documentElement.dataset.pythonBoots || 0) + 1;
  document.documentElement.dataset.pythonBoots = String(boots);
  let resolve;
  let reject;
  booting = new Promise((yes, no) => {
    resolve = yes;
    reject = no;
  });
  booting.catch(() => {}); // callers handle it; avoid an unhandled rejection here
  const timer = setTimeout(() => {
    fail("error.download");
    reject(new Error("timeout"));
  }, BOOT_TIMEOUT_MS);
  const handle = (message) => {
    if (message.type === "progress") {
      setStatus({ stage: message.stage, fraction: message.fraction });
    } else if (message.type === "ready") {
      clearTimeout(timer);
      document.documentElement.dataset.pythonBootPath = message.path;
      document.documentElement.dataset.pythonBootPhases = JSON.stringify(message.phases || {});
      setStatus({ phase: "ready", stage: "", fraction: 1, bootMs: message.ms, path: message.path });
      resolve();
    } else if (message.type === "boot-error") {
      clearTimeout(timer);
      fail("error.load");
      reject(new Error(message.message));
    } else if (message.type === "kept") {
      rememberKept(message.url);
    } else if (pending.has(message.id)) {
      const { resolve: done, reject: refuse } = pending.get(message.id);
      pending.delete(message.id);
      if ("result" in message) done(message.result);
      else refuse(new Error(message.error));
      // After the first answer is on screen (its promise callbacks run first).
      if (!answered) setTimeout(releaseThemeHold, 0);
      answered = true;
    }
  };
  worker = early ? early.worker : new Worker(new URL("./calc-worker.mjs", import.meta.url), { type: "module" });
  worker.addEventListener("message", (event) => handle(event.data || {}));
  worker.addEventListener("messageerror", () => fail("error.unreadable"));
  worker.addEventListener("error", (event) => {
    clearTimeout(timer);
    event.preventDefault();
    fail("error.stopped");
    reject(new Error("worker error"));
  });
  if (!early) {
    worker.postMessage({ type: "init", wheelUrl, snapshotUrl, kept: snapshotKept(snapshotUrl),
                         pageOrigin: performance.timeOrigin });
  }
  // Only now, with `booting` and the worker in place, is "loading" announced: a listener
  // may ask for a result at once (calc-form.mjs), and its request must go to this worker,
  // after "init", not start another boot.
  setStatus({ phase: "loading", stage: "starting", fraction: 0.05, message: "" });
  if (early) {
    for (const message of early.messages) handle(message || {});
    early.messages.length = 0;
  }
  return booting;
}

/** Forget a failed runtime and boot a fresh one. */
export function retry() {
  if (worker) worker.terminate();
  worker = null;
  booting = null;
  return boot(null, { again: true });
}

/**
 * Run a calculator in the worker: resolves to the `run()` dict. Asked while Python is
 * still starting, the request goes to the worker at once, which answers it as soon as
 * Python is ready, without waiting for this page to hear that it is.
 */
export async function compute(name, inputs) {
  // After a failure only the reader's "Try again" starts Python again, not every keystroke.
  if (status.phase === "error") throw new Error(status.message);
  const started = boot();
  if (!worker) await started;
  const id = nextId++;
  const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  answer.catch(() => {}); // a failed boot rejects it; `started` reports that
  worker.postMessage({ id, name, inputs, lang: pageLanguage() });
  await started;
  // A worker that died (killed, out of memory) never answers: treat silence as a crash.
  const timer = setTimeout(() => {
    if (pending.has(id)) fail("error.silent");
  }, REQUEST_TIMEOUT_MS);
  try {
    return await answer;
  } finally {
    clearTimeout(timer);
  }
}
