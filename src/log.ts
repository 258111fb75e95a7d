import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. They carry ids and hashes only: never message text, names or phone
 * numbers. The redact list is a second line of defence for fields that must never be logged.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'voordeur' },
      redact: {
        paths: [
          'text',
          '*.text',
          'value',
          '*.value',
          'from.name',
          '*.from.name',
          'phone',
          '*.phone',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
