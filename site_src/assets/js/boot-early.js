// Pages whose calculator is on the first screen start Python first thing in <head>, while
// the rest of the page downloads and the theme's scripts run: the worker then starts in
// about 150 ms instead of 400 (a module script would wait for the whole page). The site's
// pages carry this file inline (calculators_hook.py, overrides/main.html); embeds load it.
// A classic script on purpose: it runs at once. calc-client.mjs adopts the worker.
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

  // The theme starts things at load that a reader does not need in the first second: its
  // search index (downloaded, then indexed: about 300 ms of CPU), the search worker that
  // indexes it, and the sitemaps it reads for the language menu. On two cores they slow
  // Python's start; hold them until the first live result (calc-client.mjs calls
  // releaseSearch), the reader goes to the search box, or 5 s have passed.
  var HELD_REQUEST = /\/(search\/search_index\.json|sitemap\.xml)(\?|$)/;
  var HELD_WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js(\?|$)/;
  var held = [];
  var released = false;
  var RealWorker = window.Worker;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  early.releaseSearch = function () {
    if (released) return;
    released = true;
    window.Worker = RealWorker;
    XMLHttpRequest.prototype.send = send;
    held.splice(0).forEach(function (go) {
      go();
    });
  };
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__aiRealityCheckUrl = String(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!released && HELD_REQUEST.test(request.__aiRealityCheckUrl || "")) {
      held.push(function () {
        send.apply(request, args);
      });
      return;
    }
    return send.apply(request, args);
  };
  // The search worker: the theme gets a stand-in that keeps its messages and passes them
  // on, both ways, once the real worker has started.
  function heldWorker(url, options) {
    var standIn = new EventTarget();
    var real = null;
    var queue = [];
    standIn.postMessage = function (message, transfer) {
      if (real) real.postMessage(message, transfer);
      else if (queue) queue.push([message, transfer]);
    };
    standIn.terminate = function () {
      if (real) real.terminate();
      queue = null;
    };
    held.push(function () {
      if (!queue) return; // terminated before it started
      real = new RealWorker(url, options);
      ["message", "messageerror", "error"].forEach(function (type) {
        real.addEventListener(type, function (event) {
          var copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
          standIn.dispatchEvent(copy);
          if (typeof standIn["on" + type] === "function") standIn["on" + type](copy);
        });
      });
      queue.forEach(function (item) {
        real.postMessage(item[0], item[1]);
      });
      queue = null;
    });
    return standIn;
  }
  window.Worker = function (url, options) {
    if (!released && HELD_WORKER.test(new URL(String(url), document.baseURI).pathname)) {
      return heldWorker(url, options);
    }
    return new RealWorker(url, options);
  };
  window.Worker.prototype = RealWorker.prototype;
  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.closest && event.target.closest(".md-search")) early.releaseSearch();
  });
  setTimeout(early.releaseSearch, 5000);
})();
