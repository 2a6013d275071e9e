import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLFieldResolver, GraphQLSchema, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { AuthCheckerInterface, buildSchema, getMetadataStorage, ResolverData } from 'type-graphql';
import { Capability, requireCapability } from '../auth/capabilities';
import { unauthenticated } from '../shared/errors';
import { PeerResolver } from '../modules/peer/peer.resolver';
import { FeedResolver } from '../modules/feed/feed.resolver';
import { SyncProtocolResolver } from '../modules/peer/sync-protocol.resolver';
import { ChangeResolver, LIVE_SUBSCRIPTIONS } from '../modules/change/change.resolver';
import { ApiKeyResolver } from '../modules/api-key/api-key.resolver';
import { AttributeResolver } from '../modules/attribute/attribute.resolver';
import { EventResolver } from '../modules/event/event.resolver';
import { HubResolver } from '../modules/hub/hub.resolver';
import { OrganisationResolver } from '../modules/organisation/organisation.resolver';
import { SharingGroupResolver } from '../modules/sharing-group/sharing-group.resolver';
import { TagResolver } from '../modules/tag/tag.resolver';
import { UserResolver } from '../modules/user/user.resolver';
import { AttributeSightingsResolver, SightingResolver } from '../modules/sighting/sighting.resolver';
import { ExportResolver } from '../modules/export/export.resolver';
import { ImportResolver } from '../modules/misp-import/import.resolver';
import { EventReportResolver, EventReportsFieldResolver } from '../modules/event-report/event-report.resolver';
import { AttributeProposalsFieldResolver, EventProposalsFieldResolver, ProposalResolver } from '../modules/proposal/proposal.resolver';
import { AttributeGalaxyClustersFieldResolver, EventGalaxyClustersFieldResolver, GalaxyResolver } from '../modules/galaxy/galaxy.resolver';
import { AttributeObjectResolver, EventObjectsResolver, ObjectReferenceResolver, ObjectResolver } from '../modules/object/object.resolver';
import { TaxiiCollectionResolver } from '../modules/taxii/taxii.resolver';
import { argumentValidator } from '../graphql/argument-validation';
import { DateTimeScalar } from '../shared/scalars';
import { Scope } from '../graphql/scope';

export const RESOLVERS = [
  HubResolver,
  OrganisationResolver,
  UserResolver,
  ApiKeyResolver,
  SharingGroupResolver,
  EventResolver,
  AttributeResolver,
  TagResolver,
  ChangeResolver,
  SyncProtocolResolver,
  PeerResolver,
  FeedResolver,
  SightingResolver,
  AttributeSightingsResolver,
  ExportResolver,
  ImportResolver,
  EventReportResolver,
  EventReportsFieldResolver,
  ProposalResolver,
  EventProposalsFieldResolver,
  AttributeProposalsFieldResolver,
  GalaxyResolver,
  EventGalaxyClustersFieldResolver,
  AttributeGalaxyClustersFieldResolver,
  ObjectResolver,
  ObjectReferenceResolver,
  EventObjectsResolver,
  AttributeObjectResolver,
  TaxiiCollectionResolver,
] as const;

/**
 * First tier of authorisation: `@Authorized()` needs an authenticated caller, `@Authorized('cap')` a
 * role with that capability. Visibility (second tier) is applied by the services with policy.ts.
 */
class CapabilityChecker implements AuthCheckerInterface<Scope, Capability> {
  check({ context }: ResolverData<Scope>, caps: Capability[]): boolean {
    const actor = context.actor;
    if (!actor) throw unauthenticated('An API key is required (Authorization header)');
    for (const cap of caps) requireCapability(actor, cap);
    return true;
  }
}

export async function buildHubSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS] as unknown as [Function, ...Function[]],
    authChecker: CapabilityChecker,
    authMode: 'error',
    // class-validator rules plus the control-character check on every argument (argument-validation.ts).
    validateFn: argumentValidator(),
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    emitSchemaFile: false,
    // Required by type-graphql for any @Subscription. Every subscription here brings its own `subscribe`
    // (a cursor over the change log), so this pub/sub carries nothing.
    pubSub: createPubSub(),
  });
  readPlainFieldsDirectly(schema);
  resolveLiveItemsDirectly(schema);
  return schema;
}

/**
 * Plain property fields (a `@Field` with no field resolver, middleware or `@Authorized`) read their
 * property directly. type-graphql wraps each of them in a resolver that allocates its middleware
 * context per field and row before returning the same `root[property]`: a page of 50 events × 100
 * attributes runs 15,000 of them. Fields with a field resolver, a middleware or roles keep type-graphql's
 * resolver, so every capability gate (`@Authorized`) still runs.
 */
function readPlainFieldsDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const target = storage.objectTypes.find((o) => o.name === type.name)?.target;
    if (!target) continue;
    const classes: Function[] = [];
    for (let c: Function | null = target; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function | null) classes.push(c);
    for (const field of Object.values(type.getFields())) {
      const meta = classes.map((c) => storage.fields.find((f) => f.target === c && f.schemaName === field.name)).find((f) => f !== undefined);
      if (!meta || meta.roles || meta.middlewares?.length) continue;
      if (storage.fieldResolvers.some((r) => r.methodName === meta.name && classes.includes(r.getObjectType?.() as Function))) continue;
      const property = meta.name;
      field.resolve = ((root: Record<string, unknown>) => root[property]) as GraphQLFieldResolver<unknown, unknown>;
    }
  }
}

/**
 * A change-log subscription (LIVE_SUBSCRIPTIONS) resolves each delivered item with its method, called
 * directly: the fan-out executes the subscription once per item and access class (thousands a second in
 * a burst), and type-graphql's resolver is asynchronous for any field with arguments (its argument
 * validation is an async function) and runs the `@Authorized` middleware again: every item cost a chain
 * of promises, which also kept the delivery work out of the fan-out's time slices (live-fanout.ts).
 * Those checks depend only on the subscription's arguments and its caller, which do not change between
 * items, so they run once, when the subscription starts: type-graphql's own resolver (capability gate,
 * argument conversion and validation, the method) is run there on a probe payload, and a refusal is the
 * subscription's error. The methods take their payload only (their other parameters declare the
 * arguments for the schema); a lag notice makes them throw SUBSCRIBER_TOO_SLOW, synchronously too.
 */
function resolveLiveItemsDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  for (const name of LIVE_SUBSCRIPTIONS) {
    const field = fields[name];
    const meta = storage.subscriptions.find((s) => s.schemaName === name && s.target === ChangeResolver);
    if (!field?.resolve || !field.subscribe || !meta) throw new Error(`live subscription ${name}: not in the schema as a ChangeResolver subscription`);
    // A capability (`@Authorized('cap')`) could be lost between items; only the plain gate (an actor) is
    // the same for every item of a subscription.
    if (meta.roles?.length) throw new Error(`live subscription ${name}: @Authorized with capabilities needs its check per item`);
    const method = (ChangeResolver.prototype as unknown as Record<string, (payload: unknown) => unknown>)[meta.methodName];
    const checked = field.resolve;
    const subscribe = field.subscribe;
    field.subscribe = async (source, args, context, info) => {
      await checked(LIVE_ARGUMENTS_PROBE, args, context, info);
      return subscribe(source, args, context, info);
    };
    field.resolve = (payload: unknown) => method.call(undefined, payload);
  }
}

/** The payload the checks at a subscription's start resolve (the methods return it unchanged). */
const LIVE_ARGUMENTS_PROBE = Object.freeze({});

/** The committed SDL (schema/schema.graphql): sorted, so that it only changes when the API does. */
export const printHubSchema = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
