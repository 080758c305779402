import { describe, expect, it } from 'vitest';
import { runCoalesced } from './coalesce.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('runCoalesced', () => {
  it('turns a burst of calls into the running one plus one more that sees every change', async () => {
    let value = 0;
    const seen: number[] = [];
    const task = async () => {
      const v = value;
      await tick();
      seen.push(v);
    };
    value = 1;
    const first = runCoalesced('k', task);
    const rest = [];
    for (let i = 2; i <= 10; i += 1) {
      value = i;
      rest.push(runCoalesced('k', task));
    }
    await Promise.all([first, ...rest]);
    expect(seen).toEqual([1, 10]);
  });

  it('runs different keys independently and starts afresh once idle', async () => {
    const runs: string[] = [];
    await Promise.all([
      runCoalesced('a', async () => void runs.push('a')),
      runCoalesced('b', async () => void runs.push('b')),
    ]);
    await runCoalesced('a', async () => void runs.push('a2'));
    expect(runs.sort()).toEqual(['a', 'a2', 'b']);
  });

  it('keeps going after a failing run', async () => {
    const failing = runCoalesced('f', async () => {
      throw new Error('boom');
    });
    let ran = false;
    const after = runCoalesced('f', async () => {
      ran = true;
    });
    await Promise.all([failing, after]);
    expect(ran).toBe(true);
  });
});
