import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import {
  startWebSocketBlockingProxy,
  type WebSocketBlockingProxy,
} from './websocket-blocking-proxy.js';

export const baseUrl = () => inject('baseUrl');
export const ARTIFACTS = path.resolve(import.meta.dirname, '../../../test-artifacts');
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** Debian's Chromium; test tools cannot download their own browsers here. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-sync',
      '--disable-component-update',
    ],
  });
}

/**
 * `polling` (E2E_SOCKET_TRANSPORT, set by the e2e-polling project): every browser context
 * reaches the server through a proxy that refuses WebSockets, so the web app has to fall back
 * to long-polling, as on a network that blocks WebSockets.
 */
export const webTransport: 'websocket' | 'polling' =
  process.env.E2E_SOCKET_TRANSPORT === 'polling' ? 'polling' : 'websocket';

let proxy: Promise<WebSocketBlockingProxy> | undefined;
/** The one WebSocket-refusing proxy of this test file (started on first use). */
export const blockingProxy = () => (proxy ??= startWebSocketBlockingProxy());
export const closeBlockingProxy = async () => (await proxy)?.close();

/** A browser context; `locale` is the browser's language (what navigator.languages says). */
export async function newContext(
  browser: Browser,
  viewport = DESKTOP,
  locale = 'fi-FI',
): Promise<BrowserContext> {
  return browser.newContext({
    viewport,
    baseURL: baseUrl(),
    locale,
    ...(webTransport === 'polling' ? { proxy: { server: (await blockingProxy()).url } } : {}),
  });
}

/** Runs axe in the page; fails on any serious or critical violation (listed in the message). */
/**
 * Holds the app's entry script back until the returned function is called: what a visitor does
 * on a served page before the app starts happens in a certain order.
 */
export async function holdAppEntry(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * A visitor's first sign of use (the pointer moving over the page): a page served with its
 * content starts the app only then (decision 92). A move is no input to the layout-shift score.
 */
export async function visitorMoves(page: Page): Promise<void> {
  await page.mouse.move(10, 10);
  await page.mouse.move(40, 80);
}

/** What the page reports about hydrating a page served with its content (errors and warnings). */
export function hydrationProblems(page: Page): string[] {
  const problems: string[] = [];
  const keep = (text: string) => /hydrat|did not match/i.test(text) && problems.push(text);
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && keep(m.text()));
  page.on('pageerror', (e) => keep(e.message));
  return problems;
}

export async function expectAccessible(page: Page, label: string): Promise<void> {
  // Evaluated over the DevTools protocol: our strict CSP (rightly) refuses inline <script> tags.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `axe on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The newest mail written to the server's outbox whose text matches, and the first link in it. */
export function latestMail(match: RegExp): { text: string; link: string | undefined } {
  const dir = path.join(inject('serverDataDir'), 'outbox');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const file of files) {
    const text = decodeMail(readFileSync(file, 'utf8'));
    if (match.test(text)) return { text, link: /https?:\/\/[^\s"<>]+/.exec(text)?.[0] };
  }
  throw new Error(`no mail matching ${match}`);
}

/** Undoes quoted-printable soft breaks and escapes so links can be read from raw .eml files. */
function decodeMail(raw: string): string {
  return (
    raw
      .replace(/=\r?\n/g, '')
      // A run of escapes is UTF-8 bytes ("ö" is =C3=B6): decoded together.
      .replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString())
  );
}

/** The server's console output (first-admin set-up link, database line). */
export const serverLog = () => readFileSync(inject('serverLogFile'), 'utf8');
