import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { PROTOCOL_VERSION, type APPROVE_ROLES, type Role } from '@yhteistyotila/protocol';
import type { BrowserContext } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { baseUrl, latestMail, serverLog } from './harness.js';

/**
 * Signed-in people for browser tests, made through the REAL public flow over HTTP, as a
 * browser would: first admin from the set-up link in the server's console output; everyone
 * else joins -> verifies from the mailed link -> an admin approves over Socket.IO -> sets the
 * password from the mailed link. Mail is read from the server's outbox (.eml files).
 *
 *   const maija = await createApprovedUser({ role: 'member' });
 *   await signInContext(context, maija);   // the context's pages are now signed in
 */

export interface TestAccount {
  id: string;
  name: string;
  email: string;
  password: string;
  role: Role;
  /** `name=value` of the session cookie, for HTTP calls and socket.io-client handshakes. */
  cookie: string;
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  /** The session cookie the response set (`name=value`), if any. */
  cookie: string | null;
}

/**
 * Each created person talks from their own loopback address (127.0.0.N), like separate
 * browsers, so the per-address join and sign-in rate limits do not end a test run early.
 */
type ApproveRole = (typeof APPROVE_ROLES)[number];

// Each test file loads this module afresh: starting every file at 127.0.0.2 gave the same few
// addresses to every file, and with twenty files the join limit per address (10 an hour) ran
// out part-way through the run. A random start spreads files over 127.0.0.0/16.
let addressCounter = Math.floor(Math.random() * 60_000);
const nextAddress = () =>
  `127.0.${Math.floor(++addressCounter / 250)}.${(addressCounter % 250) + 2}`;

export function apiCall<T = unknown>(
  method: string,
  pathname: string,
  opts: { body?: unknown; cookie?: string | null; from?: string } = {},
): Promise<HttpResult<T>> {
  const url = new URL(`/api${pathname}`, baseUrl());
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        localAddress: opts.from,
        headers: {
          origin: baseUrl(),
          'user-agent': 'e2e-accounts-helper',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const first = (res.headers['set-cookie'] ?? [])
            .map((c) => c.split(';')[0] ?? '')
            .find((c) => /=.+/.test(c));
          resolve({
            status: res.statusCode ?? 0,
            body: (text ? JSON.parse(text) : undefined) as T,
            cookie: first ?? null,
          });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function expectStatus<T>(res: HttpResult<T>, status: number, what: string): HttpResult<T> {
  if (res.status !== status)
    throw new Error(
      `${what}: expected HTTP ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The link of `kind` (path fragment) in the newest mail to `email`, waiting for it to arrive. */
export async function mailedLink(
  email: string,
  linkPath: string,
  timeoutMs = 10_000,
): Promise<string> {
  const pattern = new RegExp(`${escape(baseUrl())}${escape(linkPath)}#token=[A-Za-z0-9_-]+`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const mail = latestMail(
        new RegExp(`${escape(email)}[\\s\\S]*${escape(linkPath)}#token=`, 'i'),
      );
      const link = pattern.exec(mail.text)?.[0];
      if (link) return link;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`no mail with ${linkPath} to ${email}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '');

/** The one-time first-admin link the server prints to its console on an empty database. */
export function setupLinkFromServerLog(): string {
  const link = /https?:\/\/\S+\/aloitus#token=[A-Za-z0-9_-]+/.exec(serverLog())?.[0];
  if (!link) {
    throw new Error(
      'No first-admin set-up link (/aloitus#token=...) in the server log. The server prints it on an empty ' +
        'database unless NODE_ENV=test; e2e/global-setup.ts runs it in development mode for this reason.',
    );
  }
  return link;
}

/** Records an admin made some other way (e.g. through the set-up page in a browser test). */
export function rememberAdmin(account: Omit<TestAccount, 'cookie'>): void {
  writeFileSync(adminFile(), JSON.stringify(account));
}

export const hasAdmin = () => existsSync(adminFile());

const ADMIN_PASSWORD = 'kesäinen aamu järvellä 2026';
const adminFile = () => path.join(inject('serverDataDir'), 'e2e-admin.json');

/**
 * The first admin, created once per server (the set-up link is single-use, and test files
 * share one server): its details are kept in the server's data folder for later files.
 * `cookie` is a fresh session each call.
 */
export async function firstAdmin(): Promise<TestAccount> {
  if (hasAdmin()) {
    const saved = JSON.parse(readFileSync(adminFile(), 'utf8')) as Omit<TestAccount, 'cookie'>;
    return { ...saved, cookie: await signIn(saved.email, saved.password) };
  }
  const token = tokenOf(setupLinkFromServerLog());
  const account = {
    name: 'Aino Ylläpitäjä',
    email: 'aino.admin@e2e.example',
    password: ADMIN_PASSWORD,
    role: 'admin' as const,
  };
  const res = expectStatus(
    await apiCall<{ user: { id: string } }>('POST', '/setup', {
      body: {
        token,
        name: account.name,
        email: account.email,
        password: account.password,
        language: 'fi',
        consent: true,
      },
      from: nextAddress(),
    }),
    201,
    'first admin set-up',
  );
  const saved = { ...account, id: res.body.user.id };
  rememberAdmin(saved);
  await dismissWelcome(res.cookie ?? '');
  return { ...saved, cookie: res.cookie ?? '' };
}

export async function signIn(email: string, password: string): Promise<string> {
  const res = expectStatus(
    await apiCall('POST', '/auth/sign-in', { body: { email, password }, from: nextAddress() }),
    200,
    'sign-in',
  );
  if (!res.cookie) throw new Error('sign-in set no cookie');
  return res.cookie;
}

/** A socket.io-client connection authenticated with a session cookie (like the browser's). */
export async function connectAs(cookie: string): Promise<Socket> {
  const socket = io(baseUrl(), {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie, origin: baseUrl() },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Sends a command and returns its data, throwing on an error acknowledgement. */
export async function command<T = unknown>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<T> {
  const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as
    { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack.data;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

export interface NewPerson {
  name?: string;
  email?: string;
  municipalityCode?: string;
  language?: 'fi' | 'sv' | 'en';
}

/**
 * Submits the public join form over HTTP; returns the mailed verification link (for a browser
 * to open, when the test needs the applicant's own status page).
 */
export async function submitJoinRequest(
  person: NewPerson = {},
): Promise<{ name: string; email: string; verifyLink: string; from: string }> {
  const id = unique();
  const name = person.name ?? `Testi Henkilö ${id}`;
  const email = (person.email ?? `person-${id}@e2e.example`).toLowerCase();
  const from = nextAddress();
  const language = person.language ?? 'fi';
  // Consent names the statement version read, as the join form does.
  const statement = await apiCall<{ version: string }>('GET', `/privacy?lang=${language}`, {
    from,
  });
  expectStatus(
    await apiCall('POST', '/join-requests', {
      body: {
        name,
        email,
        municipalityCode: person.municipalityCode ?? '091',
        consent: true,
        privacyVersion: statement.body.version,
        language,
        website: '',
      },
      from,
    }),
    202,
    'join request',
  );
  return { name, email, verifyLink: await mailedLink(email, '/liity/vahvista'), from };
}

/** Submits the public join form over HTTP and follows the mailed verification link. */
export async function joinAndVerify(
  person: NewPerson = {},
): Promise<{ name: string; email: string }> {
  const { name, email, verifyLink: link, from } = await submitJoinRequest(person);
  expectStatus(
    await apiCall('POST', '/join-requests/verify', { body: { token: tokenOf(link) }, from }),
    200,
    'verify',
  );
  return { name, email };
}

interface QueueItem {
  id: string;
  email: string;
}

/** An admin approves the pending request of `email` over the moderators' socket. */
export async function approveJoinRequest(
  adminCookie: string,
  email: string,
  role: ApproveRole = 'member',
  guestUntil?: string,
): Promise<void> {
  const socket = await connectAs(adminCookie);
  try {
    const { requests } = await command<{ requests: QueueItem[] }>(socket, 'joinRequest:list', {});
    const request = requests.find((r) => r.email === email);
    if (!request) throw new Error(`no pending join request for ${email}`);
    await command(socket, 'joinRequest:approve', {
      id: request.id,
      role,
      ...(guestUntil ? { guestUntil } : {}),
    });
  } finally {
    socket.close();
  }
}

/**
 * A new person through the whole public flow, signed in. Staff roles are given by the admin
 * after approval (moderators and admins are never approved straight from a request); `expert`
 * approves the person as a member holding the expert capability.
 */
export async function createApprovedUser(
  opts: NewPerson & { role?: Role | 'expert'; password?: string; keepWelcome?: boolean } = {},
): Promise<TestAccount> {
  const asked = opts.role ?? 'member';
  const role: Role = asked === 'expert' ? 'member' : asked;
  const admin = await firstAdmin();
  const person = await joinAndVerify(opts);
  const approveAs: ApproveRole = asked === 'expert' || asked === 'guest' ? asked : 'member';
  const guestUntil =
    role === 'guest' ? new Date(Date.now() + 30 * 86_400_000).toISOString() : undefined;
  await approveJoinRequest(admin.cookie, person.email, approveAs, guestUntil);

  const password = opts.password ?? `hyvä pitkä salasana ${unique()}`;
  const link = await mailedLink(person.email, '/salasana/uusi');
  const set = expectStatus(
    await apiCall<{ user: { id: string } }>('POST', '/auth/password', {
      body: { token: tokenOf(link), password },
      from: nextAddress(),
    }),
    200,
    'set password',
  );
  let cookie = set.cookie ?? '';
  if (role === 'moderator' || role === 'admin') {
    const socket = await connectAs(admin.cookie);
    try {
      await command(socket, 'user:setRole', { userId: set.body.user.id, role });
    } finally {
      socket.close();
    }
    // A role change may end the person's sessions; start a fresh one with the new role.
    cookie = await signIn(person.email, password);
  }
  if (!opts.keepWelcome) await dismissWelcome(cookie);
  return { id: set.body.user.id, name: person.name, email: person.email, password, role, cookie };
}

/**
 * Closes the first-day welcome (a modal) for tests about something else; `keepWelcome` leaves
 * it for the test that looks at it.
 */
async function dismissWelcome(cookie: string): Promise<void> {
  expectStatus(
    await apiCall('POST', '/me/welcome/dismiss', { cookie, from: nextAddress() }),
    204,
    'dismiss welcome',
  );
}

/** Puts the account's session cookie into a Playwright context (its pages are signed in). */
export async function signInContext(
  context: BrowserContext,
  account: Pick<TestAccount, 'cookie'>,
): Promise<void> {
  const eq = account.cookie.indexOf('=');
  await context.addCookies([
    {
      name: account.cookie.slice(0, eq),
      value: account.cookie.slice(eq + 1),
      url: baseUrl(),
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

/** Runs `run` with a socket signed in as `account`, closed afterwards whatever happens. */
export async function withSocket<T>(
  account: TestAccount,
  run: (socket: Socket) => Promise<T>,
): Promise<T> {
  const socket = await connectAs(account.cookie);
  try {
    return await run(socket);
  } finally {
    socket.close();
  }
}
