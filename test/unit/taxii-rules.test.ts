import 'reflect-metadata';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UserActor } from '../../src/auth/actor';
import { Role } from '../../src/shared/enums';
import { canManageTaxiiCollections } from '../../src/auth/policy';
import { checkMatch, decodeCursor, encodeCursor } from '../../src/modules/taxii/taxii.service';

const actor = (role: UserActor['role']): UserActor => ({ kind: 'user', userId: 1, userUuid: 'u', orgId: 1, orgUuid: 'o', role, apiKeyId: 1, sharingGroupIds: new Set() });

describe('TAXII rules', () => {
  test('only site admins manage collections', () => {
    const table: Array<[UserActor['role'], boolean]> = [
      [Role.ADMIN, true],
      [Role.ORG_ADMIN, false],
      [Role.PUBLISHER, false],
      [Role.USER, false],
      [Role.SYNC_USER, false],
      [Role.READ_ONLY, false],
    ];
    for (const [role, allowed] of table) assert.equal(canManageTaxiiCollections(actor(role)), allowed, role);
  });

  test('cursors: opaque, round-trip exactly (millisecond, kind, id, skip), anything else is a 400 naming it', () => {
    const c = { pos: { at: Date.parse('2030-01-01T00:00:00.123Z'), kind: 3, id: 123456 }, skip: 7 };
    const s = encodeCursor(c);
    assert.match(s, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(decodeCursor(s), c);
    for (const bad of ['', 'x!y', Buffer.from('1.2').toString('base64url'), Buffer.from('a.b.c').toString('base64url'), Buffer.from('1.9.2.3').toString('base64url'), 'A'.repeat(100)]) {
      assert.throws(() => decodeCursor(bad), (e: { extensions?: { code?: string } }) => e.extensions?.code === 'BAD_USER_INPUT', JSON.stringify(bad));
    }
  });

  test('match values are checked', () => {
    assert.doesNotThrow(() => checkMatch({ id: ['indicator--00000000-0000-4000-8000-000000000000'], type: [], version: ['last', '2024-01-01T00:00:00.000Z'], specVersion: ['2.1'] }));
    assert.throws(() => checkMatch({ id: [], type: [], version: ['yesterday'], specVersion: [] }), /yesterday/);
    assert.throws(() => checkMatch({ id: ['not an id'], type: [], version: [], specVersion: [] }), /not an id/);
  });
});
