// Shared helpers of the browser tests: start `gangdu serve` on a free loopback port, launch
// Debian's chromium through playwright-core (never a downloaded browser), count checks.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.GANGDU_CHROMIUM || '/usr/bin/chromium';

export function loadPlaywright() {
  const req = createRequire(path.join(root, 'web', 'package.json'));
  try {
    return req('playwright-core');
  } catch (e) {
    console.error('browser test: playwright-core is not installed in web/node_modules: run scripts/install-web.sh');
    process.exit(1);
  }
}

export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`browser test: ${CHROMIUM} not found: install Debian's chromium (scripts/packages.txt, scripts/install-deps.sh)`);
    process.exit(1);
  }
  const { chromium } = loadPlaywright();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gangdu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { context, close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
}

// Starts `gangdu serve --port 0` and resolves with {port, child, stop()} once it prints its address.
export function startServer(gangdu, runsDir, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(gangdu, ['serve', '--port', '0', '--runs', runsDir, '--scenarios', path.join(root, 'scenarios'), ...extraArgs],
                        { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error('server did not start in 20 s: ' + out)); }, 20000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          port: +m[1], child,
          stop: () => new Promise((res) => { child.once('exit', res); child.kill('SIGTERM'); setTimeout(() => child.kill('SIGKILL'), 10000).unref(); }),
        });
      }
    });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}): ${out}`)); });
  });
}

export class Checks {
  constructor() { this.passed = 0; this.failed = 0; }
  ok(cond, what) {
    if (cond) { this.passed++; console.log('ok   ' + what); }
    else { this.failed++; console.log('FAIL ' + what); }
  }
  done() {
    console.log(`browser: ${this.passed} passed, ${this.failed} failed`);
    process.exit(this.failed ? 1 : 0);
  }
}
