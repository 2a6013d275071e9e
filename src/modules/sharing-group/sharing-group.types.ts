import { Field, ObjectType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.entity';

@ObjectType({ description: 'An organisation member of a sharing group.' })
export class SharingGroupMember {
  @Field(() => Organisation, { description: 'The member organisation.' })
  organisation!: Organisation;

  @Field(() => Boolean, { description: 'May add further members.' })
  extend!: boolean;
}
