import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A proposed new attribute for an event (MISP ShadowAttribute); the event\'s editors accept or discard it.' })
export class ProposeAttributeInput {
  @Field(() => ID, { description: 'Event uuid.' })
  eventId!: string;

  @Field(() => String, { description: 'MISP attribute type, e.g. ip-dst, domain, sha256.' })
  type!: string;

  @Field(() => String, { description: 'The value; validated and normalised for its type.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Category; the type\'s default category when absent.' })
  category?: string;

  @Field(() => Boolean, { nullable: true, description: 'IDS flag; the type\'s default when absent.' })
  toIds?: boolean;

  @Field(() => String, { nullable: true, description: 'Comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  firstSeen?: Date;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  lastSeen?: Date;
}

@InputType({
  description:
    'A proposed change to an attribute; absent fields keep the attribute\'s current values (as MISP). At least one field must be given. ' +
    'The type of an attribute is not changed (propose a new attribute and the deletion of this one instead).',
})
export class ProposeAttributeChangeInput {
  @Field(() => ID, { description: 'Attribute uuid.' })
  attributeId!: string;

  @Field(() => String, { nullable: true, description: 'New value (validated for the attribute\'s type).' })
  value?: string;

  @Field(() => String, { nullable: true, description: 'New category (allowed for the type).' })
  category?: string;

  @Field(() => Boolean, { nullable: true, description: 'New IDS flag.' })
  toIds?: boolean;

  @Field(() => String, { nullable: true, description: 'New comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

  @Field(() => Date, { nullable: true, description: 'New first seen.' })
  firstSeen?: Date;

  @Field(() => Date, { nullable: true, description: 'New last seen.' })
  lastSeen?: Date;
}
