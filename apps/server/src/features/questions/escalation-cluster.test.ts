import { describe, expect, it } from 'vitest';
import { useTwoServersOnRedis } from '../../test/clusters.js';
import { createUser } from '../../test/factories.js';
import { barrier, collect, publisherOf } from '../../test/harness.js';
import { clientId, connectReady, ok } from '../../test/sockets.js';
import { escalateQuestions } from './escalation.js';

/*
 * Two server processes' escalation jobs at the same moment (their leases are per process slot;
 * a slow tick of one can overlap the next of the other): each waiting question is escalated
 * once, and an expert connected to either process hears of it once.
 */
const servers = useTwoServersOnRedis();

describe('escalation with two servers', () => {
  it('escalates each question once when both servers run the job at once', async () => {
    const { a, b } = servers;
    const [asker, expertA, expertB] = await Promise.all([
      createUser(a.application),
      createUser(a.application, { expert: true }),
      createUser(a.application, { expert: true }),
    ]);
    const [askerSocket, onA, onB] = await Promise.all([
      connectReady(a, asker.cookie),
      connectReady(a, expertA.cookie),
      connectReady(b, expertB.cookie),
    ]);
    const heardA = collect(onA, 'question:escalated');
    const heardB = collect(onB, 'question:escalated');
    const asked = await Promise.all(
      [1, 2, 3].map(
        async (n) =>
          (
            await ok(askerSocket, 'question:ask', {
              clientId: clientId(),
              topic: 'school',
              visibility: n === 2 ? 'private' : 'open',
              title: `Kaksi palvelinta ${n}`,
              text: 'Odottaa',
            })
          ).question.id,
      ),
    );
    const later = new Date(Date.now() + a.application.app.config.questionEscalationMs + 1000);
    const counts = await Promise.all([
      escalateQuestions(a.application.app, publisherOf(a.application.app), later),
      escalateQuestions(b.application.app, publisherOf(b.application.app), later),
    ]);
    expect(counts[0] + counts[1]).toBe(asked.length);
    await barrier(a, onA);
    await barrier(b, onB);
    await barrier(a, onB);
    await barrier(b, onA);
    for (const heard of [heardA, heardB])
      expect(heard.map((e) => e.id).sort()).toEqual([...asked].sort());
  });
});
