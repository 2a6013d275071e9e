import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { DocumentNode, print } from 'graphql';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Test helpers for the live stream (DESIGN §5): real graphql-ws clients (over `ws`) that collect what
 * they receive, and a raw `graphql-transport-ws` socket whose reading can be paused (slow consumers).
 * Every wait is event-driven with a timeout; nothing relies on sleeping.
 */

export interface GraphqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** Date.now() when the close was observed. */
  at: number;
}

/** Waits on state that changes on events: re-evaluates `check` after every change until it holds. */
class Waiters {
  private readonly list = new Set<() => void>();

  notify() {
    for (const w of [...this.list]) w();
  }

  until(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
    try {
      if (check()) return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.list.delete(wake);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const wake = () => {
        let ok: boolean;
        try {
          ok = check();
        } catch (e) {
          clearTimeout(timer);
          this.list.delete(wake);
          reject(e);
          return;
        }
        if (ok) {
          clearTimeout(timer);
          this.list.delete(wake);
          resolve();
        }
      };
      this.list.add(wake);
    });
  }
}

/** One subscription's deliveries, in arrival order. */
export interface LiveSubscription<T> {
  readonly name: string;
  /** Data payloads (the `data` of every `next` message that had data). */
  readonly items: T[];
  /** Errors: those carried by `next` payloads and those of an `error` message, in arrival order. */
  readonly errors: GraphqlError[];
  /** The subscription ended (complete, error, or its socket closed). */
  readonly ended: boolean;
  /**
   * Resolves when `predicate(this)` holds; rejects after `timeoutMs`, or at once when the subscription
   * got an error or ended and the predicate still does not hold (so waiting for an error works too).
   */
  waitFor(predicate: (s: LiveSubscription<T>) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Waits until an item matches, resolves with it. */
  waitForItem(predicate: (item: T) => boolean, timeoutMs?: number, what?: string): Promise<T>;
  /** Waits until the subscription has ended. */
  waitForEnd(timeoutMs?: number): Promise<void>;
  /** Stops the subscription (sends `complete`). */
  dispose(): void;
}

export interface WsTestClient {
  readonly client: Client;
  /** The first close of the socket, once it happened. */
  readonly closeInfo: CloseInfo | undefined;
  /** The socket was acknowledged (connection_ack received). */
  readonly connected: boolean;
  subscribe<T, V>(doc: TypedDocumentNode<T, V>, variables?: V, name?: string): LiveSubscription<T>;
  /** Resolves once connection_ack arrived; rejects if the socket closes first. */
  waitConnected(timeoutMs?: number): Promise<void>;
  /** Resolves with the close event (code and reason) of the socket. */
  waitClosed(timeoutMs?: number): Promise<CloseInfo>;
  /** Closes the socket (code 1000) and stops every subscription. */
  dispose(): Promise<void>;
}

const DEFAULT_TIMEOUT = 10_000;

export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/**
 * A graphql-ws client that connects at once (not lazily), never retries (so close codes are observable),
 * and authenticates with `connectionParams.authorization`.
 */
export function connectWs(httpUrl: string, key: string | undefined): WsTestClient {
  const waiters = new Waiters();
  let closeInfo: CloseInfo | undefined;
  let connected = false;
  const client = createClient({
    url: wsUrlOf(httpUrl),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    shouldRetry: () => false,
    connectionParams: key === undefined ? {} : { authorization: key },
    onNonLazyError: () => {}, // observed through `closed` instead of console noise
    on: {
      connected: () => {
        connected = true;
        waiters.notify();
      },
      closed: (event) => {
        const e = event as { code?: number; reason?: string | Buffer };
        if (!closeInfo) closeInfo = { code: e.code ?? -1, reason: String(e.reason ?? ''), at: Date.now() };
        waiters.notify();
      },
    },
  });

  const subscribe = <T, V>(doc: TypedDocumentNode<T, V>, variables?: V, name = 'subscription'): LiveSubscription<T> => {
    const items: T[] = [];
    const errors: GraphqlError[] = [];
    let ended = false;
    const unsubscribe = client.subscribe<T>(
      { query: print(doc), variables: (variables ?? {}) as Record<string, unknown> },
      {
        next: (value) => {
          if (value.errors?.length) errors.push(...(value.errors as GraphqlError[]));
          if (value.data) items.push(value.data as T);
          waiters.notify();
        },
        error: (err) => {
          if (Array.isArray(err)) errors.push(...(err as GraphqlError[]));
          else if (err instanceof Error) errors.push({ message: err.message });
          else {
            const e = err as { code?: number; reason?: string };
            errors.push({ message: `socket closed ${e?.code ?? ''} ${e?.reason ?? ''}`.trim(), extensions: { closeCode: e?.code } });
          }
          ended = true;
          waiters.notify();
        },
        complete: () => {
          ended = true;
          waiters.notify();
        },
      },
    );
    const sub: LiveSubscription<T> = {
      name,
      items,
      errors,
      get ended() {
        return ended;
      },
      waitFor: (predicate, timeoutMs = DEFAULT_TIMEOUT, what = 'a condition') =>
        waiters.until(
          () => {
            if (predicate(sub)) return true;
            // What can no longer come is reported at once rather than as a timeout.
            if (errors.length) throw new Error(`${name}: got errors while waiting for ${what}: ${JSON.stringify(errors)}`);
            if (ended) throw new Error(`${name}: ended while waiting for ${what} (close=${JSON.stringify(closeInfo)})`);
            return false;
          },
          timeoutMs,
          () => `${name}: ${what} (have ${items.length} items, ${errors.length} errors, ended=${ended}, close=${JSON.stringify(closeInfo)})`,
        ),
      waitForItem: async (predicate, timeoutMs = DEFAULT_TIMEOUT, what = 'a matching item') => {
        await sub.waitFor((s) => s.items.some(predicate), timeoutMs, what);
        return items.find(predicate)!;
      },
      waitForEnd: (timeoutMs = DEFAULT_TIMEOUT) =>
        waiters.until(() => ended, timeoutMs, () => `${name} to end (have ${items.length} items)`),
      dispose: () => unsubscribe(),
    };
    return sub;
  };

  return {
    client,
    get closeInfo() {
      return closeInfo;
    },
    get connected() {
      return connected;
    },
    subscribe,
    waitConnected: (timeoutMs = DEFAULT_TIMEOUT) =>
      waiters.until(
        () => {
          if (connected) return true;
          if (closeInfo) throw new Error(`socket closed before connection_ack: ${closeInfo.code} ${closeInfo.reason}`);
          return false;
        },
        timeoutMs,
        () => 'connection_ack',
      ),
    waitClosed: async (timeoutMs = DEFAULT_TIMEOUT) => {
      await waiters.until(() => closeInfo !== undefined, timeoutMs, () => 'the socket to close');
      return closeInfo!;
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}

/** A raw graphql-transport-ws message as received. */
export interface RawMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/**
 * A bare `graphql-transport-ws` socket (no graphql-ws client) whose reading can be paused at the TCP
 * level: while paused, nothing is read from the kernel, so the server's sends back up like those of a
 * slow consumer.
 */
export interface RawWsClient {
  readonly socket: WebSocket;
  readonly messages: RawMessage[];
  readonly closeInfo: CloseInfo | undefined;
  subscribe(id: string, query: string | DocumentNode, variables?: Record<string, unknown>): void;
  /** Stops reading from the TCP socket. */
  pause(): void;
  /** Reads again. */
  resume(): void;
  waitFor(predicate: (messages: RawMessage[]) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  /** Closes (resuming reading first; terminates if the close handshake does not finish in 2 s). */
  close(): Promise<void>;
}

/** Opens a raw socket and completes the connection_init / connection_ack handshake. */
export async function connectRawWs(httpUrl: string, key: string, timeoutMs = DEFAULT_TIMEOUT): Promise<RawWsClient> {
  const waiters = new Waiters();
  const messages: RawMessage[] = [];
  let closeInfo: CloseInfo | undefined;
  let acked = false;
  const socket = new WebSocket(wsUrlOf(httpUrl), 'graphql-transport-ws');
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as RawMessage;
    if (msg.type === 'connection_ack') acked = true;
    else if (msg.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    else messages.push(msg);
    waiters.notify();
  });
  socket.on('close', (code, reason) => {
    closeInfo ??= { code, reason: reason.toString(), at: Date.now() };
    waiters.notify();
  });
  socket.on('error', () => waiters.notify());
  socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: key } })));
  await waiters.until(
    () => {
      if (closeInfo) throw new Error(`raw socket closed during handshake: ${closeInfo.code} ${closeInfo.reason}`);
      return acked;
    },
    timeoutMs,
    () => 'connection_ack on the raw socket',
  );
  const tcp = () => (socket as unknown as { _socket: import('node:net').Socket })._socket;
  return {
    socket,
    messages,
    get closeInfo() {
      return closeInfo;
    },
    subscribe: (id, query, variables = {}) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: typeof query === 'string' ? query : print(query), variables } })),
    pause: () => tcp().pause(),
    resume: () => tcp().resume(),
    waitFor: (predicate, timeoutMs = DEFAULT_TIMEOUT, what = 'a condition') =>
      waiters.until(() => predicate(messages), timeoutMs, () => `raw socket: ${what} (have ${messages.length} messages, close=${JSON.stringify(closeInfo)})`),
    close: () =>
      new Promise<void>((resolve) => {
        tcp()?.resume(); // a paused socket would never see the server's answer
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        const timer = setTimeout(() => socket.terminate(), 2_000);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        if (socket.readyState !== WebSocket.CLOSING) socket.close(1000);
      }),
  };
}
