import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { personalDataSources } from '../access/personal-data.js';
import { createUser } from '../../test/factories.js';
import { useTestServer } from '../../test/harness.js';
import { connectReady, ok } from '../../test/sockets.js';

const server = useTestServer();

async function erase(userId: string) {
  for (const source of [...personalDataSources()].reverse())
    await source.erase(userId, { mode: 'erase', pseudonym: 'erased-test' });
}

/** Collections whose documents still name the person (id, name or phone number). */
async function tracesOf(...needles: string[]) {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  for (const c of await db.listCollections().toArray())
    for (const doc of await db.collection(c.name).find({}).toArray())
      if (needles.some((n) => JSON.stringify(doc).includes(n))) found.push(c.name);
  return [...new Set(found)];
}

/** An expert with a profile, and a parent who booked a meeting with them. */
async function expertAndBooking(tag: string) {
  const expert = await createUser(server.application, { expert: true, name: 'Elli Erased' });
  const parent = await createUser(server.application, { name: 'Paavo Parent' });
  const [e, p] = await Promise.all([
    connectReady(server, expert.cookie),
    connectReady(server, parent.cookie),
  ]);
  await ok(e, 'experts:save', {
    topics: ['Tietosuoja'],
    organisation: 'Liitto',
    introduction: `Ellin esittely ${tag}`,
    phone: `+358 40 ${tag}`,
    meetingLink: '',
    slotMinutes: 30,
    officeHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      start: '00:00',
      end: '23:30',
    })),
  });
  const { slots } = await ok(p, 'experts:slots', { expertId: expert.id });
  const slot = slots.find((s) => Date.parse(s.start) > Date.now() + 3_600_000)!;
  await ok(p, 'meeting:book', {
    expertId: expert.id,
    start: slot.start,
    topic: 'Paavon aihe',
    note: `Paavon viesti ${tag}`,
    mode: 'phone',
  });
  e.disconnect();
  p.disconnect();
  return { expert, parent };
}

describe('personal data of experts and meetings', () => {
  it('exports the profile to the expert and the meeting to both sides', async () => {
    const { expert, parent } = await expertAndBooking('111');
    const exportOf = async (id: string) =>
      Object.fromEntries(
        await Promise.all(
          personalDataSources().map(async (s) => [s.collection, await s.export(id)]),
        ),
      ) as Record<string, Record<string, unknown>[]>;
    const [mine, theirs] = [await exportOf(expert.id), await exportOf(parent.id)];
    expect(mine.expertprofiles).toEqual([expect.objectContaining({ phone: '+358 40 111' })]);
    expect(theirs.expertprofiles).toEqual([]);
    for (const data of [mine, theirs])
      expect(data.meetings).toEqual([expect.objectContaining({ note: 'Paavon viesti 111' })]);
  });

  it('erasing either side leaves no trace of them', async () => {
    const first = await expertAndBooking('222');
    await erase(first.expert.id);
    expect(await tracesOf(first.expert.id, '+358 40 222', 'Ellin esittely 222')).toEqual([]);
    const second = await expertAndBooking('333');
    await erase(second.parent.id);
    expect(await tracesOf(second.parent.id, 'Paavon viesti 333')).toEqual([]);
  });
});
