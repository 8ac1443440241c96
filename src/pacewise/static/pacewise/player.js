// The session player's timer and rep counter. Progressive enhancement: without this file the
// page still works ("Done, next exercise" and the other buttons are plain forms).
(function () {
  "use strict";

  function show(el, on) { if (el) { el.hidden = !on; } }

  function format(seconds) {
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setUpTimer(box) {
    var total = parseInt(box.getAttribute("data-minutes"), 10) * 60;
    if (!(total > 0)) { return; }
    var left = total, tick = null;
    var display = box.querySelector(".timer-display");
    var status = box.querySelector(".timer-status");
    var start = box.querySelector('[data-timer="start"]');
    var pause = box.querySelector('[data-timer="pause"]');
    var resume = box.querySelector('[data-timer="resume"]');

    function say(text) { if (status) { status.textContent = text; } }
    function draw() { display.textContent = format(left); }
    function stop() { if (tick) { clearInterval(tick); tick = null; } }
    function run() {
      stop();
      tick = setInterval(function () {
        left = Math.max(0, left - 1);
        draw();
        if (left === 0) {
          stop();
          show(pause, false); show(resume, false);
          say("Time is up. Well done. Press “Done, next exercise” when you are ready.");
        } else if (left % 60 === 0) {
          say(format(left) + " left.");
        }
      }, 1000);
    }
    start.addEventListener("click", function () {
      show(start, false); show(pause, true); run(); say("Timer started."); pause.focus();
    });
    pause.addEventListener("click", function () {
      stop(); show(pause, false); show(resume, true); say("Paused."); resume.focus();
    });
    resume.addEventListener("click", function () {
      show(resume, false); show(pause, true); run(); say("Going again."); pause.focus();
    });
    draw();
  }

  function setUpCounter(box) {
    var reps = parseInt(box.getAttribute("data-reps"), 10);
    var sets = parseInt(box.getAttribute("data-sets"), 10) || 1;
    if (!(reps > 0)) { return; }
    var set = 1, count = 0, paused = false;
    var display = box.querySelector(".rep-display");
    var add = box.querySelector('[data-rep="add"]');
    var pause = box.querySelector('[data-rep="pause"]');
    var resume = box.querySelector('[data-rep="resume"]');

    function draw(extra) {
      var text = "Set " + set + " of " + sets + ": " + count + " of " + reps;
      display.textContent = extra ? text + ". " + extra : text;
    }
    add.addEventListener("click", function () {
      if (paused) { return; }
      count += 1;
      if (count >= reps && set < sets) {
        set += 1; count = 0;
        draw("Rest as long as you need, then start the next set.");
      } else if (count >= reps) {
        count = reps;
        add.disabled = true;
        draw("All done. Press “Done, next exercise” when you are ready.");
      } else {
        draw();
      }
    });
    pause.addEventListener("click", function () {
      paused = true; add.disabled = true; show(pause, false); show(resume, true);
      draw("Paused. Take your time."); resume.focus();
    });
    resume.addEventListener("click", function () {
      paused = false; add.disabled = set === sets && count >= reps;
      show(resume, false); show(pause, true); draw(); add.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".player .js-only").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll(".player .no-js-hint").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll(".player .timer").forEach(setUpTimer);
    document.querySelectorAll(".player .rep-counter").forEach(setUpCounter);
  });
})();
