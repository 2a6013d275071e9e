import { Role } from '../shared/enums';

/**
 * Who is acting. Built once per request (HTTP), per socket (WebSocket) or per job, then passed down
 * explicitly. `sharingGroupIds` is the set of sharing groups the actor's organisation is a member of on
 * this hub, resolved at authentication time.
 */
export type Actor = UserActor | SystemActor;

export interface UserActor {
  readonly kind: 'user';
  readonly userId: number;
  readonly userUuid: string;
  readonly orgId: number;
  readonly orgUuid: string;
  readonly role: Role;
  readonly apiKeyId: number;
  readonly sharingGroupIds: ReadonlySet<number>;
}

/** Internal work (bootstrap, migrations, jobs acting as the hub): unrestricted. */
export interface SystemActor {
  readonly kind: 'system';
  readonly orgId: number | null;
}

export const isSiteAdmin = (a: Actor): boolean => a.kind === 'system' || a.role === Role.ADMIN;
