import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import lighthouse from 'lighthouse';
import { freePort, sleep, track } from './env.js';

/** Debian's Chromium unless told otherwise (the browser tests use the same one). */
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';

export interface LighthousePage {
  /** What the row calls it: "landing page", "join form", "signed-in conversation". */
  name: string;
  path: string;
  /** A signed-in page: the session cookie, sent as a header on every request. */
  cookie?: string;
}

export interface LighthouseScore {
  name: string;
  path: string;
  performance: number;
  accessibility: number;
  /** First and largest contentful paint, as Lighthouse's mobile profile simulates them. */
  fcpMs: number;
  lcpMs: number;
  transferKiB: number;
}

/**
 * Lighthouse's default profile (mobile: a mid-range phone, simulated slow 4G and 4× CPU slowdown)
 * on each page, performance and accessibility only, in a headless Chromium of its own.
 */
export async function runLighthouse(
  baseUrl: string,
  pages: LighthousePage[],
): Promise<LighthouseScore[]> {
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-chromium-'));
  const chromium = track(
    spawn(
      CHROMIUM,
      [
        '--headless=new',
        '--no-sandbox',
        '--disable-dev-shm-usage',
        '--no-first-run',
        `--remote-debugging-port=${port}`,
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      { stdio: 'ignore' },
    ),
  );
  try {
    await debuggerReady(port);
    const scores: LighthouseScore[] = [];
    for (const page of pages) {
      const result = await lighthouse(`${baseUrl}${page.path}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${page.path}`);
      if (lhr.runtimeError)
        throw new Error(`lighthouse on ${page.path}: ${lhr.runtimeError.message}`);
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      scores.push({
        name: page.name,
        path: page.path,
        performance: lhr.categories.performance?.score ?? Number.NaN,
        accessibility: lhr.categories.accessibility?.score ?? Number.NaN,
        fcpMs: Math.round(audit('first-contentful-paint')),
        lcpMs: Math.round(audit('largest-contentful-paint')),
        transferKiB: Math.round((audit('total-byte-weight') / 1024) * 10) / 10,
      });
    }
    return scores;
  } finally {
    chromium.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  }
}

async function debuggerReady(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const up = await fetch(`http://127.0.0.1:${port}/json/version`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await sleep(200);
  }
  throw new Error(`Chromium (${CHROMIUM}) did not open its debugging port`);
}
