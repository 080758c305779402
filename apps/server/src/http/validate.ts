import type { Request } from 'express';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { stripNul } from '../lib/strip-nul.js';

/** Parses a request body with its protocol schema (ZodError becomes VALIDATION_ERROR). */
export const parseBody = <S extends z.ZodType>(schema: S, req: Request): z.output<S> =>
  schema.parse(stripNul(req.body ?? {}));
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.output<S> =>
  schema.parse(stripNul(req.query));

/** The signed-in user of a request, or UNAUTHENTICATED. */
export function requireUser(req: Request) {
  if (!req.auth) throw new AppError('UNAUTHENTICATED', 'sign in first');
  return req.auth.user;
}
