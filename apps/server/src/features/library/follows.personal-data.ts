import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { LibraryFollowModel } from './follows.model.js';

/*
 * Following library entries in the personal data registry (docs/personal-data.md): which
 * entries a person follows (or chose to stop following). Nobody else sees them; they go with
 * the account in either mode.
 */
registerPersonalData({
  collection: LibraryFollowModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'entryId', 'following', 'createdAt'],
  about: {
    title: {
      fi: 'Seuraamasi kirjaston kirjoitukset',
      sv: 'Biblioteksinlägg du följer',
      en: 'Library entries you follow',
    },
    holds: {
      fi: 'Kirjoitukset, joita seuraat (kirjoittamasi ja muokkaamasi seuraat itsestään), ja ne, joiden seuraamisen lopetit.',
      sv: 'Inlägg som du följer (dem du skrivit eller redigerat följer du automatiskt) och dem du slutat följa.',
      en: 'The entries you follow (those you wrote or edited you follow by themselves), and those you stopped following.',
    },
    why: {
      fi: 'Jotta saat ilmoituksen, kun seuraamaasi kirjoitusta muutetaan.',
      sv: 'För att du ska få en avisering när ett inlägg du följer ändras.',
      en: 'So that you are notified when an entry you follow changes.',
    },
  },
  onErase: "Either mode: the person's follow rows are deleted.",
  async export(userId) {
    const docs = await LibraryFollowModel.find(
      { userId: oid(userId) },
      { _id: 0, entryId: 1, following: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    await LibraryFollowModel.deleteMany({ userId: oid(userId) });
  },
});
