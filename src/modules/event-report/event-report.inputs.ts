import { Field, ID, InputType } from 'type-graphql';
import { Distribution } from '../../shared/enums';

@InputType({ description: 'A new event report (MISP EventReport). The event becomes unpublished.' })
export class AddEventReportInput {
  @Field(() => ID, { description: 'Event uuid.' })
  eventId!: string;

  @Field(() => String, { description: 'Title: 1 to 255 characters, one line.' })
  name!: string;

  @Field(() => String, { description: 'Markdown content (line breaks and tabs allowed), at most EVENT_REPORT_MAX_BYTES bytes of UTF-8.' })
  content!: string;

  @Field(() => Distribution, { nullable: true, description: 'Distribution (default INHERIT_EVENT).' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'Sharing group uuid; required exactly when distribution is SHARING_GROUP.' })
  sharingGroupId?: string;
}

@InputType({ description: 'Changes to an event report; absent fields stay as they are. The event becomes unpublished.' })
export class UpdateEventReportInput {
  @Field(() => ID, { description: 'Report uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New title.' })
  name?: string;

  @Field(() => String, { nullable: true, description: 'New markdown content (at most EVENT_REPORT_MAX_BYTES bytes).' })
  content?: string;

  @Field(() => Distribution, { nullable: true, description: 'New distribution.' })
  distribution?: Distribution;

  @Field(() => ID, { nullable: true, description: 'New sharing group (with distribution SHARING_GROUP).' })
  sharingGroupId?: string;
}
