import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { ReportModel } from './report.model.js';

/*
 * Reports in the personal data registry (docs/personal-data.md, decisions: "Reports"). A person's
 * export holds the reports they made, without the snapshot (someone else's words) and without
 * who decided. Reports about a person are not in their export: they would name the reporter.
 */
registerPersonalData({
  collection: ReportModel.collection.collectionName,
  userFields: ['reporterId', 'targetUserId', 'targetId', 'claimedBy', 'resolvedBy'],
  fields: ['reporterId', 'note', 'category', 'targetUserId', 'snapshotText', 'createdAt'],
  about: {
    title: { fi: 'Ilmoitukset', sv: 'Anmälningar', en: 'Reports' },
    holds: {
      fi: 'Moderaattoreille tekemäsi ilmoitukset: mitä ilmoitit, luokka, lisätietosi ja lopputulos.',
      sv: 'Anmälningar du gjort till moderatorerna: vad du anmälde, kategori, din kommentar och utfallet.',
      en: 'Reports you made to the moderators: what you reported, the category, your note and the outcome.',
    },
    why: {
      fi: 'Jotta moderaattorit voivat käsitellä ilmoituksen ja kertoa sinulle lopputuloksen.',
      sv: 'För att moderatorerna ska kunna behandla anmälan och berätta utfallet för dig.',
      en: 'So that the moderators can handle the report and tell you the outcome.',
    },
  },
  onErase:
    'Reports the person made: resolved ones deleted, open ones kept for the moderators without the reporter; reports about the person: their snapshot text and id removed (a profile report deleted); as the moderator who claimed or decided: removed (the audit log keeps the proof under a pseudonym).',
  async export(userId) {
    const docs = await ReportModel.find(
      { reporterId: oid(userId) },
      { targetType: 1, targetId: 1, category: 1, note: 1, createdAt: 1, status: 1, resolvedAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    const id = oid(userId);
    await ReportModel.deleteMany({ reporterId: id, status: { $ne: 'open' } });
    await ReportModel.updateMany({ reporterId: id }, { $set: { reporterId: null } });
    await ReportModel.deleteMany({ targetType: 'profile', targetId: id });
    await ReportModel.updateMany(
      { targetUserId: id },
      { $set: { targetUserId: null, snapshotText: '' } },
    );
    await ReportModel.updateMany(
      { claimedBy: id },
      { $set: { claimedBy: null, claimExpiresAt: null } },
    );
    await ReportModel.updateMany({ resolvedBy: id }, { $set: { resolvedBy: null } });
  },
});
