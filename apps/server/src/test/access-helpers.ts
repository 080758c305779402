import { randomBytes } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import type { JoinRequestBody } from '@yhteistyotila/protocol';
import { startTestServer, type TestServer } from './harness.js';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.js';
import { expect } from 'vitest';
import { SESSION_COOKIE } from '../auth/lucia.js';
import { SEEDED_PRIVACY_VERSION } from '../auth/privacy.js';

/** Test-only helpers shared by the access tests (HTTP through the public API, like a browser). */
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  /** `yt_session=...` when the response set a non-empty session cookie. */
  cookie: string | null;
  cleared: boolean;
}

let ipCounter = 0;
/** Tests run with TRUST_PROXY so that each "browser" can have its own address. */
export const freshIp = () =>
  `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${++ipCounter & 255}`;

export async function api<T = any>(
  server: TestServer,
  method: string,
  path: string,
  opts: { body?: unknown; cookie?: string | null; ip?: string } = {},
): Promise<ApiResponse<T>> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      origin: 'http://localhost:3999',
      'x-forwarded-for': opts.ip ?? freshIp(),
      'user-agent': 'vitest-browser',
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
    },
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  const set = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const value = set?.split(';')[0] ?? null;
  return {
    status: res.status,
    body: text ? (JSON.parse(text) as T) : (undefined as T),
    cookie: value && value !== `${SESSION_COOKIE}=` ? value : null,
    cleared: value === `${SESSION_COOKIE}=`,
  };
}

export const tokenOf = (link: string | null): string => {
  const token = link ? new URL(link).hash.replace(/^#token=/, '') : '';
  if (!token) throw new Error(`no token in ${link}`);
  return token;
};

export const applicant = (over: Partial<JoinRequestBody> = {}): JoinRequestBody => ({
  name: 'Maija Meikäläinen',
  email: `maija-${randomBytes(4).toString('hex')}@example.test`,
  municipalityCode: '091',
  association: 'Helsingin vanhempainyhdistys',
  parentRole: 'puheenjohtaja',
  motivation: 'Haluan jakaa kokemuksia.',
  consent: true,
  privacyVersion: SEEDED_PRIVACY_VERSION,
  language: 'fi',
  website: '',
  ...over,
});

/** Mails to `email`, waiting until at least `count` have arrived. */
export async function mailsTo(smtp: SmtpCatcher, email: string, count = 1) {
  await expect
    .poll(() => smtp.to(email).length >= count, {
      timeout: 5000,
      message: `${count} mail(s) to ${email}`,
    })
    .toBe(true);
  return smtp.to(email);
}

/** Submits a request and follows the mailed link; returns the verify response body. */
export async function joinAndVerify(
  server: TestServer,
  smtp: SmtpCatcher,
  over: Partial<JoinRequestBody> = {},
) {
  const body = applicant(over);
  const submitted = await api(server, 'POST', '/join-requests', { body });
  if (submitted.status !== 202) throw new Error(`join failed: ${JSON.stringify(submitted.body)}`);
  const [mail] = await mailsTo(smtp, body.email);
  const verified = await api(server, 'POST', '/join-requests/verify', {
    body: { token: tokenOf(mail!.link) },
  });
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  return { body, verified: verified.body };
}

/**
 * "Download my data" as the browser gets it: a ZIP holding the JSON and the readable HTML.
 * An error answer (JSON) comes back as `error`.
 */
export async function downloadMyData(server: TestServer, cookie: string) {
  const res = await fetch(`${server.url}/api/me/export`, { headers: { cookie } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!res.ok || res.headers.get('content-type') !== 'application/zip') {
    return {
      status: res.status,
      headers: res.headers,
      error: JSON.parse(strFromU8(bytes)) as { code: string },
    };
  }
  const files = unzipSync(bytes);
  const named = (ext: string) => {
    const name = Object.keys(files).find((f) => f.endsWith(ext));
    if (!name) throw new Error(`no ${ext} file in the download`);
    return strFromU8(files[name]!);
  };
  return {
    status: res.status,
    headers: res.headers,
    files: Object.keys(files),
    json: JSON.parse(named('.json')) as unknown,
    html: named('.html'),
  };
}

/** A server that mails through a fresh SMTP catcher and trusts X-Forwarded-For (freshIp). */
export async function startServerWithMail() {
  const smtp = await startSmtpCatcher();
  const server = await startTestServer({ SMTP_URL: smtp.url, TRUST_PROXY: 'true' });
  return { server, smtp };
}

export async function stopServerWithMail(fixture: { server?: TestServer; smtp?: SmtpCatcher }) {
  await fixture.server?.close();
  await fixture.smtp?.close();
}
