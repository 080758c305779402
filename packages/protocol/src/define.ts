import type { z } from 'zod';

/**
 * Every event is declared once as data: the payload schema and, for commands, the schema of
 * the ack's data. Typed Socket.IO maps are derived from these specs, and the server, the
 * contract checks and the fuzzers iterate over them.
 */
export interface ClientEventSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  payload: P;
  result: R;
}

export const defineClientEvent = <P extends z.ZodType, R extends z.ZodType>(
  payload: P,
  result: R,
): ClientEventSpec<P, R> => ({ payload, result });
