import { registerEnumType } from 'type-graphql';

/** Which protocol a peer speaks: another hub (GraphQL sync protocol) or a MISP server (MISP's sync API). */
export enum PeerKind {
  HUB = 'HUB',
  MISP = 'MISP',
}
registerEnumType(PeerKind, {
  name: 'PeerKind',
  description: 'The protocol a peer speaks (README "Federation protocol", MISP servers as peers).',
  valuesConfig: {
    HUB: { description: 'Another hub: the GraphQL sync protocol (syncIndex, syncEvents, pushEvents …); the url is its /graphql endpoint.' },
    MISP: { description: 'A MISP server (or a hub\'s MISP REST layer): MISP\'s own sync requests (events/index, events/view, events/add|edit with metadata, sightings); the url is its base URL.' },
  },
});

/** The kind named by `value` (GraphQL gives the enum; this also checks strings read from elsewhere). */
export function isPeerKind(value: unknown): value is PeerKind {
  return value === PeerKind.HUB || value === PeerKind.MISP;
}
