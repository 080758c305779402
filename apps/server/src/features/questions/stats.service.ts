import {
  QUESTION_TOPICS,
  type QuestionStatsRow,
  type QuestionTopic,
} from '@yhteistyotila/protocol';
import type { AuthUser } from '../../auth/auth.js';
import { DAY, MINUTE } from '../../lib/time.js';
import { QuestionModel } from './question.model.js';
import { actorOf, requireAllowed } from './questions.policy.js';

/** The statistics cover this many months back (the current one included). */
export const STATS_MONTHS = 12;

/** The month a question was asked, as people in Finland count months. */
const monthOf = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
  })
    .format(d)
    .slice(0, 7);

/** The value below which a share `p` of the sorted values fall (nearest rank). */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function median(sorted: number[]): number | null {
  if (!sorted.length) return null;
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}

interface Bucket {
  asked: number;
  answered: number;
  waits: number[];
}

/**
 * Per month and topic: how many were asked, how many of those are answered, and the median and
 * 90th percentile of the minutes from asking to the first expert reply (of those that have one).
 */
export async function questionStats(user: AuthUser, now = new Date()): Promise<QuestionStatsRow[]> {
  requireAllowed(await actorOf(user), 'question.stats');
  const since = new Date(now.getTime() - STATS_MONTHS * 31 * DAY);
  const docs = await QuestionModel.find(
    { createdAt: { $gte: since } },
    { topic: 1, status: 1, createdAt: 1, firstExpertReplyAt: 1 },
  ).lean();
  const buckets = new Map<string, Bucket>();
  for (const d of docs) {
    const key = `${monthOf(d.createdAt)}|${d.topic}`;
    const b = buckets.get(key) ?? { asked: 0, answered: 0, waits: [] };
    b.asked += 1;
    if (d.status === 'answered') b.answered += 1;
    if (d.firstExpertReplyAt)
      b.waits.push((d.firstExpertReplyAt.getTime() - d.createdAt.getTime()) / MINUTE);
    buckets.set(key, b);
  }
  const topicOrder = (t: string) => QUESTION_TOPICS.indexOf(t as QuestionTopic);
  return [...buckets.entries()]
    .map(([key, b]) => {
      const [month, topic] = key.split('|') as [string, QuestionTopic];
      const waits = b.waits.sort((x, y) => x - y);
      return {
        month,
        topic,
        asked: b.asked,
        answered: b.answered,
        medianFirstExpertReplyMinutes: median(waits),
        p90FirstExpertReplyMinutes: percentile(waits, 0.9),
      };
    })
    .sort((a, b) => b.month.localeCompare(a.month) || topicOrder(a.topic) - topicOrder(b.topic));
}
