import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interopProblems } from '../support/stix-interop';
import { clusterToStix } from '../../src/modules/export/stix/stix-galaxy';
import { tlpsOf } from '../../src/modules/export/stix/stix-common';

/** The interop checks themselves, on the validator's own interop test cases (interop_tests.py shapes). */
const producer = { type: 'identity', spec_version: '2.1', id: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', created_by_ref: 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff', created: '2016-05-12T08:17:27.000Z', modified: '2016-05-12T08:17:27.000Z', name: 'p', identity_class: 'organization' };
const campaign = { type: 'campaign', spec_version: '2.1', id: 'campaign--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', created: '2016-05-12T08:17:27.000Z', modified: '2016-05-12T08:17:27.000Z', name: 'Spear Phishing' };

test('interop: created_by_ref on every SDO, naming a producer identity of the bundle that has its own', () => {
  assert.deepEqual(interopProblems({ objects: [producer, { ...campaign, created_by_ref: producer.id }] }), []);
  assert.match(interopProblems({ objects: [producer, campaign] })[0].message, /not present/);
  const bare = { ...producer, created_by_ref: undefined };
  const problems = interopProblems({ objects: [bare, { ...campaign, created_by_ref: producer.id }] }).map((p) => p.message);
  assert.ok(problems.some((m) => m.includes('missing the property created_by_ref')), problems.join('; '));
  assert.match(interopProblems({ objects: [{ ...campaign, created_by_ref: producer.id }] })[0].message, /not found in bundle/);
});

test('interop: at most one TLP marking per object; required properties per type', () => {
  const marked = { ...campaign, created_by_ref: producer.id, object_marking_refs: ['marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'] };
  assert.equal(interopProblems({ objects: [producer, marked] })[0].rule, 'tlp-markings');
  const indicator = { type: 'indicator', spec_version: '2.1', id: 'indicator--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0062', created_by_ref: producer.id, created: '2016-05-12T08:17:27.000Z', modified: '2016-05-12T08:17:27.000Z', pattern: "[ipv4-addr:value = '1.2.3.4']", pattern_type: 'stix', valid_from: '2016-05-12T08:17:27.000Z' };
  assert.deepEqual(interopProblems({ objects: [producer, indicator] }).map((p) => p.message), ["'name' is a required property (interop indicator)", "'indicator_types' is a required property (interop indicator)"]);
});

test('the mapping: one TLP (the strictest) per object; cluster SDOs carry the interop types and kill-chain phases MISP gives', () => {
  assert.deepEqual(tlpsOf([{ name: 'tlp:green' }, { name: 'tlp:amber' }, { name: 'tlp:white' }]), ['amber']);
  assert.deepEqual(tlpsOf([{ name: 'other' }]), []);
  const base = { uuid: '6a2f5f8c-0d3e-4b5a-9a1e-0b7f0c0a1b2c', tagName: 't', value: 'v', description: null, galaxy: {}, createdAt: new Date('2020-01-01T00:00:00Z') };
  const ap = clusterToStix({ ...base, type: 'mitre-attack-pattern', meta: { external_id: ['T1566'], kill_chain: ['mitre-attack:enterprise-attack:initial-access', 'mitre-attack:initial-access'] } }, producer.id);
  assert.deepEqual(ap.kill_chain_phases, [{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }]);
  const problems = interopProblems({ objects: [producer, ap, clusterToStix({ ...base, type: 'tool', meta: {} }, producer.id), clusterToStix({ ...base, uuid: '6a2f5f8c-0d3e-4b5a-9a1e-0b7f0c0a1b2d', type: 'ransomware', meta: {} }, producer.id)] });
  assert.deepEqual(problems.map((p) => p.message), [
    "'first_seen' is a required property (interop malware)",
    "'last_seen' is a required property (interop malware)",
    "'architecture_execution_envs' is a required property (interop malware)",
    "'implementation_languages' is a required property (interop malware)",
    "'capabilities' is a required property (interop malware)",
  ]);
});
