import pino, { Logger } from 'pino';
import { loadConfig } from '../config/config';
import type { Scope } from '../graphql/scope';
import { validateInputObject } from '../graphql/argument-validation';

/**
 * Where the log lines of a one-shot command go: stderr, or above the progress bar while one is drawn (so a
 * log line is never glued to a progress line). One per command run, passed down; no module state.
 */
export class LogSink {
  private target: ((line: string) => void) | null = null;
  write(chunk: string): void {
    const line = chunk.replace(/\n$/, '');
    if (this.target) this.target(line);
    else process.stderr.write(`${line}\n`);
  }
  /** Sends lines to `target` until the returned function is called. */
  divert(target: (line: string) => void): () => void {
    this.target = target;
    return () => void (this.target = null);
  }
}

/**
 * The log level of one-shot commands: they report their own results and errors (one line each), so the
 * hub's log shows only errors there, unless LOG_LEVEL asks for debug or trace (or silent).
 */
const cliLogLevel = (level: string) => (['debug', 'trace', 'silent'].includes(level) ? level : 'error');

export interface CliRun {
  /** The system actor's scope (of the host organisation with `asHostOrg`). */
  scope: Scope;
  log: LogSink;
  logger: Logger;
}

/**
 * Runs `work` with the services of a hub built from the environment (no HTTP, no GraphQL schema, no feed
 * schedules), as the system actor — of the host organisation with `asHostOrg` (feed data and new feeds
 * belong to it). Commands call the same services as the GraphQL resolvers, so every rule and check is the
 * one the API applies.
 */
export async function withHub<T>(work: (run: CliRun) => Promise<T>, opts: { asHostOrg?: boolean } = {}): Promise<T> {
  const cfg = loadConfig();
  const log = new LogSink();
  const logger = pino({ level: cliLogLevel(cfg.logLevel), base: { app: 'threatmesh' } }, log);
  // Loaded here, not on top: `threatmesh --help` or a mistyped command needs none of the hub's modules.
  const { createHubServices } = await import('../server/hub-services.js');
  const services = await createHubServices(cfg, { logger, feedSchedules: false });
  try {
    const orgId = opts.asHostOrg ? services.bootstrap.hostOrg.id : null;
    return await work({ scope: services.hub.openScope({ kind: 'system', orgId }, 'cli'), log, logger });
  } finally {
    await services.stop();
  }
}

/** Builds an input object of the GraphQL schema's class and checks it exactly as a GraphQL argument is. */
export async function input<T extends object>(cls: new () => T, values: Partial<T>): Promise<T> {
  const obj = Object.assign(new cls(), Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)));
  await validateInputObject(obj);
  return obj;
}
