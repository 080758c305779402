import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Language, type PrivacyStatement } from '@yhteistyotila/protocol';
import type { Config } from '../../config.js';
import { sha256 } from './tokens.js';

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

export const mustReconsent = (consentVersion: string | null): boolean =>
  consentVersion !== CURRENT_PRIVACY_VERSION;

/** The current statement in one language, with the controller and retention from config. */
export function privacyStatement(config: Config, language: Language): PrivacyStatement {
  const template = VERSIONS.get(CURRENT_PRIVACY_VERSION)![language];
  const values: Record<string, string> = {
    controllerName: config.controller.name,
    controllerContact: config.controller.contact,
    unverifiedDays: String(config.retention.unverifiedDays),
    rejectedDays: String(config.retention.rejectedDays),
  };
  const markdown = template.replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
  return { version: CURRENT_PRIVACY_VERSION, language, markdown, controller: config.controller };
}

/** What the consent ledger stores about the text a person accepted. */
export const statementHash = (config: Config, language: Language): string =>
  sha256(privacyStatement(config, language).markdown);
