import { createHash } from 'node:crypto';

/** Hex SHA-256 of a text: stored token hashes, the accepted statement's hash, public session ids. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
