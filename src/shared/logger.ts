import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; one logger per hub (two hubs in one process keep their own). */
export const createLogger = (level: string, bindings: Record<string, unknown> = {}): Logger =>
  pino({ level, base: { app: 'threatmesh', ...bindings } });
