// Small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // The service worker (today/app_shell.py, templates/today/sw.js): Today and the check-in
  // open without signal, and what is saved or logged without signal is kept on this phone and
  // sent when the connection returns. Signing out empties what it kept.
  var pending = 0;
  var retry = { timer: 0, wait: 2000 };
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () { /* not offline-capable */ });
    var ask = function (message) {
      if (navigator.serviceWorker.controller) {
        navigator.serviceWorker.controller.postMessage(message);
      }
    };
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (!event.data || !event.data.outbox) { return; }
      showOutbox(event.data, ask);
      // "online" often comes before the connection really works: try again, less and less
      // often, while something waits and this page is open
      window.clearTimeout(retry.timer);
      if (event.data.waiting.length && navigator.onLine && !event.data.signIn) {
        retry.timer = window.setTimeout(function () { ask("flush"); }, retry.wait);
        retry.wait = Math.min(retry.wait * 2, 60000);
      } else {
        retry.wait = 2000;
      }
    });
    window.addEventListener("online", function () { retry.wait = 2000; ask("flush"); });
    document.addEventListener("DOMContentLoaded", function () {
      ask(navigator.onLine ? "flush" : "status");
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (form.matches && form.matches("form.sign-out")) {
        var words = pending === 1 ? "1 entry saved on this phone has" :
          pending + " entries saved on this phone have";
        if (pending && !window.confirm(words + " not been sent yet. If you sign out now, " +
            "it will be lost. Sign out anyway?")) {
          event.preventDefault();
          return;
        }
        ask("signed-out");
        if (window.caches) { window.caches.delete("pacewise-today"); }
        return;
      }
      // each new entry its own id: a second tap is a second bout, a retry is the same one
      var id = form.querySelector && form.querySelector('input[name="entry_id"]');
      if (id && window.crypto && window.crypto.randomUUID) {
        window.setTimeout(function () { id.value = window.crypto.randomUUID(); }, 0);
      }
    });
  }

  // Reminders as notifications (Reminders page): ask, subscribe, give the server the address.
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.querySelector(".push-choice");
    if (!box || !("serviceWorker" in navigator) || !("PushManager" in window)) { return; }
    box.hidden = false;
    var status = box.querySelector(".push-status");
    box.querySelector(".push-on").addEventListener("click", function () {
      var token = document.querySelector('input[name="csrfmiddlewaretoken"]');
      Notification.requestPermission().then(function (answer) {
        if (answer !== "granted") { throw new Error("not allowed"); }
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        return registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.key) });
      }).then(function (subscription) {
        return fetch(box.dataset.url, { method: "POST", credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
          body: JSON.stringify(subscription) });
      }).then(function (response) {
        if (!response.ok) { throw new Error("not saved"); }
        status.textContent = "Done: reminders come to this phone as notifications. " +
          "Each has \u201cNot today\u201d on it.";
      }).catch(function () {
        status.textContent = "This browser did not allow notifications, so reminders keep " +
          "coming by email. You can allow them in the browser\u2019s settings and try again.";
      });
    });
  });

  function keyBytes(text) {
    var raw = window.atob((text + "===".slice((text.length + 3) % 4)).replace(/-/g, "+")
      .replace(/_/g, "/"));
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i += 1) { out[i] = raw.charCodeAt(i); }
    return out;
  }

  var LABELS = {  // the diary's own words for what a form sends (diary/forms.py)
    pain_avg: "average pain", pain_now: "pain right now", morning_pain: "pain on waking",
    fatigue: "tiredness", sleep_hours: "hours of sleep", sleep_quality: "sleep quality",
    in_flare: "in a flare:", new_tags: "tags:", note: "note:", locations: "where it hurts:"
  };

  function when(iso) {
    var d = new Date(iso);
    return d.toLocaleDateString([], { weekday: "short", day: "numeric", month: "short" }) +
      ", " + d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function showOutbox(status, ask) {
    pending = status.waiting.length + status.problems.length;
    var box = document.getElementById("outbox");
    if (!box) { return; }
    var words = [];
    if (status.sent) {
      words.push(status.sent === 1 ? "Sent: what you saved on this phone is now in your diary." :
        "Sent: the " + status.sent + " entries you saved on this phone are now in your diary.");
    }
    var waiting = status.waiting.length;
    if (status.kept) {  // just now, without signal (the worker says so as it keeps it)
      words.push("Saved on this phone: your " + status.kept + " will be sent when you\u2019re " +
        "back online." + (waiting > 1 ? " " + waiting + " entries are waiting in all." : ""));
    } else if (waiting) {
      words.push((waiting === 1 ? "1 entry is" : waiting + " entries are") +
        " saved on this phone and will be sent when you\u2019re back online.");
    }
    if (status.signIn) { words.push("Sign in again to send them."); }
    box.querySelector(".outbox-words").textContent = words.join(" ");
    var list = box.querySelector(".outbox-problems");
    list.textContent = "";
    status.problems.forEach(function (item) {
      var li = document.createElement("li");
      var text = "Your " + item.what + " from " + when(item.saved) + " could not be saved as " +
        "it was, so it is kept here for you to enter again: ";
      var values = [];
      new URLSearchParams(item.body).forEach(function (value, name) {
        if (value && !/^(csrfmiddlewaretoken|entry_id|version|local_date)$/.test(name)) {
          var shown = { True: "yes", False: "no" }[value] || value;
          values.push((LABELS[name] || name.replace(/_/g, " ")) + " " + shown);
        }
      });
      li.textContent = text + (values.join(", ") || "no values") + ". ";
      var done = document.createElement("button");
      done.type = "button";
      done.className = "button button-secondary";
      done.textContent = "I\u2019ve entered it again";
      done.addEventListener("click", function () { ask({ forget: item.id }); });
      li.appendChild(done);
      list.appendChild(li);
    });
    box.hidden = !(words.length || status.problems.length);
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
