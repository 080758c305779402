import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from '../../test/harness.js';
import { createLogger } from '../../log.js';
import { MessageModel } from '../conversations/index.js';
import { createAnalyzer } from './analyzer.js';
import { getAnalyzer } from './analyzer-instance.js';
import { loadHunspell } from './hunspell.js';
import { loadVoikko } from './voikko.js';
import { reindexIfNeeded, termsVersion } from './reindex.js';

const log = createLogger('silent');
const states = () =>
  mongoose.connection.db!.collection<{ _id: string; version: string | null }>('searchindexstates');

async function storeMessage(text: string, terms: string[], deleted = false) {
  const id = new mongoose.Types.ObjectId();
  await MessageModel.create({
    _id: id,
    conversationId: new mongoose.Types.ObjectId(),
    seq: 1,
    changeSeq: 1,
    pageKey: 'test',
    changeKey: 'test',
    clientId: randomUUID(),
    authorId: new mongoose.Types.ObjectId(),
    text: deleted ? '' : text,
    terms,
    deletedAt: deleted ? new Date() : null,
  });
  return id;
}

const termsOf = async (id: mongoose.Types.ObjectId) =>
  (await MessageModel.findById(id).lean())!.terms;

beforeAll(async () => {
  await connectTestDatabase();
});
afterAll(async () => {
  await mongoose.connection.db!.dropDatabase();
});

describe('reindexIfNeeded', () => {
  it('rebuilds terms stored by an older analyzer, once', async () => {
    const stale = await storeMessage('Vanhempainyhdistyksen kokous', [
      'vanhempainyhdistyksen',
      'kokous',
    ]);
    const deleted = await storeMessage('', [], true);
    await states().updateOne(
      { _id: 'messages' },
      { $set: { version: 'snowball-0' } },
      { upsert: true },
    );

    expect(await reindexIfNeeded(log)).toEqual({ reindexed: 1, skipped: null });
    expect(await termsOf(stale)).toEqual(
      expect.arrayContaining(['vanhempainyhdistys', 'vanhempainyhdistyksen']),
    );
    expect(await termsOf(deleted)).toEqual([]);
    expect((await states().findOne({ _id: 'messages' }))?.version).toBe(
      termsVersion(getAnalyzer().kind, getAnalyzer().hunspell),
    );

    expect(await reindexIfNeeded(log)).toEqual({ reindexed: 0, skipped: 'up-to-date' });
  });

  it('rebuilds a batch larger than FerretDB takes in one bulk write (it hung at 51)', async () => {
    const ids = [];
    for (let i = 0; i < 120; i += 1) ids.push(await storeMessage(`Kokous ${i}`, ['vanha']));
    await states().updateOne(
      { _id: 'messages' },
      { $set: { version: 'snowball-0', target: null, afterId: null } },
      { upsert: true },
    );
    expect((await reindexIfNeeded(log)).skipped).toBeNull();
    for (const id of [ids[0]!, ids[60]!, ids[119]!])
      expect(await termsOf(id)).toEqual(expect.arrayContaining(['kokous']));
  });

  it('never lets a process without Voikko replace terms Voikko built', async () => {
    const id = await storeMessage('Päiväkodin piha', ['päiväkoti']);
    await states().updateOne(
      { _id: 'messages' },
      { $set: { version: termsVersion('voikko') } },
      { upsert: true },
    );
    expect(await reindexIfNeeded(log, () => false, createAnalyzer(null))).toEqual({
      reindexed: 0,
      skipped: 'would-downgrade',
    });
    expect(await termsOf(id)).toEqual(['päiväkoti']);
  });

  it('rebuilds terms of the previous rules, and never lets a process without Hunspell replace terms Hunspell built', async () => {
    const id = await storeMessage('Klockan är tio', ['klockan']);
    await states().updateOne(
      { _id: 'messages' },
      { $set: { version: 'voikko-1', target: null, afterId: null } },
      { upsert: true },
    );
    const withHunspell = createAnalyzer(loadVoikko(), {
      sv: loadHunspell('sv'),
      en: loadHunspell('en'),
    });
    expect((await reindexIfNeeded(log, () => false, withHunspell)).skipped).toBeNull();
    expect(await termsOf(id)).toEqual(expect.arrayContaining(['klockan', 'klocka']));
    expect((await states().findOne({ _id: 'messages' }))?.version).toBe('voikko+hunspell-2');

    expect(await reindexIfNeeded(log, () => false, createAnalyzer(loadVoikko()))).toEqual({
      reindexed: 0,
      skipped: 'would-downgrade',
    });
    expect(await termsOf(id)).toContain('klocka');
  });
});
