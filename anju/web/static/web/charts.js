// Draws every <div data-chart="ID"> from the JSON in <script id="ID" type="application/json">:
// {"names": [...], "series": [{"name": ..., "values": [...]}, ...]} as grouped bars, the y axis
// named by the element's data-unit, whole steps only where it has data-counts.
(function () {
  "use strict";
  function draw(element) {
    var source = document.getElementById(element.dataset.chart);
    if (!source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 60, containLabel: true },
      xAxis: { type: "category", data: data.names, axisLabel: { interval: 0, rotate: data.names.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: element.dataset.unit || "", minInterval: "counts" in element.dataset ? 1 : 0 },
      series: data.series.map(function (s) { return { name: s.name, type: "bar", data: s.values }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }
  var charts = Array.prototype.map.call(document.querySelectorAll("[data-chart]"), draw)
    .filter(Boolean);
  // Printed, a chart is drawn again to the sheet's width (A4 upright, inside its margins), not
  // the screen's, so no bar is cut off at the paper's edge; on the screen again, to the screen's.
  var PRINTED = { width: 640, height: 300 };
  var SCREEN = { width: "auto", height: "auto" };
  function printing(on) {
    charts.forEach(function (chart) { chart.resize(on ? PRINTED : SCREEN); });
  }
  window.addEventListener("beforeprint", function () { printing(true); });
  window.addEventListener("afterprint", function () { printing(false); });
  window.matchMedia("print").addEventListener("change", function (m) { printing(m.matches); });
})();
