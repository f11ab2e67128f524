// Bounded loopback load test of `gangdu serve`: C concurrent clients send N requests in all
// (pages, assets, API reads, run submissions and polls) to 127.0.0.1 only, with a time cap.
// Passes when every answer is the expected one (2xx, or 429 for a run refused while the run cap
// is full) and no request fails. Prints throughput and latency percentiles.
// Usage: node tests/browser/load.mjs GANGDU_BINARY [RUNS_DIR] [CLIENTS] [REQUESTS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Checks, startServer } from './common.mjs';

const [gangdu, runsDirArg, clientsArg, requestsArg] = process.argv.slice(2);
if (!gangdu) { console.error('usage: load.mjs GANGDU_BINARY [RUNS_DIR] [CLIENTS] [REQUESTS]'); process.exit(2); }
const CLIENTS = Math.min(+(clientsArg || 16), 64);      // bounded
const REQUESTS = Math.min(+(requestsArg || 1200), 20000); // bounded
const TIME_CAP_MS = 150000;  // bounded in time as well as count (generous for a loaded or sanitizer build)
const runsDir = runsDirArg || fs.mkdtempSync(path.join(os.tmpdir(), 'gangdu-load-'));
fs.rmSync(runsDir, { recursive: true, force: true });
const t = new Checks();
const server = await startServer(gangdu, runsDir, ['--max-runs', '2']);
const base = `http://127.0.0.1:${server.port}`;
const paths = ['/', '/assets/gangdu.css', '/assets/gangdu-charts.js', '/assets/dashboard.js', '/api/scenarios',
               '/api/levers?scenario=anshan', '/api/history', '/api/runs', '/assets/chart.umd.min.js'];
let next = 0, ok = 0, refused = 0, bad = 0, runsStarted = 0;
const lat = [], problems = [];
const t0 = Date.now();

async function one(i) {
  const s = performance.now();
  let status = 0, expectRefusal = false;
  try {
    if (i % 50 === 7) {
      // A run submission: 202 when a slot is free, 429 when the cap is reached.
      expectRefusal = true;
      const r = await fetch(base + '/api/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ scenario: 'anshan', scale: 0.02, levers: { leap_party_pressure: (i % 10) / 10 } }) });
      status = r.status;
      await r.arrayBuffer();
      if (status === 202) runsStarted++;
    } else if (i % 50 === 23) {
      const r = await fetch(base + '/api/runs/1');
      status = r.status === 404 && runsStarted === 0 ? 200 : r.status;  // before any run exists
      await r.arrayBuffer();
    } else {
      const r = await fetch(base + paths[i % paths.length]);
      status = r.status;
      await r.arrayBuffer();
    }
  } catch (e) {
    problems.push(String(e.cause || e));
  }
  lat.push(performance.now() - s);
  if (status >= 200 && status < 300) ok++;
  else if (status === 429 && expectRefusal) refused++;
  else { bad++; if (problems.length < 10) problems.push(`request ${i}: HTTP ${status}`); }
}

async function client() {
  while (Date.now() - t0 < TIME_CAP_MS) {
    const i = next++;
    if (i >= REQUESTS) return;
    await one(i);
  }
}
await Promise.all(Array.from({ length: CLIENTS }, client));
const secs = (Date.now() - t0) / 1000;
// Let the runs finish, then check the server still answers and the runs completed.
let runsDone = 0;
for (let k = 0; k < 200; k++) {
  const list = await (await fetch(base + '/api/runs')).json();
  runsDone = list.runs.filter((r) => r.status === 'done').length;
  if (list.runs.every((r) => r.status !== 'running' && r.status !== 'queued')) break;
  await new Promise((r) => setTimeout(r, 100));
}
await server.stop();
lat.sort((a, b) => a - b);
const pct = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
console.log(`load: ${lat.length} requests from ${CLIENTS} clients in ${secs.toFixed(2)} s = ${(lat.length / secs).toFixed(0)} req/s; ` +
            `latency p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${lat[lat.length - 1].toFixed(1)} ms; ` +
            `${ok} ok, ${refused} run submissions refused with 429 (cap), ${runsStarted} runs started, ${runsDone} done`);
t.ok(lat.length === REQUESTS, `all ${REQUESTS} requests sent within the ${TIME_CAP_MS / 1000} s cap`);
t.ok(bad === 0 && problems.length === 0, 'no errors under load ' + problems.slice(0, 5).join('; '));
t.ok(runsStarted >= 1 && runsDone === runsStarted, `every accepted run finished (${runsDone}/${runsStarted})`);
fs.rmSync(runsDir, { recursive: true, force: true });
t.done();
