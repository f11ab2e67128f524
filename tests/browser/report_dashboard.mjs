// Browser test: opens report.html and the dashboard in Debian's headless chromium (playwright-core),
// moves a lever, runs, and checks that the chart changed. Screenshots are saved as test artefacts.
// Usage: node tests/browser/report_dashboard.mjs GANGDU_BINARY ARTEFACT_DIR
// Loopback only: the server binds 127.0.0.1 on a free port; the report is opened from file://.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Checks, launchChromium, startServer, root } from './common.mjs';

const [gangdu, artefacts = path.join(root, 'build', 'browser-artifacts')] = process.argv.slice(2);
if (!gangdu) { console.error('usage: report_dashboard.mjs GANGDU_BINARY [ARTEFACT_DIR]'); process.exit(2); }
fs.rmSync(artefacts, { recursive: true, force: true });
fs.mkdirSync(artefacts, { recursive: true });
const t = new Checks();
const deadline = setTimeout(() => { console.error('browser test: over 240 s, giving up'); process.exit(1); }, 240000);

// 1. The report.
const outDir = path.join(artefacts, 'run');
const rep = spawnSync(gangdu, ['report', '--out', outDir, '--scale', '0.1'], { encoding: 'utf8', timeout: 120000 });
t.ok(rep.status === 0, 'gangdu report exits 0 ' + (rep.status !== 0 ? rep.stderr : ''));
const reportPath = path.join(outDir, 'report.html');
t.ok(fs.existsSync(reportPath), 'report.html written');

const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + reportPath);
  await page.waitForSelector('body[data-charts]', { timeout: 30000 });
  const nCharts = +(await page.getAttribute('body', 'data-charts'));
  const nSeries = new Set(fs.readFileSync(path.join(outDir, 'series.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0])).size;
  t.ok(nCharts === nSeries && nCharts > 10, `report draws one chart per variable (${nCharts} of ${nSeries})`);
  t.ok(errors.length === 0, 'report has no script errors ' + errors.join('; '));
  t.ok(requests.every((u) => u.startsWith('file:') || u.startsWith('data:')), 'report fetches nothing from the network');
  // Hover a historical point: its tooltip carries the citation.
  const tip = await page.evaluate(() => {
    const canvas = document.querySelector('.card[data-variable="angang.pig_iron_t"] canvas');
    const chart = Chart.getChart(canvas);
    const di = chart.data.datasets.findIndex((d) => d.label === 'record');
    const el = chart.getDatasetMeta(di).data[0];
    chart.tooltip.setActiveElements([{ datasetIndex: di, index: 0 }], { x: el.x, y: el.y });
    chart.update();
    return chart.tooltip.body.map((b) => b.lines.join(' ')).join(' ');
  });
  t.ok(/source: L\d+/.test(tip), 'hovering a record point shows its citation: ' + tip.slice(0, 90));
  const fitRows = await page.locator('#fit-table tbody tr').count();
  t.ok(fitRows > 10, `fit table has ${fitRows} rows`);
  t.ok(await page.locator('#manifest pre').count() === 1 && await page.locator('#regime-table tbody tr').count() > 3,
       'manifest and regime table shown');
  await page.screenshot({ path: path.join(artefacts, 'report.png'), fullPage: false });

  // 2. The dashboard.
  const server = await startServer(gangdu, path.join(artefacts, 'serve-runs'));
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const dash = await browser.context.newPage();
    const dashErrors = [];
    dash.on('pageerror', (e) => dashErrors.push(String(e)));
    await dash.goto(base + '/');
    // 'ready' passes quickly into 'running' (the history run on load): wait for that run instead.
    await dash.waitForSelector('body[data-last-run="1"]', { timeout: 60000 });
    t.ok(await dash.locator('#levers .lever').count() >= 5, 'dashboard shows the levers');
    const steel = '#chart-angang-steel_t';
    const sig = () => dash.getAttribute(steel, 'data-signature');
    const pixels = () => dash.evaluate((s) => document.querySelector(s).toDataURL(), steel);

    // The default history is drawn on load (run #1 without lever changes), titled from the codebook.
    await dash.waitForSelector('body[data-last-run="1"]', { timeout: 60000 });
    const sig1 = await sig(), px1 = await pixels();
    t.ok(+sig1 > 0, 'the history is drawn on load');
    t.ok(+(await dash.getAttribute('#progress', 'value')) === 1 || (await dash.evaluate(() => document.getElementById('progress').value)) === 1,
         'progress bar reaches the end');
    const title = await dash.getAttribute(steel, 'data-title');
    t.ok(/^[A-Z]/.test(title) && /Mt a year/.test(title) && !/angang\./.test(title), 'steel chart titled in words with its unit: ' + title);
    const titles = await dash.evaluate(() => Array.from(document.querySelectorAll('#charts canvas')).map((c) => c.dataset.title));
    t.ok(titles.length >= 6 && titles.every((x) => x && !/^(angang|anshan|plan)\./.test(x)), 'every chart has a human title: ' + titles.join(' | '));
    const tl = await dash.evaluate(() => ({ regimes: window.gangduDash.regimes.map((r) => r.short),
                                            events: window.gangduDash.events.map((e) => e.label) }));
    t.ok(tl.regimes.includes('CCP: Great Leap Forward') && tl.regimes.includes('Manchukuo'), 'regimes carry readable names: ' + tl.regimes.join(', '));
    t.ok(tl.events.includes('Soviet removal') && tl.events.includes('Soviet withdrawal'), 'labelled events: ' + tl.events.join(', '));
    t.ok(await dash.locator('#regime-list li').count() >= tl.regimes.length, 'regimes and events listed under the charts');
    const help = await dash.textContent('#lever-removal_1945 >> xpath=ancestor::div[contains(@class,"lever")]');
    t.ok(/As happened: on/.test(help) && /from the dissertation/.test(help), 'lever help says where its value comes from: ' + help.trim().slice(0, 90));
    const adv = await dash.evaluate(() => { const d = document.getElementById('advanced'); return d ? { open: d.open, n: d.querySelectorAll('.lever').length } : null; });
    t.ok(adv && !adv.open && adv.n >= 5, 'rule switches folded under "advanced" (' + (adv ? adv.n : 0) + ')');
    const runTop = await dash.evaluate(() => document.getElementById('run').getBoundingClientRect().top < 200);
    t.ok(runTop, 'Run is at the top of the lever column');
    await dash.evaluate(() => document.querySelectorAll('aside, section.dash').forEach((e) => e.scrollTo(0, 0)));
    await dash.screenshot({ path: path.join(artefacts, 'dashboard-load.png'), fullPage: false });

    // Move the Leap overdriving lever and switch the 1945 removal off, then run again.
    await dash.fill('#lever-leap_party_pressure-value', '0.5');
    await dash.uncheck('#lever-removal_1945');
    await dash.click('#run');
    await dash.waitForSelector('body[data-last-run="2"]', { timeout: 60000 });
    const sig2 = await sig(), px2 = await pixels();
    t.ok(sig2 !== sig1 && px2 !== px1, `moving the lever changes the chart (signature ${(+sig1).toExponential(4)} -> ${(+sig2).toExponential(4)})`);
    const labels = await dash.evaluate((s) => Chart.getChart(document.querySelector(s)).data.datasets.map((d) => d.label).filter((l) => /run #/.test(l)), steel);
    t.ok(labels.length === 2 && labels[0] === 'your change (run #2)' && labels[1] === 'history (run #1)',
         'the chart compares "your change" (solid) with "history" (dashed): ' + labels.join(', '));
    await dash.check('#zoom');
    const xmin = await dash.evaluate((s) => Chart.getChart(document.querySelector(s)).options.scales.x.min, steel);
    t.ok(xmin === 1945, 'zoom to 1945-1964 (x from ' + xmin + ')');
    await dash.uncheck('#zoom');
    const manifest = await (await fetch(base + '/api/runs/2/files/manifest.json')).json();
    t.ok(manifest.dashboard && manifest.dashboard.levers.leap_party_pressure === 0.5 && manifest.dashboard.removal_1945 === false,
         'run 2 manifest records the levers');
    const csv = await fetch(base + '/api/runs/2/files/series.csv');
    t.ok(csv.status === 200 && (await csv.text()).startsWith('variable,year,value\n'), 'series.csv downloads');
    t.ok(await dash.locator('#run-rows a[href$="series.csv"]').count() === 2, 'download links listed for both runs');

    await dash.evaluate(() => document.querySelectorAll('aside, section.dash').forEach((e) => e.scrollTo(0, 0)));
    await dash.screenshot({ path: path.join(artefacts, 'dashboard.png'), fullPage: false });

    // A reload keeps the runs (this browser's, while the server still has them) and starts no new one.
    await dash.reload();
    await dash.waitForSelector('body[data-state="ready"][data-last-run="2"]', { timeout: 20000 });
    const kept = await dash.evaluate(() => window.gangduDash.order.slice());
    t.ok(kept.length === 2 && kept[0] === 1 && kept[1] === 2, 'runs kept across a reload: ' + kept.join(','));
    const nJobs = (await (await fetch(base + '/api/runs')).json());
    t.ok((nJobs.runs || nJobs).length === 2, 'the reload started no new run');

    // A bad lever value is refused with a message the page shows.
    const bad = await dash.evaluate(async () => {
      const r = await fetch('/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' },
                                          body: JSON.stringify({ scenario: 'anshan', levers: { leap_party_pressure: 'abc' } }) });
      return { status: r.status, body: await r.json() };
    });
    t.ok(bad.status === 400 && /expected a number/.test(bad.body.error), 'non-numeric lever -> 400: ' + bad.body.error);
    await dash.click('#run-settings summary');
    await dash.fill('#scale', '7');
    await dash.click('#run');
    await dash.waitForSelector('body[data-state="error"]', { timeout: 20000 });
    const msg = await dash.textContent('#status');
    t.ok(/scale/.test(msg), 'an out-of-range scale is refused and the message shown: ' + msg);
    await dash.fill('#scale', '0.1');
    t.ok(dashErrors.length === 0, 'dashboard has no script errors ' + dashErrors.join('; '));
    if (process.env.GANGDU_UPDATE_DOCS_IMG) {
      fs.copyFileSync(path.join(artefacts, 'dashboard.png'), path.join(root, 'docs', 'img', 'dashboard.png'));
      fs.copyFileSync(path.join(artefacts, 'dashboard-load.png'), path.join(root, 'docs', 'img', 'dashboard-load.png'));
      fs.copyFileSync(path.join(artefacts, 'report.png'), path.join(root, 'docs', 'img', 'report.png'));
    }
  } finally {
    await server.stop();
  }
} finally {
  await browser.close();
}
clearTimeout(deadline);
console.log('screenshots: ' + path.join(artefacts, 'report.png') + ', ' + path.join(artefacts, 'dashboard.png'));
t.done();
