import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { libraryContentSchema, type LibraryContent } from '@yhteistyotila/protocol';
import { ZodError } from 'zod';
import { parseStartingEntry } from './parse.js';

/** A starting entry, ready to be created: its key and its content as the protocol defines it. */
export interface StartingEntry {
  seedKey: string;
  content: LibraryContent;
}

/**
 * Reads every `*.md` file of the starting content (this folder; the build copies the files
 * next to the compiled code), in file-name order, validated with the protocol's content schema.
 */
export function readStartingContent(dir: string = import.meta.dirname): StartingEntry[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const seen = new Set<string>();
  return files.map((file) => {
    const { seedKey, fields, sources, body } = parseStartingEntry(
      readFileSync(path.join(dir, file), 'utf8'),
      file,
    );
    if (seen.has(seedKey)) throw new Error(`${file}: seedKey ${seedKey} is used twice`);
    seen.add(seedKey);
    try {
      const content = libraryContentSchema.parse({
        municipalityCode: null,
        countyCode: null,
        ...fields,
        sources,
        body,
      });
      return { seedKey, content };
    } catch (err) {
      if (err instanceof ZodError)
        throw new Error(
          `${file}: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          { cause: err },
        );
      throw err;
    }
  });
}
