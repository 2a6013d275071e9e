import type { Capability } from '../../auth/capabilities';
import type { Scope } from '../../graphql/scope';

/** One request as a MISP route sees it: CakePHP positional arguments and `/key:value` named parameters. */
export interface MispRequest {
  scope: Scope;
  method: string;
  /** Positional path arguments after controller/action (decoded, `+` as space). */
  args: string[];
  /** CakePHP named parameters (`/key:value` path segments); a list key (`deleted[]:0/deleted[]:1`) keeps its last value here. */
  named: Record<string, string>;
  /** Every value of each list named parameter (`deleted[]:0/deleted[]:1` → deleted: ['0', '1']). */
  namedLists: Record<string, string[]>;
  /** A request header (lower-case name), when sent. */
  header(name: string): string | undefined;
  /** The JSON body (undefined when none was sent). */
  body: unknown;
  /** The path as MISP reports it in error bodies (`url`). */
  url: string;
}

/** A JSON answer, or a streamed one (restSearch exports). */
export type MispReply =
  | { status?: number; json: unknown; headers?: Record<string, string> }
  | { status?: number; contentType: string; body: AsyncGenerator<string>; headers?: Record<string, string> };

export interface MispRoute {
  methods: ReadonlyArray<'GET' | 'POST' | 'PUT' | 'DELETE'>;
  /** `controller/action` then `{arg}` (required) or `{arg?}` (optional) segments, as in MISP's docs. */
  path: string;
  summary: string;
  /** The capability gate of the matching GraphQL mutation (auth/capabilities.ts), checked before the handler. */
  capability?: Capability;
  /** Request body (JSON) described for the OpenAPI document, if any. */
  body?: string;
  handle(req: MispRequest): Promise<MispReply>;
}
