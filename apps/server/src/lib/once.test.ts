import { describe, expect, it } from 'vitest';
import { issueToken, consumeToken } from '../features/access/tokens.js';
import { useTestServer } from '../test/harness.js';
import { acquireLease, acquireLock } from './lease.js';
import { claimOnce } from './once.js';

useTestServer(); // for its database

/** Fires `n` calls at once, as racing requests or processes would. */
const race = <T>(n: number, fn: () => Promise<T>) =>
  Promise.allSettled(Array.from({ length: n }, fn));

describe('exactly-once claims under concurrency (FerretDB and MongoDB alike)', () => {
  it('lets exactly one of 30 simultaneous claimers win a key', async () => {
    const results = await race(30, () => claimOnce('test:one-winner'));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
  });

  it('gives each periodic-job slot to exactly one process', async () => {
    const now = new Date();
    const results = await race(20, () => acquireLease('race-job', 60_000, now));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === true)).toHaveLength(1);
  });

  it('holds a lock until released, and frees an expired one', async () => {
    const t0 = new Date();
    const first = await race(10, () => acquireLock('race-lock', 1000, t0));
    const held = first.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
    expect(held).toHaveLength(1);
    expect(await acquireLock('race-lock', 1000, t0)).toBeNull();
    const next = await acquireLock('race-lock', 1000, new Date(t0.getTime() + 1500));
    expect(next).not.toBeNull();
    await next!.release();
    expect(await acquireLock('race-lock', 1000, t0)).not.toBeNull();
  });

  it("lets a holder whose time ran out release only its own lock, not its successor's", async () => {
    const t0 = new Date();
    const late = await acquireLock('overrun-lock', 1000, t0);
    const successor = await acquireLock('overrun-lock', 1000, new Date(t0.getTime() + 1500));
    expect(late).not.toBeNull();
    expect(successor).not.toBeNull();
    await late!.release(); // the overrunning run finishes
    expect(await acquireLock('overrun-lock', 1000, new Date(t0.getTime() + 1600))).toBeNull();
    await successor!.release();
    expect(await acquireLock('overrun-lock', 1000, new Date(t0.getTime() + 1600))).not.toBeNull();
  });

  it('uses a single-use link once even when clicked 20 times at the same moment', async () => {
    const token = await issueToken('verify-email', { requestId: null }, 60_000);
    const results = await race(20, () => consumeToken(token, ['verify-email']));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) =>
      r.status === 'rejected' ? [(r.reason as { code: string }).code] : [],
    );
    expect(new Set(codes)).toEqual(new Set(['TOKEN_USED']));
  });
});
