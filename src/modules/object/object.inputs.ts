import { ArrayMaxSize, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Distribution } from '../../shared/enums';
import { AttributeInput } from '../attribute/attribute.inputs';

@InputType({ description: 'An attribute of a MISP object: an attribute with its relation name inside the object (e.g. filename, sha256, ip-dst).' })
export class ObjectAttributeInput extends AttributeInput {
  @Field(() => String, { description: 'The relation of this attribute in the object (a relation of the object\'s template).' })
  @Length(1, 255)
  objectRelation!: string;
}

@InputType({ description: 'A reference from an object to another object or attribute of the same event.' })
export class ObjectReferenceInput {
  @Field(() => ID, { description: 'Uuid of the referenced object or attribute (in the same event, as MISP requires).' })
  @IsUUID()
  targetId!: string;

  @Field(() => String, { description: 'Relationship, e.g. related-to, drops, communicates-with.' })
  @Length(1, 255)
  relationshipType!: string;

  @Field(() => String, { nullable: true, description: 'Analyst comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

  @Field(() => ID, { nullable: true, description: 'Uuid to use; random when absent.' })
  @IsOptional()
  @IsUUID()
  uuid?: string;
}

@InputType({ description: 'A MISP object to add to an event, with its attributes and references (all or nothing).' })
export class AddObjectInput {
  @Field(() => ID, { description: 'Event uuid.' })
  eventId!: string;

  @Field(() => String, { description: 'Template name, e.g. file, domain-ip, email.' })
  @Length(1, 131)
  name!: string;

  @Field(() => String, { nullable: true, description: 'MISP meta-category (e.g. file, network); the template\'s when absent.' })
  @IsOptional()
  @Length(1, 255)
  metaCategory?: string;

  @Field(() => String, { nullable: true, description: 'What the object describes; the template\'s description when absent.' })
  @IsOptional()
  @Length(0, 65535)
  description?: string;

  @Field(() => ID, { nullable: true, description: 'Uuid of the MISP object template; the known template of `name` when absent.' })
  @IsOptional()
  @IsUUID()
  templateUuid?: string;

  @Field(() => String, { nullable: true, description: 'Version of the MISP object template.' })
  @IsOptional()
  @Length(1, 20)
  templateVersion?: string;

  @Field(() => String, { nullable: true, description: 'Analyst comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

  @Field(() => Distribution, { nullable: true, description: 'Distribution (default INHERIT_EVENT).' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'Sharing group uuid; required exactly when distribution is SHARING_GROUP.' })
  sharingGroupId?: string;

  @Field(() => Date, { nullable: true, description: 'First seen in the wild.' })
  firstSeen?: Date;

  @Field(() => Date, { nullable: true, description: 'Last seen in the wild.' })
  lastSeen?: Date;

  @Field(() => ID, { nullable: true, description: 'Uuid to use; random when absent.' })
  @IsOptional()
  @IsUUID()
  uuid?: string;

  @Field(() => [ObjectAttributeInput], { description: 'The object\'s attributes (at least one; at most MAX_BULK_ATTRIBUTES).' })
  attributes!: ObjectAttributeInput[];

  @Field(() => [ObjectReferenceInput], { nullable: true, description: 'References from this object to objects or attributes of the same event (its own attributes included).' })
  @IsOptional()
  @ArrayMaxSize(1000)
  references?: ObjectReferenceInput[];
}

@InputType({ description: 'Changes to an object; absent fields stay as they are. Its attributes are changed with updateAttribute. The event becomes unpublished.' })
export class UpdateObjectInput {
  @Field(() => ID, { description: 'Object uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New comment.' })
  @IsOptional()
  @Length(0, 65535)
  comment?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @Length(0, 65535)
  description?: string;

  @Field(() => Distribution, { nullable: true, description: 'New distribution.' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'New sharing group (with distribution SHARING_GROUP).' })
  sharingGroupId?: string;

  @Field(() => Date, { nullable: true, description: 'First seen.' })
  firstSeen?: Date;

  @Field(() => Date, { nullable: true, description: 'Last seen.' })
  lastSeen?: Date;
}

@InputType({ description: 'A reference to add to an existing object.' })
export class AddObjectReferenceInput extends ObjectReferenceInput {
  @Field(() => ID, { description: 'Uuid of the source object.' })
  objectId!: string;
}
