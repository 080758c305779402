import type { Types } from 'mongoose';
import { oid } from '../../db/object-id.js';
import { plainDocs, registerPersonalData } from '../access/index.js';
import { recountValidations } from './validations.service.js';
import { LibraryValidationModel } from './validations.model.js';

/*
 * "We tried this too" in the personal data registry (docs/personal-data.md): who said it, about
 * which entry, where. An erased person's validations go (the entries' counts with them): a
 * validation is a person's word and means nothing without them.
 */
registerPersonalData({
  collection: LibraryValidationModel.collection.collectionName,
  userFields: ['userId'],
  fields: ['userId', 'entryId', 'municipalityCode', 'createdAt'],
  about: {
    title: {
      fi: 'Kirjaston ”kokeilimme myös”',
      sv: 'Bibliotekets ”vi prövade också”',
      en: 'The library’s “we tried this too”',
    },
    holds: {
      fi: 'Kirjoitukset, joista olet kertonut ”kokeilimme myös”, ja kunta, jossa sitä kokeiltiin.',
      sv: 'Inlägg där du har sagt ”vi prövade också”, och kommunen där det prövades.',
      en: 'The entries you said “we tried this too” about, and the municipality where it was tried.',
    },
    why: {
      fi: 'Jotta muut näkevät, missä käytäntöä on kokeiltu, ja voivat kysyä kokeilijoilta.',
      sv: 'För att andra ska se var praxisen har prövats och kunna fråga dem som prövade den.',
      en: 'So that others see where the practice was tried and can ask those who tried it.',
    },
  },
  onErase: "Either mode: the person's validations are deleted and the entries' counts recounted.",
  async export(userId) {
    const docs = await LibraryValidationModel.find(
      { userId: oid(userId) },
      { _id: 0, entryId: 1, municipalityCode: 1, createdAt: 1 },
    )
      .sort({ createdAt: 1 })
      .lean();
    return plainDocs(docs);
  },
  async erase(userId) {
    const uid = oid(userId);
    const entryIds = (
      await LibraryValidationModel.find({ userId: uid }, { entryId: 1 }).lean()
    ).map((v) => v.entryId as Types.ObjectId);
    await LibraryValidationModel.deleteMany({ userId: uid });
    for (const entryId of entryIds) await recountValidations(entryId);
  },
});
