import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  LANGUAGES,
  PRIVACY_VERSION_CHANGED,
  type Language,
  type PrivacyStatement,
} from '@yhteistyotila/protocol';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { sha256 } from '../lib/sha256.js';

/**
 * Privacy statements are versioned files: privacy-statements/<YYYY-MM-DD>/{fi,sv,en}.md.
 * The newest folder is in force; deploying a new one makes every member re-consent at their
 * next request (mustReconsent). The build copies the .md files next to the compiled code.
 */
const ROOT = path.join(import.meta.dirname, 'privacy-statements');

function loadVersions(): Map<string, Record<Language, string>> {
  const versions = new Map<string, Record<Language, string>>();
  const dirs = readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}-\d{2}-\d{2}$/.test(d.name))
    .map((d) => d.name)
    .sort();
  for (const dir of dirs) {
    const texts = {} as Record<Language, string>;
    for (const lang of LANGUAGES)
      texts[lang] = readFileSync(path.join(ROOT, dir, `${lang}.md`), 'utf8');
    versions.set(dir, texts);
  }
  if (versions.size === 0) throw new Error(`no privacy statement found under ${ROOT}`);
  return versions;
}

const VERSIONS = loadVersions();
export const CURRENT_PRIVACY_VERSION: string = [...VERSIONS.keys()].at(-1)!;

/** Refuses a consent to a statement that is no longer in force: the person must read the new one. */
export function assertCurrentPrivacyVersion(version: string, field: string): void {
  if (version !== CURRENT_PRIVACY_VERSION)
    throw new AppError('CONFLICT', 'privacy statement changed: reload it', {
      issues: [{ path: field, code: PRIVACY_VERSION_CHANGED }],
    });
}

export const mustReconsent = (consentVersion: string | null): boolean =>
  consentVersion !== CURRENT_PRIVACY_VERSION;

/** A statement (the current one by default) in one language, with controller and retention from config. */
export function privacyStatement(
  config: Config,
  language: Language,
  version = CURRENT_PRIVACY_VERSION,
): PrivacyStatement {
  const texts = VERSIONS.get(version);
  if (!texts) throw new Error(`unknown privacy statement version ${version}`);
  const template = texts[language];
  const values: Record<string, string> = {
    controllerName: config.controller.name,
    controllerContact: config.controller.contact,
    unverifiedDays: String(config.retention.unverifiedDays),
    rejectedDays: String(config.retention.rejectedDays),
    rejectedWaitDays: String(config.retention.rejectedWaitDays),
  };
  const markdown = template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
  return { version, language, markdown, controller: config.controller };
}

/** What the consent ledger stores about the text a person accepted. */
export const statementHash = (config: Config, language: Language, version?: string): string =>
  sha256(privacyStatement(config, language, version).markdown);
