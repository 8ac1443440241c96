// Small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // The service worker (today/app_shell.py): Today opens without signal. Signing out empties
  // what it kept of this person's plan.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* not offline-capable */ });
    document.addEventListener("submit", function (event) {
      if (!event.target.matches || !event.target.matches("form.sign-out")) { return; }
      if (navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage("signed-out");
      }
      if (window.caches) { window.caches.delete("pacewise-today"); }
    });
  }
  // Fill a hidden time-zone field (sign-up) from the browser, so days start at local midnight.
  document.addEventListener("DOMContentLoaded", function () {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    document.querySelectorAll('input[type="hidden"][name="time_zone"]').forEach(function (el) {
      if (!el.value && zone) { el.value = zone; }
    });
    // The device is in another zone than the diary's (travel): ask once per zone whether to
    // switch; "Keep" is remembered on this device for that zone.
    var prompt = document.querySelector(".zone-prompt");
    if (!prompt || !zone || zone === prompt.dataset.zone) { return; }
    var key = "pacewise.zone-kept." + prompt.dataset.zone + "." + zone;
    try { if (window.localStorage.getItem(key)) { return; } } catch (e) { /* private mode */ }
    prompt.querySelectorAll(".zone-device").forEach(function (el) { el.textContent = zone; });
    prompt.querySelector(".zone-switch").textContent = "Switch to " + zone;
    prompt.querySelector('input[name="time_zone"]').value = zone;
    prompt.hidden = false;
    prompt.querySelector(".zone-keep").addEventListener("click", function () {
      try { window.localStorage.setItem(key, "1"); } catch (e) { /* private mode */ }
      prompt.hidden = true;
    });
  });
})();
