import type { AuthUser } from '../../auth/auth.js';
import { oid } from '../../db/object-id.js';
import { ExpertProfileModel } from '../experts/index.js';
import { questionQueue } from '../questions/index.js';
import { paths } from './notifications.links.js';

/**
 * An expert's daily digest leads with the open questions nobody has taken in their topics (all
 * topics when their profile names none), in the queue's order: the questions they may work on,
 * read through the queue itself so that who sees what is decided in one place.
 */
export async function openQuestionsFor(
  user: AuthUser,
  now: Date,
): Promise<{ title: string; link: string }[]> {
  const [queue, profile] = await Promise.all([
    questionQueue(user, now).catch(() => []),
    ExpertProfileModel.findById(oid(user.id), { topics: 1 }).lean(),
  ]);
  const topics = new Set<string>(profile?.topics ?? []);
  return queue
    .filter((q) => !q.claimedBy && (topics.size === 0 || topics.has(q.topic)))
    .map((q) => ({ title: q.title, link: paths.question(q.id) }));
}
