import type { Schema } from 'mongoose';
import { afterEveryWrite, freshStamp, touchStamp } from '../lib/stamp.js';

/**
 * The stamp `access` changes with every write that can change who may write where
 * (memberships, a conversation's access fields, mutes, blocks). A process may answer such a
 * check from memory while the stamp it read is still the stored one (docs/decisions.md, "Send
 * checks from memory"). It works with any number of processes and without Redis, because it is
 * the database itself that tells a process its memory is old. Stamps are fresh ObjectIds, never
 * counts: FerretDB's `$inc` loses concurrent increments (see SeqClaimModel), and two writers
 * landing on one number would leave a reader's stale memory looking current.
 */
const ACCESS = 'access';

/**
 * Every write through this schema's model replaces the access stamp before the writer hears
 * back, except an update of only `harmless` fields (a read mark, the last message's time), so
 * ordinary chatting does not empty every process's memory. Writes that bypass the model
 * (`Model.collection`) are not seen: lint refuses them on these models (eslint.config.js).
 */
export const bumpAccessStampOnWrite = (schema: Schema, harmless: readonly string[] = []): void =>
  afterEveryWrite(schema, () => touchStamp(ACCESS), harmless);

/** The access stamp as stored at some moment after this call began (a shared read: lib/stamp.ts). */
export const freshAccessStamp = (): Promise<string> => freshStamp(ACCESS);
