import { createPubSub } from '@graphql-yoga/subscription';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { AuthCheckerInterface, buildSchema, ResolverData } from 'type-graphql';
import { Capability, CAPABILITIES, roleCan } from '../auth/capabilities';
import { isSiteAdmin } from '../auth/actor';
import { forbidden, unauthenticated } from '../shared/errors';
import { PeerResolver } from '../modules/peer/peer.resolver';
import { FeedResolver } from '../modules/feed/feed.resolver';
import { SyncProtocolResolver } from '../modules/peer/sync-protocol.resolver';
import { ChangeResolver } from '../modules/change/change.resolver';
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
import { EventReportResolver, EventReportsFieldResolver } from '../modules/event-report/event-report.resolver';
import { AttributeProposalsFieldResolver, EventProposalsFieldResolver, ProposalResolver } from '../modules/proposal/proposal.resolver';
import { AttributeGalaxyClustersFieldResolver, EventGalaxyClustersFieldResolver, GalaxyResolver } from '../modules/galaxy/galaxy.resolver';
import { AttributeObjectResolver, EventObjectsResolver, ObjectReferenceResolver, ObjectResolver } from '../modules/object/object.resolver';
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
] as const;

/**
 * First tier of authorisation: `@Authorized()` needs an authenticated caller, `@Authorized('cap')` a
 * role with that capability. Visibility (second tier) is applied by the services with policy.ts.
 */
class CapabilityChecker implements AuthCheckerInterface<Scope, Capability> {
  check({ context }: ResolverData<Scope>, caps: Capability[]): boolean {
    const actor = context.actor;
    if (!actor) throw unauthenticated('An API key is required (Authorization header)');
    for (const cap of caps) {
      if (!CAPABILITIES.includes(cap)) throw new Error(`Unknown capability ${cap}`);
      const ok = actor.kind === 'system' || isSiteAdmin(actor) || roleCan(actor.role, cap);
      if (!ok) throw forbidden(`Your role ${actor.kind === 'user' ? actor.role : ''} may not do this (needs ${cap})`);
    }
    return true;
  }
}

export async function buildHubSchema(): Promise<GraphQLSchema> {
  return buildSchema({
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
}

/** The committed SDL (schema/schema.graphql): sorted, so that it only changes when the API does. */
export const printHubSchema = (schema: GraphQLSchema): string => `${printSchema(lexicographicSortSchema(schema))}\n`;
