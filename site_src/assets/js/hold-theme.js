// While Python starts (boot-early.js, just before this script), the theme starts things
// at load that a reader does not need in the first second: its search index (downloaded,
// then indexed: about 300 ms of CPU), the search worker that indexes it, and the sitemaps
// it reads for the language menu. On two cores they slow Python's start: hold them until
// the first live result (calc-client.mjs calls release()), the reader goes to the search
// box, or 5 s have passed. Inline in the site's pages; embeds have no theme to hold.
(function () {
  "use strict";
  if (!window.__aiRealityCheckEarlyWorker) return; // Python is not starting now
  var hold = { release: null };
  window.__aiRealityCheckThemeHold = hold;
  var HELD_REQUEST = /\/(search\/search_index\.json|sitemap\.xml)(\?|$)/;
  var HELD_WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/; // a pathname
  var held = [];
  var released = false;
  var RealWorker = window.Worker;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  hold.release = function () {
    if (released) return;
    released = true;
    window.Worker = RealWorker;
    XMLHttpRequest.prototype.open = open;
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
    if (event.target && event.target.closest && event.target.closest(".md-search")) hold.release();
  });
  setTimeout(hold.release, 5000);
})();
