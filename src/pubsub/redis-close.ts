import type Redis from 'ioredis';

/**
 * Closes an ioredis client without hanging or leaking a rejection: a ready client is asked to QUIT (at
 * most a second: a frozen connection never answers), then the socket is dropped whatever happened.
 * Errors after this are expected and silenced.
 */
export async function closeRedis(client: Redis): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => {}); // stay silent while shutting down
  if (client.status === 'ready') {
    // The disconnect below rejects a QUIT still pending: that rejection is expected.
    const quitting = client.quit();
    quitting.catch(() => {});
    await Promise.race([quitting, new Promise((r) => setTimeout(r, 1_000).unref())]).catch(() => {});
  }
  client.disconnect();
}
