import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deliveryShare } from '../../src/server/live-fanout';

/** The hub's own settings (src/server/ws.ts) and the default SUBSCRIPTION_MAX_LAG / LIVE_WRITER_SHARE. */
const opts = { writerShare: 0.03, saturation: 0.5, lagShare: 0.5, itemsPerTurn: 500, maxLag: 10_000 };

test('a trickle (every subscriber within one pass of the head) is delivered at full speed while the writers are not saturated', () => {
  assert.equal(deliveryShare(opts, { duty: 0.2, lag: 20, liveLag: 20 }), 1);
  assert.equal(deliveryShare(opts, { duty: 0.49, lag: 500, liveLag: 500 }), 1);
  assert.equal(deliveryShare(opts, { duty: null, lag: 500, liveLag: 500 }), 1);
});

test('behind saturated writers even a trickle takes only the share they leave', () => {
  assert.equal(deliveryShare(opts, { duty: 0.5, lag: 20, liveLag: 20 }), 0.03);
  assert.equal(deliveryShare(opts, { duty: 0.9, lag: 100, liveLag: 100 }), 0.03);
  // Near the cut-off it still gets lagShare.
  assert.equal(deliveryShare({ ...opts, maxLag: 100 }, { duty: 0.9, lag: 60, liveLag: 60 }), 0.5);
});

test('a burst leaves delivery what the writers do not use, at least writerShare', () => {
  // 10% busy writers: delivery may take 80% of the time.
  assert.ok(Math.abs(deliveryShare(opts, { duty: 0.1, lag: 1_000, liveLag: 1_000 }) - 0.8) < 1e-9);
  assert.ok(Math.abs(deliveryShare(opts, { duty: 0.3, lag: 1_000, liveLag: 1_000 }) - 0.4) < 1e-9);
  assert.equal(deliveryShare(opts, { duty: 0.5, lag: 1_000, liveLag: 1_000 }), 0.03);
  // No measured window yet: the least share.
  assert.equal(deliveryShare(opts, { duty: null, lag: 1_000, liveLag: 1_000 }), 0.03);
});

test('a live subscriber past half of maxLag behind gets at least lagShare, so that writes never get a reader cut off as too slow', () => {
  assert.equal(deliveryShare(opts, { duty: 1, lag: 5_000, liveLag: 5_000 }), 0.03);
  assert.equal(deliveryShare(opts, { duty: 1, lag: 5_001, liveLag: 5_001 }), 0.5);
  // One resuming from an old cursor (not live: never cut off) does not take time from the writers.
  assert.equal(deliveryShare(opts, { duty: 1, lag: 50_000, liveLag: 20 }), 0.03);
  // Never more than all of the time.
  assert.equal(deliveryShare({ ...opts, lagShare: 1 }, { duty: 0, lag: 9_000, liveLag: 9_000 }), 1);
});
