import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Organisation } from '../organisation/organisation.entity';
import { Peer } from './peer.entity';
import { CreatePeerInput, UpdatePeerInput } from './peer.inputs';
import { PeerTestResult } from './peer.types';
import * as peers from './peer.service';
import { SyncResult } from './sync.types';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import * as groups from '../sharing-group/sharing-group.service';

@Resolver(() => Peer)
export class PeerResolver {
  @Authorized('site:admin')
  @Query(() => [Peer], { description: 'Peer hubs (site admin).' })
  peers(@Ctx() scope: Scope) {
    return peers.listPeers(scope);
  }

  @Authorized('site:admin')
  @Query(() => Peer, { description: 'One peer by uuid (site admin).' })
  peer(@Arg('id', () => ID, { description: 'Peer uuid.' }) id: string, @Ctx() scope: Scope) {
    return peers.getPeer(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => Peer, { description: 'Registers a peer hub (site admin). Its API key is stored encrypted and never returned.' })
  createPeer(@Arg('input', () => CreatePeerInput, { description: 'The peer.' }) input: CreatePeerInput, @Ctx() scope: Scope) {
    return peers.createPeer(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => Peer, { description: 'Changes a peer (site admin).' })
  updatePeer(@Arg('input', () => UpdatePeerInput, { description: 'The changes.' }) input: UpdatePeerInput, @Ctx() scope: Scope) {
    return peers.updatePeer(scope, input);
  }

  @Authorized('site:admin')
  @Mutation(() => ID, { description: 'Removes a peer (site admin); returns its uuid. Data received from it stays.' })
  deletePeer(@Arg('id', () => ID, { description: 'Peer uuid.' }) id: string, @Ctx() scope: Scope) {
    return peers.deletePeer(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => PeerTestResult, { description: 'Handshake with the peer: reachable, compatible protocol, key of a sync user.' })
  testPeer(@Arg('id', () => ID, { description: 'Peer uuid.' }) id: string, @Ctx() scope: Scope) {
    return peers.testPeer(scope, id);
  }

  @Authorized('site:admin')
  @Mutation(() => SyncResult, { description: 'Pulls from the peer now (incremental from its cursor).' })
  async pullFromPeer(@Arg('id', () => ID, { description: 'Peer uuid.' }) id: string, @Ctx() scope: Scope) {
    return scope.sync.runner.pull((await peers.getPeer(scope, id)).id);
  }

  @Authorized('site:admin')
  @Mutation(() => SyncResult, { description: 'Pushes to the peer now (incremental from its cursor).' })
  async pushToPeer(@Arg('id', () => ID, { description: 'Peer uuid.' }) id: string, @Ctx() scope: Scope) {
    return scope.sync.runner.push((await peers.getPeer(scope, id)).id);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Lists a peer hub as a member instance of a sharing group (the group\'s data may then be pushed to it).' })
  async addSharingGroupPeer(
    @Arg('sharingGroupId', () => ID, { description: 'Sharing group uuid.' }) sharingGroupId: string,
    @Arg('peerId', () => ID, { description: 'Peer uuid.' }) peerId: string,
    @Arg('allOrgs', () => Boolean, { defaultValue: false, description: 'Every organisation on that hub is a member.' }) allOrgs: boolean,
    @Ctx() scope: Scope,
  ) {
    await groups.assertEditable(scope, sharingGroupId); // before the peer lookup and any handshake with it
    const hubUuid = await peers.peerHubUuid(scope, await peers.getPeer(scope, peerId));
    return groups.setPeerHub(scope, sharingGroupId, hubUuid, allOrgs);
  }

  @Authorized('sharing-group:write')
  @Mutation(() => SharingGroup, { description: 'Removes a peer hub from the member instances of a sharing group.' })
  async removeSharingGroupPeer(
    @Arg('sharingGroupId', () => ID, { description: 'Sharing group uuid.' }) sharingGroupId: string,
    @Arg('peerId', () => ID, { description: 'Peer uuid.' }) peerId: string,
    @Ctx() scope: Scope,
  ) {
    await groups.assertEditable(scope, sharingGroupId); // before the peer lookup and any handshake with it
    const hubUuid = await peers.peerHubUuid(scope, await peers.getPeer(scope, peerId));
    return groups.removePeerHub(scope, sharingGroupId, hubUuid);
  }

  @FieldResolver(() => Organisation, { description: 'The peer hub\'s organisation as registered here (owner of received copies).' })
  async organisation(@Parent() p: Peer, @Ctx() scope: Scope) {
    return (await scope.loaders.organisation.load(p.organisation.id))!;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Push rules (JSON).' })
  pushRules(@Parent() p: Peer) {
    return p.pushRules ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Pull rules (JSON).' })
  pullRules(@Parent() p: Peer) {
    return p.pullRules ?? null;
  }

  @FieldResolver(() => Int, { description: 'Local changes not yet covered by a push to this peer.' })
  pushLag(@Parent() p: Peer, @Ctx() scope: Scope) {
    return peers.pushLag(scope, p);
  }
}
