// Gangdu dashboard (served by `gangdu serve`): levers -> POST /api/runs -> poll progress -> charts.
(function () {
  'use strict';
  var DEFAULT_VARS = ['angang.pig_iron_t', 'angang.steel_t', 'angang.rolled_steel_t', 'angang.employees',
                      'anshan.population', 'anshan.jobless', 'anshan.migrants_in', 'angang.equipment_impaired_share'];
  var $ = function (id) { return document.getElementById(id); };
  var state = { scenario: null, levers: [], history: [], runs: {}, order: [], a: null, b: null, live: null,
                charts: {}, vars: DEFAULT_VARS.slice(), regimes: [], events: [], codebook: {}, timelines: {},
                zoom: false };
  // Runs of this browser, kept across reloads (the server keeps the finished runs while it runs).
  var STORE = 'gangdu.dashboard.runs.' + location.host;
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
    var kind = sourceKind(l.source || '');
    div.querySelector('.src').textContent = 'As happened: ' + (l.kind === 'switch' ? (l.value === 1 ? 'on' : 'off') : l.value) +
      (l.unit && l.kind !== 'switch' ? ' ' + l.unit : '') + ' \u2014 ' + kind;
    div.dataset.sourceKind = kind.split(' ')[0];
    div.title = (l.note ? l.note + '\n' : '') + 'Source of the scenario value: ' + (l.source || 'none given') +
      (l.where ? '\nIn the dissertation (Hirata 2018): ' + l.where : '');
    return div;
  }

  // Plain words for where a lever's scenario value comes from (its `source` in the scenario file).
  function sourceKind(src) {
    var lines = (src.match(/L\d{3,5}(-\d{3,5})?/g) || []).slice(0, 3).join(', ');
    if (/calibrated/i.test(src)) return 'fitted to the record up to 1957' + (lines ? ' (' + lines + ')' : '');
    if (/assumption|judgement/i.test(src)) return 'a judgement of the model builders' + (lines ? ', informed by ' + lines : '');
    if (lines) return 'from the dissertation (' + lines + ')';
    return src ? 'scenario value' : 'no source given';
  }

  function loadLevers() {
    return api('/api/levers?scenario=' + encodeURIComponent(state.scenario)).then(function (j) {
      state.levers = j.levers;
      var box = $('levers');
      box.innerHTML = '';
      var adv = null;
      j.levers.forEach(function (l) {
        if (l.group === 'rule' && !adv) {
          adv = document.createElement('details');
          adv.id = 'advanced';
          var n = j.levers.filter(function (x) { return x.group === 'rule'; }).length;
          adv.innerHTML = '<summary>Advanced: rule switches (' + n + ', each held for the whole run)</summary>';
          box.appendChild(adv);
        }
        (adv || box).appendChild(leverRow(l));
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

  // "history" for a run without lever changes, "your change" otherwise (the A/B names on the charts).
  function runName(run) {
    var changed = Object.keys(run.levers || {}).length > 0;
    return (changed ? 'your change' : 'history') + ' (run #' + run.id + ')';
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
    if (A && A.series) { first = A.first_year; last = A.last_year; runs.push({ label: (A.levers ? runName(A) : 'running\u2026') , values: A.series[v] || [] }); }
    if (B && B.series) runs.push({ label: runName(B), values: B.series[v] || [], dash: true });
    var spec = { variable: v, firstYear: first, lastYear: last, runs: runs, history: historyFor(v, A), regimes: state.regimes,
                 events: state.events, info: state.codebook[v] };
    if (state.zoom) { spec.xMin = 1945; spec.xMax = Math.min(last + 1, 1965); }
    return spec;
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
    $('compare-label').textContent = A ? ('solid: ' + runName(A) + (B ? ', dashed: ' + runName(B) : '')) : '';
  }

  function frac(s) { var p = s.split('-'); return +p[0] + (+p[1] - 1) / 12; }
  // A regime's name short enough for a band: "Manchukuo: Showa Steel Works (...)" -> "Manchukuo".
  function shortName(name) {
    var n = name.replace(/\s*\(.*?\)\s*/g, ' ').trim(), c = n.indexOf(': ');
    if (c > 4) n = n.slice(0, c);
    return n;
  }
  // The regime bands and labelled events of the chosen scenario (GET /api/scenarios: timeline).
  function useTimeline(name, lastYear) {
    var tl = state.timelines[name] || { regimes: [], events: [] };
    var rg = tl.regimes, out = [];
    for (var i = 0; i < rg.length; i++)
      out.push({ id: rg[i].id, name: rg[i].name, short: shortName(rg[i].name), source: rg[i].source, where: rg[i].where || '',
                 x0: frac(rg[i].start),
                 x1: i + 1 < rg.length ? frac(rg[i + 1].start) : (lastYear || 1964) + 1 });
    state.regimes = out;
    state.events = tl.events.map(function (e) { return { date: e.date, x: frac(e.date), label: e.label, source: e.source, where: e.where || '' }; });
    var list = $('regime-list');
    if (list) {
      list.innerHTML = '';
      out.forEach(function (r) {
        var li = document.createElement('li');
        li.textContent = r.name + ' (from ' + Math.floor(r.x0) + '; ' + r.source + ')';
        if (r.where) li.title = 'In the dissertation (Hirata 2018): ' + r.where;
        list.appendChild(li);
      });
      state.events.forEach(function (e) {
        var li = document.createElement('li');
        li.className = 'event';
        li.textContent = e.date + ': ' + e.label + ' (' + e.source.split(':')[0] + ')';
        if (e.where) li.title = 'In the dissertation (Hirata 2018): ' + e.where;
        list.appendChild(li);
      });
    }
  }

  function loadCodebook() {
    return api('/api/codebook?scenario=' + encodeURIComponent(state.scenario)).then(function (j) {
      state.codebook = j.variables || {};
      var sel = $('add-var');
      Array.prototype.forEach.call(sel.options, function (o) {
        var c = state.codebook[o.value];
        if (o.value && c) o.textContent = c.description + ' (' + o.value + ')';
      });
    }).catch(function () { state.codebook = {}; });
  }

  function remember() {
    try { localStorage.setItem(STORE, JSON.stringify(state.order)); } catch (e) { /* private mode: not kept */ }
  }
  // The runs of earlier visits that the server still has, in their order; returns how many came back.
  function restoreRuns() {
    var ids = [];
    try { ids = JSON.parse(localStorage.getItem(STORE) || '[]').filter(function (x) { return +x > 0; }); } catch (e) { ids = []; }
    return Promise.all(ids.map(function (id) {
      return api('/api/runs/' + id).then(function (j) { return j.status === 'done' ? j : null; }).catch(function () { return null; });
    })).then(function (jobs) {
      jobs.forEach(function (j) {
        if (!j || j.scenario !== state.scenario) return;
        state.runs[j.id] = j;
        state.order.push(j.id);
      });
      var n = state.order.length;
      if (n) { state.a = state.order[n - 1]; state.b = n > 1 ? state.order[n - 2] : null; }
      remember();
      renderRunRows();
      drawCharts();
      return n;
    });
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
      remember();
      state.b = state.a;
      state.a = id;
      return Promise.resolve().then(function () {
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

  function run(opts) {
    var body = { scenario: state.scenario, levers: opts && opts.history ? {} : leverValues() };
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
    $('run').addEventListener('click', function () { run(); });
    $('reset').addEventListener('click', function () { loadLevers(); });
    $('zoom').addEventListener('change', function () { state.zoom = $('zoom').checked; drawCharts(); });
    $('scenario').addEventListener('change', function () {
      state.scenario = $('scenario').value;
      useTimeline(state.scenario);
      Promise.all([loadLevers(), loadCodebook()]).then(drawCharts);
    });
    $('add-var').addEventListener('change', function () {
      var v = $('add-var').value;
      if (v && state.vars.indexOf(v) < 0) { state.vars.push(v); drawCharts(); }
      $('add-var').value = '';
    });
    Promise.all([api('/api/scenarios'), api('/api/history')]).then(function (res) {
      var sc = res[0];
      state.history = res[1].history;
      sc.scenarios.forEach(function (s) {
        state.timelines[s.name] = s.timeline;
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
      useTimeline(state.scenario);
      return Promise.all([loadLevers(), loadCodebook()]);
    }).then(function () {
      drawCharts();
      return restoreRuns();
    }).then(function (restored) {
      document.body.dataset.state = 'ready';
      // The default history is drawn on load: a run without lever changes, unless runs came back.
      if (!restored) run({ history: true });
      else {
        document.body.dataset.lastRun = String(state.order[state.order.length - 1]);
        setStatus(restored + ' earlier run' + (restored > 1 ? 's' : '') + ' restored');
      }
    }).catch(function (e) { setStatus(e.message, true); });
  }
  init();
})();
