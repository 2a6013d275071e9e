/** What several MISP controllers share: id lookups for the decoders, and MISP's success answer. */
import { eventUuidOf, organisationByRef, sharingGroupUuidOf } from '../../modules/misp-api/misp-api.service';
import type { Scope } from '../../graphql/scope';
import type { DecodeRefs } from './misp-decode';
import type { MispReply, MispRequest } from './misp-route.types';
import type { MispSearchRefs } from './misp-search';

export const decodeRefs = (scope: Scope): DecodeRefs => ({ sharingGroupUuid: (ref) => sharingGroupUuidOf(scope, ref) });
export const searchRefs = (scope: Scope): MispSearchRefs => ({
  eventUuid: (ref) => eventUuidOf(scope, ref),
  orgUuid: async (ref) => (await organisationByRef(scope, ref)).uuid,
});

/** MISP's answer to a write that has no entity to return (saveSuccessResponse). */
export const saved = (req: MispRequest, name: string, id: string): MispReply => ({
  json: { saved: true, success: true, name, message: name, url: req.url, id },
});

