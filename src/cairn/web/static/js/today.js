// Today: draw the balance wheel (satisfaction by life area) with Chart.js.
// The table beside it holds the same figures, so the page reads fine without this script.
(function () {
  "use strict";
  function draw() {
    var canvas = document.getElementById("wheel");
    var data = document.getElementById("wheel-data");
    if (!canvas || !data || typeof Chart === "undefined") { return; }
    var areas = JSON.parse(data.textContent);
    Chart.defaults.color = "#3b444d";
    new Chart(canvas, {
      type: "radar",
      data: {
        labels: areas.map(function (a) { return a.label; }),
        datasets: [{
          label: "Satisfaction (0-10)",
          data: areas.map(function (a) { return a.satisfaction; }),
          spanGaps: true,
          borderColor: "#2b5d3a",
          backgroundColor: "rgba(43, 93, 58, 0.18)",
          pointBackgroundColor: "#2b5d3a"
        }]
      },
      options: {
        animation: false,
        maintainAspectRatio: true,
        scales: { r: { min: 0, max: 10, ticks: { stepSize: 2, backdropColor: "transparent" } } },
        plugins: { legend: { display: false } }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
