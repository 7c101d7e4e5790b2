// Carrel's service worker. The server writes this build's id and files in
// (server/src/assets.rs), so every deployment installs a new worker.
//
// * Files under /pkg/ have content-hashed names: a name always means the same
//   bytes, so they are served from the cache first, and the code of each route
//   a member has opened stays cached. Two builds never mix: a page asks only for
//   its own build's names.
// * A new worker keeps only its own build's cache and drops the others.
// * Pages and /api/ answers are never cached: they hold members' private data.
//   Without a network, a page shows the offline page.
const BUILD = "__CARREL_BUILD__";
const CACHE = `carrel-${BUILD}`;
const PRECACHE = [
  "/offline.html",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "__CARREL_SHELL__",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match("/offline.html")));
    return;
  }
  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        cache.match(url.pathname).then(
          (hit) =>
            hit ||
            fetch(request).then((response) => {
              if (response.ok) cache.put(url.pathname, response.clone());
              return response;
            }),
        ),
      ),
    );
    return;
  }
  if (PRECACHE.includes(url.pathname)) {
    // Icons and the manifest may change without a new build: network first,
    // the cache when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
          }
          return response;
        })
        .catch(() => caches.match(url.pathname).then((hit) => hit || Response.error())),
    );
  }
});
