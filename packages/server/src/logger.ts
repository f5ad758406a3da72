import { pino, type DestinationStream } from 'pino';

/** The logger interface leadbeacon writes to: pino's, so a host app can pass its own pino. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * The default: pino to stdout. Log calls pass ids and codes only, never personal data or the key;
 * the redact list is a second line of defence should a header object ever be logged.
 */
export function createDefaultLogger(level = process.env.LEADBEACON_LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options = {
    name: 'leadbeacon',
    level,
    redact: { paths: ['apiKey', '*.apiKey', 'headers["x-api-key"]', '*.headers["x-api-key"]'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
