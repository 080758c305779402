import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs carry ids, never personal data or secrets. Redaction is a safety net for
 * the fields that must never appear even by mistake.
 */
export function createLogger(
  level: string,
  name = 'server',
  /** Standard output unless given (tests read the lines back). */
  destination?: DestinationStream,
): Logger {
  const options = {
    name,
    level,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'link',
        '*.link',
        'email',
        '*.email',
        // Not the top-level 'name': that is pino's own logger name.
        'user.name',
        'body.name',
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
