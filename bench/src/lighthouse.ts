import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  /** Runs just before the page is measured (e.g. the person dismisses their welcome). */
  before?: () => Promise<void>;
}

export interface LighthouseScore {
  name: string;
  path: string;
  performance: number;
  accessibility: number;
  /** First and largest contentful paint, as Lighthouse's mobile profile simulates them. */
  fcpMs: number;
  lcpMs: number;
  /** Main-thread time past 50 ms per task between first paint and interactive (simulated). */
  tbtMs: number;
  cls: number;
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
        // A Finnish phone, as most of the users': the app then shows Finnish, the language
        // index.html preloads (another language costs one round trip more, its strings).
        '--lang=fi-FI',
        '--accept-lang=fi-FI,fi',
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
      await page.before?.();
      const url = `${baseUrl}${page.path}`;
      const fileName = page.name.replace(/\W+/g, '-');
      const flags = {
        port,
        logLevel: 'error' as const,
        ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
      };
      const result = await lighthouse(url, {
        ...flags,
        output: 'json',
        onlyCategories: ['performance', 'accessibility'],
      });
      const lhr = result?.lhr;
      if (!lhr) throw new Error(`lighthouse gave no result for ${page.path}`);
      if (lhr.runtimeError)
        throw new Error(`lighthouse on ${page.path}: ${lhr.runtimeError.message}`);
      // The whole report, to see where the time goes: BENCH_LIGHTHOUSE_DIR=/tmp/lh
      const dir = process.env.BENCH_LIGHTHOUSE_DIR;
      if (dir) writeFileSync(path.join(dir, `${fileName}.json`), result.report as string);
      // The page loaded once more, its trace with the CPU profile kept (gather mode scores
      // nothing), to see which functions take the time: BENCH_LIGHTHOUSE_TRACE_DIR=/tmp/trace
      const traceDir = process.env.BENCH_LIGHTHOUSE_TRACE_DIR;
      if (traceDir)
        await lighthouse(url, {
          ...flags,
          gatherMode: path.join(traceDir, fileName),
          additionalTraceCategories: 'disabled-by-default-v8.cpu_profiler',
        });
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      scores.push({
        name: page.name,
        path: page.path,
        performance: lhr.categories.performance?.score ?? Number.NaN,
        accessibility: lhr.categories.accessibility?.score ?? Number.NaN,
        fcpMs: Math.round(audit('first-contentful-paint')),
        lcpMs: Math.round(audit('largest-contentful-paint')),
        tbtMs: Math.round(audit('total-blocking-time')),
        cls: Math.round(audit('cumulative-layout-shift') * 1000) / 1000,
        transferKiB: Math.round((audit('total-byte-weight') / 1024) * 10) / 10,
      });
    }
    return scores;
  } finally {
    // Gone before its profile is removed: a browser still writing there fails the removal.
    const exited = chromium.exitCode !== null ? Promise.resolve() : once(chromium, 'exit');
    chromium.kill('SIGKILL');
    await exited;
    rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
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
