import { joinRequestBodySchema, type JoinRequestBody } from '@yhteistyotila/protocol';
import { validate, type FieldErrors } from './components/form-errors.js';
import { accessApi } from './access-api.js';

/*
 * What the join form needs only when the person sends it: the protocol's schema (zod) and the
 * API client. JoinPage imports this module when the form is first touched, so the form itself
 * shows without waiting for either (decision 84).
 */

/** What the person fills in; the statement version is the page's to send, not theirs to type. */
const fieldsSchema = joinRequestBodySchema.omit({ privacyVersion: true });

export type JoinFields = Omit<JoinRequestBody, 'privacyVersion' | 'consent'> & { consent: boolean };

/** One message per invalid field (form-errors.ts validate), by the protocol's own rules. */
export const joinFieldErrors = <K extends string>(
  fields: JoinFields,
  messages: { required: string } & Partial<Record<K, string>>,
): FieldErrors<K> => validate<K>(fieldsSchema, fields as Record<K, unknown>, messages);

/** Sends a request that passed joinFieldErrors, with the statement version consented to. */
export const sendJoinRequest = (fields: JoinFields, privacyVersion: string) =>
  accessApi.join({ ...fields, consent: true, privacyVersion });
