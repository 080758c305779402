/*
 * The access answers' issue codes, apart from their schemas (access.ts): the join form checks
 * them in the browser before it has loaded zod (decision 84).
 */

/**
 * The issue code of the CONFLICT answered when a consent names a statement version that is no
 * longer current (join form: path 'privacyVersion'; re-consent: path 'version').
 */
export const PRIVACY_VERSION_CHANGED = 'privacy_version_changed';

/**
 * The issue code (path 'email') of the CONFLICT answered when a recently rejected address asks
 * again; `retryAfter` says in how many seconds it may.
 */
export const JOIN_REJECTED_WAIT = 'rejected_wait';
