// Draws <div data-map="POINTS-URL"> from the points Anju sends: [longitude, latitude, category,
// code, name] each, and the stock resources as diamonds, over the outlines of districts and
// streets the bureau supplied and nothing else (no base map leaves the host); east-west is shrunk by the cosine of the latitude so that the area keeps its shape. A
// point chosen opens its community, a diamond its resource.
(function () {
  "use strict";
  var element = document.querySelector("[data-map]");
  var state = document.getElementById("map-state");
  var legend = document.querySelector("#map-legend tbody");
  if (!element || typeof echarts === "undefined") { return; }
  state.textContent = state.dataset.loading;

  var RESOURCE_COLOURS = ["#FFFFFF", "#7F7F7F"];

  function row(category) {
    var tr = document.createElement("tr");
    tr.dataset.category = category.key;
    var swatch = document.createElement("td");
    var dot = document.createElement("span");
    dot.className = category.diamond ? "swatch diamond" : "swatch";
    dot.style.backgroundColor = category.colour;
    swatch.appendChild(dot);
    var label = document.createElement("td");
    label.textContent = category.label;
    var count = document.createElement("td");
    count.className = "num";
    count.textContent = category.count.toLocaleString();
    tr.append(swatch, label, count);
    return tr;
  }

  function draw(data) {
    var resources = data.resources.points;
    var kinds = data.resources.labels.map(function (label, n) {
      return { key: n ? "resource-taken" : "resource-free", label: label, colour: RESOURCE_COLOURS[n],
               diamond: true, count: resources.filter(function (p) { return p[2] === n; }).length };
    });
    legend.replaceChildren.apply(legend, data.categories.concat(kinds).map(row));
    state.textContent = data.unplaced ? state.dataset.unplaced.replace("{n}", data.unplaced) : "";
    // a loop, not Math.min.apply: a nation's points are more arguments than a call may take
    var south = 90, north = -90, west = 180, east = -180;
    function widen(p) {
      south = Math.min(south, p[1]); north = Math.max(north, p[1]);
      west = Math.min(west, p[0]); east = Math.max(east, p[0]);
    }
    data.points.forEach(widen);
    resources.forEach(widen);
    data.outlines.forEach(function (outline) {
      outline.rings.forEach(function (ring) { ring.forEach(widen); });
    });
    var middle = south <= north ? (south + north) / 2 : 0;
    var shrink = Math.cos(middle * Math.PI / 180);
    // one scale for both axes, wide enough for the points and the box's shape, with a margin
    var width = Math.max(element.clientWidth - 20, 1), height = Math.max(element.clientHeight - 20, 1);
    var across = Math.max((east - west) * shrink, 0.01), up = Math.max(north - south, 0.01);
    var perPixel = 1.1 * Math.max(across / width, up / height);
    var centre = [(east + west) / 2 * shrink, (north + south) / 2];
    function range(middleOf, pixels) {
      return { min: middleOf - perPixel * pixels / 2, max: middleOf + perPixel * pixels / 2 };
    }
    var series = data.categories.map(function (category, n) {
      return data.points.filter(function (p) { return p[2] === n; }).map(function (p) {
        return [p[0] * shrink, p[1], p[2], p[3], p[4]];
      });
    });
    var first = series.length;
    kinds.forEach(function (kind, n) {
      series.push(resources.filter(function (p) { return p[2] === n; }).map(function (p) {
        return [p[0] * shrink, p[1], p[2], p[3], p[4]];
      }));
    });
    var lines = [];
    data.outlines.forEach(function (outline) {
      outline.rings.forEach(function (ring) {
        lines.push({ name: outline.name, coords: ring.map(function (v) { return [v[0] * shrink, v[1]]; }) });
      });
    });
    if (data.map_numbers.length) {
      document.getElementById("map-number").textContent =
        element.dataset.mapNumber.replace("{numbers}", data.map_numbers.join("、"));
    }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) {
        var point = (series[p.seriesIndex] || [])[p.dataIndex];
        return point ? point[4] + " " + point[3] : "";
      } },
      grid: { left: 10, right: 10, top: 10, bottom: 10 },
      xAxis: Object.assign({ type: "value", show: false }, range(centre[0], width)),
      yAxis: Object.assign({ type: "value", show: false }, range(centre[1], height)),
      dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "none" },
                 { type: "inside", yAxisIndex: 0, filterMode: "none" }],
      series: data.categories.map(function (category, n) {
        return {
          type: "scatter",
          name: category.label,
          large: true,
          largeThreshold: 2000,
          symbolSize: 10,
          itemStyle: { color: category.colour, borderColor: "#333333", borderWidth: 0.6 },
          data: series[n]
        };
      }).concat(kinds.map(function (kind, n) {
        return {
          type: "scatter",
          name: kind.label,
          symbol: "diamond",
          symbolSize: 14,
          z: 3,
          itemStyle: { color: kind.colour, borderColor: "#000000", borderWidth: 1.2 },
          data: series[first + n]
        };
      })).concat(lines.length ? [{
        // the outlines last, so that a point's series is its place in ``series``; drawn under
        type: "lines",
        coordinateSystem: "cartesian2d",
        polyline: true,
        silent: true,
        z: 1,
        lineStyle: { color: "#595959", width: 1.2, opacity: 1 },
        data: lines
      }] : [])
    });
    // in large mode a point comes back by its place in its series, not as itself
    chart.on("click", function (event) {
      var point = (series[event.seriesIndex] || [])[event.dataIndex];
      if (!point) { return; }
      var target = event.seriesIndex >= first ? element.dataset.resource : element.dataset.community;
      window.location = target.replace("CODE", encodeURIComponent(point[3]));
    });
    window.addEventListener("resize", function () { chart.resize(); });
    element.dataset.drawn = String(data.points.length);
  }

  fetch(element.dataset.map, { credentials: "same-origin" })
    .then(function (answer) { if (!answer.ok) { throw new Error(answer.status); } return answer.json(); })
    .then(draw)
    .catch(function () { state.textContent = state.dataset.failed; });
})();
