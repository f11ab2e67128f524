// Gangdu dashboard (served by `gangdu serve`): levers -> POST /api/runs -> poll progress -> charts.
(function () {
  'use strict';
  var DEFAULT_VARS = ['angang.pig_iron_t', 'angang.steel_t', 'angang.rolled_steel_t', 'angang.employees',
                      'anshan.population', 'anshan.jobless', 'anshan.migrants_in', 'angang.equipment_impaired_share'];
  var $ = function (id) { return document.getElementById(id); };
  var state = { scenario: null, levers: [], history: [], runs: {}, order: [], a: null, b: null, live: null,
                charts: {}, vars: DEFAULT_VARS.slice(), regimes: [] };
  window.gangduDash = state;

  function setStatus(text, isError) {
    $('status').textContent = text;
    $('status').className = isError ? 'error' : '';
  }
  function api(path, opts) {
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status));
        return j;
      });
    });
  }

  function leverRow(l) {
    var div = document.createElement('div');
    div.className = 'lever';
    if (l.kind === 'switch') {
      div.innerHTML = '<label><input type="checkbox"> </label><div class="src"></div>';
      var cb = div.querySelector('input');
      cb.checked = l.value === 1;
      cb.dataset.lever = l.id;
      cb.id = 'lever-' + l.id;
      div.querySelector('label').appendChild(document.createTextNode(l.label));
    } else {
      div.innerHTML = '<label></label><div class="row"><input type="range"><input type="number"></div><div class="src"></div>';
      div.querySelector('label').textContent = l.label;
      var range = div.querySelector('input[type=range]'), num = div.querySelector('input[type=number]');
      [range, num].forEach(function (el) { el.step = l.step; });
      range.min = l.slider_min; range.max = l.slider_max;
      num.min = l.min; num.max = l.max;
      range.value = l.value; num.value = l.value;
      range.id = 'lever-' + l.id;
      num.id = 'lever-' + l.id + '-value';
      num.dataset.lever = l.id;
      range.addEventListener('input', function () { num.value = range.value; });
      num.addEventListener('input', function () { range.value = num.value; });
    }
    div.querySelector('.src').textContent = (l.unit ? l.unit + '; ' : '') + 'scenario: ' + l.value + ' (' + (l.source || l.note) + ')';
    div.title = l.note;
    return div;
  }

  function loadLevers() {
    return api('/api/levers?scenario=' + encodeURIComponent(state.scenario)).then(function (j) {
      state.levers = j.levers;
      var box = $('levers');
      box.innerHTML = '';
      var ruleHeading = false;
      j.levers.forEach(function (l) {
        if (l.group === 'rule' && !ruleHeading) {
          var h = document.createElement('h3');
          h.textContent = 'Rule switches (held for the whole run)';
          box.appendChild(h);
          ruleHeading = true;
        }
        box.appendChild(leverRow(l));
      });
    });
  }

  function leverValues() {
    var out = {};
    state.levers.forEach(function (l) {
      var el = document.querySelector('[data-lever="' + l.id + '"]');
      if (!el) return;
      if (l.kind === 'switch') { if (el.checked !== (l.value === 1)) out[l.id] = el.checked; }
      else if (String(el.value) !== String(l.value)) out[l.id] = el.value === '' ? el.value : (isNaN(+el.value) ? el.value : +el.value);
    });
    return out;
  }

  function describe(run) {
    var parts = [run.scenario];
    Object.keys(run.levers || {}).forEach(function (k) { parts.push(k + '=' + JSON.stringify(run.levers[k])); });
    if (run.scale !== undefined) parts.push('scale ' + run.scale);
    return parts.join(', ');
  }

  function historyFor(v, run) {
    return state.history.filter(function (h) { return h.variable === v; }).map(function (h) {
      var p = Object.assign({}, h), y = null;
      if (h.compare === 'ratio') {
        var s = run && run.series && run.series[v];
        var base = s ? s[h.base_year - run.first_year] : null;
        y = base !== null && base !== undefined ? h.observed * base : null;
      } else y = h.observed;
      p.y = y;
      return p;
    });
  }

  function chartSpec(v) {
    var A = state.live || state.runs[state.a], B = state.live ? state.runs[state.a] : state.runs[state.b];
    var runs = [], first = 1916, last = 1964;
    if (A && A.series) { first = A.first_year; last = A.last_year; runs.push({ label: 'run #' + A.id + ' (A)', values: A.series[v] || [] }); }
    if (B && B.series) runs.push({ label: 'run #' + B.id + ' (B)', values: B.series[v] || [], dash: true });
    return { variable: v, firstYear: first, lastYear: last, runs: runs, history: historyFor(v, A), regimes: state.regimes };
  }

  function drawCharts() {
    var box = $('charts');
    state.vars.forEach(function (v) {
      var spec = chartSpec(v);
      if (state.charts[v]) { GangduCharts.updateChart(state.charts[v], spec); return; }
      var card = document.createElement('div');
      card.className = 'card';
      card.dataset.variable = v;
      card.innerHTML = '<div class="plot"><canvas></canvas></div>';
      box.appendChild(card);
      var canvas = card.querySelector('canvas');
      canvas.id = 'chart-' + v.replace(/\./g, '-');
      state.charts[v] = GangduCharts.makeChart(canvas, spec);
    });
    var A = state.runs[state.a], B = state.runs[state.b];
    $('compare-label').textContent = A ? ('A: run #' + A.id + (B ? ' vs B: run #' + B.id : '')) : '';
  }

  function regimesFrom(run) {
    // Regime periods come with each finished run's manifest (the scenario may differ between runs).
    return api('/api/runs/' + run.id + '/files/manifest.json').then(function (m) {
      var rg = m.regimes || [], out = [];
      var frac = function (s) { var p = s.split('-'); return +p[0] + (+p[1] - 1) / 12; };
      for (var i = 0; i < rg.length; i++)
        out.push({ id: rg[i].id, x0: frac(rg[i].start), x1: i + 1 < rg.length ? frac(rg[i + 1].start) : run.last_year + 1 });
      state.regimes = out;
    }).catch(function () {});
  }

  function renderRunRows() {
    var tb = $('run-rows');
    tb.innerHTML = '';
    state.order.slice().reverse().forEach(function (id) {
      var r = state.runs[id], tr = document.createElement('tr');
      tr.dataset.run = id;
      var files = (r.files || []).map(function (f) {
        var n = f.split('/').pop();
        return '<a href="' + f + '"' + (n === 'report.html' ? ' target="_blank"' : ' download') + '>' + n.replace('.csv', '').replace('.json', '').replace('.html', '') + '</a>';
      }).join(' ');
      tr.innerHTML = '<td>' + id + '</td><td><input type="radio" name="runA" value="' + id + '"' + (state.a === id ? ' checked' : '') +
        '></td><td><input type="radio" name="runB" value="' + id + '"' + (state.b === id ? ' checked' : '') + '></td><td></td><td class="num">' +
        (r.overall_mape !== null && r.overall_mape !== undefined ? r.overall_mape.toFixed(1) + '%' : r.status) + '</td><td>' + files + '</td>';
      tr.children[3].textContent = describe(r);
      tb.appendChild(tr);
    });
    tb.querySelectorAll('input[name=runA]').forEach(function (el) {
      el.addEventListener('change', function () { state.a = +el.value; drawCharts(); });
    });
    tb.querySelectorAll('input[name=runB]').forEach(function (el) {
      el.addEventListener('change', function () { state.b = +el.value; drawCharts(); });
    });
  }

  function poll(id) {
    api('/api/runs/' + id).then(function (j) {
      $('progress').value = j.progress;
      if (j.status === 'queued' || j.status === 'running') {
        setStatus('run #' + id + ' ' + j.status + ' ' + (j.month || '') + ' (' + Math.round(100 * j.progress) + '%)');
        state.live = j;
        drawCharts();
        setTimeout(function () { poll(id); }, 150);
        return;
      }
      state.live = null;
      $('run').disabled = false;
      if (j.status !== 'done') {
        document.body.dataset.state = 'error';
        setStatus('run #' + id + ' ' + j.status + ': ' + (j.error || ''), true);
        drawCharts();
        return;
      }
      state.runs[id] = j;
      state.order.push(id);
      state.b = state.a;
      state.a = id;
      return regimesFrom(j).then(function () {
        renderRunRows();
        drawCharts();
        setStatus('run #' + id + ' done in ' + j.wall_seconds.toFixed(2) + ' s; MAPE to 1957 ' +
                  (j.overall_mape !== null ? j.overall_mape.toFixed(1) + '%' : 'n/a'));
        document.body.dataset.lastRun = String(id);
        document.body.dataset.state = 'done';
      });
    }).catch(function (e) {
      state.live = null;
      $('run').disabled = false;
      document.body.dataset.state = 'error';
      setStatus(e.message, true);
    });
  }

  function run() {
    var body = { scenario: state.scenario, levers: leverValues() };
    var seed = $('seed').value, scale = $('scale').value;
    if (seed !== '') body.seed = isNaN(+seed) ? seed : +seed;
    if (scale !== '') body.scale = isNaN(+scale) ? scale : +scale;
    $('run').disabled = true;
    $('progress').value = 0;
    document.body.dataset.state = 'running';
    setStatus('starting…');
    api('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (j) { poll(j.id); })
      .catch(function (e) {
        $('run').disabled = false;
        document.body.dataset.state = 'error';
        setStatus(e.message, true);
      });
  }

  function init() {
    $('run').addEventListener('click', run);
    $('reset').addEventListener('click', function () { loadLevers(); });
    $('scenario').addEventListener('change', function () { state.scenario = $('scenario').value; loadLevers(); });
    $('add-var').addEventListener('change', function () {
      var v = $('add-var').value;
      if (v && state.vars.indexOf(v) < 0) { state.vars.push(v); drawCharts(); }
      $('add-var').value = '';
    });
    Promise.all([api('/api/scenarios'), api('/api/history')]).then(function (res) {
      var sc = res[0];
      state.history = res[1].history;
      sc.scenarios.forEach(function (s) {
        var o = document.createElement('option');
        o.value = s.name;
        o.textContent = s.name + ': ' + s.title;
        $('scenario').appendChild(o);
      });
      state.scenario = sc.scenarios[0].name;
      $('scale').value = sc.default_scale;
      $('scale').max = sc.max_scale;
      var names = {};
      state.history.forEach(function (h) { names[h.variable] = true; });
      DEFAULT_VARS.concat(Object.keys(names)).forEach(function (v) { names[v] = true; });
      ['angang.recruited', 'angang.laid_off', 'angang.capacity_ore_t', 'anshan.births', 'anshan.deaths', 'anshan.migrants_out',
       'anshan.city_jobs', 'anshan.households_formed', 'plan.target_steel_t', 'plan.fulfilment_steel', 'regime.index']
        .forEach(function (v) { names[v] = true; });
      Object.keys(names).sort().forEach(function (v) {
        var o = document.createElement('option');
        o.value = v;
        o.textContent = v;
        $('add-var').appendChild(o);
      });
      drawCharts();
      return loadLevers();
    }).then(function () {
      document.body.dataset.state = 'ready';
    }).catch(function (e) { setStatus(e.message, true); });
  }
  init();
})();
