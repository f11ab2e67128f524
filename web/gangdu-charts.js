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

  // How a chart shows a series: a human title and an axis unit scaled to the data, from the
  // codebook entry (variables.csv: unit, kind, description) when there is one.
  //   displayOf('angang.steel_t', {unit:'t', kind:'flow', description:'steel output'}, 2.9e6)
  //   -> {title: 'Steel output', axis: 'Mt a year', div: 1e6}
  var SCALED = {
    t: [[1e6, 'Mt'], [1e3, 'kt'], [1, 't']],
    persons: [[1e6, 'million persons'], [1e3, 'thousand persons'], [1, 'persons']],
    yuan: [[1e9, 'billion yuan'], [1e6, 'million yuan'], [1e3, 'thousand yuan'], [1, 'yuan']],
    m2: [[1e6, 'million m\u00b2'], [1e3, 'thousand m\u00b2'], [1, 'm\u00b2']]
  };
  function displayOf(variable, info, maxAbs) {
    var unit = (info && info.unit) || unitOf(variable), div = 1, label = unit;
    var steps = SCALED[unit];
    if (steps) {
      for (var i = 0; i < steps.length; i++)
        if (maxAbs >= steps[i][0] || i === steps.length - 1) { div = steps[i][0]; label = steps[i][1]; break; }
    } else if (unit === 't/yr') {
      var t = displayOf(variable, { unit: 't' }, maxAbs);
      div = t.div; label = t.axis + ' a year';
    }
    if (info && info.kind === 'flow' && unit !== 't/yr' && unit !== 'share' && unit !== 'ratio' && unit !== 'multiple')
      label += ' a year';
    var d = (info && info.description) || '';
    // the whole description, capitalised, cut at 70 characters
    var title = d ? d.charAt(0).toUpperCase() + d.slice(1) : variable;
    if (title.length > 70) title = title.slice(0, 67) + '\u2026';
    return { title: title, axis: label, div: div, unit: unit };
  }

  // Text that fits `width` pixels: the whole, or cut with an ellipsis, or '' when too narrow.
  function fitText(ctx, text, width) {
    if (ctx.measureText(text).width <= width) return text;
    for (var n = text.length - 1; n >= 3; n--) {
      var t = text.slice(0, n) + '\u2026';
      if (ctx.measureText(t).width <= width) return t;
    }
    return '';
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
        ctx.fillStyle = 'rgba(60,60,70,0.7)';
        ctx.font = '9px sans-serif';
        var name = fitText(ctx, r.short || r.name || r.id, b - a - 4);
        if (name) ctx.fillText(name, a + 2, area.top + 9 + 10 * (i % 2));
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
      var seen = {}, lastLabel = -1e9;
      ctx.setLineDash([3, 3]);
      ctx.lineWidth = 1;
      // Unlabelled events: short ticks at the bottom; labelled ones (the scenario's `label`): a
      // dashed line across the chart with the label written along it.
      (opts.events || []).forEach(function (e) {
        var p = x.getPixelForValue(e.x);
        if (p < area.left || p > area.right) return;
        if (e.label) {
          ctx.strokeStyle = 'rgba(140,30,30,0.55)';
          ctx.beginPath();
          ctx.moveTo(p, area.bottom);
          ctx.lineTo(p, area.top + 20);
          ctx.stroke();
          if (p - lastLabel < 11) return;  // too close to the previous label: the line only
          lastLabel = p;
          ctx.save();
          ctx.translate(p + 3, area.top + 22);
          ctx.rotate(Math.PI / 2);
          ctx.fillStyle = 'rgba(140,30,30,0.85)';
          ctx.font = '9px sans-serif';
          ctx.fillText(e.label, 0, 0);
          ctx.restore();
          return;
        }
        if (seen[e.date]) return;
        seen[e.date] = true;
        ctx.strokeStyle = 'rgba(120,40,40,0.35)';
        ctx.beginPath();
        ctx.moveTo(p, area.bottom);
        ctx.lineTo(p, area.bottom - (area.bottom - area.top) * 0.08);
        ctx.stroke();
      });
      ctx.restore();
    }
  };

  function points(firstYear, values, div) {
    var out = [];
    div = div || 1;
    for (var i = 0; i < (values || []).length; i++)
      out.push({ x: firstYear + i + 0.5, y: values[i] === null || values[i] === undefined ? null : values[i] / div });
    return out;
  }

  function maxAbs(spec) {
    var m = 0;
    var scan = function (a) { (a || []).forEach(function (v) { if (v !== null && isFinite(v)) m = Math.max(m, Math.abs(v)); }); };
    (spec.runs || []).forEach(function (r) { scan(r.values); });
    if (spec.band) { scan(spec.band.hi); scan(spec.band.lo); }
    (spec.history || []).forEach(function (h) { if (h.y !== null && h.y !== undefined) scan([h.y]); });
    return m;
  }

  // The display (title, axis unit, divisor) of a spec: spec.info is its codebook entry.
  function display(spec) {
    if (!spec._disp) spec._disp = displayOf(spec.variable, spec.info, maxAbs(spec));
    return spec._disp;
  }

  // spec: {variable, firstYear, lastYear, runs:[{label, values, dash}], band:{lo,hi,mean}|null,
  //        bandLabel, history:[points of this variable], regimes, events, mape}
  function datasets(spec) {
    var ds = [], div = display(spec).div;
    if (spec.band && spec.band.lo && spec.band.hi) {
      ds.push({ label: 'band low', data: points(spec.firstYear, spec.band.lo, div), borderWidth: 0, pointRadius: 0,
                borderColor: 'rgba(31,95,191,0)', fill: false, spanGaps: true, gangduBand: true });
      ds.push({ label: spec.bandLabel || 'ensemble 5-95%', data: points(spec.firstYear, spec.band.hi, div), borderWidth: 0,
                pointRadius: 0, borderColor: 'rgba(31,95,191,0)', backgroundColor: 'rgba(31,95,191,0.16)', fill: '-1',
                spanGaps: true });
      if (spec.band.mean)
        ds.push({ label: 'ensemble mean', data: points(spec.firstYear, spec.band.mean, div), borderColor: 'rgba(31,95,191,0.6)',
                  borderWidth: 1, borderDash: [2, 2], pointRadius: 0, spanGaps: true });
    }
    (spec.runs || []).forEach(function (r, i) {
      ds.push({ label: r.label, data: points(spec.firstYear, r.values, div), borderColor: r.color || RUN_COLORS[i % RUN_COLORS.length],
                backgroundColor: r.color || RUN_COLORS[i % RUN_COLORS.length], borderWidth: 1.6, borderDash: r.dash ? [6, 4] : [],
                pointRadius: 0, spanGaps: false, tension: 0 });
    });
    var hist = (spec.history || []).filter(function (h) { return h.y !== null && h.y !== undefined; });
    if (hist.length) {
      ds.push({
        type: 'scatter', label: 'record', showLine: false,
        data: hist.map(function (h) { return { x: h.year + 0.5, y: h.y / div, h: h }; }),
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
      if (h.where) lines.push('in the dissertation: ' + h.where);
      return lines;
    }
    if (ctx.dataset.gangduBand) return null;
    var axis = ctx.chart.options.plugins.gangduRegimes.axis;
    return ctx.dataset.label + ': ' + num(ctx.parsed.y) + (axis ? ' ' + axis : '');
  }

  // A scaled axis value: at most three significant digits, no exponent, no thousands separators.
  function num(v) {
    if (v === null || v === undefined || isNaN(v)) return 'n/a';
    var a = Math.abs(v);
    if (a >= 100) return v.toFixed(0);
    if (a >= 10) return v.toFixed(1).replace(/\.0$/, '');
    return String(+v.toPrecision(3));
  }

  function options(spec) {
    var d = display(spec);
    var title = spec.title || (d.title + (d.axis ? ', ' + d.axis : ''));
    var sub = spec.variable + (spec.mape !== undefined && spec.mape !== null ? '  \u00b7  MAPE to 1957 ' + spec.mape.toFixed(1) + '%' : '');
    var x0 = spec.xMin !== undefined ? spec.xMin : spec.firstYear, x1 = spec.xMax !== undefined ? spec.xMax : spec.lastYear + 1;
    return {
      animation: false, responsive: true, maintainAspectRatio: false, normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', min: x0, max: x1,
             ticks: { stepSize: x1 - x0 <= 25 ? 2 : 5, callback: function (v) { return String(Math.floor(v)); }, font: { size: 10 } } },
        y: { beginAtZero: true, ticks: { callback: d.div === 1 && d.unit !== 'share' && d.unit !== 'ratio' ? fmt : num, font: { size: 10 } },
             title: { display: true, text: d.axis, font: { size: 10 } } }
      },
      plugins: {
        title: { display: true, text: title, font: { size: 12 } },
        subtitle: { display: true, text: sub, font: { size: 9.5 }, color: '#6b7280', padding: { bottom: 4 } },
        legend: { labels: { boxWidth: 10, font: { size: 10 },
                            filter: function (item, data) { return !data.datasets[item.datasetIndex].gangduBand; } } },
        tooltip: { callbacks: { title: function (items) { return items.length ? String(Math.floor(items[0].parsed.x)) : ''; },
                                label: tooltipLabel } },
        gangduRegimes: { regimes: spec.regimes || [], events: spec.events || [], axis: d.axis }
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
    canvas.dataset.title = chart.options.plugins.title.text;
    return chart;
  }

  function updateChart(chart, spec) {
    chart.data.datasets = datasets(spec);
    chart.options = options(spec);
    chart.update('none');
    chart.canvas.dataset.signature = String(signature(spec));
    chart.canvas.dataset.title = chart.options.plugins.title.text;
  }

  global.GangduCharts = { makeChart: makeChart, updateChart: updateChart, fmt: fmt, unitOf: unitOf, signature: signature,
                          displayOf: displayOf, RUN_COLORS: RUN_COLORS };
})(window);
