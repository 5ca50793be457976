// Pages whose calculator is on the first screen start Python first thing in <head>, while
// the rest of the page downloads and the theme's scripts run: the worker then starts in
// about 150 ms instead of 400 (a module script would wait for the whole page). The site's
// pages carry this file inline (calculators_hook.py, overrides/main.html); embeds load it.
// A classic script on purpose: it runs at once. calc-client.mjs adopts the worker;
// hold-theme.js, which runs next, keeps the theme's start-up work out of its way.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="ai-reality-check-runtime"]');
  if (!meta || typeof Worker !== "function") return;
  // Readers saving data start Python by using the calculator (connection.mjs says so).
  var connection = navigator.connection;
  if (connection && (connection.saveData === true || /^(slow-)?2g$/.test(connection.effectiveType || ""))) {
    return;
  }
  var urls = JSON.parse(meta.content);
  var absolute = function (url) {
    return new URL(url, document.baseURI).href;
  };
  var snapshotUrl = absolute(urls.snapshot);
  var kept = false;
  try {
    kept = localStorage.getItem("ai-reality-check-snapshot") === snapshotUrl; // see calc-client.mjs
  } catch (error) {
    // No storage (a sandboxed embed): the worker downloads the snapshot.
  }
  var init = {
    type: "init",
    wheelUrl: absolute(urls.wheel),
    snapshotUrl: snapshotUrl,
    kept: kept,
    pageOrigin: performance.timeOrigin,
  };
  var early = { init: init, messages: [], worker: null, failed: false, taken: false };
  early.listen = function (event) {
    early.messages.push(event.data);
  };
  early.listenError = function (event) {
    event.preventDefault();
    early.failed = true; // calc-client.mjs then starts a worker of its own, and reports
  };
  try {
    // The worker reads its "init" message from its name: no round trip before booting.
    early.worker = new Worker(absolute(urls.worker), { type: "module", name: JSON.stringify(init) });
  } catch (error) {
    return;
  }
  early.worker.addEventListener("message", early.listen);
  early.worker.addEventListener("error", early.listenError);
  window.__aiRealityCheckEarlyWorker = early;
})();
