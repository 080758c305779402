import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The server's V8 flags (apps/server/node-flags.json, decision 88) are given wherever it is
 * started in production: `npm start`, the container's command, and the bench (which reads the
 * file). A start line without them runs a server whose memory per connection was measured
 * twice as large (bench: idle connections).
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const flags = JSON.parse(read('apps/server/node-flags.json')) as string[];
const MAIN = 'apps/server/dist/main.js';

describe("the server's Node flags", () => {
  it('are named in one list of flags', () => {
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) expect(flag).toMatch(/^--[\w-]+=\d+$/);
  });

  it('are given by `npm start` before the server file', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
      .start;
    expect(start).toContain(`node ${flags.join(' ')} ${MAIN}`);
  });

  it("are given by the container's command before the server file", () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('docker/Dockerfile'))?.[1];
    expect(cmd && (JSON.parse(cmd) as string[])).toEqual(['node', ...flags, MAIN]);
  });
});
