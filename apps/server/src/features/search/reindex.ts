import mongoose, { Schema, type Types } from 'mongoose';
import { bulkWriteInChunks } from '../../db/bulk-write.js';
import { acquireLock } from '../../lib/lease.js';
import type { Logger } from '../../log.js';
import { MessageModel } from '../conversations/index.js';
import type { Analyzer } from './analyzer.js';
import { getAnalyzer } from './analyzer-instance.js';
import { missingDictionaries, versionOf } from './terms-version.js';
import { writeTermsThatFit } from './terms-that-fit.js';

export { termsVersion } from './terms-version.js';

/** Which analyzer built the stored terms, and how far a re-index has come (resumes after a restart). */
const stateSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: String, default: null },
    /** Re-index in progress towards this version; messages up to `afterId` are done. */
    target: { type: String, default: null },
    afterId: { type: Schema.Types.ObjectId, default: null },
    updatedAt: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);
const SearchIndexStateModel = mongoose.model('SearchIndexState', stateSchema);

const STATE_ID = 'messages';
const BATCH = 200;
const LEASE = 'search:reindex';
const LEASE_MS = 10 * 60_000;

export interface ReindexResult {
  reindexed: number;
  skipped: 'up-to-date' | 'busy' | 'would-downgrade' | null;
}

/**
 * Brings every stored message's terms to the current analyzer. Safe alongside live traffic:
 * an update applies only if the message did not change meanwhile (same `changeSeq`; an edit
 * stores fresh terms itself). A process lacking Voikko or Hunspell never rewrites terms built
 * with them.
 */
export async function reindexIfNeeded(
  log: Logger,
  shouldStop: () => boolean = () => false,
  analyzer: Analyzer = getAnalyzer(),
): Promise<ReindexResult> {
  const current = versionOf(analyzer);
  const state = await SearchIndexStateModel.findById(STATE_ID).lean();
  if (state?.version === current) return { reindexed: 0, skipped: 'up-to-date' };
  const missing = state?.version ? missingDictionaries(state.version, analyzer) : [];
  if (missing.length) {
    log.warn(
      { stored: state?.version, missing },
      'search: terms were built with dictionaries this process lacks; it leaves them',
    );
    return { reindexed: 0, skipped: 'would-downgrade' };
  }
  const lock = await acquireLock(LEASE, LEASE_MS);
  if (!lock) return { reindexed: 0, skipped: 'busy' };
  try {
    return { reindexed: await reindex(log, analyzer, state, current, shouldStop), skipped: null };
  } finally {
    await lock.release();
  }
}

async function reindex(
  log: Logger,
  analyzer: Analyzer,
  state: {
    version?: string | null;
    target?: string | null;
    afterId?: Types.ObjectId | null;
  } | null,
  current: string,
  shouldStop: () => boolean,
): Promise<number> {
  let afterId: Types.ObjectId | null = state?.target === current ? (state.afterId ?? null) : null;
  let reindexed = 0;
  log.info({ from: state?.version ?? null, to: current }, 'search: re-indexing message terms');
  while (!shouldStop()) {
    const batch = await MessageModel.find(
      { deletedAt: null, ...(afterId ? { _id: { $gt: afterId } } : {}) },
      { text: 1, changeSeq: 1 },
    )
      .sort({ _id: 1 })
      .limit(BATCH)
      .lean();
    if (!batch.length) {
      await SearchIndexStateModel.updateOne(
        { _id: STATE_ID },
        { $set: { version: current, target: null, afterId: null, updatedAt: new Date() } },
        { upsert: true },
      );
      log.info({ reindexed, version: current }, 'search: message terms up to date');
      break;
    }
    const updates = await Promise.all(
      batch.map(async (m) => ({
        updateOne: {
          filter: { _id: m._id, changeSeq: m.changeSeq },
          update: { $set: { terms: await analyzer.indexTerms(m.text) } },
        },
      })),
    );
    await bulkWriteInChunks(MessageModel, updates).catch(async () => {
      // A message whose terms do not all fit FerretDB's index row (terms-that-fit.ts): each
      // write again on its own, fitted; any other failure is thrown from there.
      for (const { updateOne: u } of updates)
        await writeTermsThatFit(u.update.$set.terms, (terms) =>
          MessageModel.updateOne(u.filter, { $set: { terms } }),
        );
    });
    reindexed += batch.length;
    afterId = batch[batch.length - 1]!._id;
    await SearchIndexStateModel.updateOne(
      { _id: STATE_ID },
      { $set: { target: current, afterId, updatedAt: new Date() } },
      { upsert: true },
    );
  }
  return reindexed;
}
