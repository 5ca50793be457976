// Service worker: after one visit the site, Python runtime included, works offline.
// Written by the build (site_hooks/calculators_hook.py) with the list of files and a version.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = `ai-reality-check-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new URL(f, self.location)))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(
      // Older versions of the site only: the worker's unpacked snapshot (its own cache,
      // "ai-reality-check-snapshot") is kept, or every visit would unpack it again.
      keys.filter((key) => key.startsWith("ai-reality-check-") && key !== CACHE &&
                           key !== "ai-reality-check-snapshot")
        .map((key) => caches.delete(key)),
    )),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Pages: the network first (fresh content), the copy from this version when offline.
    event.respondWith(fetch(request).catch(() => caches.match(request, { ignoreSearch: true })
      .then((hit) => hit || Response.error())));
    return;
  }
  // Everything else belongs to this version of the site: serve our copy when we have one.
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }))
    .then((hit) => hit || fetch(request)));
});
