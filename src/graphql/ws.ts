import { GraphQLError, GraphQLSchema } from 'graphql';
import { formatError } from './error-format';
import { isAppError } from '../shared/errors';
import { useServer } from 'graphql-ws/use/ws';
import { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import { UserActor } from '../auth/actor';
import { keyFromAuthorization } from '../auth/api-key-secret';
import { apiKeyExpiry, authenticateKey, reloadActor } from '../auth/authenticate';
import { Viewer, viewerOf } from '../auth/policy';
import { AccessNotice } from '../pubsub/change-bus';
import { createLiveScope, HubServices, LiveSession } from './scope';

/** Close codes: 4403 for refused or revoked credentials (graphql-ws' Forbidden), 1001 on shutdown. */
export const CLOSE_FORBIDDEN = 4403;

/**
 * Errors over the socket follow the HTTP catalogue (formatError). Parse, validation and variable errors
 * carry no path and no resolver cause: they are the caller's (BAD_USER_INPUT), as Apollo marks them.
 */
const isRequestError = (e: GraphQLError) =>
  !e.path && !e.extensions?.code && !isAppError(e.originalError) && (!e.originalError || e.originalError instanceof GraphQLError);
const wsErrors = (errors: readonly GraphQLError[]) =>
  errors.map((e) =>
    formatError(e.toJSON(), isRequestError(e) ? new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }) : e),
  );

/** One authenticated socket. Its actor and viewer follow revocations and membership changes. */
class Session implements LiveSession {
  actor: UserActor;
  viewer: Viewer;
  private expiryTimer: NodeJS.Timeout | null = null;

  constructor(
    actor: UserActor,
    private readonly socket: WebSocket,
    private readonly hub: HubServices,
  ) {
    this.actor = actor;
    this.viewer = viewerOf(actor, hub.config.unpublishedPrivate);
  }

  async scheduleExpiry(): Promise<void> {
    const at = await apiKeyExpiry(this.hub.em.fork(), this.actor.apiKeyId);
    if (!at) return;
    const ms = Math.max(0, at.getTime() - this.hub.clock.now().getTime());
    // setTimeout holds at most ~24.8 days; longer expiries are re-checked by later notices.
    if (ms < 2 ** 31 - 1) this.expiryTimer = setTimeout(() => void this.recheck(), ms + 5);
  }

  concerns(n: AccessNotice): boolean {
    if (n.apiKeyId !== undefined) return n.apiKeyId === this.actor.apiKeyId;
    if (n.userId !== undefined) return n.userId === this.actor.userId;
    return !n.orgIds || n.orgIds.includes(this.actor.orgId);
  }

  /** Re-reads the key, user and memberships; closes the socket when the key is no longer valid. */
  async recheck(): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const actor = await reloadActor(this.hub.em.fork(), this.actor.apiKeyId, this.hub.clock);
    if (!actor) {
      this.socket.close(CLOSE_FORBIDDEN, 'Forbidden: API key revoked or expired');
      return;
    }
    this.actor = actor;
    this.viewer = viewerOf(actor, this.hub.config.unpublishedPrivate);
  }

  dispose() {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
  }
}

type Extra = {
  session?: Session;
};

/**
 * graphql-ws on the same HTTP server and path as queries. Authenticated once on connect through
 * connectionParams.authorization; access notices from the bus (any replica) re-check open sockets.
 */
export function attachWebSocket(httpServer: Server, schema: GraphQLSchema, hub: HubServices) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const sessions = new Set<Session>();
  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const key = keyFromAuthorization(
          typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined,
        );
        if (!key) return false;
        try {
          const actor = await authenticateKey(hub.em.fork(), key, hub.clock);
          const session = new Session(actor, ctx.extra.socket, hub);
          ctx.extra.session = session;
          sessions.add(session);
          await session.scheduleExpiry();
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onClose: (ctx) => {
        const s = ctx.extra.session;
        if (s) {
          s.dispose();
          sessions.delete(s);
        }
      },
      context: (ctx) => createLiveScope(hub, ctx.extra.session!, randomUUID()),
      onError: (_ctx, _id, _payload, errors) => wsErrors(errors),
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: wsErrors(result.errors) } : undefined),
    },
    wss,
  );
  const stopNotices = hub.bus.subscribeAccess((notice) => {
    for (const s of sessions) {
      if (s.concerns(notice)) s.recheck().catch((e) => hub.logger.error({ err: e }, 'socket access re-check failed'));
    }
  });
  return {
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    close: async () => {
      stopNotices();
      for (const s of sessions) s.dispose();
      const grace = setTimeout(() => {
        for (const c of wss.clients) c.terminate();
      }, 1000);
      try {
        await server.dispose();
      } finally {
        clearTimeout(grace);
      }
    },
  };
}
