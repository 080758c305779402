import { plainDocs, registerPersonalData } from '../access/personal-data.js';
import { AuditModel } from './audit.model.js';
import { auditAbout, pseudonymiseAudit } from './audit.service.js';

registerPersonalData({
  collection: AuditModel.collection.collectionName,
  userFields: ['actorId', 'targetId'],
  fields: ['actorId', 'targetId', 'action', 'details', 'at'],
  onErase:
    'Kept as proof of decisions: the person, as actor or target, is replaced by a random pseudonym.',
  async export(userId) {
    return plainDocs(await auditAbout(userId));
  },
  async erase(userId, { pseudonym }) {
    await pseudonymiseAudit(userId, pseudonym);
  },
});
