import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ERROR_CODES, ErrorCode, isAppError } from '../shared/errors';
import { Logger } from '../shared/logger';
import { Scope } from './scope';

/** Codes the GraphQL layer itself raises for malformed requests; all are the caller's fault. */
const CALLER_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

function describeValidation(e: ArgumentValidationError): string {
  const parts: string[] = [];
  const walk = (errs: ArgumentValidationError['extensions']['validationErrors'], prefix: string) => {
    for (const v of errs) {
      const path = prefix ? `${prefix}.${v.property}` : v.property;
      for (const msg of Object.values(v.constraints ?? {})) {
        const value = typeof v.value === 'string' ? `"${v.value.slice(0, 100)}"` : JSON.stringify(v.value)?.slice(0, 100);
        parts.push(`${path}: ${msg} (got ${value})`);
      }
      if (v.children?.length) walk(v.children, path);
    }
  };
  walk(e.extensions.validationErrors, '');
  return `Invalid input: ${parts.join('; ')}`;
}

/** Is this an expected error (shown as it is) rather than an internal one (masked)? */
export function classify(error: unknown): { code: ErrorCode; message: string; extensions: Record<string, unknown> } | null {
  const original = unwrapResolverError(error);
  if (isAppError(original)) {
    // `http` is Apollo's status/header hint for the transport, never part of the error shown.
    const { code, http, ...rest } = original.extensions as Record<string, unknown>;
    return { code: original.code, message: original.message, extensions: rest };
  }
  if (original instanceof ArgumentValidationError) return { code: 'BAD_USER_INPUT', message: describeValidation(original), extensions: {} };
  if (error instanceof GraphQLError) {
    // Errors raised by the GraphQL layer (parse, validation, variable coercion): the request is wrong.
    const code = String(error.extensions?.code ?? '');
    if (CALLER_CODES.has(code)) return { code: 'BAD_USER_INPUT', message: error.message, extensions: {} };
    if (code !== 'INTERNAL_SERVER_ERROR' && (ERROR_CODES as readonly string[]).includes(code) && !error.originalError) {
      return { code: code as ErrorCode, message: error.message, extensions: {} };
    }
  }
  return null;
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const known = classify(error);
  if (known && known.code !== 'INTERNAL_SERVER_ERROR') {
    return { message: known.message, locations: formatted.locations, path: formatted.path, extensions: { ...known.extensions, code: known.code } };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Internal (unexpected) errors are masked for the client and logged; expected ones are shown as they are. */
function isInternalError(error: unknown): boolean {
  const known = classify(error);
  return !known || known.code === 'INTERNAL_SERVER_ERROR';
}

/** The log line of an internal error; `logger` is the request's (it carries the request id). */
function logInternalError(logger: Logger, e: GraphQLError): void {
  logger.error({ err: unwrapResolverError(e), path: e.path }, 'internal error');
}

/** Stamps the request id on a masked internal error, so the client can quote it to find the log line. */
function stampRequestId(e: GraphQLFormattedError, requestId: string): void {
  if (e.extensions?.code !== 'INTERNAL_SERVER_ERROR') return;
  (e.extensions as Record<string, unknown>).requestId = requestId;
  (e as { message: string }).message = `Internal server error (request id ${requestId})`;
}

/**
 * Errors as a WebSocket client gets them, handled as errorLoggingPlugin handles them over HTTP: internal
 * ones logged with the request id and masked with it, the others formatted by formatError.
 */
export function formatAndLogErrors(errors: readonly GraphQLError[], logger: Logger, requestId: string): GraphQLFormattedError[] {
  return errors.map((e) => {
    if (isInternalError(e)) logInternalError(logger, e);
    const formatted = formatError(e.toJSON(), e);
    stampRequestId(formatted, requestId);
    return formatted;
  });
}

/** Logs internal errors with the request id and stamps that id on the masked error the client gets. */
export function errorLoggingPlugin(logger: Logger): ApolloServerPlugin<Scope> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) if (isInternalError(e)) logInternalError(contextValue?.logger ?? logger, e);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !contextValue?.requestId) return;
          for (const e of response.body.singleResult.errors ?? []) stampRequestId(e, contextValue.requestId);
        },
      };
    },
  };
}
