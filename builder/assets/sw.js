/* carecourse: the service worker of one language's site (sw.js at its root). The build
   (builder/offline_hook.py) fills in the files and a hash of their content: a changed
   course installs a new cache, and the old one is deleted once the new one is ready. */
const FILES = "__CC_FILES__";
const PREFIX = `carecourse ${registration.scope} `;
const CACHE = `${PREFIX}__CC_CACHE__`;

self.addEventListener("install", (e) => {
  // from the server, not the browser's HTTP cache (it may hold the previous version)
  const fresh = FILES.map((f) => new Request(f, { cache: "reload" }));
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(fresh)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (e) => {
  e.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
    for (const c of await self.clients.matchAll({ includeUncontrolled: true })) {
      c.postMessage(CACHE);
    }
  })());
});

// The course from the cache (a folder's address is its index.html; the runtime's ?v=
// query only names its version); anything else of the site from the network, kept in
// the cache once fetched (a PDF, the trainers' map): it is there offline next time.
self.addEventListener("fetch", (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== "GET" || !url.href.startsWith(registration.scope)) return;
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  url.hash = "";
  e.respondWith(caches.open(CACHE).then(async (c) => {
    const hit = await c.match(url.href, { ignoreSearch: true });
    if (hit) return hit;
    const got = await fetch(e.request);
    if (got.status === 200) c.put(url.href, got.clone()).catch(() => {});
    return got;
  }));
});
