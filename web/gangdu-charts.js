// Gangdu chart helpers shared by report.html and the dashboard (gangdu serve).
// Draws one variable: simulated runs as lines, an optional ensemble band, the
// historical record as points (citations on hover), regime periods shaded and
// dated events as dashed lines. Uses Chart.js (window.Chart), embedded from npm.
(function (global) {
  'use strict';
  var REGIME_FILL = ['rgba(70,110,200,0.08)', 'rgba(200,140,60,0.11)'];
  var RUN_COLORS = ['#1f5fbf', '#d9480f', '#2b8a3e', '#7048e8'];

  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) return 'n/a';
    var a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 1 : 2) + ' M';
    if (a >= 1e4) return (v / 1e3).toFixed(0) + ' k';
    if (a >= 1e3) return (v / 1e3).toFixed(1) + ' k';
    if (a >= 10) return v.toFixed(0);
    return +v.toPrecision(3) + '';
  }

  function unitOf(variable) {
    if (/_t$/.test(variable)) return 't';
    if (/share$|fulfilment/.test(variable)) return 'share';
    if (/index$/.test(variable)) return 'index';
    return 'persons';
  }

  // Dashed event lines and regime bands, under the data.
  var regimePlugin = {
    id: 'gangduRegimes',
    beforeDatasetsDraw: function (chart, args, opts) {
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      if (!x || !area) return;
      ctx.save();
      (opts.regimes || []).forEach(function (r, i) {
        var a = Math.max(x.getPixelForValue(r.x0), area.left);
        var b = Math.min(x.getPixelForValue(r.x1), area.right);
        if (!(b > a)) return;
        ctx.fillStyle = REGIME_FILL[i % 2];
        ctx.fillRect(a, area.top, b - a, area.bottom - area.top);
        if (b - a > 26) {
          ctx.fillStyle = 'rgba(60,60,70,0.6)';
          ctx.font = '9px sans-serif';
          ctx.fillText(r.id, a + 2, area.top + 9);
        }
      });
      // 1958: the project never calibrates to anything after 1957 (docs, COMMON rules): mark where the forecast starts.
      var f = x.getPixelForValue(1958);
      if (f > area.left && f < area.right) {
        ctx.strokeStyle = 'rgba(90,90,90,0.55)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(f, area.top);
        ctx.lineTo(f, area.bottom);
        ctx.stroke();
      }
      var seen = {};
      ctx.strokeStyle = 'rgba(120,40,40,0.35)';
      ctx.setLineDash([3, 3]);
      ctx.lineWidth = 1;
      (opts.events || []).forEach(function (e) {
        if (seen[e.date]) return;
        seen[e.date] = true;
        var p = x.getPixelForValue(e.x);
        if (p < area.left || p > area.right) return;
        ctx.beginPath();
        ctx.moveTo(p, area.bottom);
        ctx.lineTo(p, area.bottom - (area.bottom - area.top) * 0.25);
        ctx.stroke();
      });
      ctx.restore();
    }
  };

  function points(firstYear, values) {
    var out = [];
    for (var i = 0; i < (values || []).length; i++)
      out.push({ x: firstYear + i + 0.5, y: values[i] === null ? null : values[i] });
    return out;
  }

  // spec: {variable, firstYear, lastYear, runs:[{label, values, dash}], band:{lo,hi,mean}|null,
  //        bandLabel, history:[points of this variable], regimes, events, mape}
  function datasets(spec) {
    var ds = [];
    if (spec.band && spec.band.lo && spec.band.hi) {
      ds.push({ label: 'band low', data: points(spec.firstYear, spec.band.lo), borderWidth: 0, pointRadius: 0,
                borderColor: 'rgba(31,95,191,0)', fill: false, spanGaps: true, gangduBand: true });
      ds.push({ label: spec.bandLabel || 'ensemble 5-95%', data: points(spec.firstYear, spec.band.hi), borderWidth: 0,
                pointRadius: 0, borderColor: 'rgba(31,95,191,0)', backgroundColor: 'rgba(31,95,191,0.16)', fill: '-1',
                spanGaps: true });
      if (spec.band.mean)
        ds.push({ label: 'ensemble mean', data: points(spec.firstYear, spec.band.mean), borderColor: 'rgba(31,95,191,0.6)',
                  borderWidth: 1, borderDash: [2, 2], pointRadius: 0, spanGaps: true });
    }
    (spec.runs || []).forEach(function (r, i) {
      ds.push({ label: r.label, data: points(spec.firstYear, r.values), borderColor: r.color || RUN_COLORS[i % RUN_COLORS.length],
                backgroundColor: r.color || RUN_COLORS[i % RUN_COLORS.length], borderWidth: 1.6, borderDash: r.dash ? [6, 4] : [],
                pointRadius: 0, spanGaps: false, tension: 0 });
    });
    var hist = (spec.history || []).filter(function (h) { return h.y !== null && h.y !== undefined; });
    if (hist.length) {
      ds.push({
        type: 'scatter', label: 'record', showLine: false,
        data: hist.map(function (h) { return { x: h.year + 0.5, y: h.y, h: h }; }),
        pointStyle: hist.map(function (h) {
          if (h.compare === 'ratio') return 'rectRot';
          if (h.qualifier === 'more than' || h.qualifier === 'less than' || h.qualifier === 'up to') return 'triangle';
          return 'circle';
        }),
        rotation: hist.map(function (h) { return h.qualifier === 'less than' || h.qualifier === 'up to' ? 180 : 0; }),
        pointRadius: 5, pointHoverRadius: 7, borderColor: '#8f1d1d', backgroundColor: 'rgba(200,40,40,0.75)'
      });
    }
    return ds;
  }

  function tooltipLabel(ctx) {
    var raw = ctx.raw || {};
    if (raw.h) {
      var h = raw.h, lines = [];
      if (h.compare === 'ratio')
        lines.push('record: ' + h.year + '/' + h.base_year + ' ratio ' + (h.qualifier ? h.qualifier + ' ' : '') + h.observed +
                   ' (implied level ' + fmt(h.y) + ' ' + h.unit + ')');
      else
        lines.push('record ' + h.year + ': ' + (h.qualifier ? h.qualifier + ' ' : '') + fmt(h.observed) + ' ' + h.unit);
      if (h.simulated !== null && h.simulated !== undefined)
        lines.push('simulated: ' + fmt(h.simulated) + (h.error !== null ? ' (error ' + (100 * h.error).toFixed(1) + '%)' : ''));
      lines.push('source: ' + h.citation);
      return lines;
    }
    if (ctx.dataset.gangduBand) return null;
    return ctx.dataset.label + ': ' + fmt(ctx.parsed.y);
  }

  function options(spec) {
    var title = spec.variable + (spec.mape !== undefined && spec.mape !== null ? '  (MAPE ' + spec.mape.toFixed(1) + '%)' : '');
    return {
      animation: false, responsive: true, maintainAspectRatio: false, normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', min: spec.firstYear, max: spec.lastYear + 1,
             ticks: { stepSize: 5, callback: function (v) { return String(Math.floor(v)); }, font: { size: 10 } } },
        y: { beginAtZero: true, ticks: { callback: fmt, font: { size: 10 } },
             title: { display: true, text: unitOf(spec.variable), font: { size: 10 } } }
      },
      plugins: {
        title: { display: true, text: title, font: { size: 12 } },
        legend: { labels: { boxWidth: 10, font: { size: 10 },
                            filter: function (item, data) { return !data.datasets[item.datasetIndex].gangduBand; } } },
        tooltip: { callbacks: { title: function (items) { return items.length ? String(Math.floor(items[0].parsed.x)) : ''; },
                                label: tooltipLabel } },
        gangduRegimes: { regimes: spec.regimes || [], events: spec.events || [] }
      }
    };
  }

  // A number that changes whenever the plotted runs change (read by the browser tests).
  function signature(spec) {
    var s = 0;
    (spec.runs || []).forEach(function (r) { (r.values || []).forEach(function (v) { if (v) s += v; }); });
    return s;
  }

  function makeChart(canvas, spec) {
    var chart = new global.Chart(canvas, { type: 'line', data: { datasets: datasets(spec) }, options: options(spec),
                                          plugins: [regimePlugin] });
    canvas.dataset.signature = String(signature(spec));
    canvas.dataset.variable = spec.variable;
    return chart;
  }

  function updateChart(chart, spec) {
    chart.data.datasets = datasets(spec);
    chart.options = options(spec);
    chart.update('none');
    chart.canvas.dataset.signature = String(signature(spec));
  }

  global.GangduCharts = { makeChart: makeChart, updateChart: updateChart, fmt: fmt, unitOf: unitOf, signature: signature,
                          RUN_COLORS: RUN_COLORS };
})(window);
