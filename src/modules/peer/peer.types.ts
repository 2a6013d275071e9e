import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Result of testing the connection to a peer.' })
export class PeerTestResult {
  @Field(() => Boolean, { description: 'Handshake succeeded with a compatible protocol and a sync user key.' })
  ok!: boolean;

  @Field(() => ID, { nullable: true, description: 'The peer hub uuid.' })
  hubId!: string | null;

  @Field(() => String, { nullable: true, description: 'The peer\'s software.' })
  software!: string | null;

  @Field(() => String, { nullable: true, description: 'The peer\'s protocol version.' })
  protocolVersion!: string | null;

  @Field(() => String, { nullable: true, description: 'The peer\'s host organisation name.' })
  organisationName!: string | null;

  @Field(() => String, { nullable: true, description: 'What went wrong (never the peer\'s own answer text).' })
  error!: string | null;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the peer\'s answer; null when nothing answered (unreachable, refused by the outbound policy).' })
  httpStatus!: number | null;

  @Field(() => Boolean, { description: 'The peer answered as a hub of a compatible sync protocol (the handshake, or a refusal of our key).' })
  speaksProtocol!: boolean;
}
