/*
 * report.html's charts, drawn with uPlot (inlined above this script) from the JSON in #report-data.
 * Every chart shares the time axis: drag to zoom, the wheel zooms about the cursor, Shift+drag or Shift+wheel pans,
 * a double click shows everything again; the crosshair and the readout follow the cursor on all charts at once.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var charts = [];
  var syncing = false;
  var fullRange = null;
  var tzDate = function (ts) { return uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"); };

  var fmtMoney = function (v) {
    return v == null ? "–" : v.toLocaleString("en-US", {minimumFractionDigits: 2, maximumFractionDigits: 2});
  };
  var fmtPrice = function (v) {
    if (v == null) return "–";
    var a = Math.abs(v);
    var d = a >= 1000 ? 2 : a >= 1 ? 4 : 6;
    return v.toLocaleString("en-US", {minimumFractionDigits: d, maximumFractionDigits: d});
  };
  var fmtPct = function (v) { return v == null ? "–" : v.toFixed(2) + "%"; };
  var fmtTime = function (ts) {
    if (ts == null) return "";
    return new Date(ts * 1e3).toISOString().replace("T", " ").substring(0, 16) + " UTC";
  };

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }

  /** UTC tick labels: dates for a span of days, times within a day, with the date where the day changes. */
  function timeTicks(u, splits, axisIdx, space, incr) {
    var lastDay = null, lastYear = null;
    return splits.map(function (ts) {
      var d = new Date(ts * 1e3).toISOString();
      var day = d.substring(0, 10), year = d.substring(0, 4);
      if (incr >= 86400 * 28) return d.substring(0, 7);
      if (incr >= 86400) {
        // The year once, then where it changes: "2022-01-03", "01-05", "01-07", ...
        var label = year !== lastYear ? day : d.substring(5, 10);
        lastYear = year;
        return label;
      }
      var label = d.substring(11, 16);
      if (day !== lastDay) label = label + "\n" + day;
      lastDay = day;
      return label;
    });
  }

  function widthOf(el) { return Math.max(320, el.clientWidth); }

  /** Zoom every other chart to the same time range. */
  function syncX(u) {
    if (syncing) return;
    syncing = true;
    var min = u.scales.x.min, max = u.scales.x.max;
    charts.forEach(function (o) {
      if (o !== u && (o.scales.x.min !== min || o.scales.x.max !== max)) o.setScale("x", {min: min, max: max});
    });
    syncing = false;
  }

  /** Wheel zoom about the cursor, Shift+wheel and Shift+drag pan, within the data's span. */
  function wheelAndPan(u) {
    var over = u.over;
    function clamp(min, max) {
      var span = max - min;
      var full = fullRange[1] - fullRange[0];
      if (span >= full) return [fullRange[0], fullRange[1]];
      if (min < fullRange[0]) { min = fullRange[0]; max = min + span; }
      if (max > fullRange[1]) { max = fullRange[1]; min = max - span; }
      return [min, max];
    }
    over.addEventListener("wheel", function (e) {
      e.preventDefault();
      var min = u.scales.x.min, max = u.scales.x.max, span = max - min;
      var r;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        var shift = span * 0.1 * Math.sign(e.deltaX || e.deltaY);
        r = clamp(min + shift, max + shift);
      } else {
        var at = u.posToVal(e.offsetX, "x");
        var k = e.deltaY < 0 ? 0.8 : 1.25;
        var minSpan = 60 * 10; // ten minutes
        var next = Math.max(minSpan, span * k);
        r = clamp(at - (at - min) * next / span, at + (max - at) * next / span);
      }
      u.setScale("x", {min: r[0], max: r[1]});
    }, {passive: false});
    over.addEventListener("mousedown", function (e) {
      if (!e.shiftKey) return;
      e.preventDefault();
      e.stopPropagation();
      var x0 = e.clientX, min0 = u.scales.x.min, max0 = u.scales.x.max;
      var perPx = (max0 - min0) / u.over.clientWidth;
      function move(m) {
        var d = (m.clientX - x0) * perPx;
        var r = clamp(min0 - d, max0 - d);
        u.setScale("x", {min: r[0], max: r[1]});
      }
      function up() {
        document.removeEventListener("mousemove", move);
        document.removeEventListener("mouseup", up);
      }
      document.addEventListener("mousemove", move);
      document.addEventListener("mouseup", up);
    }, true);
  }

  /** A floating readout beside the cursor: the time, each series' value, and the trade under the cursor. */
  function tooltip(u, colours, extra) {
    var tip = document.createElement("div");
    tip.className = "tip";
    u.over.appendChild(tip);
    return function () {
      var idx = u.cursor.idx;
      if (idx == null || u.cursor.left < 0) { tip.style.display = "none"; return; }
      var lines = ["<b>" + fmtTime(u.data[0][idx]) + "</b>"];
      for (var i = 1; i < u.series.length; i++) {
        var s = u.series[i];
        if (!s.show) continue;
        var v = u.data[i][idx];
        lines.push('<span style="color:' + colours[i] + '">■</span> ' + esc(s.label) + ": " + s.value(u, v));
      }
      if (extra) { var x = extra(u); if (x) lines.push(x); }
      tip.innerHTML = lines.join("<br>");
      tip.style.display = "block";
      var left = u.cursor.left + 14;
      if (left + tip.offsetWidth > u.over.clientWidth) left = u.cursor.left - tip.offsetWidth - 14;
      tip.style.left = Math.max(0, left) + "px";
      tip.style.top = Math.max(0, u.cursor.top - tip.offsetHeight - 10) + "px";
    };
  }

  function baseOptions(el, height, series, axisValue) {
    return {
      width: widthOf(el),
      height: height,
      tzDate: tzDate,
      scales: {x: {time: true}},
      series: [{label: "Time", value: function (u, v) { return fmtTime(v); }}].concat(series),
      axes: [
        {stroke: "#334155", grid: {stroke: "#e5e7eb"}, space: 70, values: timeTicks},
        {stroke: "#334155", grid: {stroke: "#e5e7eb"}, size: 78,
         values: function (u, vals) { return vals.map(axisValue); }}
      ],
      cursor: {sync: {key: "report", setSeries: false}, drag: {x: true, y: false}, points: {size: 6}},
      legend: {live: true},
      hooks: {setScale: [function (u, key) { if (key === "x") syncX(u); }]}
    };
  }

  function mount(el, opts, rows, extraTip) {
    el.innerHTML = "";
    var colours = opts.series.map(function (s) { return s.stroke; });
    var update = null;
    opts.hooks.setCursor = [function () { if (update) update(); }];
    var u = new uPlot(opts, rows, el);
    update = tooltip(u, colours, extraTip);
    wheelAndPan(u);
    charts.push(u);
    return u;
  }

  function axisNumber(v) {
    var a = Math.abs(v);
    return v.toLocaleString("en-US", {maximumFractionDigits: a >= 100 ? 0 : a >= 1 ? 2 : 6});
  }

  function equityChart() {
    var el = document.getElementById("chart-equity");
    var eq = data.equity;
    if (!el || !eq) return;
    var series = eq.series.map(function (s) {
      return {label: s.label, stroke: s.colour, width: s.width || 1.6, dash: s.dash || undefined,
              fill: s.fill || undefined, value: function (u, v) { return fmtMoney(v); }};
    });
    var opts = baseOptions(el, 340, series, axisNumber);
    opts.hooks.draw = [function (u) {
      // The starting capital, dashed across the plot.
      var y = Math.round(u.valToPos(eq.start, "y", true));
      var ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = "#94a3b8";
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(u.bbox.left, y);
      ctx.lineTo(u.bbox.left + u.bbox.width, y);
      ctx.stroke();
      ctx.restore();
    }];
    mount(el, opts, [eq.t].concat(eq.series.map(function (s) { return s.values; })));
  }

  function drawdownChart() {
    var el = document.getElementById("chart-drawdown");
    var dd = data.drawdown;
    if (!el || !dd) return;
    var series = [{label: "Drawdown", stroke: "#b91c1c", width: 1.2, fill: "rgba(254,202,202,0.8)",
                   value: function (u, v) { return fmtPct(v); }}];
    var opts = baseOptions(el, 200, series, function (v) { return v + "%"; });
    // As many decimals as the tick step needs, so small drawdowns do not repeat one label.
    opts.axes[1].values = function (u, vals, axisIdx, space, incr) {
      var d = 0;
      while (d < 6 && Math.abs(Math.round(incr * Math.pow(10, d)) - incr * Math.pow(10, d)) > 1e-6) d++;
      return vals.map(function (v) { return (v === 0 ? 0 : v).toFixed(d) + "%"; });
    };
    opts.scales.y = {range: function (u, min) { return [Math.min(min * 1.08, -0.01), 0]; }};
    mount(el, opts, [dd.t, dd.values]);
  }

  function priceChart(p) {
    var el = document.getElementById("chart-price-" + p.slug);
    if (!el) return;
    var series = [{label: p.symbol + " close", stroke: "#334155", width: 1.1, value: function (u, v) { return fmtPrice(v); }}];
    p.indicators.forEach(function (ind, i) {
      series.push({label: ind.label, stroke: data.indicatorColours[i % data.indicatorColours.length], width: 1.3,
                   value: function (u, v) { return fmtPrice(v); }});
    });
    var opts = baseOptions(el, 340, series, axisNumber);
    // The price's own range sets the scale, not the markers; the regime strip sits in the bottom 10 px.
    opts.hooks.drawClear = [function (u) {
      var ctx = u.ctx, b = u.bbox;
      ctx.save();
      ctx.beginPath();
      ctx.rect(b.left, b.top, b.width, b.height);
      ctx.clip();
      var strip = 10 * devicePixelRatio;
      p.bands.forEach(function (band) {
        var x0 = u.valToPos(band[0], "x", true), x1 = u.valToPos(band[1], "x", true);
        if (x1 < b.left || x0 > b.left + b.width) return;
        var colour = data.regimes[band[2]].colour;
        ctx.globalAlpha = 0.16;
        ctx.fillStyle = colour;
        ctx.fillRect(x0, b.top, Math.max(1, x1 - x0), b.height - strip);
        ctx.globalAlpha = 0.9;
        ctx.fillRect(x0, b.top + b.height - strip, Math.max(1, x1 - x0), strip);
      });
      ctx.restore();
    }];
    opts.hooks.draw = [function (u) { drawTrades(u, p); }];
    var rows = [p.t, p.close].concat(p.indicators.map(function (ind) { return ind.values; }));
    mount(el, opts, rows, function (u) { return regimeAndTrade(u, p); });
  }

  /** Entry triangles point the way the trade bets (up for long), exits are hollow; green won, red lost. */
  function drawTrades(u, p) {
    var ctx = u.ctx, k = 6 * devicePixelRatio;
    ctx.save();
    ctx.lineWidth = 1.3 * devicePixelRatio;
    p.trades.forEach(function (tr) {
      var colour = tr[5] > 0 ? "#15803d" : "#dc2626";
      var xe = u.valToPos(tr[0], "x", true), ye = u.valToPos(tr[1], "y", true);
      var xx = u.valToPos(tr[2], "x", true), yx = u.valToPos(tr[3], "y", true);
      if (Math.max(xe, xx) < u.bbox.left || Math.min(xe, xx) > u.bbox.left + u.bbox.width) return;
      ctx.strokeStyle = colour;
      ctx.setLineDash([3, 2]);
      ctx.beginPath();
      ctx.moveTo(xe, ye);
      ctx.lineTo(xx, yx);
      ctx.stroke();
      ctx.setLineDash([]);
      if (!p.markers) return;
      triangle(ctx, xe, ye, tr[4] === 1, k, colour, colour);
      triangle(ctx, xx, yx, tr[4] !== 1, k, "#ffffff", colour);
    });
    ctx.restore();
  }

  function triangle(ctx, x, y, up, k, fill, stroke) {
    ctx.beginPath();
    if (up) { ctx.moveTo(x, y - k); ctx.lineTo(x - k, y + k * 0.7); ctx.lineTo(x + k, y + k * 0.7); }
    else { ctx.moveTo(x, y + k); ctx.lineTo(x - k, y - k * 0.7); ctx.lineTo(x + k, y - k * 0.7); }
    ctx.closePath();
    ctx.fillStyle = fill;
    ctx.fill();
    ctx.strokeStyle = stroke;
    ctx.stroke();
  }

  /** The regime under the cursor, and the trade whose marker is within 10 px of it. */
  function regimeAndTrade(u, p) {
    var t = u.posToVal(u.cursor.left, "x");
    var out = [];
    for (var i = 0; i < p.bands.length; i++) {
      var b = p.bands[i];
      if (t >= b[0] && t < b[1]) {
        var r = data.regimes[b[2]];
        out.push('<span style="color:' + r.colour + '">■</span> regime: ' + esc(r.label));
        break;
      }
    }
    var best = null, bestD = 10;
    p.trades.forEach(function (tr) {
      if (!tr[6]) return;
      [[tr[0], tr[1]], [tr[2], tr[3]]].forEach(function (pt) {
        var dx = u.valToPos(pt[0], "x") - u.cursor.left, dy = u.valToPos(pt[1], "y") - u.cursor.top;
        var d = Math.sqrt(dx * dx + dy * dy);
        if (d < bestD) { bestD = d; best = tr; }
      });
    });
    if (best) out.push('<span class="' + (best[5] > 0 ? "pos" : "neg") + '">' + best[6] + "</span>");
    return out.join("<br>");
  }

  function resetAll() {
    charts.forEach(function (u) { u.setScale("x", {min: fullRange[0], max: fullRange[1]}); });
  }

  fullRange = data.range;
  equityChart();
  drawdownChart();
  (data.prices || []).forEach(priceChart);
  charts.forEach(function (u) { u.over.addEventListener("dblclick", resetAll); });
  var resetButton = document.getElementById("zoom-reset");
  if (resetButton) resetButton.addEventListener("click", resetAll);
  window.addEventListener("resize", function () {
    charts.forEach(function (u) { u.setSize({width: widthOf(u.root.parentNode), height: u.height}); });
  });
  // For checks and scripts: the charts and their current time range.
  window.troupeReport = {
    charts: charts,
    range: function () { return charts.length ? [charts[0].scales.x.min, charts[0].scales.x.max] : null; },
    zoom: function (min, max) { if (charts.length) charts[0].setScale("x", {min: min, max: max}); }
  };
})();
