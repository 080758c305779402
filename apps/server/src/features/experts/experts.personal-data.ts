import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { ExpertProfileModel } from './expert-profile.model.js';
import { MeetingModel } from './meeting.model.js';

/**
 * An expert's profile and availability, and the meetings booked in office hours, in the personal
 * data registry (docs/personal-data.md).
 */
registerPersonalData({
  collection: ExpertProfileModel.collection.collectionName,
  userFields: ['_id'],
  fields: [
    'topics',
    'organisation',
    'introduction',
    'phone',
    'meetingLink',
    'slotMinutes',
    'officeHours',
    'status',
    'statusUntil',
    'awayDays',
  ],
  about: {
    title: {
      fi: 'Asiantuntijaprofiilisi ja saatavuutesi',
      sv: 'Din expertprofil och tillgänglighet',
      en: 'Your expert profile and availability',
    },
    holds: {
      fi: 'Aiheesi, organisaatiosi, esittelysi, puhelinnumerosi ja tapaamislinkkisi, vastaanottoaikasi, tilasi ja poissaolopäiväsi.',
      sv: 'Dina ämnen, din organisation, presentation, ditt telefonnummer och möteslänk, dina mottagningstider, din status och dina frånvarodagar.',
      en: 'Your topics, organisation, introduction, phone number and meeting link, office hours, status and away days.',
    },
    why: {
      fi: 'Jotta jäsenet löytävät sinut ja voivat varata tapaamisen. Puhelinnumero tai linkki näytetään vain tapaamisen varanneelle. Säilytetään, kunnes poistat tilisi.',
      sv: 'Så att medlemmar hittar dig och kan boka ett möte. Telefonnumret eller länken visas bara för den som bokat ett möte. Sparas tills du raderar ditt konto.',
      en: 'So that members find you and can book a meeting. The phone number or link is shown only to whoever booked a meeting. Kept until you delete your account.',
    },
  },
  onErase: 'The profile is deleted.',
  async export(userId) {
    return plainDocs(await ExpertProfileModel.find({ _id: oid(userId) }).lean());
  },
  async erase(userId) {
    await ExpertProfileModel.deleteOne({ _id: oid(userId) });
  },
});

const meetingsOf = (userId: string) => ({
  $or: [{ bookerId: oid(userId) }, { expertId: oid(userId) }],
});

registerPersonalData({
  collection: MeetingModel.collection.collectionName,
  userFields: ['expertId', 'bookerId'],
  fields: [
    'expertId',
    'bookerId',
    'start',
    'end',
    'topic',
    'note',
    'mode',
    'status',
    'cancelledBy',
  ],
  about: {
    title: { fi: 'Tapaamisesi', sv: 'Dina möten', en: 'Your meetings' },
    holds: {
      fi: 'Varaamasi tapaamiset ja sinun kanssasi varatut: aika, aihe, viesti, tapa ja peruutukset.',
      sv: 'Möten du bokat och möten bokade med dig: tid, ämne, meddelande, sätt och avbokningar.',
      en: 'Meetings you booked and meetings booked with you: time, topic, message, how, and cancellations.',
    },
    why: {
      fi: 'Jotta tapaaminen pidetään ja siitä voidaan muistuttaa. Säilytetään, kunnes jompikumpi osapuoli poistaa tilinsä.',
      sv: 'För att mötet ska hållas och kunna påminnas om. Sparas tills någon av parterna raderar sitt konto.',
      en: 'So that the meeting happens and can be reminded of. Kept until either side deletes their account.',
    },
  },
  onErase:
    'Every meeting the person booked or that was booked with them is deleted; an upcoming one is first cancelled with a notice and a cancelling .ics to the other side (experts.feature.ts).',
  async export(userId) {
    return plainDocs(await MeetingModel.find(meetingsOf(userId)).lean());
  },
  async erase(userId) {
    await MeetingModel.deleteMany(meetingsOf(userId));
  },
});
