import {
  createSourceEventStream,
  DocumentNode,
  execute,
  ExecutionArgs,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { Socket } from 'node:net';
import { formatAndLogErrors } from '../graphql/error-format';
import { queryLimitRules } from '../graphql/limits';
import { Logger } from '../shared/logger';
import { isAppError } from '../shared/errors';
import { useServer } from 'graphql-ws/use/ws';
import { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import { UserActor } from '../auth/actor';
import { keyFromAuthorization } from '../auth/api-key-secret';
import { apiKeyExpiry, reloadActor } from '../auth/authenticate';
import { Viewer, viewerOf } from '../auth/policy';
import { AccessNotice } from '../pubsub/change-bus';
import { HubServices, Scope } from '../graphql/scope';
import { createLiveScope, ServerHub } from './scope-factory';
import { LiveStream } from '../modules/change/change-stream';
import { FrameSink, LiveCaller, LiveFanout } from './live-fanout';
import { CLOSE_RATE_LIMITED, RateLimits } from './rate-limit';
import { AccessRechecker } from './access-recheck';
import { FrameLengthGuard } from './ws-frame-guard';

/** Close codes: 4403 for refused or revoked credentials (graphql-ws' Forbidden), 4429 for too many connection attempts (rate-limit.ts), 1001 on shutdown. */
const CLOSE_FORBIDDEN = 4403;

/**
 * Errors over the socket follow the HTTP catalogue (formatError). Parse, validation and variable errors
 * carry no path and no resolver cause: they are the caller's (BAD_USER_INPUT), as Apollo marks them.
 */
const isRequestError = (e: GraphQLError) =>
  !e.path && !e.extensions?.code && !isAppError(e.originalError) && (!e.originalError || e.originalError instanceof GraphQLError);
const wsErrors = (errors: readonly GraphQLError[], logger: Logger, requestId: string) =>
  formatAndLogErrors(
    errors.map((e) => (isRequestError(e) ? new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }) : e)),
    logger,
    requestId,
  );

/**
 * Frames a socket may send before its connection_init authenticated it: enough for the init message
 * (an API key and a few parameters), far below BODY_LIMIT, so nobody unauthenticated makes the hub
 * buffer large frames.
 */
const UNAUTHENTICATED_MAX_PAYLOAD = 64 * 1024;

/**
 * Caps the messages of a socket that has not authenticated yet at `bytes`: a FrameLengthGuard reads the
 * frame headers arriving on its TCP socket, and one announcing a larger message closes the socket with
 * 1009 (message too big) on that header; reading stops, so the rest of the frame is never buffered.
 * Returns the function that lifts the cap (after authentication the server-wide `maxPayload` holds).
 */
function capUnauthenticated(socket: WebSocket, tcp: Socket, bytes: number): () => void {
  const guard = new FrameLengthGuard(bytes);
  const onData = (chunk: Buffer) => {
    if (guard.feed(chunk)) return;
    tcp.off('data', onData);
    socket.close(1009, 'Message too big');
    // The close frame goes out, then FIN; nothing more is read (ws' close timer ends the socket).
    tcp.pause();
    tcp.end();
  };
  tcp.on('data', onData);
  return () => tcp.off('data', onData);
}

const sameRights = (a: UserActor, b: UserActor) =>
  a.userId === b.userId &&
  a.orgId === b.orgId &&
  a.role === b.role &&
  a.sharingGroupIds.size === b.sharingGroupIds.size &&
  [...a.sharingGroupIds].every((id) => b.sharingGroupIds.has(id));

/** One authenticated socket. Its actor and viewer follow revocations and membership changes. */
class Session implements LiveCaller {
  actor: UserActor;
  viewer: Viewer;
  private expiryTimer: NodeJS.Timeout | null = null;
  private rechecks = 0;
  private tickets = 0;
  private applied = 0;

  constructor(
    actor: UserActor,
    private readonly socket: WebSocket,
    private readonly hub: HubServices,
    /** Called when a re-check finished (deliveries held during it may go on). */
    private readonly settled: () => void,
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

  /** True while rights are being re-read after an access notice: nothing is delivered meanwhile. */
  get settling(): boolean {
    return this.rechecks > 0;
  }

  get apiKeyId(): number {
    return this.actor.apiKeyId;
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Re-reads the key, user and memberships; closes the socket when the key is no longer valid. */
  async recheck(): Promise<void> {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.rechecks++;
    try {
      const ticket = this.ticket();
      this.apply(ticket, await reloadActor(this.hub.em.fork(), this.actor.apiKeyId, this.hub.clock));
    } finally {
      this.rechecks--;
      this.settled();
    }
  }

  /** Numbers the reads of this session's rights (a notice's re-check and the periodic sweep may overlap). */
  ticket(): number {
    return ++this.tickets;
  }

  /**
   * The rights as read under `ticket`: null closes the socket; a read older than one already applied is
   * ignored (it could restore a membership just removed). Unchanged rights keep the same viewer object,
   * so the fan-out keeps the socket in its access class.
   */
  apply(ticket: number, actor: UserActor | null): void {
    if (!actor) {
      if (this.socket.readyState === WebSocket.OPEN) this.socket.close(CLOSE_FORBIDDEN, 'Forbidden: API key revoked or expired');
      return;
    }
    if (ticket < this.applied) return;
    this.applied = ticket;
    if (sameRights(this.actor, actor)) return;
    this.actor = actor;
    this.viewer = viewerOf(actor, this.hub.config.unpublishedPrivate);
  }

  dispose() {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
  }
}

type Extra = {
  session?: Session;
  sink?: SocketSink;
};

/**
 * The header of an unmasked, unfragmented text frame (RFC 6455 §5.2) carrying `length` payload bytes,
 * written at `at`; returns the offset after it. A server's frames are never masked.
 */
export function writeTextFrameHeader(buf: Buffer, at: number, length: number): number {
  buf[at] = 0x81; // FIN, opcode 1 (text)
  if (length < 126) {
    buf[at + 1] = length;
    return at + 2;
  }
  if (length < 0x10000) {
    buf[at + 1] = 126;
    buf.writeUInt16BE(length, at + 2);
    return at + 4;
  }
  buf[at + 1] = 127;
  buf.writeUInt32BE(Math.floor(length / 0x100000000), at + 2);
  buf.writeUInt32BE(length >>> 0, at + 6);
  return at + 10;
}

const headerBytes = (length: number) => (length < 126 ? 2 : length < 0x10000 ? 4 : 10);

/**
 * A `ws` socket as the fan-out writes to it. The messages of one turn go out as one buffer in one socket
 * write (WebSocket frames built here), not a `ws.send` — two chunks and a header allocation — per
 * message: at a thousand subscribers, the per-message cost of the transport is most of the delivery.
 * `tcp` is the connection's socket as the HTTP server's 'upgrade' event handed it over. ws writes each
 * of its own frames to it synchronously (it queues only while compressing — the server is created
 * without permessage-deflate — or while reading a Blob, which this server never sends), so frames
 * written here keep the order in which the messages were sent.
 */
class SocketSink implements FrameSink {
  constructor(
    private readonly socket: WebSocket,
    private readonly tcp: Socket,
  ) {}

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  get bufferedBytes(): number {
    return this.socket.bufferedAmount;
  }

  sendAll(head: Buffer, bodies: readonly Buffer[], tail: Buffer): void {
    const tcp = this.tcp;
    if (!this.open || tcp.destroyed) return; // as ws.send on a closing socket: nothing is written
    let size = 0;
    for (const b of bodies) {
      const n = head.length + b.length + tail.length;
      size += headerBytes(n) + n;
    }
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    // TypedArray set, not Buffer#copy: these are pieces of tens of bytes, where copy's call into the
    // runtime costs more than the bytes (measured: 24 ns instead of 47 ns a frame of 122 bytes).
    for (const b of bodies) {
      at = writeTextFrameHeader(out, at, head.length + b.length + tail.length);
      out.set(head, at);
      at += head.length;
      out.set(b, at);
      at += b.length;
      out.set(tail, at);
      at += tail.length;
    }
    tcp.write(out);
  }

  whenDrained(cb: () => void): void {
    const tcp = this.tcp;
    if (!tcp.writableNeedDrain) return void setImmediate(cb);
    const done = () => {
      tcp.off('drain', done);
      tcp.off('close', done);
      cb();
    };
    tcp.on('drain', done);
    tcp.on('close', done);
  }
}

/** graphql-js' own mapping of a source stream to results, for subscriptions not on the change log. */
function mapSource(source: AsyncIterable<unknown>, args: ExecutionArgs): AsyncIterableIterator<ExecutionResult> {
  const it = source[Symbol.asyncIterator]();
  return {
    next: async () => {
      const r = await it.next();
      return r.done ? { done: true, value: undefined } : { done: false, value: await execute({ ...args, rootValue: r.value }) };
    },
    return: async () => {
      await it.return?.();
      return { done: true, value: undefined };
    },
    throw: async (e?: unknown) => {
      await it.return?.();
      throw e;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * graphql-ws on the same HTTP server and path as queries. Authenticated once on connect through
 * connectionParams.authorization; access notices from the bus (any replica) re-check open sockets.
 */
export function attachWebSocket(
  httpServer: Server,
  schema: GraphQLSchema,
  hub: ServerHub,
  limits: RateLimits,
  /** Called for each operation that passed validation (metrics: name and type). */
  onOperation: (name: string | undefined, type: string) => void = () => {},
) {
  const bodyLimit = hub.config.bodyLimitBytes;
  // The same body cap as HTTP (express.json's BODY_LIMIT); smaller until connection_init authenticated.
  // noServer: the upgrade is handed over here, so the connection's TCP socket is known (the fan-out writes
  // to it, and the unauthenticated cap reads it). No permessage-deflate: ws then never queues a frame
  // (SocketSink relies on it).
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: bodyLimit, perMessageDeflate: false });
  const tcpOf = new WeakMap<WebSocket, Socket>();
  const onUpgrade = (request: IncomingMessage, tcp: Duplex, head: Buffer) =>
    wss.handleUpgrade(request, tcp, head, (socket) => {
      tcpOf.set(socket, tcp as Socket);
      wss.emit('connection', socket, request);
    });
  httpServer.on('upgrade', onUpgrade);
  const uncap = new WeakMap<WebSocket, () => void>();
  // Every connection attempt counts against its address as soon as the socket opens (also one that never
  // sends connection_init); one over the limit is closed with 4429 and its connection_init waits for this.
  const admitted = new WeakMap<WebSocket, Promise<boolean>>();
  const refuse = (socket: WebSocket, e: unknown) => {
    if (!isAppError(e) || e.code !== 'RATE_LIMITED') throw e;
    socket.close(CLOSE_RATE_LIMITED, e.message.slice(0, 120)); // a close reason holds at most 123 bytes
    return false;
  };
  wss.on('connection', (socket, request) => {
    const verdict = limits.connectionAttempt(limits.addressOf(request)).then(
      () => true,
      (e) => refuse(socket, e),
    );
    verdict.catch((e) => {
      hub.logger.error({ err: e }, 'WebSocket connection rate check failed');
      socket.close(1011, 'Internal server error');
    });
    admitted.set(socket, verdict);
  });
  const sessions = new Set<Session>();
  const fanout = new LiveFanout(hub, hub.changeLog, {
    maxLag: hub.config.subscriptionMaxLag,
    budgetMs: 4,
    writerBudgetMs: 0.5,
    writerWindowMs: 50,
    writerShare: hub.config.liveWriterShare,
    saturation: 0.5,
    dutyWindowMs: 500,
    highWaterBytes: 256 * 1024,
    itemsPerTurn: 500,
    catchUpBatch: 500,
    formatResult: (r) => {
      const requestId = randomUUID();
      return { ...r, errors: wsErrors(r.errors ?? [], hub.logger.child({ requestId }), requestId) as unknown as GraphQLError[] };
    },
  });
  /** The socket and operation id of each subscription's context (graphql-ws' `subscribe` sees only the execution args). */
  const links = new WeakMap<object, { session: Session; sink: SocketSink; id: string }>();
  const server = useServer<Record<string, unknown>, Extra>(
    {
      schema,
      onConnect: async (ctx) => {
        const authorization = typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        if (!(await admitted.get(ctx.extra.socket)?.catch(() => false))) return false; // already closed
        // No key: refused before the address is charged for an authentication (HTTP answers the same way).
        if (!keyFromAuthorization(authorization)) return false;
        try {
          // The key is read from the header once, by the rate limiter, as over HTTP.
          const actor = await limits.authenticate(authorization, limits.addressOf(ctx.extra.request));
          if (!actor) return false;
          const session = new Session(actor, ctx.extra.socket, hub, () => fanout.poke());
          ctx.extra.session = session;
          ctx.extra.sink = new SocketSink(ctx.extra.socket, tcpOf.get(ctx.extra.socket)!);
          sessions.add(session);
          await session.scheduleExpiry();
          uncap.get(ctx.extra.socket)?.();
          return true;
        } catch (e) {
          if (isAppError(e) && e.code === 'RATE_LIMITED') return refuse(ctx.extra.socket, e);
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
      context: (ctx, id) => {
        const scope = createLiveScope(hub, ctx.extra.session!, randomUUID());
        links.set(scope, { session: ctx.extra.session!, sink: ctx.extra.sink!, id });
        return scope;
      },
      // Change-log subscriptions are delivered by the fan-out (one execution per access class, frames
      // written straight to the socket); anything else as graphql-js would.
      subscribe: async (args) => {
        const source = await createSourceEventStream(args);
        const link = links.get(args.contextValue as object);
        if (source instanceof LiveStream && link) return fanout.add(source, args, link.sink, link.id, link.session);
        if (!(Symbol.asyncIterator in Object(source))) return source as ExecutionResult;
        return mapSource(source as AsyncIterable<unknown>, args);
      },
      // The pipeline of an HTTP request: the key's rate limit (one over it gets RATE_LIMITED), parse,
      // standard validation, then the same limit rules (depth, aliases, cost with the operation's
      // variables). graphql-ws executes the arguments returned here.
      onSubscribe: async (ctx, _id, payload) => {
        const session = ctx.extra.session;
        if (session) {
          try {
            await limits.keyRequest(session.actor.apiKeyId);
          } catch (e) {
            if (isAppError(e)) return [e];
            throw e;
          }
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (e) {
          return [e instanceof GraphQLError ? e : new GraphQLError(String(e))];
        }
        let errors = validate(schema, document, specifiedRules);
        if (!errors.length) {
          errors = validate(schema, document, queryLimitRules(hub.config, { variables: payload.variables, operationName: payload.operationName }));
        }
        if (errors.length) return [...errors];
        const op = getOperationAST(document, payload.operationName);
        if (op) onOperation(op.name?.value, op.operation);
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onError: (_ctx, id, _payload, errors) => {
        const requestId = randomUUID();
        return wsErrors(errors, hub.logger.child({ requestId, operationId: id }), requestId);
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        const scope = args.contextValue as Partial<Scope> | undefined;
        const requestId = scope?.requestId ?? randomUUID();
        return { ...result, errors: wsErrors(result.errors, scope?.logger ?? hub.logger.child({ requestId }), requestId) };
      },
    },
    wss,
  );
  wss.on('connection', (socket) => {
    uncap.set(socket, capUnauthenticated(socket, tcpOf.get(socket)!, Math.min(UNAUTHENTICATED_MAX_PAYLOAD, bodyLimit)));
    // ws has already closed the socket with the code that fits (1009 for a frame over the cap, 1002 for
    // a malformed frame): a client's fault, logged as such rather than as graphql-ws' "internal error"
    // on the console.
    socket.removeAllListeners('error');
    socket.on('error', (err: Error & { code?: string }) => hub.logger.warn({ reason: err.message, code: err.code }, 'websocket frame refused'));
  });
  const stopNotices = hub.bus.subscribeAccess((notice) => {
    for (const s of sessions) {
      if (s.concerns(notice)) s.recheck().catch((e) => hub.logger.error({ err: e }, 'socket access re-check failed'));
    }
  });
  // Notices are lost while the bus is down: every socket is re-checked periodically, and at once when
  // the bus is back (DESIGN §10).
  const rechecker = new AccessRechecker(hub, () => sessions, { periodMs: hub.config.accessRecheckMs });
  rechecker.start();
  const stopReconnects = hub.bus.onReconnect(() => {
    rechecker.sweep().catch((e) => hub.logger.error({ err: e }, 'socket access re-check after reconnect failed'));
  });
  return {
    /** This replica's live figures (metrics): authenticated sockets, open change-log subscriptions, results delivered. */
    stats: () => ({ sockets: sessions.size, subscriptions: fanout.subscriberCount, deliveries: fanout.deliveredCount }),
    /** Closes every socket with 1001 (going away) and stops accepting new ones. */
    close: async () => {
      httpServer.off('upgrade', onUpgrade);
      stopNotices();
      stopReconnects();
      rechecker.stop();
      fanout.close();
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
