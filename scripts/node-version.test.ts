import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHECK = path.join(ROOT, 'scripts/check-node.cjs');
const WORKSPACES = ['apps/server', 'apps/web', 'packages/protocol', 'bench'];

interface Manifest {
  engines?: { node?: string };
  scripts?: Record<string, string>;
}
const manifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;
const root = manifest('.');

/** Runs the check as npm does, with `node` = the given binary; `version` pretends another Node. */
function check(version?: string, node = process.execPath) {
  const r = spawnSync(node, version ? [CHECK, version] : [CHECK], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const message = (version: string) =>
  `Yhteistyötila needs Node.js 22.22.2+, 24.15+ or 26+ (LTS); you have ${version}. ` +
  'Get it from https://nodejs.org or with `nvm install 24`.\n';

describe('the Node version check (scripts/check-node.cjs)', () => {
  it('refuses Node 20 in one line that says what is needed and how to get it, exit code 1', () => {
    expect(check('v20.20.2')).toEqual({ status: 1, stdout: '', stderr: message('v20.20.2') });
  });

  it.each(['v14.21.3', 'v18.20.8', 'v22.12.0', 'v22.22.1', 'v23.11.0', 'v24.14.1', 'v25.9.0'])(
    'refuses %s (outside every LTS line the dependencies accept)',
    (version) => {
      expect(check(version)).toEqual({ status: 1, stdout: '', stderr: message(version) });
    },
  );

  it.each(['v22.22.2', 'v22.23.5', 'v24.15.0', 'v24.22.3', 'v26.0.0', 'v26.12.1', 'v28.1.0'])(
    'accepts %s silently',
    (version) => {
      expect(check(version)).toEqual({ status: 0, stdout: '', stderr: '' });
    },
  );

  it('accepts the Node that runs the tests', () => {
    expect(check()).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  // The machines' system Node is 20: the script itself must parse and run there, not only
  // judge the version string.
  const systemNode = '/usr/bin/node';
  const systemVersion = existsSync(systemNode)
    ? spawnSync(systemNode, ['--version'], { encoding: 'utf8' }).stdout.trim()
    : '';
  it.runIf(/^v(1[4-9]|2[01])\./.test(systemVersion))(
    `refuses when it really runs on an old Node (${systemNode} ${systemVersion})`,
    () => {
      expect(check(undefined, systemNode)).toEqual({
        status: 1,
        stdout: '',
        stderr: message(systemVersion),
      });
    },
  );
});

describe('where the check runs and what it reads', () => {
  it('runs first in npm install (preinstall), start, test and the builds', () => {
    const first = 'node scripts/check-node.cjs';
    expect(root.scripts?.preinstall).toBe(first);
    for (const name of ['start', 'build', 'test', 'test:unit', 'test:e2e', 'typecheck', 'lint']) {
      expect(root.scripts?.[name], name).toMatch(/^node scripts\/check-node\.cjs && /);
    }
  });

  it('every package.json states the same Node versions, and .nvmrc is one of them', () => {
    const range = root.engines?.node;
    expect(range).toBe('^22.22.2 || ^24.15.0 || >=26.0.0');
    for (const dir of WORKSPACES) expect(manifest(dir).engines?.node, dir).toBe(range);
    const nvmrc = readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(nvmrc).toBe('24');
    expect(check(`v${nvmrc}.99.0`).status).toBe(0);
  });
});
