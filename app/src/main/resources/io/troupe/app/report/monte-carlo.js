// monte-carlo.html's charts: per method a fan chart of the equity paths (5%, 50%, 95%) and histograms of the figures.
(function () {
  var data = JSON.parse(document.getElementById("mc-data").textContent);
  var methods = data.summary.methods;
  var charts = [];
  function width(el) {
    return Math.max(320, el.parentNode.clientWidth || 360);
  }
  function fan(key) {
    var el = document.getElementById("fan-" + key);
    var f = data.fans[key];
    if (!el || !f) return;
    var opts = {
      width: width(el), height: 220,
      scales: { x: { time: true } },
      series: [{}, { label: "5%", stroke: "#d9534f" }, { label: "50%", stroke: "#1f5fa8", width: 2 }, { label: "95%", stroke: "#3c9a5f" }],
      bands: [{ series: [3, 1], fill: "rgba(31,95,168,0.12)" }],
      axes: [{}, { size: 70 }]
    };
    charts.push(new uPlot(opts, [f.times, f.bands[0], f.bands[1], f.bands[2]], el));
  }
  function hist(key, figure) {
    var el = document.getElementById("hist-" + key + "-" + figure);
    var h = methods[key] && methods[key][figure] && methods[key][figure].histogram;
    if (!el || !h) return;
    var scale = figure === "longest_drawdown_seconds" ? 1 / 86400 : 100;
    var xs = [], ys = [];
    for (var i = 0; i < h.counts.length; i++) {
      xs.push(((h.edges[i] + h.edges[i + 1]) / 2) * scale);
      ys.push(h.counts[i]);
    }
    if (xs.length === 1) {
      // Every path gave the same value: one bar, with room either side.
      var pad = Math.max(Math.abs(xs[0]) * 0.5, 0.01);
      xs = [xs[0] - pad, xs[0], xs[0] + pad];
      ys = [0, ys[0], 0];
    }
    var d = methods[key][figure];
    var opts = {
      width: width(el), height: 200,
      scales: { x: { time: false } },
      series: [{ label: figure === "longest_drawdown_seconds" ? "days" : "%" },
        { label: "paths", fill: "rgba(31,95,168,0.55)", stroke: "#1f5fa8", paths: uPlot.paths.bars({ size: [0.95, 100] }), points: { show: false } }],
      axes: [{}, { size: 50 }],
      hooks: {
        draw: [function (u) {
          // The 5%, 50% and 95% marks as vertical lines.
          var ctx = u.ctx;
          ctx.save();
          [d.p5, d.p50, d.p95].forEach(function (q, i) {
            var x = u.valToPos(q * scale, "x", true);
            ctx.strokeStyle = i === 1 ? "#222" : "#d9534f";
            ctx.setLineDash([4, 3]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          });
          ctx.restore();
        }]
      }
    };
    charts.push(new uPlot(opts, [xs, ys], el));
  }
  Object.keys(methods).forEach(function (key) {
    fan(key);
    ["final_return", "max_drawdown", "longest_drawdown_seconds"].forEach(function (f) { hist(key, f); });
  });
  // For a test in a browser: every chart the page drew.
  window.troupeMonteCarlo = { charts: charts };
})();
