import { ArgumentValidationError } from 'type-graphql';
import { ConfigError } from '../config/config';
import { isAppError } from '../shared/errors';
import type { ValidationError } from 'class-validator';

/** The messages of a class-validator error and of its nested ones (e.g. a feed's rules). */
const constraintsOf = (v: ValidationError): string[] => [
  ...Object.values(v.constraints ?? {}),
  ...(v.children ?? []).flatMap(constraintsOf),
];

/** A refusal of the command line itself (usage, unknown name): printed as one line, exit code 2 by default. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * What a failed command prints (one line, no stack trace) and its exit code: 2 for the command line and the
 * settings (usage, configuration, invalid input), 1 for everything else (refused or failed work).
 * `verbose` (LOG_LEVEL=debug/trace) adds the stack of unexpected errors for a bug report.
 */
export function describeFailure(e: unknown, verbose = false): { line: string; exitCode: number } {
  if (e instanceof CliError) return { line: e.message, exitCode: e.exitCode };
  if (e instanceof ConfigError) return { line: `invalid configuration: ${e.problems.join('; ')}`, exitCode: 2 };
  if (e instanceof ArgumentValidationError) {
    const problems = e.extensions.validationErrors.flatMap((v) => constraintsOf(v));
    return { line: `invalid input: ${problems.join('; ')}`, exitCode: 2 };
  }
  if (isAppError(e)) return { line: `${e.message} (${e.code})`, exitCode: e.code === 'BAD_USER_INPUT' ? 2 : 1 };
  const err = e instanceof Error ? e : new Error(String(e));
  return { line: verbose && err.stack ? err.stack : err.message, exitCode: 1 };
}
