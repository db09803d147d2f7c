// Draws <div data-map="POINTS-URL"> from the points Anju sends (in columns, without names: a
// name is asked for at data-name when its point is pointed at) and the stock resources as
// diamonds, over the outlines of districts and streets the bureau supplied and nothing else (no
// base map leaves the host), in Web Mercator. A point chosen opens its community, a diamond
// its resource.
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

  // Web Mercator, as tiles are drawn: east-west and north-south at one scale wherever one looks
  function mercator(latitude) {
    var phi = Math.max(-85.05, Math.min(85.05, latitude)) * Math.PI / 180;
    return Math.log(Math.tan(Math.PI / 4 + phi / 2)) * 180 / Math.PI;
  }

  // A series' points as columns: x and y placed, and each one's code (and name, if sent).
  function columnsOf(count) {
    return { x: new Float64Array(count), y: new Float64Array(count), code: new Array(count), name: null };
  }

  // The communities' columns (anju/core/map_columns.py): coordinates as differences in
  // millionths of a degree, codes front-coded; split into one series per category, each point
  // also remembered in the order of the codes (``order``: its series and its place there).
  function communities(found, categories) {
    var n = found.category.length, scale = found.scale;
    var counts = new Array(categories).fill(0);
    for (var i = 0; i < n; i++) { counts[found.category[i]] += 1; }
    var series = counts.map(columnsOf), filled = new Array(categories).fill(0);
    var order = { series: new Uint8Array(n), place: new Int32Array(n) };
    var x = 0, y = 0, code = "";
    for (var j = 0; j < n; j++) {
      x += found.longitude[j]; y += found.latitude[j];
      code = code.slice(0, found.keep[j]) + found.tail[j];
      var m = found.category[j], s = series[m], k = filled[m]++;
      s.x[k] = x / scale; s.y[k] = mercator(y / scale); s.code[k] = code;
      order.series[j] = m; order.place[j] = k;
    }
    return { series: series, order: order };
  }

  function resourcesOf(rows, taken) {
    var chosen = rows.filter(function (p) { return p[2] === taken; });
    var s = columnsOf(chosen.length);
    s.name = new Array(chosen.length);
    chosen.forEach(function (p, k) {
      s.x[k] = p[0]; s.y[k] = mercator(p[1]); s.code[k] = p[3]; s.name[k] = p[4];
    });
    return s;
  }

  function draw(data) {
    var rows = data.resources.points;
    var kinds = data.resources.labels.map(function (label, n) {
      return { key: n ? "resource-taken" : "resource-free", label: label, colour: RESOURCE_COLOURS[n],
               diamond: true, count: rows.filter(function (p) { return p[2] === n; }).length };
    });
    legend.replaceChildren.apply(legend, data.categories.concat(kinds).map(row));
    state.textContent = data.unplaced ? state.dataset.unplaced.replace("{n}", data.unplaced) : "";
    var placed = communities(data.points, data.categories.length);
    var series = placed.series, order = placed.order;
    var first = series.length;
    kinds.forEach(function (kind, n) { series.push(resourcesOf(rows, n)); });
    var lines = [];
    data.outlines.forEach(function (outline) {
      outline.rings.forEach(function (ring) {
        lines.push({ name: outline.name, coords: ring.map(function (p) { return [p[0], mercator(p[1])]; }) });
      });
    });
    // a loop, not Math.min.apply: a nation's points are more arguments than a call may take
    var south = 180, north = -180, west = 180, east = -180;
    function widen(x, y) {
      if (y < south) { south = y; } if (y > north) { north = y; }
      if (x < west) { west = x; } if (x > east) { east = x; }
    }
    series.forEach(function (s) { for (var i = 0; i < s.x.length; i++) { widen(s.x[i], s.y[i]); } });
    lines.forEach(function (line) { line.coords.forEach(function (p) { widen(p[0], p[1]); }); });
    if (south > north) { south = north = west = east = 0; }
    // one scale for both axes, wide enough for the points and the box's shape, with a margin
    var width = Math.max(element.clientWidth - 20, 1), height = Math.max(element.clientHeight - 20, 1);
    var across = Math.max(east - west, 0.01), up = Math.max(north - south, 0.01);
    var perPixel = 1.1 * Math.max(across / width, up / height);
    var centre = [(east + west) / 2, (north + south) / 2];
    function range(middleOf, pixels) {
      return { min: middleOf - perPixel * pixels / 2, max: middleOf + perPixel * pixels / 2 };
    }
    // What each series draws: the points in view, and where thousands are, one a cell of three
    // pixels over all the colours (a point drawn under another shows nothing more, and the
    // nation's 220,000 points are far more than a screen can show), the first in the order of
    // the codes kept, so that the colours keep their shares rather than the one drawn last
    // covering the rest. Where even that leaves more than the chart redraws smoothly, the cell
    // grows, up to less than a point's size, so that the points still cover all they covered.
    // The stock resources are few and always drawn. ``at``: each drawn point's place in its
    // series, by which a point pointed at is found again.
    var MANY = 5000, SMOOTH = 20000, CELLS = [3, 4.5, 6, 8];
    function thin(west, east, south, north, pixel) {
      // an eighth more on each side, so that a short pan shows points already there
      var xmin = west - (east - west) / 8, xmax = east + (east - west) / 8;
      var ymin = south - (north - south) / 8, ymax = north + (north - south) / 8;
      function within(s, i) {
        return s.x[i] >= xmin && s.x[i] <= xmax && s.y[i] >= ymin && s.y[i] <= ymax;
      }
      var inView = [];  // the communities in view, by their place in ``order``
      for (var j = 0; j < order.series.length; j++) {
        if (within(series[order.series[j]], order.place[j])) { inView.push(j); }
      }
      for (var c = 0; c < CELLS.length && inView.length > (c ? SMOOTH : MANY); c++) {
        var cell = CELLS[c] * pixel, across = Math.ceil((xmax - xmin) / cell) + 1, seen = new Set();
        inView = inView.filter(function (j) {
          var s = series[order.series[j]], i = order.place[j];
          var key = Math.floor((s.y[i] - ymin) / cell) * across + Math.floor((s.x[i] - xmin) / cell);
          if (seen.has(key)) { return false; }
          seen.add(key);
          return true;
        });
      }
      var at = series.map(function () { return []; });
      inView.forEach(function (j) { at[order.series[j]].push(order.place[j]); });
      for (var r = first; r < series.length; r++) {
        for (var i = 0; i < series[r].x.length; i++) { if (within(series[r], i)) { at[r].push(i); } }
      }
      return at.map(function (places, n) {
        var s = series[n];
        return { at: places, data: places.map(function (i) { return [s.x[i], s.y[i]]; }) };
      });
    }
    var x0 = range(centre[0], width), y0 = range(centre[1], height);
    var shown = thin(x0.min, x0.max, y0.min, y0.max, perPixel);
    function pointed(seriesIndex, dataIndex) {
      var s = series[seriesIndex], drawn = shown[seriesIndex];
      var i = drawn ? drawn.at[dataIndex] : undefined;
      return i === undefined ? null : { code: s.code[i], name: s.name ? s.name[i] : null };
    }
    if (data.map_numbers.length) {
      document.getElementById("map-number").textContent =
        element.dataset.mapNumber.replace("{numbers}", data.map_numbers.join("、"));
    }
    // a community's name is asked for when it is pointed at, and kept
    var names = new Map();
    function named(code) {
      if (!names.has(code)) {
        names.set(code, fetch(element.dataset.name + "?code=" + encodeURIComponent(code),
                              { credentials: "same-origin" })
          .then(function (answer) { return answer.ok ? answer.json() : { name: "" }; })
          .then(function (found) { return found.name; }, function () { return ""; }));
      }
      return names.get(code);
    }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      tooltip: { formatter: function (p, ticket, callback) {
        var point = pointed(p.seriesIndex, p.dataIndex);
        if (!point) { return ""; }
        if (point.name !== null) { return echarts.format.encodeHTML(point.name + " " + point.code); }
        named(point.code).then(function (name) {
          callback(ticket, echarts.format.encodeHTML(name + " " + point.code));
        });
        return echarts.format.encodeHTML(point.code);
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
          // drawn as one path from a few hundred points: a symbol apiece costs the canvas a
          // transform each, which made every frame of a pan take a quarter of a second
          large: true,
          largeThreshold: 200,
          symbolSize: 10,
          itemStyle: { color: category.colour, borderColor: "#333333", borderWidth: 0.6 },
          data: shown[n].data
        };
      }).concat(kinds.map(function (kind, n) {
        return {
          type: "scatter",
          name: kind.label,
          symbol: "diamond",
          symbolSize: 14,
          z: 3,
          itemStyle: { color: kind.colour, borderColor: "#000000", borderWidth: 1.2 },
          data: shown[first + n].data
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
      var point = pointed(event.seriesIndex, event.dataIndex);
      if (!point) { return; }
      var target = event.seriesIndex >= first ? element.dataset.resource : element.dataset.community;
      window.location = target.replace("CODE", encodeURIComponent(point.code));
    });
    function rethin() {
      var w = chart.getWidth(), h = chart.getHeight();
      var a = chart.convertFromPixel({ gridIndex: 0 }, [10, h - 10]);
      var b = chart.convertFromPixel({ gridIndex: 0 }, [w - 10, 10]);
      shown = thin(a[0], b[0], a[1], b[1], (b[0] - a[0]) / Math.max(w - 20, 1));
      // told before it is set: a few points are drawn at once, within setOption
      chart.on("finished", function told() {
        chart.off("finished", told);
        element.dispatchEvent(new CustomEvent("map-drawn"));
      });
      chart.setOption({ series: shown.map(function (drawn) { return { data: drawn.data }; }) });
    }
    // A zoom draws again at once; a pan, a stream of zooms, draws again once it settles
    // rather than on every frame (the chart moves the points already drawn meanwhile).
    var SETTLE = 120, settling = null, moved = false;
    chart.on("datazoom", function () {
      if (settling === null) {
        window.requestAnimationFrame(rethin);
      } else {
        moved = true;
        window.clearTimeout(settling);
      }
      settling = window.setTimeout(function () {
        settling = null;
        if (moved) { moved = false; rethin(); }
      }, SETTLE);
    });
    var redraw = element.dataset.tiles ? tiles(chart, element.dataset.tiles,
                                                Number(element.dataset.tilesZoom) || 18) : function () {};
    window.addEventListener("resize", function () { chart.resize(); redraw(); rethin(); });
    element.dataset.drawn = String(data.points.category.length);
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
