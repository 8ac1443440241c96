// Pacewise service worker: the app shell offline, and the last Today page opened on this phone.
// Nothing else a person enters or reads is kept. Signing out empties the Today cache.
"use strict";
const SHELL = "pacewise-shell-{{ version }}";
const TODAY = "pacewise-today";
const SHELL_URLS = {{ shell|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const TODAY_PATH = /^\/p\/[0-9a-f-]{36}\/today\/$/;
const LAST_TODAY = "/__last-today";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys
    .filter((key) => key.startsWith("pacewise-shell-") && key !== SHELL)
    .map((key) => caches.delete(key)))).then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.data === "signed-out") { event.waitUntil(caches.delete(TODAY)); }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") { return; }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

async function navigate(request, url) {
  try {
    const response = await fetch(request);
    if (TODAY_PATH.test(url.pathname) && response.ok && !response.redirected) {
      await keepToday(url.pathname, response.clone());
    }
    return response;
  } catch (error) {
    return offline(url);
  }
}

async function keepToday(path, response) {
  const headers = {
    "Content-Type": "text/html; charset=utf-8",
    "X-Pacewise-Saved": new Date().toISOString(),
    "X-Pacewise-Path": path,
  };
  const policy = response.headers.get("Content-Security-Policy");
  if (policy) { headers["Content-Security-Policy"] = policy; }  // its nonces match the page
  const saved = new Response(await response.text(), { headers });
  const cache = await caches.open(TODAY);
  await cache.put(path, saved.clone());
  await cache.put(LAST_TODAY, saved);
}

async function offline(url) {
  const cache = await caches.open(TODAY);
  const hit = await cache.match(url.pathname === "/" ? LAST_TODAY : url.pathname);
  if (!hit) {
    return (await caches.match(OFFLINE_URL)) ||
      new Response("You're offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
  const saved = new Date(hit.headers.get("X-Pacewise-Saved"));
  const time = saved.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const banner = '<p class="banner offline-banner" role="status">You\u2019re offline \u2014 ' +
    "this is your plan as of " + time + ". Check-ins and logging need a connection for now.</p>";
  const html = (await hit.text()).replace('<main id="main" tabindex="-1">', "$&" + banner);
  const headers = { "Content-Type": "text/html; charset=utf-8" };
  const policy = hit.headers.get("Content-Security-Policy");
  if (policy) { headers["Content-Security-Policy"] = policy; }
  return new Response(html, { headers });
}
