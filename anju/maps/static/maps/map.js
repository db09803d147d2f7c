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
    // Web Mercator, as tiles are drawn: east-west and north-south at one scale wherever one looks
    function mercator(latitude) {
      var phi = Math.max(-85.05, Math.min(85.05, latitude)) * Math.PI / 180;
      return Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180 / Math.PI;
    }
    function placed(p) { return [p[0], mercator(p[1]), p[2], p[3], p[4]]; }
    // a loop, not Math.min.apply: a nation's points are more arguments than a call may take
    var south = 180, north = -180, west = 180, east = -180;
    function widen(p) {
      south = Math.min(south, p[1]); north = Math.max(north, p[1]);
      west = Math.min(west, p[0]); east = Math.max(east, p[0]);
    }
    var series = data.categories.map(function (category, n) {
      return data.points.filter(function (p) { return p[2] === n; }).map(placed);
    });
    var first = series.length;
    kinds.forEach(function (kind, n) {
      series.push(resources.filter(function (p) { return p[2] === n; }).map(placed));
    });
    var lines = [];
    data.outlines.forEach(function (outline) {
      outline.rings.forEach(function (ring) {
        lines.push({ name: outline.name, coords: ring.map(placed) });
      });
    });
    series.forEach(function (points) { points.forEach(widen); });
    lines.forEach(function (line) { line.coords.forEach(widen); });
    if (south > north) { south = north = west = east = 0; }
    // one scale for both axes, wide enough for the points and the box's shape, with a margin
    var width = Math.max(element.clientWidth - 20, 1), height = Math.max(element.clientHeight - 20, 1);
    var across = Math.max(east - west, 0.01), up = Math.max(north - south, 0.01);
    var perPixel = 1.1 * Math.max(across / width, up / height);
    var centre = [(east + west) / 2, (north + south) / 2];
    function range(middleOf, pixels) {
      return { min: middleOf - perPixel * pixels / 2, max: middleOf + perPixel * pixels / 2 };
    }
    // What each series draws: the points in view, and where thousands are, one a cell of two
    // pixels (a point drawn under its twin of the same colour shows nothing more); the nation's
    // 220,000 points are far more than a screen can show.
    var MANY = 5000;
    function thin(west, east, south, north, cell) {
      // a quarter more on each side, so that a short pan shows points already there
      var xmin = west - (east - west) / 4, xmax = east + (east - west) / 4;
      var ymin = south - (north - south) / 4, ymax = north + (north - south) / 4;
      return series.map(function (points) {
        var inView = points.filter(function (p) {
          return p[0] >= xmin && p[0] <= xmax && p[1] >= ymin && p[1] <= ymax;
        });
        if (inView.length <= MANY) { return inView; }
        var across = Math.ceil((xmax - xmin) / cell) + 1, seen = new Set();
        return inView.filter(function (p) {
          var key = Math.floor((p[1] - ymin) / cell) * across + Math.floor((p[0] - xmin) / cell);
          if (seen.has(key)) { return false; }
          seen.add(key);
          return true;
        });
      });
    }
    var x0 = range(centre[0], width), y0 = range(centre[1], height);
    var shown = thin(x0.min, x0.max, y0.min, y0.max, 2 * perPixel);
    if (data.map_numbers.length) {
      document.getElementById("map-number").textContent =
        element.dataset.mapNumber.replace("{numbers}", data.map_numbers.join("、"));
    }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p) {
        var point = (shown[p.seriesIndex] || [])[p.dataIndex];
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
          data: shown[n]
        };
      }).concat(kinds.map(function (kind, n) {
        return {
          type: "scatter",
          name: kind.label,
          symbol: "diamond",
          symbolSize: 14,
          z: 3,
          itemStyle: { color: kind.colour, borderColor: "#000000", borderWidth: 1.2 },
          data: shown[first + n]
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
      var point = (shown[event.seriesIndex] || [])[event.dataIndex];
      if (!point) { return; }
      var target = event.seriesIndex >= first ? element.dataset.resource : element.dataset.community;
      window.location = target.replace("CODE", encodeURIComponent(point[3]));
    });
    var pending = false;
    function rethin() {
      pending = false;
      var w = chart.getWidth(), h = chart.getHeight();
      var a = chart.convertFromPixel({ gridIndex: 0 }, [10, h - 10]);
      var b = chart.convertFromPixel({ gridIndex: 0 }, [w - 10, 10]);
      shown = thin(a[0], b[0], a[1], b[1], 2 * (b[0] - a[0]) / Math.max(w - 20, 1));
      chart.setOption({ series: shown.map(function (points) { return { data: points }; }) });
      chart.on("finished", function told() {
        chart.off("finished", told);
        element.dispatchEvent(new CustomEvent("map-drawn"));
      });
    }
    chart.on("datazoom", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(rethin); }
    });
    var redraw = element.dataset.tiles ? tiles(chart, element.dataset.tiles,
                                                Number(element.dataset.tilesZoom) || 18) : function () {};
    window.addEventListener("resize", function () { chart.resize(); redraw(); rethin(); });
    element.dataset.drawn = String(data.points.length);
  }

  // The deployment's own tiles under the grid, at the zoom whose tiles are nearest 256 pixels,
  // drawn again after each zoom or pan; at most 100 at once.
  function tiles(chart, template, most) {
    var pending = false;
    function draw() {
      pending = false;
      var w = chart.getWidth(), h = chart.getHeight();
      var a = chart.convertFromPixel({ gridIndex: 0 }, [10, h - 10]);
      var b = chart.convertFromPixel({ gridIndex: 0 }, [w - 10, 10]);
      var fit = Math.log2(360 * (w - 20) / Math.max(b[0] - a[0], 1e-9) / 256);
      var z = Math.max(0, Math.min(most, Math.round(fit)));
      var count = Math.pow(2, z), size = 360 / count;
      var x0 = Math.max(0, Math.floor((a[0] + 180) / size));
      var x1 = Math.min(count - 1, Math.floor((b[0] + 180) / size));
      var y0 = Math.max(0, Math.floor((180 - b[1]) / size));
      var y1 = Math.min(count - 1, Math.floor((180 - a[1]) / size));
      var elements = [];
      if ((x1 - x0 + 1) * (y1 - y0 + 1) <= 100) {
        for (var x = x0; x <= x1; x++) {
          for (var y = y0; y <= y1; y++) {
            var p = chart.convertToPixel({ gridIndex: 0 }, [x * size - 180, 180 - y * size]);
            var q = chart.convertToPixel({ gridIndex: 0 }, [(x + 1) * size - 180, 180 - (y + 1) * size]);
            elements.push({ type: "image", silent: true, z: -10, style: {
              image: template.replace("{z}", z).replace("{x}", x).replace("{y}", y),
              x: p[0], y: p[1], width: q[0] - p[0], height: q[1] - p[1] } });
          }
        }
      }
      chart.setOption({ graphic: elements }, { replaceMerge: ["graphic"] });
    }
    chart.on("datazoom", function () {
      if (!pending) { pending = true; window.requestAnimationFrame(draw); }
    });
    draw();
    return draw;
  }

  fetch(element.dataset.map, { credentials: "same-origin" })
    .then(function (answer) { if (!answer.ok) { throw new Error(answer.status); } return answer.json(); })
    .then(draw)
    .catch(function () { state.textContent = state.dataset.failed; });
})();
