import { ConsentModel } from './consent.model.js';
import { JoinRequestModel } from './join-request.model.js';
import { oid, plainDocs, registerPersonalData } from './personal-data.js';
import { SessionModel } from './session.model.js';
import { publicSessionId } from './sessions.js';
import { TokenModel } from './token.model.js';
import { forgetPerson } from './people.js';
import { UserModel } from './user.model.js';

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
    'role',
    'guestUntil',
    'status',
    'consentVersion',
    'channelsJoinedAt',
  ],
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
  fields: ['userId', 'requestId', 'purpose', 'createdAt', 'expiresAt', 'usedAt'],
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
