// Draws bar charts from data in json_script elements: <canvas data-chart="ID"> reads #ID.
// No inline scripts (CSP); each chart has a data table next to it as the accessible alternative.
(function () {
  "use strict";
  var palette = ["#0b5394", "#38761d", "#b45f06", "#741b47", "#134f5c", "#7f6000", "#990000", "#444444"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    data.datasets.forEach(function (dataset, i) {
      dataset.backgroundColor = palette[i % palette.length];
    });
    var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    new window.Chart(canvas, {
      type: "bar",
      data: data,
      options: {
        animation: reduce ? false : {},
        responsive: true,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
