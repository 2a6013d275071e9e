import {
  ASTNode,
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInputObjectType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  typeFromAST,
  ValidationContext,
  validate,
  ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { Config } from '../config/config';

/**
 * Query shape limits (DESIGN §10): maximum selection depth, maximum number of aliases and maximum cost
 * per operation. Violations are BAD_USER_INPUT errors that name the limit and the value found.
 *
 * HTTP (an Apollo plugin, src/app.ts) and WebSocket (graphql-ws' onSubscribe, src/server/ws.ts) both
 * run exactly `queryLimitRules`: the cost depends on the request's variables (`first: $n`), so these
 * rules run per request, after the standard validation.
 */
export type QueryLimits = Pick<
  Config,
  'maxQueryDepth' | 'maxAliases' | 'maxQueryCost' | 'defaultPageSize' | 'maxPageSize' | 'correlationMax' | 'syncPageSize'
>;

/** What the cost of an operation depends on besides its document. */
export interface OperationRequest {
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
}

/** The limit rules every operation passes, over HTTP and over WebSocket alike. */
export function queryLimitRules(limits: QueryLimits, request: OperationRequest): ValidationRule[] {
  return [depthLimit(limits.maxQueryDepth), aliasLimit(limits.maxAliases), costLimit(limits, request)];
}

/**
 * HTTP: runs queryLimitRules on every operation once Apollo has parsed, validated and resolved it, with
 * the request's variables. The first violation is the answer (400, BAD_USER_INPUT); nothing executes.
 * What does not depend on the request is computed once per document (Apollo's document cache hands the
 * same parsed document for the same text): depth and aliases always, the cost per operation name and
 * scalar variable values (costKey; at most COSTS_PER_DOCUMENT of them). Bounded as that cache is
 * (entries go with their document).
 */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  const shapeOf = new WeakMap<DocumentNode, GraphQLError | null>();
  const costOf = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>();
  const refuse = (first: GraphQLError | null | undefined) => {
    if (first) throw new GraphQLError(first.message, { nodes: first.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operation }) {
          let shape = shapeOf.get(document);
          if (shape === undefined) shapeOf.set(document, (shape = validate(schema, document, [depthLimit(limits.maxQueryDepth), aliasLimit(limits.maxAliases)])[0] ?? null));
          refuse(shape);
          const cost = () => validate(schema, document, [costLimit(limits, { variables: request.variables, operationName: request.operationName })])[0] ?? null;
          if (!operation) return refuse(cost());
          // The cost depends on the document, the operation and the variables only: cached per document
          // under the operation name and, when it declares variables, their values (scalar values only, a
          // short key; other requests are costed each time).
          const key = costKey(request.operationName ?? '', operation.variableDefinitions?.length ? request.variables : {});
          if (key === null) return refuse(cost());
          let byKey = costOf.get(document);
          if (!byKey) costOf.set(document, (byKey = new Map()));
          let known = byKey.get(key);
          if (known === undefined) {
            if (byKey.size >= COSTS_PER_DOCUMENT) byKey.clear();
            byKey.set(key, (known = cost()));
          }
          refuse(known);
        },
      };
    },
  };
}

/** Most cost results kept per document (one per operation name and variable values). */
const COSTS_PER_DOCUMENT = 64;

/**
 * The cache key of an operation's cost: its name and variable values, or null (not cached) when a value
 * is not a scalar or the key would be long.
 */
function costKey(operationName: string, variables: Readonly<Record<string, unknown>> | null | undefined): string | null {
  const values = variables ?? {};
  for (const v of Object.values(values)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
  }
  const key = JSON.stringify([operationName, values]);
  return key.length <= 1_000 ? key : null;
}

const badInput = (message: string, node: ASTNode) => new GraphQLError(message, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } });

function depthLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    // The depth a fragment adds does not depend on where it is spread: computed once per fragment, so
    // fragments spreading each other many times cannot make this rule itself exponential.
    const fragmentDepth = new Map<string, number>();
    const depthOf = (set: SelectionSetNode | undefined): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          if (s.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, 1 + depthOf(s.selectionSet));
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(s.selectionSet));
        } else {
          const name = s.name.value;
          const f = fragments.get(name);
          if (!f) continue;
          if (!fragmentDepth.has(name)) {
            fragmentDepth.set(name, 0); // a cycle (refused by NoFragmentCycles) adds nothing
            fragmentDepth.set(name, depthOf(f.selectionSet));
          }
          deepest = Math.max(deepest, fragmentDepth.get(name)!);
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet);
        if (depth > max) ctx.reportError(badInput(`Query depth ${depth} exceeds the maximum of ${max}`, node));
      },
    };
  };
}

function aliasLimit(max: number) {
  return (ctx: ValidationContext): ASTVisitor => {
    let count = 0;
    let reported = false;
    return {
      Field(node: FieldNode) {
        if (!node.alias) return;
        count++;
        if (count > max && !reported) {
          reported = true;
          ctx.reportError(badInput(`The operation uses more than ${max} aliases`, node));
        }
      },
    };
  };
}

/** Most selections the cost walk visits (fragments counted where spread); larger documents are refused. */
const MAX_COST_NODES = 10_000;

/** 1,234,567 (costs of nested lists can be far beyond what `${n}` prints without an exponent). */
const count = (n: number) => Math.round(n).toLocaleString('en-US');

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

/**
 * How many items one occurrence of a field may return: its page size (`first`, at most the field's cap;
 * the field's default when absent) or the fixed cap of the list. Other fields, lists without a cap
 * included (tags, members of a group), count as one.
 */
function itemsOf(parentType: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, l: QueryLimits): number {
  const page = (dflt: number, max: number) => (typeof args.first === 'number' ? clamp(args.first, 1, max) : Math.min(dflt, max));
  switch (`${parentType}.${field.name}`) {
    case 'Event.attributes':
    case 'Event.objects':
    case 'Object.attributes':
    case 'Object.references':
      return page(l.maxPageSize, l.maxPageSize);
    case 'Event.relatedEvents':
    case 'Event.reports':
    case 'Event.proposals':
    case 'Event.galaxyClusters':
    case 'Attribute.proposals':
    case 'Attribute.galaxyClusters':
      return l.maxPageSize;
    case 'Attribute.correlations':
      return l.correlationMax;
    case 'Query.syncIndex':
      return page(l.syncPageSize, 10_000);
    case 'Query.syncEvents':
      return Array.isArray(args.ids) ? Math.max(1, args.ids.length) : 1;
    case 'Query.previewFeed':
      return typeof args.limit === 'number' ? clamp(args.limit, 1, 500) : 20;
  }
  if (field.args.some((a) => a.name === 'first')) return page(l.defaultPageSize, l.maxPageSize);
  return 1;
}

/**
 * The cost of a field: the objects it may return. A scalar costs nothing; an object 1 plus its
 * selections, times the items of the field (nested lists multiply). Connection wrappers (the
 * connection, its edges, pageInfo) are not objects of their own: `events(first: 20) { edges { node { id } } }`
 * costs 20.
 */
function costEstimator(limits: QueryLimits): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const named = getNamedType(field.type);
    if (!isCompositeType(named)) return 0;
    const weight = /(Connection|Edge)$/.test(named.name) || named.name === 'PageInfo' ? 0 : 1;
    return itemsOf(type.name, field, args, limits) * (weight + childComplexity);
  };
}

/**
 * The variables as the cost walk reads them. A list of input objects never changes a cost (costEstimator
 * reads only `first`, `ids` and `limit`, which are scalars), yet coercing it here twice (the check below
 * and getComplexity's own) cost more than the rest of the request's validation for a bulk write such as
 * addAttributes with 1,000 attributes: such a list is counted as empty. Its values are coerced and
 * checked once, by execution, before anything runs.
 */
function costVariables(schema: GraphQLSchema, op: OperationDefinitionNode, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const variables = { ...given };
  for (const def of op.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type);
    if (type && isListType(getNullableType(type)) && isInputObjectType(getNamedType(type)) && Array.isArray(variables[name])) variables[name] = [];
  }
  return variables;
}

/** The cost of the operation `request` names in `document` (see costEstimator). */
function costLimit(limits: QueryLimits, request: OperationRequest) {
  return (ctx: ValidationContext): ASTVisitor => ({
    Document: {
      leave(document) {
        const schema = ctx.getSchema();
        const op = getOperationAST(document, request.operationName ?? undefined);
        if (!op) return; // no such operation: execution refuses it, nothing runs
        const variables = costVariables(schema, op, request.variables ?? {});
        // Variables that do not fit their types are refused by execution before anything runs.
        if (getVariableValues(schema, op.variableDefinitions ?? [], variables).errors) return;
        let cost: number;
        try {
          cost = getComplexity({
            schema,
            query: document,
            variables,
            operationName: op.name?.value,
            estimators: [costEstimator(limits)],
            maxQueryNodes: MAX_COST_NODES,
          });
        } catch (e) {
          // Refused rather than let through uncosted (e.g. more than MAX_COST_NODES selections).
          ctx.reportError(badInput(`Query cost could not be computed: ${(e as Error).message}`, op));
          return;
        }
        if (cost > limits.maxQueryCost) {
          ctx.reportError(
            badInput(
              `Query cost ${count(cost)} exceeds the maximum of ${count(limits.maxQueryCost)} (MAX_QUERY_COST): every list counts at its ` +
                'page size (first) or its cap, and nested lists multiply',
              op,
            ),
          );
        }
      },
    },
  });
}
