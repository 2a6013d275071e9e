import { GraphQLError } from 'graphql';

/**
 * The closed error catalogue. Every expected failure is one of these codes; anything else is masked as
 * INTERNAL_SERVER_ERROR and logged with the request id.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'PEER_UNAVAILABLE',
  'SUBSCRIBER_TOO_SLOW',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
  // HTTP transport (src/server/http-errors.ts): the request itself cannot be read as sent.
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure: its message names the expectation and the offending value. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
    this.code = code;
    this.name = 'AppError';
  }
}

export const badInput = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('BAD_USER_INPUT', message, extra);
export const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `${what} "${id}" was not found`);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, extra);
/** Too many requests: `retryAfter` is the whole number of seconds after which one more will pass. */
export const rateLimited = (what: string, retryAfter: number) =>
  new AppError('RATE_LIMITED', `Rate limit exceeded: ${what}; retry after ${retryAfter} s`, { retryAfter });
export const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
