import 'reflect-metadata';
import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import type { GraphQLSchema } from 'graphql';
import { Arg, buildSchema, Ctx, Field, ID, InputType, Int, ObjectType, Query, Resolver } from 'type-graphql';

/**
 * bench:search's design reference: the part of the hub's schema its four queries use (same field, argument
 * and input type names, so the same query texts validate), built with DESIGN's GraphQL stack — type-graphql
 * with class-validator argument validation (`validate: true`), served by Apollo Server 5 on Express 5
 * (design-server.ts) — and resolved by the request context's `answer`: the bench's hand-written SQL for the same question. What a
 * request costs there is what DESIGN's stack costs for this query and answer, with nothing of the hub (no
 * access-rule engine, statement shapes, loaders, limits, logging or metrics).
 *
 * The object types have names of their own (`SearchDesign…`): no query text names them, and type-graphql
 * keeps one metadata store per process, which the hub's schema in the same process reads too (its
 * resolvers list keeps these out of it).
 */

@ObjectType('SearchDesignEvent')
class DesignEvent {
  @Field(() => ID)
  id!: string;
}

@ObjectType('SearchDesignAttribute')
class DesignAttribute {
  @Field(() => ID)
  id!: string;

  @Field()
  value!: string;

  @Field(() => String, { nullable: true })
  type?: string;

  @Field(() => DesignEvent)
  event!: DesignEvent;

  @Field(() => [DesignAttribute])
  correlations!: DesignAttribute[];
}

@ObjectType('SearchDesignAttributeEdge')
class DesignEdge {
  @Field(() => DesignAttribute)
  node!: DesignAttribute;
}

@ObjectType('SearchDesignAttributeConnection')
class DesignConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [DesignEdge])
  edges!: DesignEdge[];
}

@InputType('SearchDesignTimeRange')
class DesignTimeRange {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  from?: string;
}

/** Named as the hub's input type: the query texts declare `$filter: AttributeFilter`. */
@InputType('AttributeFilter')
class DesignFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2048)
  value?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10_000)
  values?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  tags?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  type?: string[];

  @Field(() => DesignTimeRange, { nullable: true })
  @IsOptional()
  @ValidateNested()
  timestamp?: DesignTimeRange;
}

/** The request context: the current case's answer, `{ attributes }` or `{ attribute }` as the hub answers. */
export interface DesignContext {
  answer(): Promise<unknown>;
}

@Resolver()
class DesignResolver {
  @Query(() => DesignConnection)
  async attributes(
    @Arg('filter', () => DesignFilter, { nullable: true }) _filter: DesignFilter | undefined,
    @Arg('first', () => Int, { nullable: true }) _first: number | undefined,
    @Ctx() ctx: DesignContext,
  ): Promise<DesignConnection> {
    return ((await ctx.answer()) as { attributes: DesignConnection }).attributes;
  }

  @Query(() => DesignAttribute, { nullable: true })
  async attribute(@Arg('id', () => ID) _id: string, @Ctx() ctx: DesignContext): Promise<DesignAttribute | null> {
    return ((await ctx.answer()) as { attribute: DesignAttribute | null }).attribute;
  }
}

export function searchDesignSchema(): Promise<GraphQLSchema> {
  // type-graphql checks its process-wide metadata, which holds the hub's `@Authorized` fields: it asks for
  // an auth checker, which none of these fields (none is `@Authorized`) ever calls.
  return buildSchema({ resolvers: [DesignResolver], validate: true, emitSchemaFile: false, authChecker: () => true });
}
