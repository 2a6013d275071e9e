import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({
  description:
    'A time range; each bound is an ISO 8601 instant (`2026-01-31T00:00:00Z`), a date (`2026-01-31`, midnight UTC), ' +
    'Unix seconds (`1767225600`) or relative to now: a number and a unit s, m, h, d or w (`30m`, `12h`, `7d`, `2w` = that long ago).',
})
export class TimeRange {
  @Field(() => String, { nullable: true, description: 'At or after this instant (e.g. `7d`: within the last seven days).' })
  from?: string;

  @Field(() => String, { nullable: true, description: 'At or before this instant.' })
  to?: string;
}

@InputType({
  description:
    'Tag conditions, case-insensitive, all of which must hold: every tag of `all`, at least one of `any`, none of `none`. ' +
    'For attributes a tag counts when it is on the attribute or on its event.',
})
export class TagFilter {
  @Field(() => [String], { nullable: true, description: 'Carries every one of these tags (AND).' })
  @IsOptional()
  @ArrayMaxSize(100)
  all?: string[];

  @Field(() => [String], { nullable: true, description: 'Carries at least one of these tags (OR).' })
  @IsOptional()
  @ArrayMaxSize(100)
  any?: string[];

  @Field(() => [String], { nullable: true, description: 'Carries none of these tags (NOT).' })
  @IsOptional()
  @ArrayMaxSize(100)
  none?: string[];
}
