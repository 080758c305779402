import { ConsentModel } from './consent.model.js';
import { JoinRequestModel } from './join-request.model.js';
import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from './personal-data.js';
import { SessionModel } from '../../auth/session.model.js';
import { publicSessionId } from '../../auth/sessions.js';
import { TokenModel } from './token.model.js';
import { forgetPerson } from '../../auth/people.js';
import { UserModel } from '../../auth/user.model.js';

/*
 * The access feature's own collections. Registration order matters for erasure (reverse
 * order): the user document goes last, and consents and tokens still find the person's join
 * request before it is deleted.
 */

const requestIdsOf = async (userId: string) =>
  (await JoinRequestModel.find({ userId: oid(userId) }, { _id: 1 }).lean()).map((r) => r._id);

registerPersonalData({
  collection: UserModel.collection.collectionName,
  userFields: ['_id'],
  fields: [
    'name',
    'email',
    'passwordHash',
    'municipalityCode',
    'association',
    'parentRole',
    'language',
    'introduction',
    'timeZone',
    'role',
    'expert',
    'guestUntil',
    'status',
    'suspendedReason',
    'suspendedAt',
    'consentVersion',
    'channelsJoinedAt',
    'welcomeDismissedAt',
  ],
  about: {
    title: { fi: 'Käyttäjätilisi', sv: 'Ditt användarkonto', en: 'Your account' },
    holds: {
      fi: 'Nimesi, sähköpostiosoitteesi, kuntasi, yhdistyksesi ja tehtäväsi, esittelysi, kielesi ja aikavyöhykkeesi, roolisi ja tilisi tila. Salasanasta tallennetaan vain tiiviste, jota ei anneta tässä.',
      sv: 'Ditt namn, din e-postadress, kommun, förening och uppgift, din presentation, ditt språk och din tidszon, din roll och kontots status. Av lösenordet sparas bara en hashsumma, som inte lämnas ut här.',
      en: 'Your name, e-mail address, municipality, association and role, introduction, language and time zone, your role in the workspace and the state of your account. Of the password only a hash is stored, and it is not given out here.',
    },
    why: {
      fi: 'Jotta voit kirjautua ja muut näkevät, kuka kirjoittaa. Säilytetään, kunnes poistat tilisi.',
      sv: 'För att du ska kunna logga in och andra se vem som skriver. Sparas tills du raderar ditt konto.',
      en: 'So that you can sign in and others see who is writing. Kept until you delete your account.',
    },
  },
  async names(ids) {
    const docs = await UserModel.find({ _id: { $in: ids.map(oid) } }, { name: 1 }).lean();
    return new Map(docs.map((d) => [d._id.toHexString(), d.name]));
  },
  onErase: 'The document is deleted.',
  async export(userId) {
    const docs = await UserModel.find({ _id: oid(userId) }).lean();
    return plainDocs(
      docs.map(({ passwordHash, ...rest }) => ({ ...rest, hasPassword: Boolean(passwordHash) })),
    );
  },
  async erase(userId) {
    await UserModel.deleteOne({ _id: oid(userId) });
    forgetPerson(userId);
  },
});

registerPersonalData({
  collection: SessionModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'userAgent', 'createdAt', 'lastSeenAt', 'expiresAt'],
  about: {
    title: { fi: 'Kirjautumisesi', sv: 'Dina inloggningar', en: 'Your sign-ins' },
    holds: {
      fi: 'Laitteet ja selaimet, joilla olet kirjautuneena, ja milloin niitä on käytetty.',
      sv: 'De enheter och webbläsare där du är inloggad och när de har använts.',
      en: 'The devices and browsers you are signed in on, and when they were used.',
    },
    why: {
      fi: 'Jotta pysyt kirjautuneena ja voit kirjata muut laitteet ulos. Poistetaan, kun kirjautuminen vanhenee.',
      sv: 'För att du ska förbli inloggad och kunna logga ut andra enheter. Raderas när inloggningen går ut.',
      en: 'So that you stay signed in and can sign other devices out. Removed when the sign-in expires.',
    },
  },
  onErase: 'Deleted (the sessions were already ended and their sockets closed).',
  async export(userId) {
    const docs = await SessionModel.find({ userId: oid(userId) }).lean();
    return plainDocs(docs.map(({ _id, ...rest }) => ({ id: publicSessionId(_id), ...rest })));
  },
  async erase(userId) {
    await SessionModel.deleteMany({ userId: oid(userId) });
  },
});

registerPersonalData({
  collection: JoinRequestModel.collection.collectionName,
  userFields: ['userId', 'claimedBy', 'decidedBy'],
  fields: [
    'name',
    'email',
    'municipalityCode',
    'association',
    'parentRole',
    'motivation',
    'language',
    'rejectText',
    'userId',
    'claimedBy',
    'decidedBy',
  ],
  about: {
    title: { fi: 'Liittymispyyntösi', sv: 'Din begäran om att gå med', en: 'Your join request' },
    holds: {
      fi: 'Liittymislomakkeella antamasi tiedot ja pyynnön käsittelyn vaiheet.',
      sv: 'Uppgifterna du gav i formuläret och hur begäran behandlades.',
      en: 'What you wrote in the join form and how the request was handled.',
    },
    why: {
      fi: 'Hyväksytty pyyntö näyttää, millä perusteella sinut päästettiin tilaan. Säilytetään, kunnes poistat tilisi.',
      sv: 'En godkänd begäran visar på vilken grund du släpptes in. Sparas tills du raderar ditt konto.',
      en: 'An approved request shows on what grounds you were let in. Kept until you delete your account.',
    },
  },
  onErase:
    "The person's own request is deleted; as a moderator, their id is removed from requests they handled.",
  async export(userId) {
    const docs = await JoinRequestModel.find({ userId: oid(userId) }).lean();
    return plainDocs(docs.map(({ claimedBy, decidedBy, rejectText, ...rest }) => rest));
  },
  async erase(userId) {
    const id = oid(userId);
    await JoinRequestModel.deleteMany({ userId: id });
    await JoinRequestModel.updateMany(
      { claimedBy: id },
      { $set: { claimedBy: null, claimExpiresAt: null } },
    );
    await JoinRequestModel.updateMany({ decidedBy: id }, { $set: { decidedBy: null } });
  },
});

registerPersonalData({
  collection: TokenModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'requestId', 'purpose', 'createdAt', 'expiresAt', 'usedAt', 'revokedAt'],
  about: {
    title: { fi: 'Sähköpostilinkit', sv: 'Länkar i e-post', en: 'Links sent by e-mail' },
    holds: {
      fi: 'Sinulle lähetetyt kertakäyttöiset linkit (vahvistus, salasana): tarkoitus ja voimassaolo. Itse linkkiä ei tallenneta.',
      sv: 'Engångslänkar som skickats till dig (bekräftelse, lösenord): syfte och giltighet. Själva länken sparas inte.',
      en: 'Single-use links sent to you (verification, password): purpose and validity. The link itself is not stored.',
    },
    why: {
      fi: 'Jotta linkki toimii vain kerran ja määräajan. Poistetaan vuorokausi vanhenemisen jälkeen.',
      sv: 'För att länken bara ska fungera en gång och en begränsad tid. Raderas ett dygn efter att den gått ut.',
      en: 'So that a link works only once and for a limited time. Removed a day after it expires.',
    },
  },
  onErase: "Deleted (the person's own and their join request's links).",
  async export(userId) {
    const docs = await TokenModel.find({ userId: oid(userId) }, { hash: 0 }).lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    await TokenModel.deleteMany({
      $or: [{ userId: oid(userId) }, { requestId: { $in: await requestIdsOf(userId) } }],
    });
  },
});

registerPersonalData({
  collection: ConsentModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'requestId', 'version', 'textSha256', 'language', 'at', 'context'],
  about: {
    title: {
      fi: 'Tietosuojaselosteen hyväksynnät',
      sv: 'Godkännanden av dataskyddsbeskrivningen',
      en: 'Privacy statement acceptances',
    },
    holds: {
      fi: 'Minkä version tietosuojaselosteesta hyväksyit, millä kielellä ja milloin.',
      sv: 'Vilken version av dataskyddsbeskrivningen du godkände, på vilket språk och när.',
      en: 'Which version of the privacy statement you accepted, in which language and when.',
    },
    why: {
      fi: 'Todiste siitä, että tietojasi käsitellään laillisesti. Säilyy tilin poiston jälkeen ilman nimeäsi.',
      sv: 'Bevis på att dina uppgifter behandlas lagligt. Sparas efter att kontot raderats, utan ditt namn.',
      en: 'Proof that your data is processed lawfully. Kept after your account is deleted, without your name.',
    },
  },
  onErase:
    'Kept as proof of lawful processing: user and request ids are replaced by a random pseudonym.',
  async export(userId) {
    const docs = await ConsentModel.find({ userId: oid(userId) })
      .sort({ at: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId, { pseudonym }) {
    const requestIds = await requestIdsOf(userId);
    await ConsentModel.updateMany(
      { $or: [{ userId: oid(userId) }, { requestId: { $in: requestIds } }] },
      { $set: { userId: null, requestId: null, pseudonym } },
    );
  },
});
