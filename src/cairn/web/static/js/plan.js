// Plan: the week as a FullCalendar calendar (a list on narrow screens). Sessions are
// coloured by life area, busy times are grey, rest days shaded. Dragging a session of the
// accepted plan posts the move to the API; the page is then shown again with the new plan.
// Without this script the table below the calendar shows the same week.
(function () {
  "use strict";
  var COLOURS = {
    career: "#1d4ed8", learning: "#6d28d9", passion: "#be185d", health: "#047857",
    relationships: "#b45309", finance: "#0e7490", rest: "#4d7c0f", community: "#9f1239"
  };
  var OTHERS = ["#374151", "#7c2d12", "#1e3a8a", "#14532d", "#581c87"];

  function colour(area) {
    if (COLOURS[area]) { return COLOURS[area]; }
    var sum = 0;
    for (var i = 0; i < area.length; i++) { sum += area.charCodeAt(i); }
    return OTHERS[sum % OTHERS.length];
  }

  function events(week, movable) {
    var out = week.sessions.map(function (s) {
      return {
        id: s.key, title: s.title + " (" + s.area + ")", start: s.start, end: s.end,
        backgroundColor: colour(s.area), borderColor: colour(s.area), textColor: "#ffffff",
        classNames: ["session", "area-" + s.area], editable: movable,
        extendedProps: { key: s.key }
      };
    });
    week.busy.forEach(function (b) {
      out.push({
        title: "Busy: " + (b.summary || b.calendar), editable: false,
        start: b.all_day ? b.start.slice(0, 10) : b.start,
        end: b.all_day ? b.end.slice(0, 10) : b.end, allDay: b.all_day,
        backgroundColor: "#4b5563", borderColor: "#4b5563", textColor: "#ffffff",
        classNames: ["busy"]
      });
    });
    week.rest_days.forEach(function (d) {
      out.push({ title: "Rest day", start: d, allDay: true, display: "background",
                 backgroundColor: "#bae6fd", classNames: ["rest"] });
    });
    return out;
  }

  function say(text) {
    var status = document.getElementById("calendar-status");
    if (status) { status.textContent = text; }
  }

  function draw() {
    var el = document.getElementById("calendar");
    var data = document.getElementById("plan-data");
    if (!el || !data || typeof FullCalendar === "undefined") { return; }
    var plan = JSON.parse(data.textContent);
    var narrow = window.matchMedia("(max-width: 700px)").matches;
    var calendar = new FullCalendar.Calendar(el, {
      initialView: narrow ? "listWeek" : "timeGridWeek",
      initialDate: plan.start,
      timeZone: "UTC",  // times are the person's wall-clock times, written without an offset
      firstDay: 1,
      height: "auto",
      headerToolbar: narrow ? { left: "title", center: "", right: "" }
        : { left: "title", center: "", right: "timeGridWeek,listWeek" },
      slotMinTime: "06:00:00",
      snapDuration: "00:30:00",
      eventDurationEditable: false,
      editable: plan.movable,
      nowIndicator: false,
      events: function (info, success, failure) {
        fetch("/api/v1/plan/week?start=" + plan.start, { headers: { accept: "application/json" } })
          .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
          .then(function (week) { success(events(week, plan.movable)); })
          .catch(function (err) { say("The calendar could not be loaded; the table below has the week."); failure(err); });
      },
      eventDrop: function (info) {
        var start = info.event.start.toISOString().slice(0, 16);
        say("Moving " + info.event.title + "…");
        fetch("/api/v1/plan/move", {
          method: "POST",
          headers: Object.assign({ "content-type": "application/json", accept: "application/json" },
                                 JSON.parse(document.body.getAttribute("hx-headers") || "{}")),
          body: JSON.stringify({ key: info.event.extendedProps.key, start: start + ":00" })
        }).then(function (r) {
          if (r.ok) {
            window.location.assign("/plan?week=" + start.slice(0, 10) + "&moved=1");
            return null;
          }
          return r.json().then(function (problem) {
            info.revert();
            say((problem.detail || "The session could not be moved.") + " " + (problem.hint || ""));
          });
        }).catch(function () {
          info.revert();
          say("The session could not be moved: the server did not answer.");
        });
      }
    });
    calendar.render();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
