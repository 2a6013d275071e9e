import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { BREAK, DocumentNode, execute, ExecutionResult, getVariableValues, GraphQLSchema, OperationDefinitionNode, valueFromASTUntyped, visit } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * How Apollo Server runs the hub's HTTP queries: graphql-js for a document's first runs, then the same
 * query compiled to one JavaScript function by graphql-jit (the executor Mercurius uses), which does
 * the same work — the same resolvers with the same arguments, context and resolve info, the same null
 * propagation and errors — without graphql-js's per-field interpretation of the document. On bench:read
 * (5,000 attributes, 15,000 fields) the hub's CPU time per request went from 43–50 ms to 27–29 ms.
 *
 * Parsing, validation, the query limits, the plugins and error formatting stay Apollo's: this replaces
 * only the `execute` step, through Apollo's executor hook (a gateway with no remote services). Only
 * queries are compiled: mutations (serial, rare, not the hot path) and anything else run on graphql-js
 * as before, and so does a query asking for the schema itself (`__schema`, `__type`: GraphiQL, codegen).
 *
 * Bounded: at most MAX_COMPILED_DOCUMENTS documents (by the hash of their text and the operation name)
 * are counted or held compiled, the least recently used dropped first, whatever clients send; a document
 * is compiled once while it is held.
 */
export interface CompiledExecutorOptions {
  /** Runs of the same document on graphql-js before it is compiled (GRAPHQL_JIT_AFTER); null: never compile (GRAPHQL_JIT=false). */
  compileAfter: number | null;
  /** Each run, by the executor that ran it (the hub's metrics count them). */
  onRun?: (executor: 'compiled' | 'graphql-js') => void;
}

type Compiled = (root: unknown, context: unknown, variables: Record<string, unknown> | undefined) => Promise<ExecutionResult> | ExecutionResult;

/** Per document, per operation name: runs so far, then the compiled query (or null: not compilable). */
interface Entry {
  runs: number;
  compiled?: { query: Compiled; defaults: [string, unknown][] } | null;
}

export function compiledQueryGateway(schema: GraphQLSchema, options: CompiledExecutorOptions): GatewayInterface {
  const executor = compiledQueryExecutor(schema, options);
  return {
    load: async () => ({ executor }),
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    stop: async () => {},
  };
}

/** The most query documents (and operation names) whose runs or compiled query are held, least recently used dropped first. */
export const MAX_COMPILED_DOCUMENTS = 500;

export function compiledQueryExecutor(schema: GraphQLSchema, { compileAfter, onRun }: CompiledExecutorOptions): GatewayExecutor {
  // By the query's hash (Apollo's, of its text) and operation name; a Map keeps insertion order, so the
  // first key is the least recently used one.
  const entries = new Map<string, Entry>();

  const compiledFor = (queryHash: string, document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName: string | undefined): Entry['compiled'] => {
    // No operation: the request names none of the document's (or the document has several and the request
    // names none). Apollo still calls the executor; graphql-js answers with the error Apollo turns into a 400.
    if (compileAfter === null || !operation || operation.operation !== 'query') return null;
    const key = `${queryHash}:${operationName ?? ''}`;
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else {
      entry = { runs: 0 };
      if (entries.size >= MAX_COMPILED_DOCUMENTS) entries.delete(entries.keys().next().value!);
    }
    entries.set(key, entry);
    if (entry.compiled !== undefined) return entry.compiled;
    if (++entry.runs <= compileAfter) return null;
    const c = asksForSchema(document) ? null : compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    entry.compiled = c && isCompiledQuery(c) ? { query: c.query as Compiled, defaults: defaultsOf(operation) } : null;
    return entry.compiled;
  };

  return async (rc) => {
    const { document, operation, operationName, request, context, queryHash } = rc;
    const runOnGraphqlJs = () => {
      onRun?.('graphql-js');
      // The name the client sent (Apollo's `operationName` is the resolved one, null when none resolved):
      // graphql-js then names an unknown operation in its error, as Apollo's own execution did.
      return execute({ schema, document, contextValue: context, variableValues: request.variables, operationName: request.operationName });
    };
    // Apollo's type says `operation` is always there; at run time it is undefined when none was resolved.
    const compiled = compiledFor(queryHash, document, operation as OperationDefinitionNode | undefined, operationName ?? undefined);
    if (!compiled) return runOnGraphqlJs();
    // The variables are checked by graphql-js, as before: its errors (BAD_USER_INPUT, naming the variable
    // and the value) and its rules. graphql-jit checks them again in its own code, which does not apply
    // a default to a missing variable of a non-null type: the defaults are filled in first.
    const defs = operation.variableDefinitions;
    const given = request.variables ?? {};
    if (defs?.length) {
      const checked = getVariableValues(schema, defs, given, { maxErrors: 50 });
      if (checked.errors) return { errors: checked.errors };
    }
    const result = await compiled.query(undefined, context, withDefaults(given, compiled.defaults));
    // No `data`: graphql-jit refused the variables that graphql-js accepted (nothing ran); graphql-js decides.
    if (!('data' in result)) return runOnGraphqlJs();
    onRun?.('compiled');
    return result;
  };
}

/** The operation's variables that have a default, with the default as a client would send it (JSON). */
function defaultsOf(operation: OperationDefinitionNode): [string, unknown][] {
  return (operation.variableDefinitions ?? []).filter((d) => d.defaultValue).map((d) => [d.variable.name.value, valueFromASTUntyped(d.defaultValue!)]);
}

function withDefaults(given: Record<string, unknown>, defaults: readonly [string, unknown][]): Record<string, unknown> {
  let filled: Record<string, unknown> | undefined;
  for (const [name, value] of defaults) if (given[name] === undefined) (filled ??= { ...given })[name] = value;
  return filled ?? given;
}

/** Whether a document reads the schema's introspection (left to graphql-js, which defines it). */
function asksForSchema(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
