import { pino, type Logger } from 'pino';

export type { Logger };

/** The process logger: JSON lines (pino), one field set for every subsystem. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'lis' }, timestamp: pino.stdTimeFunctions.isoTime });
}
