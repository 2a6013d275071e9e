import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mispFeedFile, ruleRefusal } from '../../src/modules/feed/feed-misp';
import { FeedRules } from '../../src/modules/feed/feed.types';

const rules = (r: Partial<FeedRules>) => Object.assign(new FeedRules(), r);
const org = { uuid: '5f6d7e8f-0000-4000-8000-000000000001', name: 'CIRCL' };

test('ruleRefusal: empty rules take everything; block wins; allow lists need a match (case-insensitive, org by uuid or name)', () => {
  const cases: Array<[Partial<FeedRules>, string[], typeof org | undefined, RegExp | null]> = [
    [{}, [], undefined, null],
    [{}, ['tlp:white'], org, null],
    [{ tagsBlock: ['TLP:RED'] }, ['tlp:red', 'apt'], org, /tag "tlp:red" is blocked/],
    [{ tagsAllow: ['apt'] }, ['APT'], org, null],
    [{ tagsAllow: ['apt'] }, ['crime'], org, /no allowed tag/],
    [{ tagsAllow: ['apt'], tagsBlock: ['apt'] }, ['apt'], org, /blocked/],
    [{ orgsAllow: ['circl'] }, [], org, null],
    [{ orgsAllow: [org.uuid.toUpperCase()] }, [], org, null],
    [{ orgsAllow: ['other'] }, [], org, /not allowed/],
    [{ orgsAllow: ['circl'] }, [], undefined, /not allowed/],
    [{ orgsBlock: ['CIRCL'] }, ['apt'], org, /creator organisation "circl" is blocked/],
  ];
  for (const [r, tags, orgc, expected] of cases) {
    const got = ruleRefusal(rules(r), tags, orgc);
    if (expected === null) assert.equal(got, null, JSON.stringify([r, tags]));
    else assert.match(got ?? '', expected, JSON.stringify([r, tags]));
  }
});

test('mispFeedFile: the feed url is a directory (trailing slash optional), for http, file:// and paths', () => {
  assert.equal(mispFeedFile('https://example.org/feeds/osint', 'manifest.json'), 'https://example.org/feeds/osint/manifest.json');
  assert.equal(mispFeedFile('https://example.org/feeds/osint/', 'x.json'), 'https://example.org/feeds/osint/x.json');
  assert.equal(mispFeedFile('file:///srv/feed', 'manifest.json'), 'file:///srv/feed/manifest.json');
  assert.equal(mispFeedFile('/srv/feed/', 'manifest.json'), '/srv/feed/manifest.json');
});
