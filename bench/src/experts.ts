import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { QUESTION_TOPICS, type ClientEventName } from '@yhteistyotila/protocol';
import { REPO, busyCores, machineCpu, sleep } from './env.js';
import { Histogram } from './histogram.js';
import { parseAck, type RawClient } from './raw-client.js';
import type { BenchUser } from './seed.js';

/**
 * The experts scenario (issue 13): 10,000 questions (a tenth of them open, half of all private)
 * from 500 askers over the past year, and 50 experts with office hours, statuses and 200
 * upcoming meetings. Measured one call at a time: an expert's question queue and a member's
 * experts panel (the issue's "Done when"), and the experts' statistics for information.
 * Targets: queue p95 ≤ 200 ms, panel p95 ≤ 200 ms (a phone on a tired evening: the list is
 * there before the thumb moves again).
 */
export const EXPERTS_TARGETS = { queueP95Ms: 200, panelP95Ms: 200 };
export const EXPERTS_SCALE = { questions: 10_000, openShare: 0.1, experts: 50, meetings: 200 };

const dist = (p: string) => pathToFileURL(path.join(REPO, 'apps/server/dist', p)).href;
const DAY = 86_400_000;
/** Documents per insertMany: modest, well inside what FerretDB 1.24 takes in one command. */
const BATCH = 500;

interface Collection {
  insertMany(docs: unknown[], opts?: unknown): Promise<unknown>;
  updateMany(q: unknown, u: unknown): Promise<unknown>;
}
interface WithCollection {
  collection: Collection;
}

async function inBatches(collection: Collection, docs: unknown[]): Promise<void> {
  for (let i = 0; i < docs.length; i += BATCH)
    await collection.insertMany(docs.slice(i, i + BATCH), { ordered: false });
}

/** Deterministic draws, so every run seeds the same shape. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeds straight through the driver: the experts (people already made by the Seeder, given the
 * capability here), their profiles, their meetings and the questions. Returns the seconds taken.
 */
export async function seedExperts(
  experts: BenchUser[],
  askers: BenchUser[],
  runId: string,
): Promise<{ seconds: number }> {
  const t = Date.now();
  const [{ UserModel }, { ExpertProfileModel }, { MeetingModel }, { QuestionModel }, mongoose] =
    (await Promise.all([
      import(dist('auth/user.model.js')),
      import(dist('features/experts/expert-profile.model.js')),
      import(dist('features/experts/meeting.model.js')),
      import(dist('features/questions/question.model.js')),
      import('mongoose'),
    ])) as [
      { UserModel: WithCollection },
      { ExpertProfileModel: WithCollection },
      { MeetingModel: WithCollection },
      { QuestionModel: WithCollection },
      { default: { Types: { ObjectId: new (id?: string) => { toHexString(): string } } } },
    ];
  const { ObjectId } = mongoose.default.Types;
  const r = random(13);
  const expertIds = experts.map((e) => new ObjectId(e.id));
  // One statement: the capability for all fifty (an update of many, not many updates).
  await UserModel.collection.updateMany({ _id: { $in: expertIds } }, { $set: { expert: true } });

  const now = Date.now();
  await inBatches(
    ExpertProfileModel.collection,
    expertIds.map((_id, i) => ({
      _id,
      topics: [QUESTION_TOPICS[i % QUESTION_TOPICS.length], 'Vanhempainyhdistykset'],
      organisation: 'Suomen Vanhempainliitto',
      introduction: `Asiantuntija ${i + 1}: autan yhdistyksiä arjen kysymyksissä.`,
      phone: `+358 40 ${String(1_000_000 + i).slice(1)}`,
      meetingLink: i % 2 ? 'https://meet.example.fi/bench' : '',
      slotMinutes: [15, 20, 30, 45, 60][i % 5],
      // Weekdays 8-16, some evenings too (volunteers' hours).
      officeHours: [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, start: '08:00', end: '16:00' },
        ...(i % 3 === 0 ? [{ weekday, start: '18:00', end: '20:00' }] : []),
      ]),
      status: i % 10 === 0 ? 'away' : i % 7 === 0 ? 'in-meeting' : 'available',
      statusUntil: i % 10 === 0 ? new Date(now + (1 + (i % 4)) * DAY) : null,
      awayDays: [],
      createdAt: new Date(now),
      updatedAt: new Date(now),
    })),
  );

  // Upcoming meetings on whole hours (a slot of every length starts on the hour), none twice.
  const meetings = new Map<string, unknown>();
  for (let k = 0; meetings.size < EXPERTS_SCALE.meetings; k++) {
    const e = Math.floor(r() * expertIds.length);
    const day = 1 + Math.floor(r() * 20);
    const hour = 8 + Math.floor(r() * 8);
    const start = new Date(Math.floor(now / DAY) * DAY + day * DAY + (hour - 2) * 3_600_000);
    const key = `${e}|${start.getTime()}`;
    if (meetings.has(key)) continue;
    meetings.set(key, {
      expertId: expertIds[e],
      bookerId: new ObjectId(askers[k % askers.length]!.id),
      start,
      end: new Date(start.getTime() + 15 * 60_000),
      slot: 'live',
      topic: `Tapaaminen ${k}`,
      note: '',
      mode: 'phone',
      status: 'booked',
      cancelledBy: null,
      cancelledAt: null,
      remindedAt: null,
      createdAt: new Date(now),
    });
  }
  await inBatches(MeetingModel.collection, [...meetings.values()]);

  const questions = Array.from({ length: EXPERTS_SCALE.questions }, (_, i) => {
    const createdAt = new Date(now - Math.floor(r() * 365 * DAY));
    const open = r() < EXPERTS_SCALE.openShare;
    const answeredAt = open ? null : new Date(createdAt.getTime() + Math.floor(r() * 3 * DAY));
    const claimed = !open || r() < 0.3;
    return {
      askerId: new ObjectId(askers[i % askers.length]!.id),
      clientId: `bench-${runId}-${i}`,
      topic: QUESTION_TOPICS[i % QUESTION_TOPICS.length],
      visibility: i % 2 ? 'private' : 'open',
      title: `Kysymys ${i + 1}: miten toimimme?`,
      text: 'Yhdistyksemme pohtii, miten asia kannattaisi hoitaa. Kiitos avusta!',
      status: open ? 'open' : 'answered',
      firstTime: i < askers.length,
      createdAt,
      conversationId: null,
      messageId: null,
      claimedBy: claimed ? expertIds[i % expertIds.length] : null,
      claimedAt: claimed ? createdAt : null,
      escalatedAt: null,
      firstExpertReplyAt: answeredAt,
      acceptedReplyId: null,
      answeredAt,
      endorsements: [],
      libraryConsent: false,
      libraryEntryId: null,
    };
  });
  await inBatches(QuestionModel.collection, questions);
  return { seconds: Math.round((Date.now() - t) / 100) / 10 };
}

/** Sequential calls of one event, paced under the per-socket event limit (20/s). */
async function timeCalls(
  client: RawClient,
  event: ClientEventName,
  samples: number,
  size: (data: unknown) => number,
  log: (line: string) => void,
) {
  const h = new Histogram();
  const failures: Record<string, number> = {};
  let items = 0;
  // The first three are a warm-up (JIT, the people cache).
  for (let i = -3; i < samples; i += 1) {
    const t0 = performance.now();
    const ack = parseAck(await client.emitWithAck(event, {}));
    const ms = performance.now() - t0;
    if (!ack.ok) {
      const code = ack.error?.code ?? 'UNKNOWN';
      failures[code] = (failures[code] ?? 0) + 1;
    } else if (i >= 0) {
      h.record(ms);
      items = size(ack.data);
      if ((i + 1) % 20 === 0 || i + 1 === samples) {
        const s = h.summary();
        log(`  ${event} ${i + 1}/${samples}: p50 ${s.p50} ms, p95 ${s.p95} ms`);
      }
    }
    await sleep(Math.max(0, 60 - ms));
  }
  return { ...h.summary(), failures, items };
}

const STATS_SAMPLES = 5;

const lengthOf = (key: string) => (data: unknown) =>
  ((data as Record<string, unknown[]>)[key] ?? []).length;

export async function measureExperts(
  expert: RawClient,
  member: RawClient,
  samples: number,
  log: (line: string) => void,
) {
  const cpu0 = machineCpu();
  const queue = await timeCalls(expert, 'question:queue', samples, lengthOf('questions'), log);
  const panel = await timeCalls(member, 'experts:list', samples, lengthOf('experts'), log);
  // Each statistics call reads every question of the year: a few samples tell its cost.
  const stats = await timeCalls(expert, 'question:stats', STATS_SAMPLES, lengthOf('rows'), log);
  return {
    queue,
    panel,
    stats,
    machineBusyCores: busyCores(cpu0, machineCpu()),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}
