import { plainDocs, registerPersonalData } from '../access/index.js';
import { AuditModel } from './audit.model.js';
import { auditAbout, pseudonymiseAudit } from './audit.service.js';

registerPersonalData({
  collection: AuditModel.collection.collectionName,
  userFields: ['actorId', 'targetId'],
  fields: ['actorId', 'targetId', 'action', 'reason', 'details', 'at'],
  about: {
    title: { fi: 'Moderointitapahtumat', sv: 'Modereringshändelser', en: 'Moderation events' },
    holds: {
      fi: 'Moderaattorien ja ylläpitäjien toimet, jotka koskivat sinua, ja omat toimesi moderaattorina.',
      sv: 'Åtgärder av moderatorer och administratörer som gällde dig, och dina egna som moderator.',
      en: 'Actions by moderators and administrators that concerned you, and your own as a moderator.',
    },
    why: {
      fi: 'Todiste tehdyistä päätöksistä. Säilyy tilin poiston jälkeen ilman nimeäsi.',
      sv: 'Bevis på fattade beslut. Sparas efter att kontot raderats, utan ditt namn.',
      en: 'Proof of the decisions made. Kept after your account is deleted, without your name.',
    },
  },
  onErase:
    'Kept as proof of decisions: the person, as actor or target, is replaced by a random pseudonym; reasons staff wrote about them are removed.',
  async export(userId) {
    return plainDocs(await auditAbout(userId));
  },
  async erase(userId, { pseudonym }) {
    await pseudonymiseAudit(userId, pseudonym);
  },
});
