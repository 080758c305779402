import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { MuteModel } from './mute.model.js';
import { NoticeModel } from './notice.model.js';

/*
 * Notes, warnings and mutes are about the person they concern: exported whole to them (the
 * staff's reason included) and erased with their account. A moderator's own export names only
 * what they sent and to whom (ids), never the text or reason about somebody else.
 */

registerPersonalData({
  collection: NoticeModel.collection.collectionName,
  userFields: ['userId', 'byId'],
  fields: ['userId', 'byId', 'kind', 'template', 'text', 'reason', 'at'],
  about: {
    title: {
      fi: 'Viestit moderaattoreilta',
      sv: 'Meddelanden från moderatorerna',
      en: 'Messages from the moderators',
    },
    holds: {
      fi: 'Moderaattorien sinulle lähettämät huomautukset ja varoitukset perusteluineen, ja ne, jotka itse lähetit moderaattorina.',
      sv: 'Påminnelser och varningar som moderatorerna skickat dig, med motiveringar, och de du själv skickat som moderator.',
      en: 'Notes and warnings the moderators sent you, with their reasons, and those you sent as a moderator.',
    },
    why: {
      fi: 'Jotta voit lukea ne myöhemmin ja moderaattorit näkevät aiemmat vaiheet. Poistetaan tilisi mukana.',
      sv: 'Så att du kan läsa dem senare och moderatorerna ser tidigare steg. Raderas med ditt konto.',
      en: 'So that you can read them later and the moderators see earlier steps. Deleted with your account.',
    },
  },
  onErase: 'The person’s own notes and warnings deleted; as the sender, byId set to null.',
  async export(userId) {
    const uid = oid(userId);
    const [received, sent] = await Promise.all([
      NoticeModel.find({ userId: uid }).sort({ at: 1 }).lean(),
      NoticeModel.find({ byId: uid }, { userId: 1, byId: 1, kind: 1, at: 1 })
        .sort({ at: 1 })
        .lean(),
    ]);
    return plainDocs([...received, ...sent]);
  },
  async erase(userId) {
    const uid = oid(userId);
    await NoticeModel.deleteMany({ userId: uid });
    await NoticeModel.updateMany({ byId: uid }, { $set: { byId: null } });
  },
});

registerPersonalData({
  collection: MuteModel.collection.collectionName,
  userFields: ['userId', 'byId', 'liftedById'],
  fields: [
    'userId',
    'conversationId',
    'byId',
    'reason',
    'at',
    'until',
    'liftedAt',
    'liftedById',
    'liftReason',
  ],
  about: {
    title: { fi: 'Hiljennykset kanavilla', sv: 'Tystningar i kanaler', en: 'Mutes in channels' },
    holds: {
      fi: 'Milloin ja miksi sinut on hiljennetty kanavalla ja milloin hiljennys päättyi, sekä hiljennykset, jotka itse teit tai päätit moderaattorina.',
      sv: 'När och varför du tystats i en kanal och när tystningen upphörde, och tystningar du själv gjort eller hävt som moderator.',
      en: 'When and why you were muted in a channel and when it ended, and mutes you set or lifted as a moderator.',
    },
    why: {
      fi: 'Hiljennys on voimassa vain asetetun ajan; tieto säilyy, jotta moderaattorit näkevät aiemmat vaiheet. Poistetaan tilisi mukana.',
      sv: 'En tystning gäller bara den utsatta tiden; uppgiften sparas så att moderatorerna ser tidigare steg. Raderas med ditt konto.',
      en: 'A mute applies only for its time; the record stays so that moderators see earlier steps. Deleted with your account.',
    },
  },
  onErase:
    'The person’s own mutes deleted; as the moderator who set or lifted one, the id set to null.',
  async export(userId) {
    const uid = oid(userId);
    const ids = {
      userId: 1,
      conversationId: 1,
      byId: 1,
      liftedById: 1,
      at: 1,
      until: 1,
      liftedAt: 1,
    };
    const [received, acted] = await Promise.all([
      MuteModel.find({ userId: uid }).sort({ at: 1 }).lean(),
      MuteModel.find({ $or: [{ byId: uid }, { liftedById: uid }] }, ids)
        .sort({ at: 1 })
        .lean(),
    ]);
    return plainDocs([...received, ...acted]);
  },
  async erase(userId) {
    const uid = oid(userId);
    await MuteModel.deleteMany({ userId: uid });
    await MuteModel.updateMany({ byId: uid }, { $set: { byId: null } });
    await MuteModel.updateMany({ liftedById: uid }, { $set: { liftedById: null } });
  },
});
