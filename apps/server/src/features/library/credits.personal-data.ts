import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { LibraryCreditModel } from './credits.model.js';

/*
 * Credits of people quoted from chat in the personal data registry (docs/personal-data.md). An
 * erased person's name leaves the credits: their requests are deleted in either mode (issue 12,
 * item 5); as the one who saved a message, they are removed from the requests they made.
 */
registerPersonalData({
  collection: LibraryCreditModel.collection.collectionName,
  userFields: ['userId', 'requestedBy'],
  fields: ['userId', 'requestedBy', 'entryId', 'status', 'createdAt', 'answeredAt'],
  about: {
    title: {
      fi: 'Maininnat kirjaston kirjoituksissa',
      sv: 'Omnämnanden i bibliotekets inlägg',
      en: 'Credits in library entries',
    },
    holds: {
      fi: 'Pyynnöt mainita sinut kirjoituksessa, johon viestisi on tallennettu keskustelusta, ja vastauksesi niihin.',
      sv: 'Förfrågningar om att nämna dig i ett inlägg där ditt meddelande sparats från en diskussion, och dina svar.',
      en: 'Requests to credit you on an entry that quotes your message from a discussion, and your answers.',
    },
    why: {
      fi: 'Nimesi näytetään kirjoituksessa vain, jos olet suostunut siihen.',
      sv: 'Ditt namn visas i inlägget bara om du har gått med på det.',
      en: 'Your name is shown on the entry only if you agreed to it.',
    },
  },
  onErase:
    "Either mode: the person's credits (requested, accepted or declined) are deleted; as the one who saved a message, requestedBy -> null.",
  async export(userId) {
    const docs = await LibraryCreditModel.find(
      { userId: oid(userId) },
      { _id: 0, entryId: 1, status: 1, createdAt: 1, answeredAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    const uid = oid(userId);
    await LibraryCreditModel.deleteMany({ userId: uid });
    await LibraryCreditModel.updateMany({ requestedBy: uid }, { $set: { requestedBy: null } });
  },
});
