import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tag as applied to an event or attribute.' })
export class AppliedTag {
  @Field(() => ID, { description: 'The tag uuid.' })
  id!: string;

  @Field(() => String, { description: 'Tag name.' })
  name!: string;

  @Field(() => String, { description: 'Display colour.' })
  colour!: string;

  @Field(() => Boolean, { description: 'Exportable tag.' })
  exportable!: boolean;

  @Field(() => Boolean, { description: 'Local to this hub (never travels).' })
  local!: boolean;
}
