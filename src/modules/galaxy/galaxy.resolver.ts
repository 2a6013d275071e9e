import { Arg, Args, ArgsType, Authorized, Ctx, Field, FieldResolver, ID, Int, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Attribute } from '../attribute/attribute.entity';
import { Event } from '../event/event.entity';
import { GalaxyClusterFilter } from './galaxy.inputs';
import * as galaxies from './galaxy.service';
import { clusterView, GalaxyClusterConnection, GalaxyClusterView } from './galaxy.types';

@ArgsType()
export class GalaxyClustersArgs {
  @Field(() => GalaxyClusterFilter, { nullable: true, description: 'Conditions (all must hold).' })
  filter?: GalaxyClusterFilter;

  @Field(() => Int, { nullable: true, description: 'Page size (default DEFAULT_PAGE_SIZE, at most MAX_PAGE_SIZE).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string;
}

@Resolver(() => GalaxyClusterView)
export class GalaxyResolver {
  @Authorized()
  @Query(() => GalaxyClusterView, { nullable: true, description: 'One galaxy cluster by uuid (reference data: every authenticated user); NOT_FOUND when absent.' })
  galaxyCluster(@Arg('id', () => ID, { description: 'Cluster uuid.' }) id: string, @Ctx() scope: Scope) {
    return galaxies.getGalaxyCluster(scope, id);
  }

  @Authorized()
  @Query(() => GalaxyClusterConnection, { description: 'Browse the galaxy clusters known to this hub (reference data, like tags), oldest first.' })
  galaxyClusters(@Args(() => GalaxyClustersArgs) args: GalaxyClustersArgs, @Ctx() scope: Scope) {
    return galaxies.listGalaxyClusters(scope, args.filter, args.first, args.after);
  }
}

/** The clusters of the tags a caller sees on an event or attribute (deduplicated, capped). */
async function clustersOfTags(scope: Scope, tagNames: string[]): Promise<GalaxyClusterView[]> {
  const lists = await scope.loaders.galaxyClustersByTag.loadMany(tagNames);
  const byId = new Map<string, GalaxyClusterView>();
  for (const list of lists) {
    if (list instanceof Error) throw list;
    for (const c of list) byId.set(c.uuid, clusterView(c));
  }
  return [...byId.values()].slice(0, scope.config.maxPageSize);
}

/** `Event.galaxyClusters`, kept in this module (type-graphql merges the resolver classes). */
@Resolver(() => Event)
export class EventGalaxyClustersFieldResolver {
  @FieldResolver(() => [GalaxyClusterView], { description: 'Galaxy clusters whose tag the event carries (the tags you see on it); at most MAX_PAGE_SIZE.' })
  async galaxyClusters(@Parent() e: Event, @Ctx() scope: Scope): Promise<GalaxyClusterView[]> {
    return clustersOfTags(scope, (await scope.loaders.eventTags.load(e.id)).map((t) => t.tag.name));
  }
}

/** `Attribute.galaxyClusters`, kept in this module. */
@Resolver(() => Attribute)
export class AttributeGalaxyClustersFieldResolver {
  @FieldResolver(() => [GalaxyClusterView], { description: 'Galaxy clusters whose tag the attribute carries (not those of its event); at most MAX_PAGE_SIZE.' })
  async galaxyClusters(@Parent() a: Attribute, @Ctx() scope: Scope): Promise<GalaxyClusterView[]> {
    return clustersOfTags(scope, (await scope.loaders.attributeTags.load(a.id)).map((t) => t.tag.name));
  }
}
