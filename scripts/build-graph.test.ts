import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

interface DryRunTask {
  taskId: string;
  dependencies: string[];
}

/** turbo's plan for `turbo run build`, without running it. */
function buildPlan(): Map<string, string[]> {
  const out = execFileSync(
    path.join(ROOT, 'node_modules/.bin/turbo'),
    ['run', 'build', '--dry=json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
  const { tasks } = JSON.parse(out) as { tasks: DryRunTask[] };
  return new Map(tasks.map((t) => [t.taskId, t.dependencies]));
}

// turbo hashes a package's build from the builds of the workspace packages it declares. When the
// web app did not declare the protocol, a protocol change left the web build's hash alone and
// turbo served a cached bundle with the old PROTOCOL_VERSION (every browser refused).
it('builds the protocol before, and into the hash of, every package that imports it', () => {
  const plan = buildPlan();
  for (const pkg of ['@yhteistyotila/web', '@yhteistyotila/server', '@yhteistyotila/bench']) {
    expect(plan.get(`${pkg}#build`), pkg).toContain('@yhteistyotila/protocol#build');
  }
}, 30_000);
