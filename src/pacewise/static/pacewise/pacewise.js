// Small progressive enhancements. Everything works without this file.
(function () {
  "use strict";
  // Fill a hidden time-zone field (sign-up) from the browser, so days start at local midnight.
  document.addEventListener("DOMContentLoaded", function () {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    document.querySelectorAll('input[type="hidden"][name="time_zone"]').forEach(function (el) {
      if (!el.value && zone) { el.value = zone; }
    });
  });
})();
