import {
  HTTP_STATUS,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
  type LibraryConflict,
} from '@yhteistyotila/protocol';
import mongoose from 'mongoose';
import { ZodError } from 'zod';

/** The one error type services throw. Its code is stable; its message is for developers. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly extra: { issues?: FieldIssue[]; retryAfter?: number; conflict?: LibraryConflict } = {},
  ) {
    super(message);
  }
}

/**
 * The one answer for "no such thing, or not yours to see". Every NOT_FOUND carries this same
 * code and text, whatever was looked for and whichever check failed, so the answer is no oracle
 * for whether a private channel, someone else's DM or message, or a person exists.
 */
export const NOT_FOUND_MESSAGE = 'not found';
export const notFound = () => new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
export const forbidden = (why = 'forbidden') => new AppError('FORBIDDEN', why);

export const zodIssues = (err: ZodError): FieldIssue[] =>
  err.issues.map((i) => ({
    path: i.path.join('.'),
    code: i.code === 'custom' ? i.message : i.code,
  }));

/** Maps anything thrown to a wire error body; `expected` is false for bugs worth logging. */
export function toErrorBody(err: unknown): { body: ErrorBody; expected: boolean } {
  if (err instanceof AppError) {
    return { body: { code: err.code, message: err.message, ...err.extra }, expected: true };
  }
  if (err instanceof ZodError) {
    return {
      body: { code: 'VALIDATION_ERROR', message: 'invalid payload', issues: zodIssues(err) },
      expected: true,
    };
  }
  if (err instanceof mongoose.Error.ValidationError) {
    const issues = Object.entries(err.errors).map(([path, e]) => ({ path, code: e.kind }));
    return {
      body: { code: 'VALIDATION_ERROR', message: 'invalid document', issues },
      expected: true,
    };
  }
  if (err instanceof mongoose.Error.CastError) {
    return { body: { code: 'NOT_FOUND', message: NOT_FOUND_MESSAGE }, expected: true };
  }
  if (isDuplicateKey(err)) {
    return { body: { code: 'CONFLICT', message: 'already exists' }, expected: true };
  }
  return { body: { code: 'INTERNAL', message: 'internal error' }, expected: false };
}

export const isDuplicateKey = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  'code' in err &&
  (err as { code: unknown }).code === 11000;

export const httpStatus = (code: ErrorCode): number => HTTP_STATUS[code];
