import { oid } from '../../db/object-id.js';
import { releaseClaim } from '../../lib/once.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { escalationKey } from './escalation.js';
import { QuestionClaimModel, QuestionModel, QuestionReplyModel } from './question.model.js';

/*
 * Questions to the experts in the personal data registry (docs/personal-data.md). A question
 * (often about the asker's own child) and a private reply follow the person's choice for their
 * messages: "erase" deletes them, "keep" keeps the words without the person. An expert's claim
 * and endorsement are about their work, not them: removed with the account.
 */

registerPersonalData({
  collection: QuestionModel.collection.collectionName,
  userFields: ['askerId', 'claimedBy', 'endorsements.expertId'],
  fields: [
    'askerId',
    'title',
    'text',
    'topic',
    'visibility',
    'createdAt',
    'claimedBy',
    'endorsements.expertId',
  ],
  about: {
    title: {
      fi: 'Kysymykset asiantuntijoille',
      sv: 'Frågor till experterna',
      en: 'Questions to the experts',
    },
    holds: {
      fi: 'Kysymyksesi asiantuntijoille: otsikko, teksti, aihe, avoin vai yksityinen, tila ja milloin kysyit.',
      sv: 'Dina frågor till experterna: rubrik, text, ämne, öppen eller privat, status och när du frågade.',
      en: 'Your questions to the experts: title, text, topic, open or private, status and when you asked.',
    },
    why: {
      fi: 'Jotta asiantuntijat voivat vastata ja näet vastauksen.',
      sv: 'För att experterna ska kunna svara och du ska se svaret.',
      en: 'So that the experts can answer and you can see the answer.',
    },
  },
  onErase:
    'Questions the person asked: "erase" deletes them with their private replies, claims and escalation marks; "keep" keeps them without the asker. As an expert: their claims are given back and their endorsements removed.',
  async export(userId) {
    const docs = await QuestionModel.find(
      { askerId: oid(userId) },
      { title: 1, text: 1, topic: 1, visibility: 1, status: 1, createdAt: 1, answeredAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId, { mode }) {
    const id = oid(userId);
    if (mode === 'erase') {
      const asked = await QuestionModel.find({ askerId: id }, { _id: 1 }).lean();
      const ids = asked.map((q) => q._id);
      await QuestionReplyModel.deleteMany({ questionId: { $in: ids } });
      await QuestionClaimModel.deleteMany({ questionId: { $in: ids } });
      await QuestionModel.deleteMany({ _id: { $in: ids } });
      for (const q of ids) await releaseClaim(escalationKey(q));
    } else await QuestionModel.updateMany({ askerId: id }, { $set: { askerId: null } });
    await QuestionModel.updateMany(
      { claimedBy: id },
      { $set: { claimedBy: null, claimedAt: null } },
    );
    await QuestionModel.updateMany(
      { 'endorsements.expertId': id },
      { $pull: { endorsements: { expertId: id } } },
    );
  },
});

registerPersonalData({
  collection: QuestionReplyModel.collection.collectionName,
  userFields: ['authorId'],
  fields: ['authorId', 'text', 'createdAt'],
  about: {
    title: {
      fi: 'Vastaukset yksityisiin kysymyksiin',
      sv: 'Svar på privata frågor',
      en: 'Replies to private questions',
    },
    holds: {
      fi: 'Vastauksesi yksityisiin kysymyksiin: teksti ja aika.',
      sv: 'Dina svar på privata frågor: text och tid.',
      en: 'Your replies to private questions: the text and the time.',
    },
    why: {
      fi: 'Jotta kysyjä näkee vastauksen.',
      sv: 'För att den som frågade ska se svaret.',
      en: 'So that the person who asked sees the answer.',
    },
  },
  onErase: '"erase" deletes the replies; "keep" keeps their words without the author.',
  async export(userId) {
    const docs = await QuestionReplyModel.find(
      { authorId: oid(userId) },
      { text: 1, createdAt: 1, questionId: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId, { mode }) {
    const id = oid(userId);
    if (mode === 'erase') await QuestionReplyModel.deleteMany({ authorId: id });
    else await QuestionReplyModel.updateMany({ authorId: id }, { $set: { authorId: null } });
  },
});

registerPersonalData({
  collection: QuestionClaimModel.collection.collectionName,
  userFields: ['expertId'],
  fields: ['expertId', 'claimedAt'],
  about: {
    title: { fi: 'Ottamasi kysymykset', sv: 'Frågor du tagit', en: 'Questions you took' },
    holds: {
      fi: 'Kysymykset, jotka olet asiantuntijana ottanut vastattavaksesi, ja milloin.',
      sv: 'Frågor du som expert tagit för att svara på, och när.',
      en: 'The questions you took to answer as an expert, and when.',
    },
    why: {
      fi: 'Jotta muut asiantuntijat ja kysyjä tietävät, kuka vastaa.',
      sv: 'För att andra experter och den som frågade ska veta vem som svarar.',
      en: 'So that the other experts and the person who asked know who is answering.',
    },
  },
  onErase: 'Deleted (the questions go back to the queue).',
  async export(userId) {
    const docs = await QuestionClaimModel.find(
      { expertId: oid(userId) },
      { questionId: 1, claimedAt: 1 },
    ).lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    await QuestionClaimModel.deleteMany({ expertId: oid(userId) });
  },
});
