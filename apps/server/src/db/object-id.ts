import mongoose from 'mongoose';

/** An id from the protocol (a hex string) as the ObjectId that queries and documents hold. */
export const oid = (id: string) => new mongoose.Types.ObjectId(id);
