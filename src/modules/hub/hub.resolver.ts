import { Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { HubSetting } from '../../db/hub-setting.entity';
import { Organisation } from '../organisation/organisation.entity';
import { HUB_ORG_SETTING, HUB_UUID_SETTING, PROTOCOL_VERSION, SOFTWARE_VERSION } from './hub.service';

@ObjectType({ description: 'Who this hub is (also the federation handshake).' })
export class HubInfo {
  @Field(() => ID, { description: 'The hub uuid.' })
  id!: string;

  @Field(() => Organisation, { description: 'The host organisation of this hub.' })
  organisation!: Organisation;

  @Field(() => String, { description: 'Software name and version.' })
  software!: string;

  @Field(() => String, { description: 'Federation protocol version.' })
  protocolVersion!: string;
}

@Resolver(() => HubInfo)
export class HubResolver {
  @Query(() => HubInfo, { description: 'This hub\'s uuid, host organisation and versions. Needs no API key.' })
  async hubInfo(@Ctx() scope: Scope): Promise<HubInfo> {
    const [uuid, org] = await Promise.all([
      scope.em.findOneOrFail(HubSetting, { name: HUB_UUID_SETTING }),
      scope.em.findOneOrFail(HubSetting, { name: HUB_ORG_SETTING }),
    ]);
    return {
      id: uuid.value,
      organisation: await scope.em.findOneOrFail(Organisation, { id: Number(org.value) }),
      software: `threatmesh ${SOFTWARE_VERSION}`,
      protocolVersion: PROTOCOL_VERSION,
    };
  }
}
