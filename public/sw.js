// Carrel's service worker. The server writes this build's id and files in
// (server/src/assets.rs), so every deployment installs a new worker.
//
// * Files under /pkg/ have content-hashed names: a name always means the same
//   bytes, so they are served from the cache first, and the code of each route
//   a member has opened stays cached. Two builds never mix: a page asks only for
//   its own build's names.
// * Pages a signed-in member opens (their mentorships and threads, the inbox,
//   mentor pages, their profile, programs) are saved for reading offline, in a
//   cache named after the account the page's <meta name="carrel-account"> names.
//   One account's pages at a time: a page of another account, a signed-out page
//   or signing out drops them. Saved pages belong to their build, which links
//   their files, and go with it.
// * /api/ answers are never cached.
// * Messages written offline wait in the outbox, an IndexedDB store kept here
//   (pages reach it through messages: public/offline.js), and are sent when the
//   connection returns: on Background Sync, or when the next page loads. Each
//   carries its own idempotency key, so however often it is sent, it is stored once.
// * Push notifications (Web Push) are shown as the server wrote them, and a tap
//   opens their page in Carrel, in a window already open when there is one.
//   Signing out, or another account signing in, stops this device's
//   notifications: they would name the last member's correspondents. The
//   "carrel-account" cache remembers whose device it is, across builds.
// * A new worker keeps only its own build's caches and drops the others.

const BUILD = "__CARREL_BUILD__";
const CACHE = `carrel-${BUILD}`;
const PAGES = `carrel-pages-${BUILD}-`;
const OWNER = "carrel-account";
const MAX_PAGES = 60;
const SAVED = /^\/(|messages|mentorships(\/\d+)?|mentors(\/\d+)?|me\/profile|me\/shortlist|programs(\/[^/]+)?|notifications)$/;
const PRECACHE = [
  "/offline.html",
  "/offline.js",
  "/register-sw.js",
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
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k !== CACHE && k !== OWNER && !k.startsWith(PAGES)).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

/** The name of the cache holding the current account's pages, if any. */
const pagesCache = () => caches.keys().then((keys) => keys.find((k) => k.startsWith(PAGES)));

/** Drops saved pages, all of them or all but `keep`'s. */
const dropPages = (keep) =>
  caches
    .keys()
    .then((keys) =>
      Promise.all(keys.filter((k) => k.startsWith("carrel-pages-") && k !== keep).map((k) => caches.delete(k))),
    );

// Saving and dropping pages run one at a time: a save still under way when
// the member signs out must not bring their pages back.
let pagesWork = Promise.resolve();
const inTurn = (task) => (pagesWork = pagesWork.then(task, task));

/** Ends this device's push subscription; the server forgets it at the next push. */
const stopPush = () =>
  self.registration.pushManager.getSubscription().then((s) => s && s.unsubscribe(), () => {});

/** Keeps a copy of a page just loaded, if it is one of a signed-in member's pages. */
async function save(key, response) {
  if (!response.ok || !(response.headers.get("content-type") || "").startsWith("text/html")) return;
  const html = await response.text();
  const account = html.match(/<meta name="carrel-account" content="(\d+)"/)?.[1];
  const name = account && PAGES + account;
  await dropPages(name);
  if (!account) return;
  // Whose device this is, across builds; read once a page, written when it changes.
  const owner = await caches.open(OWNER);
  const last = await (await owner.match("/account"))?.text();
  if (last !== account) {
    // Another member's until now: their notifications and unsent messages go.
    if (last) await stopPush();
    const others = (await waiting()).filter((i) => i.account !== account);
    await Promise.all(others.map((i) => outbox("readwrite", (s) => s.delete(i.key))));
    await owner.put("/account", new Response(account));
  }
  // The cache names the account even before it holds a page (see `flush`).
  const cache = await caches.open(name);
  if (!SAVED.test(new URL(key, self.location.origin).pathname)) return;
  const headers = { "content-type": "text/html; charset=utf-8", "x-carrel-saved-at": String(Date.now()) };
  const policy = response.headers.get("content-security-policy");
  if (policy) headers["content-security-policy"] = policy;
  await cache.delete(key);
  await cache.put(key, new Response(html, { headers }));
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map((k) => cache.delete(k)));
}

/** A saved copy of `key` with a note of when it was saved, or nothing. */
async function saved(key) {
  const name = await pagesCache();
  const hit = name && (await (await caches.open(name)).match(key));
  if (!hit) return undefined;
  const html = await hit.text();
  const es = /<html[^>]*\blang="es"/.test(html);
  const at = new Date(Number(hit.headers.get("x-carrel-saved-at")));
  const lang = es ? "es" : "en";
  const today = at.toDateString() === new Date().toDateString();
  const when = today
    ? at.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    : at.toLocaleString(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const note = es ? `Sin conexión: guardada ${today ? "a las" : "el"} ${when}` : `Offline: saved ${today ? "at" : "on"} ${when}`;
  const banner = `<p class="offline-note" role="status" data-saved-at="${at.getTime()}">${note}</p>`;
  const headers = new Headers(hit.headers);
  headers.delete("x-carrel-saved-at");
  return new Response(html.replace(/<body([^>]*)>/, `<body$1>${banner}`), { headers });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Signing out (here, or everywhere) drops this device's saved pages first.
  if (request.method === "POST" && /^\/api\/accounts\/sign_out(_everywhere)?$/.test(url.pathname)) {
    event.respondWith(
      inTurn(() => Promise.all([dropPages(), stopPush(), caches.delete(OWNER)])).then(() => fetch(request)),
    );
    return;
  }
  if (request.method !== "GET" || url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    const key = url.pathname + url.search;
    event.respondWith(
      fetch(request)
        .then((response) => {
          // A page loaded is a connection back: send what waits.
          const copy = response.clone();
          event.waitUntil(inTurn(() => save(key, copy)).then(flush));
          return response;
        })
        .catch(() => saved(key).then((page) => page || caches.match("/offline.html"))),
    );
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

// --- The outbox ----------------------------------------------------------------
const outbox = (mode, act) =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open("carrel-outbox", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("messages", { keyPath: "key" });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      // One connection per use, closed after: the worker lives long, and every page load uses it.
      const db = open.result;
      const tx = db.transaction("messages", mode);
      const req = act(tx.objectStore("messages"));
      tx.oncomplete = () => (db.close(), resolve(req.result));
      tx.onerror = () => (db.close(), reject(tx.error));
    };
  });
const waiting = () => outbox("readonly", (s) => s.getAll());

/** Tells open pages the outbox changed. */
const changed = () =>
  self.clients.matchAll().then((pages) => pages.forEach((p) => p.postMessage("carrel-outbox")));

/** Sends the current account's waiting messages, oldest first, one sender at
 *  a time; true once none is left waiting for a connection. A message the
 *  server refuses stays, marked, for its writer to copy. */
let sending = Promise.resolve(true);
const flush = () =>
  (sending = sending.then(async () => {
    const name = await pagesCache();
    if (!name) return false;
    const account = name.slice(PAGES.length);
    const mine = (await waiting()).filter((i) => i.account === account);
    const items = mine.filter((i) => !i.refused);
    items.sort((a, b) => a.at - b.at);
    let done = true;
    for (const item of items) {
      let res;
      try {
        res = await fetch(item.action, {
          method: "POST",
          body: new URLSearchParams(item.fields),
          headers: { Accept: "application/json" },
        });
      } catch {
        done = false;
        break;
      }
      // Signed out, rate limited or the server down: wait and try again.
      if (res.status === 401 || res.status === 429 || res.status >= 500) {
        done = false;
        break;
      }
      await outbox("readwrite", (s) => (res.ok ? s.delete(item.key) : s.put({ ...item, refused: res.status })));
    }
    // Pages show what still waits, or was refused.
    if (mine.length) await changed();
    return done;
  }));

self.addEventListener("sync", (event) => {
  if (event.tag !== "carrel-outbox") return;
  // A rejected sync is tried again later by the browser.
  event.waitUntil(flush().then((done) => done || Promise.reject(new Error("still offline"))));
});

// What pages ask: to queue a message, to list, drop or send what waits.
self.addEventListener("message", (event) => {
  const { ask, item, key } = event.data || {};
  const reply = (value) => event.ports[0]?.postMessage(value);
  const work = {
    // Kept for the member whose pages these are; with none signed in, not kept.
    queue: () =>
      pagesCache().then(
        (name) =>
          name &&
          outbox("readwrite", (s) => s.put({ ...item, account: name.slice(PAGES.length), at: Date.now() })).then(() => true),
      ),
    list: () => pagesCache().then((name) => waiting().then((all) => all.filter((i) => name && i.account === name.slice(PAGES.length)))),
    drop: () => outbox("readwrite", (s) => s.delete(key)),
    send: flush,
  }[ask];
  if (work) event.waitUntil(work().then(reply, () => reply(undefined)));
});

self.addEventListener("push", (event) => {
  let note = {};
  try {
    note = event.data ? event.data.json() : {};
  } catch {
    // Not ours to read: show the app's name rather than nothing.
  }
  event.waitUntil(
    self.registration.showNotification(note.title || "Carrel", {
      body: note.body || "",
      tag: note.tag,
      icon: "/icons/icon-192.png",
      data: { url: note.url || "/" },
    }),
  );
});

/** Opens `path` of Carrel: focuses a window showing it, else takes over an open
 *  window of Carrel, else opens one. (Every window of Carrel is this worker's:
 *  it claims them when it starts.) */
function openPage(path) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin) return Promise.resolve();
  return self.clients.matchAll({ type: "window" }).then((windows) => {
    const same = windows.find((w) => new URL(w.url).pathname === url.pathname);
    if (same) return same.focus();
    if (windows[0]) return windows[0].navigate(url.href).then((w) => w && w.focus());
    return self.clients.openWindow(url.href);
  });
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(openPage(event.notification.data?.url || "/"));
});

// The browser replaced this device's subscription (Firefox does, now and then):
// subscribe again with the same key and tell Carrel, as push.js does.
self.addEventListener("pushsubscriptionchange", (event) => {
  const options = event.oldSubscription?.options;
  if (!options) return;
  event.waitUntil(
    self.registration.pushManager
      .subscribe(options)
      .then((sub) => {
        const { endpoint, keys } = sub.toJSON();
        return fetch("/api/notifications/push_subscribe", {
          method: "POST",
          body: new URLSearchParams({ endpoint, p256dh: keys.p256dh, auth: keys.auth }),
        });
      })
      .catch(() => {}),
  );
});
