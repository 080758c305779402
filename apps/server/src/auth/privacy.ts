import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  LANGUAGES,
  PRIVACY_VERSION_CHANGED,
  type Language,
  type PrivacyStatement,
  type PrivacyVersionSummary,
} from '@yhteistyotila/protocol';
import type { Config } from '../config.js';
import { AppError, notFound } from '../errors.js';
import { sha256 } from '../lib/sha256.js';
import { PrivacyVersionModel, type PrivacyVersionDoc } from './privacy-version.model.js';

type Texts = Record<Language, string>;

/**
 * The statements shipped with the code: privacy-statements/<YYYY-MM-DD>/{fi,sv,en}.md. They
 * are the first versions of the database (seeded at start, docs/decisions.md); every later
 * version is published by an admin. The build copies the .md files next to the compiled code.
 */
const ROOT = path.join(import.meta.dirname, 'privacy-statements');

function readFileVersions(): Map<string, Texts> {
  const versions = new Map<string, Texts>();
  const dirs = readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}-\d{2}-\d{2}$/.test(d.name))
    .map((d) => d.name)
    .sort();
  for (const dir of dirs) {
    const texts = {} as Texts;
    for (const lang of LANGUAGES)
      texts[lang] = readFileSync(path.join(ROOT, dir, `${lang}.md`), 'utf8');
    versions.set(dir, texts);
  }
  return versions;
}

/** The newest statement shipped with the code: the one in force on a fresh database. */
export const SEEDED_PRIVACY_VERSION: string = [...readFileVersions().keys()].at(-1) ?? '';

const isDuplicateKey = (err: unknown) => (err as { code?: unknown } | null)?.code === 11000;

/**
 * Inserts each file version the database does not have yet, and never overwrites one: a
 * stored version is what people accepted. Two processes starting together may race on one
 * insert; the loser's duplicate-key error means the version is there.
 */
async function seedFileVersions(): Promise<void> {
  for (const [version, texts] of readFileVersions()) {
    await PrivacyVersionModel.updateOne(
      { _id: version },
      { $setOnInsert: { texts, publishedAt: new Date(`${version}T00:00:00Z`), source: 'file' } },
      { upsert: true },
    ).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
  }
}

interface StoredVersion {
  texts: Texts;
  publishedAt: Date;
}

/**
 * This process's view of the versions: all of them in memory (a few short texts, never
 * changed), the newest publication in force. Loaded at start; after a publication every
 * process reloads at once (features/privacy/propagation.ts), so the checks below, which run
 * on every request and socket event, stay synchronous.
 */
export class PrivacyVersions {
  private versions = new Map<string, StoredVersion>();
  private currentId = '';

  /** Seeds the file versions, then reads every version. */
  async load(): Promise<void> {
    await seedFileVersions();
    await this.reload();
  }

  async reload(): Promise<void> {
    const docs = await PrivacyVersionModel.find()
      .sort({ publishedAt: 1, _id: 1 })
      .lean<PrivacyVersionDoc[]>();
    if (docs.length === 0) throw new Error(`no privacy statement stored (files under ${ROOT})`);
    this.versions = new Map(
      docs.map((d) => [d._id, { texts: d.texts as Texts, publishedAt: d.publishedAt }]),
    );
    this.currentId = docs.at(-1)!._id;
  }

  /** The version in force. */
  get current(): string {
    return this.currentId;
  }

  has(version: string): boolean {
    return this.versions.has(version);
  }

  mustReconsent(consentVersion: string | null): boolean {
    return consentVersion !== this.currentId;
  }

  /**
   * Refuses a consent to a statement that is no longer in force: the person must read the
   * new one. A version this process has not heard of yet is looked up first (a consent may
   * reach it a moment before the news of the publication).
   */
  async assertCurrent(version: string, field: string): Promise<void> {
    if (version !== this.currentId && !this.versions.has(version)) await this.reload();
    if (version !== this.currentId)
      throw new AppError('CONFLICT', 'privacy statement changed: reload it', {
        issues: [{ path: field, code: PRIVACY_VERSION_CHANGED }],
      });
  }

  /** Newest first. */
  list(): PrivacyVersionSummary[] {
    return [...this.versions]
      .map(([version, v]) => ({
        version,
        publishedAt: v.publishedAt.toISOString(),
        current: version === this.currentId,
      }))
      .reverse();
  }

  /** A statement (the current one by default) in one language, with controller and retention from config. */
  statement(config: Config, language: Language, version = this.currentId): PrivacyStatement {
    const stored = this.versions.get(version);
    if (!stored) throw notFound();
    const values: Record<string, string> = {
      controllerName: config.controller.name,
      controllerContact: config.controller.contact,
      unverifiedDays: String(config.retention.unverifiedDays),
      rejectedDays: String(config.retention.rejectedDays),
      rejectedWaitDays: String(config.retention.rejectedWaitDays),
    };
    const markdown = stored.texts[language].replace(
      /\{\{(\w+)\}\}/g,
      (m, key: string) => values[key] ?? m,
    );
    return { version, language, markdown, controller: config.controller };
  }

  /** What the consent ledger stores about the text a person accepted. */
  statementHash(config: Config, language: Language, version?: string): string {
    return sha256(this.statement(config, language, version).markdown);
  }
}
