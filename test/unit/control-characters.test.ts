import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findControlCharacter, forbiddenControlCharacter } from '../../src/shared/control-characters';

describe('control characters in text', () => {
  test('single-line text refuses every C0 character; multi-line text keeps tab, LF and CR', () => {
    const table: Array<[string, boolean, string | null]> = [
      ['plain text, ünïcode ✓', false, null],
      ['a\u0000b', false, '\u0000'],
      ['a\u0000b', true, '\u0000'],
      ['a\tb', false, '\t'],
      ['a\tb', true, null],
      ['a\nb\r\n', false, '\n'],
      ['a\nb\r\n', true, null],
      ['a\u000bb', true, '\u000b'],
      ['a\u001bb', true, '\u001b'],
      ['a\u001fb', true, '\u001f'],
      ['a\u007fb', false, null],
    ];
    for (const [text, multiLine, expected] of table) {
      assert.equal(forbiddenControlCharacter(text, multiLine), expected, JSON.stringify([text, multiLine]));
    }
  });

  test('the walk names the first offending field, and the field name decides single- or multi-line', () => {
    const args = { input: { info: 'ok', comment: 'two\nlines', attributes: [{ value: 'x\ny' }, { comment: 'ok', tags: ['a', 'b\nc'] }] } };
    assert.deepEqual(findControlCharacter(args, ''), { path: 'input.attributes[1].tags[1]', char: '\n' });
    assert.deepEqual(findControlCharacter({ name: 'n\u0000' }, 'sg'), { path: 'sg.name', char: '\u0000' });
    assert.equal(findControlCharacter({ description: 'a\r\n\tb', when: new Date(0), n: 1, none: null }, ''), null);
  });
});
