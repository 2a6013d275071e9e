import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

/**
 * docker-compose.yml and deploy/haproxy.cfg as their own tools read them (issue 17): Debian's
 * `docker-compose config` (no Docker daemon needed) and `haproxy -c`. .ci/run installs both.
 */

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const KEYS = { ADMIN_API_KEY: 'a'.repeat(40), PEER_SECRET_KEY: 'p'.repeat(40) };

function compose(args: string[], env: Record<string, string>) {
  return spawnSync('docker-compose', args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
}

interface Mount {
  type: string;
  source: string;
  target: string;
}

/** docker-compose v1 prints the short form "source:target[:mode]"; newer ones the long form. */
const mounts = (s: Service): Mount[] =>
  (s.volumes ?? []).map((v) => {
    if (typeof v !== 'string') return v;
    const [source, target] = v.split(':');
    return { type: source.startsWith('/') || source.startsWith('.') ? 'bind' : 'volume', source, target };
  });

interface Service {
  image?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  volumes?: Array<string | Mount>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

/** The normalized configuration, as JSON (docker-compose depends on python3-yaml, so it is there too). */
function resolved(profile: string): Record<string, Service> {
  const out = compose(['--profile', profile, 'config'], KEYS);
  assert.equal(out.status, 0, out.stderr);
  const json = spawnSync('python3', ['-c', 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], { input: out.stdout, encoding: 'utf8' });
  assert.equal(json.status, 0, json.stderr);
  return (JSON.parse(json.stdout) as { services: Record<string, Service> }).services;
}

describe('docker-compose.yml (docker-compose config)', { skip: !has('docker-compose') && 'docker-compose is not installed (apt-get install docker-compose; .ci/run does)' }, () => {
  test('ADMIN_API_KEY and PEER_SECRET_KEY are both required', () => {
    for (const missing of ['ADMIN_API_KEY', 'PEER_SECRET_KEY'] as const) {
      const env: Record<string, string> = { ...KEYS };
      delete env[missing];
      const r = compose(['config', '-q'], env);
      assert.notEqual(r.status, 0, `config passed without ${missing}`);
      assert.match(r.stderr, new RegExp(`set ${missing} \\(at least 32`));
    }
    assert.equal(compose(['config', '-q'], KEYS).status, 0);
  });

  test('every hub keeps its data in its own volume and has a readiness health check', () => {
    for (const profile of ['replicas', 'federation']) {
      const services = resolved(profile);
      const hubs = Object.entries(services).filter(([, s]) => s.image === 'threatmesh:local');
      assert.ok(hubs.length >= 2, profile);
      const volumes = hubs.map(([name, s]) => {
        const data = mounts(s).find((v) => v.target === '/app/data');
        assert.ok(data && data.type === 'volume', `${name}: no volume at /app/data`);
        assert.match(JSON.stringify(s.healthcheck?.test), /\/readyz/, `${name}: health check`);
        return data!.source;
      });
      assert.equal(new Set(volumes).size, volumes.length, `${profile}: hubs share a data volume`);
    }
  });

  test('the replicas profile: two replicas of one hub (same database, Redis and keys) behind HAProxy, with health checks', () => {
    const s = resolved('replicas');
    const same = ['DATABASE_URL', 'REDIS_URL', 'ADMIN_API_KEY', 'PEER_SECRET_KEY'];
    for (const k of same) assert.equal(s['hub-2'].environment?.[k], s.hub.environment?.[k], k);
    assert.equal(s.hub.environment?.PEER_SECRET_KEY, KEYS.PEER_SECRET_KEY);
    assert.match(s.hub.environment!.DATABASE_URL, /^mariadb:\/\/.*@mariadb:3306\//);
    assert.equal(s.hub.environment!.REDIS_URL, 'redis://redis:6379');
    assert.deepEqual(s['hub-2'].depends_on?.hub, { condition: 'service_healthy' }, 'the second replica starts once the first has migrated');
    assert.deepEqual(s['hub-2'].profiles, ['replicas']);
    assert.deepEqual(s.lb.profiles, ['replicas']);
    assert.match(s.lb.image!, /^haproxy:\d/);
    assert.ok(s.lb.healthcheck?.test.join(' ').includes('/lb-health'));
    assert.ok(mounts(s.lb).some((v) => v.target === '/usr/local/etc/haproxy/haproxy.cfg' && v.source === join(REPO_ROOT, 'deploy/haproxy.cfg')));
    assert.deepEqual(Object.keys(s.lb.depends_on ?? {}).sort(), ['hub', 'hub-2']);

    // The proxy balances exactly these two replicas, checks /readyz, and its configuration is valid.
    const cfg = readFileSync(join(REPO_ROOT, 'deploy/haproxy.cfg'), 'utf8');
    assert.deepEqual([...cfg.matchAll(/^\s*server (\S+) (\S+):4000 check$/gm)].map((m) => [m[1], m[2]]), [['hub', 'hub'], ['hub-2', 'hub-2']]);
    assert.match(cfg, /option httpchk GET \/readyz/);
    assert.match(cfg, /monitor-uri \/lb-health/);
    if (existsSync('/usr/sbin/haproxy')) {
      const check = spawnSync('/usr/sbin/haproxy', ['-c', '-f', join(REPO_ROOT, 'deploy/haproxy.cfg')], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
    }
  });
});
