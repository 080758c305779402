import { plainDocs, registerPersonalData } from '../access/index.js';
import { oid } from '../../db/object-id.js';
import { AccessibilityFeedbackModel } from './feedback.model.js';

registerPersonalData({
  collection: AccessibilityFeedbackModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['message', 'email', 'page', 'language', 'userId', 'createdAt'],
  about: {
    title: {
      fi: 'Saavutettavuuspalautteesi',
      sv: 'Din respons om tillgänglighet',
      en: 'Your accessibility feedback',
    },
    holds: {
      fi: 'Saavutettavuusselosteen lomakkeella lähettämäsi palaute ja osoite, johon vastataan.',
      sv: 'Den respons du skickat med formuläret i tillgänglighetsutlåtandet och adressen för svaret.',
      en: 'The feedback you sent with the accessibility statement’s form and the address for the answer.',
    },
    why: {
      fi: 'Jotta ylläpito voi korjata puutteen ja vastata sinulle. Poistetaan tilisi mukana.',
      sv: 'För att administratörerna ska kunna åtgärda bristen och svara dig. Raderas med ditt konto.',
      en: 'So that the admins can fix the problem and answer you. Deleted with your account.',
    },
  },
  onErase: 'Deleted.',
  async export(userId) {
    return plainDocs(await AccessibilityFeedbackModel.find({ userId: oid(userId) }).lean());
  },
  async erase(userId) {
    await AccessibilityFeedbackModel.deleteMany({ userId: oid(userId) });
  },
});
