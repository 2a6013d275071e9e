import { Field, ID, ObjectType } from 'type-graphql';
import { ChangeKind, ChangeOp } from '../../shared/enums';

@ObjectType('Change', { description: 'One entry of the change log, as the caller may see it.' })
export class ChangeEntry {
  @Field(() => String, { description: 'Opaque cursor of this change; pass as `since` to continue after it.' })
  cursor!: string;

  @Field(() => ChangeOp, { description: 'What happened.' })
  op!: ChangeOp;

  @Field(() => ChangeKind, { description: 'What kind of object it happened to.' })
  kind!: ChangeKind;

  @Field(() => ID, { description: 'Uuid of the object.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Uuid of the event the object belongs to (events: itself).' })
  eventId!: string | null;

  @Field(() => Date, { description: 'When the change was committed.' })
  at!: Date;
}

@ObjectType({ description: 'A page of the change log.' })
export class ChangePage {
  @Field(() => [ChangeEntry], { description: 'Visible changes, oldest first.' })
  changes!: ChangeEntry[];

  @Field(() => String, { description: 'Cursor after the last change examined (visible or not); pass as `since` for the next page.' })
  cursor!: string;

  @Field(() => Boolean, { description: 'More changes follow.' })
  hasMore!: boolean;
}
