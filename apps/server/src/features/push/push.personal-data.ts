import { plainDocs, registerPersonalData } from '../access/index.js';
import { oid } from '../../db/object-id.js';
import { PushDeviceModel, PushSettingsModel } from './push.model.js';

registerPersonalData({
  collection: PushDeviceModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'sessionId', 'endpoint', 'p256dh', 'auth', 'label', 'createdAt', 'lastPushAt'],
  about: {
    title: {
      fi: 'Laitteet, joille saat ilmoituksia',
      sv: 'Enheter som får aviseringar',
      en: 'Devices that get your notifications',
    },
    holds: {
      fi: 'Jokaisesta laitteesta, jolle otit ilmoitukset käyttöön: selaimen ja käyttöjärjestelmän nimi, millä kirjautumisella otit ne käyttöön, milloin otit ne käyttöön ja milloin viimeksi lähetimme. Selaimen ilmoituspalvelun osoitetta ja salausavaimia ei näytetä.',
      sv: 'För varje enhet där du slog på aviseringar: webbläsarens och operativsystemets namn, vilken inloggning som slog på dem, när du slog på dem och när vi senast skickade. Webbläsarens aviseringstjänsts adress och krypteringsnycklar visas inte.',
      en: 'For each device you turned notifications on for: the browser’s and system’s name, which sign-in turned them on, when you turned them on and when we last sent one. The browser’s push service address and encryption keys are not shown.',
    },
    why: {
      fi: 'Jotta ilmoitukset tulevat laitteillesi salattuina. Poistetaan, kun poistat laitteen, kirjaudut ulos tai kirjautuminen muuten päättyy, selain lopettaa tilauksen tai tilisi poistetaan.',
      sv: 'För att aviseringar ska nå dina enheter krypterade. Raderas när du tar bort enheten, loggar ut eller inloggningen annars upphör, webbläsaren avslutar prenumerationen eller ditt konto raderas.',
      en: 'So that notifications reach your devices encrypted. Deleted when you remove the device, sign out there or that sign-in ends otherwise, the browser ends the subscription or your account is deleted.',
    },
  },
  onErase: 'Deleted.',
  async export(userId) {
    // The endpoint and keys are the device's capability to receive pushes: not handed out again.
    const docs = await PushDeviceModel.find(
      { userId: oid(userId) },
      { endpoint: 0, p256dh: 0, auth: 0 },
    ).lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    await PushDeviceModel.deleteMany({ userId: oid(userId) });
  },
});

registerPersonalData({
  collection: PushSettingsModel.collection.collectionName,
  userFields: ['_id'],
  fields: ['_id', 'showContent'],
  about: {
    title: {
      fi: 'Ilmoitusten asetukset',
      sv: 'Inställningar för aviseringar',
      en: 'Notification settings',
    },
    holds: {
      fi: 'Näytetäänkö yksityisviestien sisältö ilmoituksissa.',
      sv: 'Om innehållet i privata meddelanden visas i aviseringar.',
      en: 'Whether notifications show what private messages say.',
    },
    why: {
      fi: 'Valintasi mukaan. Poistetaan tilisi mukana.',
      sv: 'Enligt ditt val. Raderas med ditt konto.',
      en: 'As you chose. Deleted with your account.',
    },
  },
  onErase: 'Deleted.',
  async export(userId) {
    return plainDocs(await PushSettingsModel.find({ _id: oid(userId) }).lean());
  },
  async erase(userId) {
    await PushSettingsModel.deleteMany({ _id: oid(userId) });
  },
});
