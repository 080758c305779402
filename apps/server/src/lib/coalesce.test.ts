import { describe, expect, it } from 'vitest';
import { readCoalesced, runCoalesced } from './coalesce.js';

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

describe('readCoalesced', () => {
  it('gives every caller of a burst an answer read after its call, with two reads in all', async () => {
    let stored = 0;
    let reads = 0;
    const read = async () => {
      reads += 1;
      const v = stored;
      await tick();
      return v;
    };
    stored = 1;
    const first = readCoalesced('r', read);
    stored = 2; // written after the first read began: later callers must see it
    const later = Array.from({ length: 20 }, () => readCoalesced('r', read));
    expect(await first).toBe(1);
    expect(await Promise.all(later)).toEqual(Array(20).fill(2));
    expect(reads).toBe(2);
  });

  it('passes a failed read to its callers, and the next burst reads afresh', async () => {
    let fail = true;
    const read = async () => {
      await tick();
      if (fail) throw new Error('database down');
      return 'ok';
    };
    const failing = readCoalesced('e', read);
    const sharing = readCoalesced('e', read);
    await expect(failing).rejects.toThrow('database down');
    fail = false;
    await expect(sharing).resolves.toBe('ok');
    await expect(readCoalesced('e', read)).resolves.toBe('ok');
  });
});
