import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_NAMES, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts with no environment at all, on the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      publicUrl: 'http://localhost:3000',
      mongodbUri: undefined,
      redisUrl: undefined,
      isProduction: false,
    });
    expect(config.dataDir).toMatch(/[/\\]\.data$/);
    expect(config.allowedOrigins[0]).toBe('http://localhost:3000');
  });

  it('lists every problem at once instead of stopping at the first', () => {
    const problems = problemsOf({
      PORT: 'seventy',
      MONGODB_URI: 'postgres://nope',
      LOG_LEVEL: 'loud',
      TRUST_PROXY: 'maybe',
    });
    expect(problems).toHaveLength(4);
    for (const name of ['PORT', 'MONGODB_URI', 'LOG_LEVEL', 'TRUST_PROXY']) {
      expect(
        problems.some((p) => p.startsWith(`${name}:`)),
        name,
      ).toBe(true);
    }
    expect(new ConfigError(problems).message).toContain('PORT:');
  });

  it('refuses production without SMTP_URL and PUBLIC_URL, naming both', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((p) => p.startsWith('SMTP_URL:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('PUBLIC_URL:'))).toBe(true);
    // An empty variable (`SMTP_URL=` in an env file) counts as not set.
    const emptySmtp = problemsOf({
      NODE_ENV: 'production',
      SMTP_URL: '',
      PUBLIC_URL: 'https://tila.example.fi',
    });
    expect(emptySmtp).toEqual([expect.stringMatching(/^SMTP_URL:/)]);
  });

  it('reports the production requirements together with malformed values', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: '-1' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['PORT', 'PUBLIC_URL', 'SMTP_URL']);
  });

  it('accepts production with SMTP_URL and PUBLIC_URL, allowing only the public origin', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://mail.example:587',
      PUBLIC_URL: 'https://tila.example.fi/',
    });
    expect(config.isProduction).toBe(true);
    expect(config.publicUrl).toBe('https://tila.example.fi');
    // The Vite dev server's origin is a development convenience only.
    expect(config.allowedOrigins).toEqual(['https://tila.example.fi']);
  });
});

describe('METRICS_TOKEN', () => {
  const production = {
    NODE_ENV: 'production',
    SMTP_URL: 'smtp://mail.example:587',
    PUBLIC_URL: 'https://tila.example.fi',
  };

  it('is optional: production without it starts, and serves no /metrics (docs/decisions.md)', () => {
    expect(loadConfig(production).metricsToken).toBeUndefined();
    expect(loadConfig({ ...production, METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
  });

  it('is taken as given when long enough', () => {
    const token = 'k'.repeat(16);
    expect(loadConfig({ ...production, METRICS_TOKEN: token }).metricsToken).toBe(token);
  });

  it('refuses a guessable token shorter than 16 characters', () => {
    expect(problemsOf({ ...production, METRICS_TOKEN: 'secret' })).toEqual([
      expect.stringMatching(/^METRICS_TOKEN:.*16/),
    ]);
  });
});

describe('docker/.env.example', () => {
  it('documents every variable the server reads', () => {
    const example = readFileSync(
      path.resolve(import.meta.dirname, '../../../docker/.env.example'),
      'utf8',
    );
    const documented = new Set(
      [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]),
    );
    expect(ENV_NAMES.filter((name) => !documented.has(name))).toEqual([]);
  });
});

describe('README.md', () => {
  it('has a row in its configuration table for every variable the server reads', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]));
    expect(ENV_NAMES.filter((name) => !rows.has(name))).toEqual([]);
  });
});

describe('VAPID keys', () => {
  const pair = {
    VAPID_PUBLIC_KEY:
      'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
    VAPID_PRIVATE_KEY: 'UUxI4O8-FbRouAevSmBQ6o18hgE4nSG3qwvJTfKc-ls',
  };

  it('takes a pair that belongs together, and the subject defaults to the controller’s contact', () => {
    const config = loadConfig(pair);
    expect(config.vapid).toEqual({
      publicKey: pair.VAPID_PUBLIC_KEY,
      privateKey: pair.VAPID_PRIVATE_KEY,
    });
    expect(config.vapidSubject).toBe('mailto:tietosuoja@vanhempainliitto.fi');
    expect(loadConfig({}).vapid).toBeUndefined();
  });

  it('refuses half a pair, a pair that does not belong together, malformed keys and subjects', () => {
    expect(problemsOf({ VAPID_PUBLIC_KEY: pair.VAPID_PUBLIC_KEY })).toEqual([
      expect.stringMatching(/^VAPID_PRIVATE_KEY: set both/),
    ]);
    const otherPrivate = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE';
    expect(problemsOf({ ...pair, VAPID_PRIVATE_KEY: otherPrivate })).toEqual([
      expect.stringMatching(/^VAPID_PUBLIC_KEY: is not the public key/),
    ]);
    const malformed = problemsOf({
      VAPID_PUBLIC_KEY: 'short',
      VAPID_PRIVATE_KEY: pair.VAPID_PRIVATE_KEY,
      VAPID_SUBJECT: 'http://example.fi',
    });
    expect(malformed.map((p) => p.split(':')[0]).sort()).toEqual([
      'VAPID_PUBLIC_KEY',
      'VAPID_PUBLIC_KEY',
      'VAPID_SUBJECT',
    ]);
  });
});
