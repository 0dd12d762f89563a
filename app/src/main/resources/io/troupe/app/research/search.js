// The search page (troupe optimize) and the walk-forward page: built from the JSON in #search-data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("search-data").textContent);
  var page = document.getElementById("page");

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  function section(title) {
    var s = el("section");
    s.appendChild(el("h2", null, title));
    page.appendChild(s);
    return s;
  }
  function num(v, digits) {
    if (v === null || v === undefined || !isFinite(v)) return "n/a";
    var d = digits === undefined ? 4 : digits;
    return Number(v).toFixed(d);
  }
  // Three significant digits: objectives run from -0.0003 (a return) to 40 (a Sharpe ratio).
  function sig(v) {
    return v === null || v === undefined || !isFinite(v) ? "" : Math.abs(v) >= 1000 ? Number(v).toFixed(0) : Number(Number(v).toPrecision(3)).toString();
  }
  function pct(v) {
    return v === null || v === undefined || !isFinite(v) ? "n/a" : (v * 100).toFixed(2) + "%";
  }
  function figure(parent, label, value) {
    var f = el("div", {"class": "figure"});
    f.appendChild(el("span", null, label));
    f.appendChild(el("b", null, value));
    parent.appendChild(f);
  }
  function table(parent, header, rows, classes) {
    var wrap = el("div", {"class": "scroll"});
    var t = el("table");
    var tr = el("tr");
    header.forEach(function (h) { tr.appendChild(el("th", null, h)); });
    t.appendChild(tr);
    rows.forEach(function (r, i) {
      var row = el("tr", classes && classes[i] ? {"class": classes[i]} : null);
      r.forEach(function (c) { row.appendChild(el("td", null, c)); });
      t.appendChild(row);
    });
    wrap.appendChild(t);
    parent.appendChild(wrap);
  }
  function width() {
    return Math.min(560, (page.clientWidth || 1100) - 40);
  }

  // ---- a search
  function searchPage() {
    var s = data.summary || {};
    var head = section("Summary");
    var figs = el("div", {"class": "figures"});
    figure(figs, "candidates", String(s.candidates));
    figure(figs, "feasible", String(s.feasible));
    figure(figs, "method", String(s.method));
    figure(figs, "objective", data.objective);
    var best = s.best;
    figure(figs, "best " + data.objective, best ? num(best.metrics[data.objective]) : "none");
    figure(figs, "deflated Sharpe ratio", s.deflated_sharpe ? num(s.deflated_sharpe.dsr, 3) : "n/a");
    figure(figs, "probability of overfitting (PBO)", s.pbo && s.pbo.pbo !== null ? num(s.pbo.pbo, 3) : "n/a");
    head.appendChild(figs);
    if (best) {
      var vals = Object.keys(best.values).map(function (k) { return k + " = " + best.values[k]; }).join(", ");
      head.appendChild(el("p", null, "Best: candidate " + best.candidate + ": " + vals));
    }

    var objIndex = data.metrics.indexOf(data.objective);
    var ok = data.rows.filter(function (r) { return r.feasible && r.metrics[objIndex] !== null; });
    function coord(d, i, v) {
      return d.numeric ? Number(v) : d.choices.indexOf(v);
    }

    var charts = section(data.objective + " against each parameter (feasible candidates)");
    var box = el("div", {"class": "charts"});
    charts.appendChild(box);
    data.dims.forEach(function (d, i) {
      var pts = ok.map(function (r) { return [coord(d, i, r.values[i]), r.metrics[objIndex]]; });
      pts.sort(function (a, b) { return a[0] - b[0]; });
      var holder = el("div");
      box.appendChild(holder);
      var axisX = {label: d.key};
      if (!d.numeric) axisX.values = function (u, splits) { return splits.map(function (v) { return d.choices[v] !== undefined ? d.choices[v] : ""; }); };
      new uPlot({
        width: width(), height: 260, title: data.objective + " by " + d.key,
        scales: {x: {time: false}},
        axes: [axisX, {label: data.objective, size: 60, values: function (u, splits) { return splits.map(sig); }}],
        legend: {show: false},
        series: [{label: d.key}, {label: data.objective, stroke: "#1f77b4", paths: function () { return null; }, points: {show: true, size: 6, fill: "#1f77b4"}}]
      }, [pts.map(function (p) { return p[0]; }), pts.map(function (p) { return p[1]; })], holder);
    });

    if (data.heatmap) heatmap(ok, objIndex);

    var t = section("Every candidate, best first");
    var header = ["rank", "candidate"].concat(data.dims.map(function (d) { return d.key; })).concat(["feasible"]).concat(data.metrics);
    var rows = data.rows.map(function (r) {
      return [r.rank, r.candidate].concat(r.values).concat([r.feasible ? "yes" : (r.error ? "error" : "no")]).concat(r.metrics.map(function (m, j) {
        var k = data.metrics[j];
        return k === "total_return" || k === "max_drawdown" || k === "win_rate" ? pct(m) : k === "trade_count" ? (m === null ? "n/a" : String(m)) : num(m);
      }));
    });
    table(t, header, rows, data.rows.map(function (r) { return r.feasible ? null : "infeasible"; }));
  }

  function heatmap(ok, objIndex) {
    var a = data.dims.findIndex(function (d) { return d.key === data.heatmap[0]; });
    var b = data.dims.findIndex(function (d) { return d.key === data.heatmap[1]; });
    var s = section("Heat map: the best " + data.objective + " for each " + data.heatmap[0] + " (rows) and " + data.heatmap[1] + " (columns)");
    function levels(i) {
      var d = data.dims[i];
      var vs = [];
      ok.forEach(function (r) { if (vs.indexOf(r.values[i]) < 0) vs.push(r.values[i]); });
      if (d.numeric) vs.sort(function (x, y) { return Number(x) - Number(y); }); else vs.sort(function (x, y) { return d.choices.indexOf(x) - d.choices.indexOf(y); });
      if (!d.numeric || vs.length <= 30) return {labels: vs, of: function (v) { return vs.indexOf(v); }};
      // Continuous: ten equal bins over the values seen.
      var lo = Number(vs[0]), hi = Number(vs[vs.length - 1]), n = 10, labels = [];
      for (var k = 0; k < n; k++) labels.push(num(lo + (hi - lo) * k / n, 3) + "..");
      return {labels: labels, of: function (v) { return Math.min(n - 1, Math.floor((Number(v) - lo) / (hi - lo) * n)); }};
    }
    var ra = levels(a), rb = levels(b);
    var cells = ra.labels.map(function () { return rb.labels.map(function () { return null; }); });
    ok.forEach(function (r) {
      var i = ra.of(r.values[a]), j = rb.of(r.values[b]), v = r.metrics[objIndex];
      if (cells[i][j] === null || v > cells[i][j]) cells[i][j] = v;
    });
    var all = [];
    cells.forEach(function (row) { row.forEach(function (v) { if (v !== null) all.push(v); }); });
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    var t = el("table", {"class": "heat"});
    var tr = el("tr");
    tr.appendChild(el("th", null, data.heatmap[0] + " \\ " + data.heatmap[1]));
    rb.labels.forEach(function (l) { tr.appendChild(el("th", null, l)); });
    t.appendChild(tr);
    cells.forEach(function (row, i) {
      var r = el("tr");
      r.appendChild(el("th", null, ra.labels[i]));
      row.forEach(function (v) {
        var td = el("td", null, v === null ? "" : sig(v));
        if (v !== null) {
          var f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
          // red (worst) to green (best) through pale yellow
          var red = f < 0.5 ? 230 : Math.round(230 - (f - 0.5) * 2 * 140);
          var green = f < 0.5 ? Math.round(90 + f * 2 * 140) : 230;
          td.style.background = "rgb(" + red + "," + green + ",120)";
        }
        r.appendChild(td);
      });
      t.appendChild(r);
    });
    s.appendChild(t);
  }

  // ---- a walk-forward
  function walkForwardPage() {
    var s = data.summary;
    var head = section("Summary");
    var figs = el("div", {"class": "figures"});
    figure(figs, "windows", String(s.windows.length));
    figure(figs, "mode", s.mode);
    figure(figs, "out-of-sample return", pct(s.out_of_sample_return));
    figure(figs, "buy and hold, same span", pct(s.buy_and_hold_return));
    figure(figs, "walk-forward efficiency", num(s.walk_forward_efficiency, 3));
    head.appendChild(figs);
    var eq = section("Out-of-sample equity, stitched from the test windows");
    var holder = el("div");
    eq.appendChild(holder);
    new uPlot({
      width: Math.min(1100, (page.clientWidth || 1100) - 40), height: 320,
      scales: {x: {time: true}},
      axes: [{}, {size: 70}],
      series: [{}, {label: "out-of-sample equity", stroke: "#1f77b4", width: 1.5}]
    }, [data.equity.t, data.equity.v], holder);
    var w = section("In-sample against out-of-sample, per window");
    var header = ["window", "train from", "train to", "test from", "test to", "chosen", "in-sample " + s.objective, "out-of-sample " + s.objective,
      "in-sample return", "out-of-sample return", "out-of-sample trades", "efficiency"];
    var rows = s.windows.map(function (x) {
      return [x.window, x.train_from, x.train_to, x.test_from, x.test_to, Object.keys(x.chosen || {}).map(function (k) { return k + "=" + x.chosen[k]; }).join(" "),
        num(x.in_sample_objective), num(x.out_of_sample_objective), pct(x.in_sample_return), pct(x.out_of_sample_return), String(x.out_of_sample_trades),
        num(x.efficiency, 3)];
    });
    table(w, header, rows);
  }

  if (data.kind === "walk-forward") walkForwardPage(); else searchPage();
})();
