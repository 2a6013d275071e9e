import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';

/**
 * The design's GraphQL layer by itself (bench:read's "design" reference): Apollo Server 5 on Express 5,
 * DESIGN's stack, configured as the hub configures it (cache control and landing page off), over HTTP,
 * with a minimal schema whose resolvers return rows held in memory: no database, no access rules, no
 * ORM, no limits, no logging or metrics. What a request costs there is what the stack costs for the
 * answer's fields and bytes.
 */

export interface DesignEventRow {
  id: number;
  uuid: string;
  info: string;
}

export interface DesignAttributeRow {
  uuid: string;
  type: string;
  value: string;
}

const TYPE_DEFS = `#graphql
  type Attribute { id: ID! type: String! value: String! }
  type Event { id: ID! info: String! attributes: [Attribute!]! }
  type EventEdge { node: Event! }
  type EventConnection { edges: [EventEdge!]! }
  type Query { events(first: Int): EventConnection! }
`;

export interface DesignServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves `events(first)` from `events` (newest first, as read) and each event's `attributes` rows. */
export function startDesignServer(events: readonly DesignEventRow[], attributes: ReadonlyMap<number, readonly DesignAttributeRow[]>): Promise<DesignServer> {
  const resolvers = {
    Query: {
      events: (_: unknown, args: { first?: number | null }) => ({ edges: events.slice(0, args.first ?? events.length).map((node) => ({ node })) }),
    },
    Event: {
      id: (e: DesignEventRow) => e.uuid,
      attributes: (e: DesignEventRow) => attributes.get(e.id) ?? [],
    },
    Attribute: {
      id: (a: DesignAttributeRow) => a.uuid,
    },
  };
  return startStackServer({ typeDefs: TYPE_DEFS, resolvers });
}

/**
 * DESIGN's stack (Apollo Server 5 on Express 5 with express.json) serving `schema` over HTTP on port 0,
 * configured as the hub configures it (app.ts: cache control and landing page off, drained on stop,
 * kept-alive connections held 65 s) and with nothing else of the hub. bench:read serves rows from memory
 * through it; bench:floor a one-field schema.
 */
export async function startStackServer(
  schema: { schema: GraphQLSchema } | { typeDefs: string; resolvers: Record<string, Record<string, (...args: never[]) => unknown>> },
  /** Per request, before the operation runs (bench:search checks the API key here, as the bare endpoint does). */
  context?: (authorization: string) => Promise<object>,
): Promise<DesignServer> {
  const app = express();
  const httpServer = createServer(app);
  // As the hub sets them (app.ts): a kept-alive client connection is not closed under the client.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const apollo = new ApolloServer({
    ...schema,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    context ? expressMiddleware(apollo, { context: ({ req }) => context(String(req.headers.authorization ?? '')) }) : expressMiddleware(apollo),
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: () => apollo.stop(),
  };
}
