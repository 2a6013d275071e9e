import { validate as validateCron } from 'node-cron';
import { Scope } from '../../graphql/scope';
import { AppError, badInput, conflict, isAppError, notFound } from '../../shared/errors';
import { getOrganisation } from '../organisation/organisation.service';
import { Change } from '../change/change.entity';
import { parseSyncRules } from './sync-filter-rules';
import { peerClientOptions } from './peer-http';
import { SyncClient } from './sync-client';
import { MispSyncClient } from './misp-sync-client';
import { isPeerKind, PeerKind } from './peer-kind';
import { Peer } from './peer.entity';
import { CreatePeerInput, UpdatePeerInput } from './peer.inputs';
import { PeerTestResult } from './peer.types';

function checkUrl(url: string, kind: PeerKind = PeerKind.HUB): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw badInput(`Invalid peer url "${url}": not a URL`, { field: 'url' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw badInput(`Invalid peer url "${url}": expected http or https`, { field: 'url' });
  if (kind === PeerKind.MISP) {
    // A MISP server's base URL: MISP's paths (events/index …) are appended to it.
    if (u.search || u.hash || u.username || u.password) throw badInput(`Invalid MISP peer url "${url}": expected the server's base URL, without query, fragment or credentials`, { field: 'url' });
    if (/\/graphql\/?$/.test(u.pathname)) throw badInput(`Invalid MISP peer url "${url}": a MISP server's base URL does not end in /graphql (a hub's MISP REST layer is at its root)`, { field: 'url' });
    return u.toString().replace(/\/+$/, '');
  }
  return u.toString();
}

function checkRules(field: string, json: string | null | undefined): string | null {
  if (json === undefined || json === null || json.trim() === '') return null;
  try {
    return JSON.stringify(parseSyncRules(json));
  } catch (e) {
    throw badInput(`Invalid ${field}: ${(e as Error).message}`);
  }
}

function checkSchedule(schedule: string | null | undefined): string | null {
  if (!schedule?.trim()) return null;
  if (!validateCron(schedule)) throw badInput(`Invalid schedule "${schedule}": not a cron expression`);
  return schedule.trim();
}

export const listPeers = (scope: Scope) => scope.em.find(Peer, {}, { orderBy: { name: 'asc' } });

export async function getPeer(scope: Scope, uuid: string): Promise<Peer> {
  const p = await scope.em.findOne(Peer, { uuid: uuid.toLowerCase() }, { populate: ['organisation'] });
  if (!p) throw notFound('Peer', uuid);
  return p;
}

export async function createPeer(scope: Scope, input: CreatePeerInput): Promise<Peer> {
  const org = await getOrganisation(scope, input.organisationId);
  if (await scope.em.count(Peer, { name: input.name.trim() })) throw conflict(`A peer named "${input.name}" already exists`);
  const kind = input.kind ?? PeerKind.HUB;
  if (!isPeerKind(kind)) throw badInput(`Invalid peer kind "${String(kind)}": expected HUB or MISP`, { field: 'kind' });
  const peer = scope.em.create(Peer, {
    name: input.name.trim(),
    kind,
    url: checkUrl(input.url, kind),
    apiKeyEncrypted: scope.sync.secrets.seal(input.apiKey.trim()),
    organisation: org,
    push: input.push ?? false,
    pull: input.pull ?? false,
    internal: input.internal ?? false,
    tlsVerify: input.tlsVerify ?? true,
    pushRules: checkRules('pushRules', input.pushRules),
    pullRules: checkRules('pullRules', input.pullRules),
    schedule: checkSchedule(input.schedule),
    // A new peer is pushed what changes from now on, plus everything published so far (cursor 0).
    pushCursor: 0,
  } as Peer);
  await scope.em.flush();
  scope.sync.reschedule();
  return peer;
}

export async function updatePeer(scope: Scope, input: UpdatePeerInput): Promise<Peer> {
  const peer = await getPeer(scope, input.id);
  if (input.name != null) peer.name = input.name.trim();
  if (input.url != null) {
    const url = checkUrl(input.url, peer.kind);
    // The stored key was given for the stored origin: it is never sent to another one unless given again.
    if (new URL(url).origin !== new URL(peer.url).origin && input.apiKey == null) {
      throw badInput(`Moving peer "${peer.name}" from ${new URL(peer.url).origin} to ${new URL(url).origin} needs its apiKey again: the stored key is only sent to the origin it was given for`);
    }
    if (url !== peer.url) {
      // Another hub (or the same one moved): handshake again, and its log is read from its beginning.
      peer.url = url;
      peer.hubUuid = null;
      peer.pullCursor = null;
      peer.pushCursor = 0;
      peer.sightingPullCursor = null;
      peer.sightingPushCursor = 0;
    }
  }
  if (input.apiKey != null) peer.apiKeyEncrypted = scope.sync.secrets.seal(input.apiKey.trim());
  if (input.push != null) peer.push = input.push;
  if (input.pull != null) peer.pull = input.pull;
  if (input.internal != null) peer.internal = input.internal;
  if (input.tlsVerify != null) peer.tlsVerify = input.tlsVerify;
  if (input.pushRules !== undefined) peer.pushRules = checkRules('pushRules', input.pushRules);
  if (input.pullRules !== undefined) peer.pullRules = checkRules('pullRules', input.pullRules);
  if (input.schedule !== undefined) peer.schedule = checkSchedule(input.schedule);
  await scope.em.flush();
  scope.sync.reschedule();
  return peer;
}

export async function deletePeer(scope: Scope, uuid: string): Promise<string> {
  const peer = await getPeer(scope, uuid);
  await scope.em.nativeDelete(Peer, { id: peer.id });
  scope.sync.reschedule();
  return peer.uuid;
}

export async function testPeer(scope: Scope, uuid: string): Promise<PeerTestResult> {
  const peer = await getPeer(scope, uuid);
  // No run: nothing the peer says is trusted before its handshake.
  const options = peerClientOptions(peer, scope.sync.secrets, scope.config);
  if (peer.kind === PeerKind.MISP) return testMispPeer(new MispSyncClient(options));
  const client = new SyncClient(options);
  // Status and protocol only: the remote's body is never part of the result (SyncClient keeps it out of errors).
  const answer = () => ({ httpStatus: client.lastStatus, speaksProtocol: client.handshakeAnswer === 'compatible' || client.handshakeAnswer === 'key-refused' });
  try {
    const info = await client.handshake();
    return {
      ok: true,
      hubId: info.hubInfo.id,
      software: info.hubInfo.software,
      protocolVersion: info.hubInfo.protocolVersion,
      organisationName: info.hubInfo.organisation.name,
      error: null,
      ...answer(),
    };
  } catch (e) {
    return {
      ok: false,
      hubId: null,
      software: null,
      protocolVersion: null,
      organisationName: null,
      error: isAppError(e) || e instanceof Error ? e.message : String(e),
      ...answer(),
    };
  } finally {
    await client.close();
  }
}

/** testPeer for a MISP server: servers/getVersion and users/view/me (a key whose role has perm_sync). */
async function testMispPeer(client: MispSyncClient): Promise<PeerTestResult> {
  const answer = () => ({ httpStatus: client.lastStatus, speaksProtocol: client.handshakeAnswer === 'compatible' || client.handshakeAnswer === 'key-refused' });
  try {
    const info = await client.handshake();
    return { ok: true, hubId: info.hubUuid, software: 'MISP', protocolVersion: info.version, organisationName: info.organisation.name, error: null, ...answer() };
  } catch (e) {
    return { ok: false, hubId: null, software: null, protocolVersion: null, organisationName: null, error: isAppError(e) || e instanceof Error ? e.message : String(e), ...answer() };
  } finally {
    await client.close();
  }
}

/** How many local changes a push to this peer has not covered yet. */
export async function pushLag(scope: Scope, peer: Peer): Promise<number> {
  return scope.em.count(Change, { seq: { $gt: peer.pushCursor } });
}

/** The peer's hub uuid, running the handshake once if it is not known yet. */
export async function peerHubUuid(scope: Scope, peer: Peer): Promise<string> {
  if (peer.hubUuid) return peer.hubUuid;
  const result = await testPeer(scope, peer.uuid);
  if (!result.ok || !result.hubId) throw new AppError('PEER_UNAVAILABLE', result.error ?? `Peer "${peer.name}" did not answer the handshake`);
  peer.hubUuid = result.hubId.toLowerCase();
  await scope.em.flush();
  return peer.hubUuid;
}
