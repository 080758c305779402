import { parse as parseYaml } from 'yaml';
import { SEED_SOURCES } from './sources.js';

/** One starting-content file: its front matter as written, its sources resolved, its body. */
export interface StartingEntryFile {
  seedKey: string;
  fields: Record<string, unknown>;
  sources: { title: string; url?: string }[];
  body: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/;

/**
 * Splits a Markdown file into its YAML front matter and body. Throws, naming the file, when
 * the front matter is missing, is not a mapping, lacks a seedKey or cites an unknown source:
 * these files ship with the server, so a mistake must fail the test run, not a start-up.
 */
export function parseStartingEntry(text: string, fileName: string): StartingEntryFile {
  const match = FRONT_MATTER.exec(text);
  if (!match) throw new Error(`${fileName}: no front matter between --- lines`);
  const data: unknown = parseYaml(match[1] as string);
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new Error(`${fileName}: the front matter is not a mapping`);
  const { seedKey, sources, ...fields } = data as Record<string, unknown>;
  if (typeof seedKey !== 'string' || !seedKey) throw new Error(`${fileName}: no seedKey`);
  if (!Array.isArray(sources) || sources.length === 0) throw new Error(`${fileName}: no sources`);
  const resolved = sources.map((key) => {
    const source = SEED_SOURCES[key as keyof typeof SEED_SOURCES];
    if (!source) throw new Error(`${fileName}: unknown source ${String(key)}`);
    return { ...source };
  });
  return { seedKey, fields, sources: resolved, body: (match[2] as string).trim() };
}
