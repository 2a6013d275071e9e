/**
 * Start-up failures an operator fixes in the settings: the database, Redis or the listening address cannot
 * be reached or used. They name the setting and the address tried (passwords masked) and the reason in a
 * few words, without a stack trace: `threatmesh serve` prints the one line and exits non-zero.
 */
export class StartupError extends Error {
  constructor(
    /** The environment variable to look at, e.g. DATABASE_URL. */
    readonly setting: string,
    /** What was tried, passwords masked: mariadb://root:***@db:3306/threatmesh, 0.0.0.0:4000. */
    readonly address: string,
    /** Why, in a few words: "connection refused", "access denied for user 'x'@'10.0.0.2'". */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot start: ${setting} ${address}: ${reason}`, options);
    this.name = 'StartupError';
  }
}

export const isStartupError = (e: unknown): e is StartupError => e instanceof StartupError;

/** A URL with its password replaced by *** (user, host, port and path kept); anything else as it is. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Node network errors and MySQL/MariaDB/SQLite connection errors, by code, in an operator's words. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running and listening there?)',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name could not be resolved (DNS)',
  ETIMEDOUT: 'no answer (connection timed out)',
  ER_CONNECTION_TIMEOUT: 'no answer (connection timed out)',
  ER_GET_CONNECTION_TIMEOUT: 'no answer (connection timed out)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  ER_ACCESS_DENIED_ERROR: 'access denied',
  ER_ACCESS_DENIED_NO_PASSWORD_ERROR: 'access denied',
  ER_DBACCESS_DENIED_ERROR: 'access to the database denied',
  ER_BAD_DB_ERROR: 'unknown database',
  ER_HOST_NOT_PRIVILEGED: 'this host may not connect',
  SQLITE_CANTOPEN: 'cannot open the database file',
  SQLITE_READONLY: 'the database file is read-only',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_CORRUPT: 'the database file is corrupt',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a part of the path exists and is not a directory',
  EADDRINUSE: 'address already in use (another process listens on this port)',
  EADDRNOTAVAIL: 'address not available on this machine',
};

/** MySQL/MariaDB server error numbers of the same failures (the mariadb connector's `errno`). */
const ERRNOS: Record<number, string> = { 1044: 'ER_DBACCESS_DENIED_ERROR', 1045: 'ER_ACCESS_DENIED_ERROR', 1049: 'ER_BAD_DB_ERROR', 1130: 'ER_HOST_NOT_PRIVILEGED', 1698: 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR' };

interface CodedError {
  code?: unknown;
  errno?: unknown;
  text?: unknown;
  sqlMessage?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The first error in `e`, its causes and its aggregated errors (a failed dual-stack connect) that has a known code. */
function knownCode(e: unknown, depth = 0): { code: string; error: CodedError } | null {
  if (!e || typeof e !== 'object' || depth > 5) return null;
  const err = e as CodedError;
  if (typeof err.code === 'string' && REASONS[err.code]) return { code: err.code, error: err };
  if (typeof err.errno === 'number' && ERRNOS[err.errno]) return { code: ERRNOS[err.errno], error: err };
  for (const inner of [err.cause, ...(Array.isArray(err.errors) ? err.errors : [])]) {
    const found = knownCode(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * The reason of a connection or listening failure in a few words, or null when `e` is no such failure
 * (a bug, a failed migration: those keep their stack trace). Access errors keep the server's own words,
 * which name the user and the host it saw.
 */
export function connectionFailure(e: unknown): string | null {
  const found = knownCode(e);
  if (!found) return null;
  const reason = REASONS[found.code];
  const serverText = typeof found.error.text === 'string' ? found.error.text : typeof found.error.sqlMessage === 'string' ? found.error.sqlMessage : null;
  if (serverText && /^ER_/.test(found.code)) return `${reason}: ${serverText.split('\n')[0].slice(0, 200)}`;
  return reason;
}

/**
 * Runs one start-up step that reaches out to `address` for `setting`; a connection failure becomes a
 * StartupError naming both. Other errors pass through unchanged (or all of them, with `anyError`, for a
 * step that does nothing but connect, such as the Redis bus).
 */
export async function startupStep<T>(setting: string, address: string, work: () => Promise<T>, opts: { anyError?: boolean } = {}): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isStartupError(e)) throw e;
    const reason = connectionFailure(e) ?? (opts.anyError ? String((e as Error)?.message ?? e).split('\n')[0].slice(0, 300) : null);
    if (reason === null) throw e;
    throw new StartupError(setting, address, reason, { cause: e });
  }
}
