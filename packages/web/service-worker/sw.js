// Tack's service worker: the app shell without a network, nothing else. Built into dist/sw.js by
// packages/web/service-worker.ts, which fills in the build's asset list and version.
//  - /assets/* are hashed and immutable: served from the cache first (precached at install).
//  - The HTML shell is network-first (a deploy shows at once); the cached copy answers only when
//    the network does not.
//  - The API, the socket, sign-in and every other request never touch this worker's cache: board
//    data lives in IndexedDB (model/local-boards.ts, model/outbox.ts), owned by the page.
const VERSION = "__TACK_VERSION__";
const PRECACHE = [] /* __TACK_ASSETS__ */;
const SHELL_CACHE = "tack-shell";
const ASSET_CACHE = `tack-assets-${VERSION}`;
const SHELL_URL = "/";
/** Paths the server answers itself (API, session, probes): never the shell, never cached. */
const SERVER_PATHS = ["/1/", "/auth/", "/livez", "/readyz", "/metrics", "/sw.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const assets = await caches.open(ASSET_CACHE);
      await assets.addAll(PRECACHE);
      await refreshShell();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // Assets of older builds go; the shell cache holds one page, replaced on each visit.
      for (const name of await caches.keys())
        if (name.startsWith("tack-assets-") && name !== ASSET_CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SERVER_PATHS.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(fromCacheFirst(request));
    return;
  }
  if (request.mode === "navigate") event.respondWith(shellNetworkFirst(request));
});

async function fromCacheFirst(request) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** Every app URL answers the same shell: the network's when it answers, else the cached one. */
async function shellNetworkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get("content-type") ?? "").startsWith("text/html")) {
      const cache = await caches.open(SHELL_CACHE);
      await cache.put(SHELL_URL, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL_URL, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

async function refreshShell() {
  try {
    const response = await fetch(SHELL_URL, { cache: "no-cache" });
    if (response.ok) await (await caches.open(SHELL_CACHE)).put(SHELL_URL, response);
  } catch {
    // Offline at install: the next visit caches it.
  }
}
