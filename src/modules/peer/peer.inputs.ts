import { IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PeerKind } from './peer-kind';

@InputType({ description: 'A peer to sync with: another hub, or a MISP server.' })
export class CreatePeerInput {
  @Field(() => String, { description: 'Unique name.' })
  @Length(1, 255)
  name!: string;

  @Field(() => PeerKind, { nullable: true, description: 'The protocol the peer speaks (default HUB).' })
  kind?: PeerKind;

  @Field(() => String, { description: 'HUB: GraphQL URL of the peer hub; MISP: base URL of the MISP server (http or https).' })
  url!: string;

  @Field(() => String, { description: 'API key of the sync user the peer created for this hub (a MISP server: the 40-character auth key of a user whose role has perm_sync). Stored encrypted, never shown again.' })
  @Length(8, 512)
  apiKey!: string;

  @Field(() => ID, { description: 'Uuid of the peer hub\'s organisation here (owner of the copies received from it).' })
  organisationId!: string;

  @Field(() => Boolean, { nullable: true, description: 'Push to the peer (default false).' })
  push?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Pull from the peer (default false).' })
  pull?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Same organisation on both sides: no downgrade (default false).' })
  internal?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Verify TLS certificates (default true; turn off only for a peer you know).' })
  tlsVerify?: boolean;

  @Field(() => String, { nullable: true, description: 'Push rules as JSON: {"tags":{"OR":[],"NOT":[]},"orgs":{"OR":[],"NOT":[]}}.' })
  @IsOptional()
  pushRules?: string;

  @Field(() => String, { nullable: true, description: 'Pull rules as JSON (same shape as pushRules).' })
  @IsOptional()
  pullRules?: string;

  @Field(() => String, { nullable: true, description: 'Cron schedule for automatic pull/push (e.g. "*/10 * * * *"); none when absent.' })
  @IsOptional()
  schedule?: string;
}

@InputType({ description: 'Changes to a peer; absent fields stay as they are.' })
export class UpdatePeerInput {
  @Field(() => ID, { description: 'Peer uuid.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name.' })
  @IsOptional()
  @Length(1, 255)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New URL (the handshake runs again).' })
  url?: string;

  @Field(() => String, { nullable: true, description: 'New API key.' })
  @IsOptional()
  @Length(8, 512)
  apiKey?: string;

  @Field(() => Boolean, { nullable: true, description: 'Push on/off.' })
  push?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Pull on/off.' })
  pull?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Internal on/off.' })
  internal?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'TLS verification on/off.' })
  tlsVerify?: boolean;

  @Field(() => String, { nullable: true, description: 'Push rules (JSON).' })
  pushRules?: string;

  @Field(() => String, { nullable: true, description: 'Pull rules (JSON).' })
  pullRules?: string;

  @Field(() => String, { nullable: true, description: 'Cron schedule ("" to remove).' })
  schedule?: string;
}
