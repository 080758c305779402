import { plainDocs, registerPersonalData } from '../access/index.js';
import { NotificationModel, NotificationPrefsModel } from './notification.model.js';
import {
  eraseNotifications,
  erasePrefs,
  notificationsOf,
  prefsOf,
} from './notifications.service.js';

registerPersonalData({
  collection: NotificationModel.collection.collectionName,
  userFields: ['recipientId', 'actorId'],
  fields: [
    'recipientId',
    'key',
    'kind',
    'actorId',
    'conversationId',
    'text',
    'where',
    'link',
    'inApp',
    'emailAt',
    'pushAt',
    'pushDue',
    'emailDue',
    'createdAt',
    'readAt',
  ],
  about: {
    title: { fi: 'Ilmoituksesi', sv: 'Dina aviseringar', en: 'Your notifications' },
    holds: {
      fi: 'Mistä sinulle on ilmoitettu (maininnat, yksityisviestit, vastaukset, tapaamiset...), kuka sen aiheutti, viestin alku ja milloin luit sen.',
      sv: 'Vad du har aviserats om (omnämnanden, privata meddelanden, svar, möten...), vem som orsakade det, början av meddelandet och när du läste det.',
      en: 'What you were notified of (mentions, direct messages, answers, meetings...), who caused it, the start of the message and when you read it.',
    },
    why: {
      fi: 'Jotta näet kellosta, mitä on tapahtunut poissa ollessasi. Poistuu, kun tilisi poistetaan; samalla poistuvat ilmoitukset, jotka toiminnastasi syntyivät muille.',
      sv: 'Så att du ser i klockan vad som hänt medan du var borta. Försvinner när ditt konto raderas; samtidigt försvinner aviseringar som ditt agerande gav andra.',
      en: 'So that the bell shows what happened while you were away. Gone when your account is deleted; so are the notifications your actions gave others.',
    },
  },
  onErase:
    'The person’s notifications are deleted, and so are those the person caused for others (they quote the person’s words).',
  async export(userId) {
    return plainDocs(await notificationsOf(userId));
  },
  async erase(userId) {
    await eraseNotifications(userId);
  },
});

registerPersonalData({
  collection: NotificationPrefsModel.collection.collectionName,
  userFields: ['_id'],
  fields: [
    '_id',
    'kinds',
    'channels',
    'emailFrequency',
    'digestHour',
    'quietEnabled',
    'quietStartHour',
    'quietEndHour',
    'timeZone',
    'waitWhileActive',
    'updatedAt',
  ],
  about: {
    title: {
      fi: 'Ilmoitusasetuksesi',
      sv: 'Dina aviseringsinställningar',
      en: 'Your notification settings',
    },
    holds: {
      fi: 'Mistä haluat ilmoitukset ja miten, sähköpostin tiheys, hiljaiset tunnit ja aikavyöhyke.',
      sv: 'Vad du vill bli aviserad om och hur, e-postens frekvens, tysta timmar och tidszon.',
      en: 'What you want to be notified of and how, how often e-mail comes, quiet hours and time zone.',
    },
    why: {
      fi: 'Jotta ilmoitukset tulevat niin kuin haluat. Poistuu, kun tilisi poistetaan.',
      sv: 'Så att aviseringarna kommer som du vill. Försvinner när ditt konto raderas.',
      en: 'So that notifications reach you the way you chose. Gone when your account is deleted.',
    },
  },
  onErase: 'The settings document is deleted.',
  async export(userId) {
    const doc = await prefsOf(userId);
    return doc ? plainDocs([doc]) : [];
  },
  async erase(userId) {
    await erasePrefs(userId);
  },
});
