import { plainDocs, registerPersonalData } from '../access/index.js';
import { BlockModel } from './block.model.js';
import { blocksBy, eraseBlocks } from './blocks.service.js';

registerPersonalData({
  collection: BlockModel.collection.collectionName,
  userFields: ['blockerId', 'blockedId'],
  fields: ['blockerId', 'blockedId', 'createdAt'],
  about: {
    title: { fi: 'Estämäsi henkilöt', sv: 'Personer du blockerat', en: 'People you blocked' },
    holds: {
      fi: 'Keitä olet estänyt ja milloin.',
      sv: 'Vilka du har blockerat och när.',
      en: 'Whom you blocked and when.',
    },
    why: {
      fi: 'Jotta estetty henkilö ei voi lähettää sinulle yksityisviestejä ja hänen viestinsä näkyvät sinulle taitettuina. Poistuu, kun poistat eston tai kumpi tahansa tili poistetaan.',
      sv: 'Så att den blockerade inte kan skicka privata meddelanden till dig och hens meddelanden visas hopfällda för dig. Försvinner när du tar bort blockeringen eller när något av kontona raderas.',
      en: 'So that the blocked person cannot send you direct messages and their messages are folded for you. Gone when you unblock or when either account is deleted.',
    },
  },
  onErase: 'Every record in which the person blocked someone or was blocked is deleted.',
  async export(userId) {
    return plainDocs(await blocksBy(userId));
  },
  async erase(userId) {
    await eraseBlocks(userId);
  },
});
