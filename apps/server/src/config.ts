import { createECDH } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** Every environment variable the server reads, parsed once. Nothing else reads process.env. */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  /** Extra browser origins allowed in development (the Vite dev server). Comma separated. */
  DEV_ORIGINS: z.string().default('http://localhost:5173,http://127.0.0.1:5173'),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  MONGODB_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  MONGODB_POOL_SIZE: positiveInt.default(20),
  REDIS_URL: z.string().startsWith('redis').optional(),
  /** Only when MONGODB_URI is FerretDB on PostgreSQL: its PostgreSQL, for index tuning. */
  FERRETDB_POSTGRESQL_URL: z.string().startsWith('postgres').optional(),
  SMTP_URL: z.string().startsWith('smtp').optional(),
  MAIL_FROM: z.string().default('Yhteistyötila <no-reply@localhost>'),
  DATA_DIR: z.string().default('.data'),
  /**
   * Bearer token a Prometheus scraper sends for /metrics. Production without it serves no
   * /metrics at all; elsewhere, unset leaves /metrics open.
   */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: bool.default(false),
  SERVE_WEB: bool.default(true),
  WEB_DIST: z.string().optional(),
  CONTROLLER_NAME: z.string().default('Suomen Vanhempainliitto ry'),
  CONTROLLER_CONTACT: z.string().default('tietosuoja@vanhempainliitto.fi'),
  SESSION_IDLE_HOURS: positiveInt.default(24 * 14),
  SESSION_ABSOLUTE_DAYS: positiveInt.default(60),
  RETENTION_UNVERIFIED_DAYS: positiveInt.default(7),
  RETENTION_REJECTED_DAYS: positiveInt.default(30),
  /** A rejected address may ask again after this many days (only a keyed hash of it is kept). */
  JOIN_REJECTED_WAIT_DAYS: positiveInt.default(30),
  JOIN_REMINDER_HOURS: positiveInt.default(24),
  /** A question to the experts nobody claimed in this many hours is escalated (issue 13). */
  QUESTION_ESCALATION_HOURS: positiveInt.default(24),
  /** "As it happens, batched" notification mail gathers this long before one mail goes. */
  EMAIL_BATCH_SECONDS: positiveInt.default(900),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  /** Events one socket may send per second (sustained) and in a burst, before any parsing. */
  SOCKET_EVENT_RATE: positiveInt.default(20),
  SOCKET_EVENT_BURST: positiveInt.default(100),
  /** Messages one person may send within one second (and 30 within ten). */
  MESSAGE_SEND_BURST: positiveInt.default(5),
  /** A presence batch with more changes lists only the experts' and asks tabs to re-query. */
  PRESENCE_BATCH_MAX_LISTED: positiveInt.default(100),
  /** HMAC key of sign-in device cookies; unset: a random one kept in the database. */
  DEVICE_COOKIE_SECRET: z.string().min(32).optional(),
  /**
   * Web Push's VAPID key pair (base64url, as `npx web-push generate-vapid-keys` prints it). In
   * production push is on only with both; elsewhere, unset: a pair made once and kept in the
   * database. A pair that does not belong together stops the start.
   */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'a 65-byte P-256 public key, base64url (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte P-256 private key, base64url (43 characters)')
    .optional(),
  /** Whom push services may contact about our pushes: mailto: or https: (default: the controller's contact). */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s]+|https:\/\/[^\s]+)$/, 'mailto: address or https: URL')
    .optional(),
});

export type Env = z.input<typeof envSchema>;
/** Every variable name the server reads (docker/.env.example must document each; a test checks). */
export const ENV_NAMES = Object.keys(envSchema.shape) as (keyof Env)[];

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  allowedOrigins: string[];
  mongodbUri: string | undefined;
  mongodbDbName: string | undefined;
  mongodbPoolSize: number;
  redisUrl: string | undefined;
  ferretdbPostgresUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string;
  logLevel: string;
  /** undefined: /metrics open in development, absent in production. */
  metricsToken: string | undefined;
  trustProxy: boolean;
  serveWeb: boolean;
  webDist: string;
  controller: { name: string; contact: string };
  session: { idleMs: number; absoluteMs: number };
  retention: {
    unverifiedDays: number;
    rejectedDays: number;
    rejectedWaitDays: number;
    joinReminderHours: number;
  };
  /** An unclaimed question to the experts is escalated after this long (issue 13). */
  questionEscalationMs: number;
  /** How long batched notification mail gathers (issue 14). */
  emailBatchMs: number;
  shutdownGraceMs: number;
  socketEvents: { ratePerSecond: number; burst: number };
  messageSendBurst: number;
  presenceBatchMaxListed: number;
  deviceCookieSecret: string | undefined;
  /** Configured VAPID keys; undefined: none (production: push off; elsewhere: kept in the database). */
  vapid: { publicKey: string; privateKey: string } | undefined;
  vapidSubject: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const HOUR = 3_600_000;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (`SMTP_URL=`) means "not set", as in most deployment tools.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  // Checked on the raw values too, so one start lists these alongside any malformed value.
  if (present.NODE_ENV === 'production' && !present.SMTP_URL) {
    problems.push('SMTP_URL: required in production (mail cannot be written to files there)');
  }
  if (present.NODE_ENV === 'production' && !present.PUBLIC_URL) {
    problems.push('PUBLIC_URL: required in production (it is the only allowed browser origin)');
  }
  problems.push(...vapidProblems(present));
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const devOrigins =
    e.NODE_ENV === 'production'
      ? []
      : e.DEV_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean);
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    allowedOrigins: [new URL(publicUrl).origin, ...devOrigins],
    mongodbUri: e.MONGODB_URI,
    mongodbDbName: e.MONGODB_DB_NAME,
    mongodbPoolSize: e.MONGODB_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    ferretdbPostgresUrl: e.FERRETDB_POSTGRESQL_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    dataDir,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: e.TRUST_PROXY,
    serveWeb: e.SERVE_WEB,
    webDist: path.resolve(e.WEB_DIST ?? path.join(import.meta.dirname, '../../web/dist')),
    controller: { name: e.CONTROLLER_NAME, contact: e.CONTROLLER_CONTACT },
    session: {
      idleMs: e.SESSION_IDLE_HOURS * HOUR,
      absoluteMs: e.SESSION_ABSOLUTE_DAYS * 24 * HOUR,
    },
    retention: {
      unverifiedDays: e.RETENTION_UNVERIFIED_DAYS,
      rejectedDays: e.RETENTION_REJECTED_DAYS,
      rejectedWaitDays: e.JOIN_REJECTED_WAIT_DAYS,
      joinReminderHours: e.JOIN_REMINDER_HOURS,
    },
    questionEscalationMs: e.QUESTION_ESCALATION_HOURS * HOUR,
    emailBatchMs: e.EMAIL_BATCH_SECONDS * 1000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    socketEvents: { ratePerSecond: e.SOCKET_EVENT_RATE, burst: e.SOCKET_EVENT_BURST },
    messageSendBurst: e.MESSAGE_SEND_BURST,
    presenceBatchMaxListed: e.PRESENCE_BATCH_MAX_LISTED,
    deviceCookieSecret: e.DEVICE_COOKIE_SECRET,
    vapid:
      e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY
        ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY }
        : undefined,
    vapidSubject: e.VAPID_SUBJECT ?? `mailto:${e.CONTROLLER_CONTACT}`,
  };
}

/** Both VAPID keys or neither, and a pair that belongs together (the public one from the private). */
function vapidProblems(env: Record<string, string | undefined>): string[] {
  const { VAPID_PUBLIC_KEY: pub, VAPID_PRIVATE_KEY: priv } = env;
  if (!pub && !priv) return [];
  if (!pub || !priv)
    return [`${pub ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'}: set both VAPID keys or neither`];
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(priv, 'base64url'));
    if (ecdh.getPublicKey().toString('base64url') === pub) return [];
  } catch {
    // Not a P-256 private key at all: said below.
  }
  return ['VAPID_PUBLIC_KEY: is not the public key of VAPID_PRIVATE_KEY'];
}
