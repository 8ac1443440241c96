// Pacewise service worker: the app shell offline, the last Today and check-in pages opened on
// this phone, and an outbox: a check-in, a bout or a flare said without signal is kept on the
// phone (IndexedDB) and sent when the connection returns. Each carries the id the form chose
// (entry_id), which the server stores once however often it is sent. Nothing else a person
// enters or reads is kept; signing out empties all of it.
"use strict";
const SHELL = "pacewise-shell-{{ version }}";
const TODAY = "pacewise-today";
const SHELL_URLS = {{ shell|safe }};
const STATIC_PREFIX = {{ static_prefix|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const SIGN_IN = {{ sign_in_url|safe }};
const ICON = {{ icon_url|safe }};
const PERSON = "^\\/p\\/[0-9a-f-]{36}\\/";
const TODAY_PATH = new RegExp(PERSON + "today\\/$");
const CHECKIN_PATH = new RegExp(PERSON + "checkin\\/[a-z-]+\\/$");
const KEPT_WHEN_OFFLINE = {  // what a POST to these pages is, in the person's words
  bout: new RegExp(PERSON + "today\\/bout\\/$"),
  "check-in": CHECKIN_PATH,
  "flare day": new RegExp(PERSON + "today\\/flare\\/$"),
  activity: new RegExp(PERSON + "activity\\/$"),
};
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
  const data = event.data || {};
  if (data === "signed-out") {
    event.waitUntil(Promise.all([caches.delete(TODAY), outbox("readwrite", (s) => s.clear())]));
  } else if (data === "flush") {
    event.waitUntil(flush());
  } else if (data === "status") {
    event.waitUntil(report({}));
  } else if (data.forget) {
    event.waitUntil(outbox("readwrite", (s) => s.delete(data.forget)).then(() => report({})));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST" && whatIsKept(url.pathname)) {
    event.respondWith(sendOrKeep(request, url));
    return;
  }
  if (request.method !== "GET") { return; }
  if (request.mode === "navigate") {
    event.respondWith(navigate(request, url));
  } else if (url.pathname.startsWith(STATIC_PREFIX)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});

async function navigate(request, url) {
  try {
    const response = await fetch(request);
    const keep = TODAY_PATH.test(url.pathname) || CHECKIN_PATH.test(url.pathname);
    if (keep && !url.search && response.ok && !response.redirected) {
      await keepPage(url.pathname, response.clone());
    }
    return response;
  } catch (error) {
    return offline(url);
  }
}

async function keepPage(path, response) {
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
  if (TODAY_PATH.test(path)) { await cache.put(LAST_TODAY, saved); }
}

async function offline(url) {
  const cache = await caches.open(TODAY);
  let hit = await cache.match(url.pathname === "/" ? LAST_TODAY : url.pathname);
  if (hit && CHECKIN_PATH.test(url.pathname) && !sameDay(hit.headers.get("X-Pacewise-Saved"))) {
    hit = undefined;  // a check-in page kept yesterday would save to yesterday
  }
  const kept = url.searchParams.get("kept");
  const page = hit || (await caches.match(OFFLINE_URL));
  if (!page) {
    return new Response("You're offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
  }
  if (!hit && !kept) { return page; }
  let words = kept ? "Saved on this phone: your " + escapeHtml(kept) + " will be sent when " +
    "you\u2019re back online. " : "";
  if (hit) {
    const saved = new Date(hit.headers.get("X-Pacewise-Saved"));
    const time = saved.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    words += "You\u2019re offline \u2014 " + (TODAY_PATH.test(url.pathname) || url.pathname === "/"
      ? "this is your plan as of " + time + ". " : "this page is as of " + time + ". ") +
      (kept ? "" : "What you save or log is kept on this phone and sent when you\u2019re back " +
        "online.");
  }
  const banner = '<p class="banner offline-banner" role="status">' + words + "</p>";
  const html = (await page.text()).replace(/<main id="main"[^>]*>/, "$&" + banner);
  const headers = { "Content-Type": "text/html; charset=utf-8" };
  const policy = page.headers.get("Content-Security-Policy");
  if (policy) { headers["Content-Security-Policy"] = policy; }
  return new Response(html, { headers });
}

function sameDay(iso) {
  return !!iso && new Date(iso).toDateString() === new Date().toDateString();
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => "&#" + c.charCodeAt(0) + ";");
}

function whatIsKept(path) {
  return Object.keys(KEPT_WHEN_OFFLINE).find((what) => KEPT_WHEN_OFFLINE[what].test(path));
}

// --- The outbox: what was said without signal, until the server has it -----------------------

function outbox(mode, work) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open("pacewise-outbox", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("entries", { keyPath: "id" });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction("entries", mode);
      const request = work(tx.objectStore("entries"));
      tx.oncomplete = () => { db.close(); resolve(request && request.result); };
      tx.onerror = () => { db.close(); reject(tx.error); };
    };
  });
}

async function sendOrKeep(request, url) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {  // no connection: keep it, and answer as the server would have
    const what = whatIsKept(url.pathname);
    const item = {
      id: self.crypto.randomUUID(), path: url.pathname, what: what, body: await copy.text(),
      type: copy.headers.get("Content-Type") || "application/x-www-form-urlencoded",
      htmx: copy.headers.get("HX-Request") === "true", saved: new Date().toISOString(),
      problem: false,
    };
    await outbox("readwrite", (s) => s.put(item));
    await report({ kept: what });
    if (item.htmx) {  // the page keeps its card and says it is kept (pacewise.js)
      return new Response(null, { status: 204 });
    }
    const today = url.pathname.replace(/^(\/p\/[0-9a-f-]{36}\/).*$/, "$1today/");
    return Response.redirect(new URL(today + "?kept=" + what, self.location.origin).href, 303);
  }
}

let flushing = null;

function flush() {  // one at a time: two "online" events must not send an entry twice at once
  flushing = flushing || sendKept().finally(() => { flushing = null; });
  return flushing;
}

async function sendKept() {
  const items = (await outbox("readonly", (s) => s.getAll())) || [];
  const done = { sent: 0, signIn: false };
  for (const item of items.filter((i) => !i.problem)) {
    const headers = { "Content-Type": item.type };
    if (item.htmx) { headers["HX-Request"] = "true"; }
    let response;
    try {
      response = await fetch(item.path, { method: "POST", body: item.body, headers: headers,
        credentials: "same-origin" });
    } catch (error) {
      break;  // still no connection: try again when it returns
    }
    // stored: the page the server sends on after saving (a form), or the updated card (htmx);
    // a way to the sign-in page means the session ended, and the entry waits for sign-in
    const signIn = new URL(response.url).pathname.startsWith(SIGN_IN);
    const stored = !signIn && response.ok && (item.htmx || response.redirected);
    if (stored) {
      await outbox("readwrite", (s) => s.delete(item.id));
      done.sent += 1;
    } else if (signIn || response.status === 403 || response.status === 401) {
      done.signIn = true;  // signed out meanwhile: kept until they sign in again
    } else if (response.status < 500) {  // the server said no (e.g. a day too long ago)
      item.problem = true;
      await outbox("readwrite", (s) => s.put(item));
    }
  }
  await report(done);
}

async function report(done) {
  const items = (await outbox("readonly", (s) => s.getAll())) || [];
  const status = {
    outbox: true, sent: done.sent || 0, signIn: !!done.signIn, kept: done.kept || "",
    waiting: items.filter((i) => !i.problem).map((i) => ({ what: i.what, saved: i.saved })),
    problems: items.filter((i) => i.problem).map((i) => ({
      id: i.id, what: i.what, saved: i.saved, body: i.body })),
  };
  const clients = await self.clients.matchAll({ type: "window" });
  clients.forEach((client) => client.postMessage(status));
}

// --- Reminders as notifications (today/push.py sends them; today/reminders.py decides) -------

self.addEventListener("push", (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Pacewise", {
    body: data.body || "", tag: data.tag, icon: ICON, badge: ICON,
    data: { url: data.url || "/", notToday: data.notToday || "" },
    actions: data.notToday ? [{ action: "not-today", title: "Not today" }] : [],
  }));
});

self.addEventListener("notificationclick", (event) => {
  const note = event.notification;
  note.close();
  if (event.action === "not-today") {  // one tap: the rest of today stays quiet
    event.waitUntil(fetch(note.data.notToday, { method: "POST" }).catch(() => undefined));
    return;
  }
  event.waitUntil(self.clients.openWindow(note.data.url));
});

