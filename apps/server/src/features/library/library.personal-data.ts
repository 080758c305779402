import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { purgeEntry } from './entries.service.js';
import { LibraryEntryModel } from './library-entry.model.js';
import { LibraryRevisionModel } from './library-revision.model.js';

/*
 * Library entries and revisions in the personal data registry (docs/personal-data.md; decision
 * "Library entries outlive their writers' accounts"). A person's drafts are theirs alone and go
 * with the account; a published entry is the community's text, edited and reviewed by others,
 * so it stays, in either deletion mode, without the person's name on it or its revisions.
 */

registerPersonalData({
  collection: LibraryEntryModel.collection.collectionName,
  userFields: ['authorId', 'contributorIds', 'editorId', 'review.reviewerId', 'needsUpdating.byId'],
  fields: ['authorId', 'contributorIds', 'editorId', 'title', 'summary', 'body'],
  about: {
    title: {
      fi: 'Kirjaston kirjoituksesi',
      sv: 'Dina biblioteksinlägg',
      en: 'Your library entries',
    },
    holds: {
      fi: 'Hyvien käytäntöjen kirjaston kirjoitukset, jotka olet aloittanut, luonnokset mukaan lukien.',
      sv: 'Inlägg i biblioteket för goda praxis som du har påbörjat, utkast medräknade.',
      en: 'The entries of the good-practices library you started, drafts included.',
    },
    why: {
      fi: 'Kirjasto on yhteistä tietoa. Luonnoksesi poistetaan tilisi mukana; julkaistut kirjoitukset jäävät muiden käyttöön ilman nimeäsi.',
      sv: 'Biblioteket är gemensam kunskap. Dina utkast raderas med ditt konto; publicerade inlägg blir kvar för andra utan ditt namn.',
      en: 'The library is shared knowledge. Your drafts are deleted with your account; published entries stay for others without your name.',
    },
  },
  onErase:
    "Either mode: the person's drafts are deleted with their revisions; published entries stay (the community's text) with the person removed as author, contributor, current editor, reviewer and flagger.",
  async export(userId) {
    const docs = await LibraryEntryModel.find({ authorId: oid(userId) }, { contributorIds: 0 })
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    const uid = oid(userId);
    const drafts = await LibraryEntryModel.find(
      { authorId: uid, status: 'draft' },
      { _id: 1 },
    ).lean();
    for (const d of drafts) await purgeEntry(d._id);
    await LibraryEntryModel.updateMany({ authorId: uid }, { $set: { authorId: null } });
    await LibraryEntryModel.updateMany({ contributorIds: uid }, { $pull: { contributorIds: uid } });
    await LibraryEntryModel.updateMany({ editorId: uid }, { $set: { editorId: null } });
    await LibraryEntryModel.updateMany(
      { 'review.reviewerId': uid },
      { $set: { 'review.reviewerId': null } },
    );
    await LibraryEntryModel.updateMany(
      { 'needsUpdating.byId': uid },
      { $set: { 'needsUpdating.byId': null } },
    );
  },
});

registerPersonalData({
  collection: LibraryRevisionModel.collection.collectionName,
  userFields: ['editorId'],
  fields: ['editorId', 'title', 'summary', 'body'],
  about: {
    title: {
      fi: 'Kirjaston muokkauksesi',
      sv: 'Dina redigeringar i biblioteket',
      en: 'Your library edits',
    },
    holds: {
      fi: 'Jokainen tallentamasi versio kirjaston kirjoituksista: teksti sellaisena kuin sen tallensit.',
      sv: 'Varje version av biblioteksinlägg som du har sparat: texten som du sparade den.',
      en: 'Every version of a library entry you saved: the text as you saved it.',
    },
    why: {
      fi: 'Versiohistoria näyttää, miten kirjoitus on muuttunut, ja sallii palauttaa aiemman version. Julkaistujen kirjoitusten versiot jäävät ilman nimeäsi.',
      sv: 'Versionshistoriken visar hur inlägget har ändrats och låter en tidigare version återställas. Versioner av publicerade inlägg blir kvar utan ditt namn.',
      en: 'The history shows how an entry changed and lets an earlier version be restored. Versions of published entries stay without your name.',
    },
  },
  onErase:
    "Either mode: revisions of the person's drafts go with the drafts; on other entries the person is removed as the revision's editor, the text stays.",
  async export(userId) {
    const docs = await LibraryRevisionModel.find({ editorId: oid(userId) })
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    await LibraryRevisionModel.updateMany({ editorId: oid(userId) }, { $set: { editorId: null } });
  },
});
