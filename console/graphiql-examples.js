/* Preset operations in GraphiQL's tabs: the README's "First queries" and "Live stream" examples.
   Replace EVENT_ID with an id from the events query. */
window.THREATMESH_EXAMPLES = [
  {
    query: [
      '# Who am I, and who is this hub (hubInfo needs no key)',
      'query WhoAmI {',
      '  me { id email role organisation { id name } }',
      '  hubInfo { id software protocolVersion organisation { id name } }',
      '}',
    ].join('\n'),
  },
  {
    query: [
      '# Events you may see, newest first (Relay connection; totalCount counts only what you may see)',
      'query Events {',
      '  events(filter: { published: true }, first: 10) {',
      '    totalCount',
      '    pageInfo { hasNextPage endCursor }',
      '    edges { cursor node { id info date threatLevel distribution creatorOrg { name } tags { name } } }',
      '  }',
      '}',
    ].join('\n'),
  },
  {
    query: [
      '# Search attributes: every condition must hold; lists match any of their values',
      'query SearchAttributes {',
      '  attributes(filter: { value: "%.example.com", type: ["domain"] }, first: 50) {',
      '    totalCount',
      '    edges { node { id type value toIds event { id info } } }',
      '  }',
      '}',
    ].join('\n'),
  },
  {
    query: [
      '# Live IOCs over graphql-ws (same URL). Resume with since: "<last changeCursor>"',
      'subscription LiveIocs {',
      '  attributeAdded(filter: { toIds: true }) {',
      '    id type value changeCursor event { id info }',
      '  }',
      '}',
    ].join('\n'),
  },
  {
    query: [
      '# Create an event for your organisation (needs a writing role)',
      'mutation CreateEvent {',
      '  createEvent(input: {',
      '    info: "Phishing campaign against online banking customers"',
      '    distribution: COMMUNITY_ONLY',
      '    threatLevel: HIGH',
      '    analysis: ONGOING',
      '    tags: ["tlp:amber", "type:phishing"]',
      '  }) { id info date distribution creatorOrg { name } tags { name local } }',
      '}',
    ].join('\n'),
  },
  {
    query: [
      '# Add an attribute (category and IDS flag default per type)',
      'mutation AddAttribute($eventId: ID!) {',
      '  addAttribute(input: { eventId: $eventId, type: "ip-dst", value: "203.0.113.17", comment: "C2 server" }) {',
      '    id type category value toIds distribution',
      '  }',
      '}',
    ].join('\n'),
    variables: '{ "eventId": "EVENT_ID" }',
  },
];
