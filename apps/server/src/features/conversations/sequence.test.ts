import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { SeqClaimModel } from './conversation.model.js';
import { nextSeq } from './sequence.js';

useTestServer(); // for its database

describe('conversation numbers (group claims)', () => {
  it('gives 300 simultaneous senders 300 distinct, increasing numbers', async () => {
    const conversationId = new Types.ObjectId();
    const first = await nextSeq(conversationId);
    const seqs = await Promise.all(Array.from({ length: 300 }, () => nextSeq(conversationId)));
    expect(new Set(seqs).size).toBe(300);
    // Requests are served in arrival order: a later request never gets a smaller number.
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(Math.min(...seqs)).toBeGreaterThan(first);
    const claims = await SeqClaimModel.countDocuments({ conversationId });
    expect(claims).toBe(301);
  });

  it('skips numbers another process claimed in the middle of a batch', async () => {
    const conversationId = new Types.ObjectId();
    const base = await nextSeq(conversationId);
    // Another process took base+3 and base+7..base+9 (as if it had raced us).
    const foreign = [base + 3, base + 7, base + 8, base + 9];
    await SeqClaimModel.insertMany(foreign.map((seq) => ({ conversationId, seq })));
    const seqs = await Promise.all(Array.from({ length: 20 }, () => nextSeq(conversationId)));
    expect(new Set(seqs).size).toBe(20);
    for (const f of foreign) expect(seqs).not.toContain(f);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  // Another process numbered the conversation on after a race with this one, leaving holes just
  // above this process's last number; this process then sent nothing for a while. Starting from
  // its own last number, its next message took a hole: numbered far below the newest, it was
  // placed in the past of every timeline (and a reply could land below its root).
  it('does not fall back into holes below the number the caller knows', async () => {
    const conversationId = new Types.ObjectId();
    const mine = await nextSeq(conversationId);
    const theirs = Array.from({ length: 50 }, (_, i) => mine + 4 + i);
    await SeqClaimModel.insertMany(theirs.map((seq) => ({ conversationId, seq })));
    const newest = theirs.at(-1)!;
    expect(await nextSeq(conversationId, newest)).toBeGreaterThan(newest);
  });
});
