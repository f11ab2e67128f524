// report.html: builds one chart per series variable from the embedded data.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('gangdu-data').textContent);
  var grid = document.getElementById('chart-grid');
  var byVar = {};
  (data.history || []).forEach(function (h) { (byVar[h.variable] = byVar[h.variable] || []).push(h); });
  var count = 0;
  (data.order || []).forEach(function (v) {
    var card = document.createElement('div');
    card.className = 'card';
    card.dataset.variable = v;
    var plot = document.createElement('div');
    plot.className = 'plot';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('aria-label', 'chart of ' + v);
    plot.appendChild(canvas);
    card.appendChild(plot);
    var n = (byVar[v] || []).length;
    var sub = document.createElement('div');
    sub.className = 'sub';
    sub.textContent = n ? n + ' historical point' + (n > 1 ? 's' : '') + ' (hover for the citation)' : 'no historical point';
    card.appendChild(sub);
    grid.appendChild(card);
    GangduCharts.makeChart(canvas, {
      variable: v, firstYear: data.first_year, lastYear: data.last_year,
      runs: [{ label: 'simulated', values: data.series[v] }],
      band: data.band ? data.band[v] : null, bandLabel: data.band_label,
      history: byVar[v] || [], regimes: data.regimes, events: data.events,
      mape: data.mape ? data.mape[v] : undefined, info: data.codebook ? data.codebook[v] : undefined
    });
    count++;
  });
  if (data.bottlenecks) {
    var c = document.getElementById('bottleneck-chart');
    var units = data.bottlenecks.units, names = Object.keys(units).sort();
    new Chart(c, {
      type: 'line',
      data: { datasets: names.map(function (u, i) {
        return { label: u, data: units[u], borderColor: ['#1f5fbf', '#d9480f', '#2b8a3e', '#7048e8', '#c2255c', '#495057'][i % 6],
                 pointRadius: 0, borderWidth: 1.5 };
      }) },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 scales: { x: { type: 'linear', ticks: { stepSize: 5 } }, y: { beginAtZero: true,
                           title: { display: true, text: data.bottlenecks.value } } } }
    });
  }
  document.body.dataset.charts = String(count);
})();
