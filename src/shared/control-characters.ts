/**
 * Control characters in text input (DESIGN §10: "control characters in text refused").
 *
 * No text we store or send on needs a C0 control character (U+0000–U+001F): NUL breaks SQL text on
 * SQLite and C strings everywhere, the others are invisible, forge log lines and confuse exports. Text
 * that is multi-line by nature may keep tab, line feed and carriage return; single-line text (names,
 * tag names, ids, urls, headers, filters) refuses them all.
 *
 * Which text is which is decided by the field's name, in one place, so that every input path (GraphQL
 * arguments, feeds, sync) applies the same rule; a field not listed is single-line, the safe default.
 * Event report `content` is markdown (multi-line by nature).
 * Attribute values are listed as multi-line here because some types (text, yara, snort…) are;
 * `normaliseAttributeValue` refuses line breaks for the types that are single-line.
 */
import { badInput } from './errors';

/** Field names whose text may span lines (tab, LF and CR allowed). */
const MULTI_LINE_FIELDS: ReadonlySet<string> = new Set(['comment', 'description', 'value', 'content', 'pushRules', 'pullRules']);

const ANY_C0 = /[\u0000-\u001f]/;
const C0_BUT_TAB_LF_CR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/** The first control character `text` may not hold (multi-line text keeps \t \n \r), or null. */
export function forbiddenControlCharacter(text: string, multiLine: boolean): string | null {
  const m = (multiLine ? C0_BUT_TAB_LF_CR : ANY_C0).exec(text);
  return m ? m[0] : null;
}

/** `U+0000` for a character. */
export const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The last name of a path such as `input.attributes[2].comment` (`comment`). */
function fieldNameOf(path: string): string {
  const last = path.replace(/\[\d+\]$/g, '').split('.').pop() ?? '';
  return last.replace(/\[\d+\]/g, '');
}

/** The message for a refused text: names the field and the character, never echoes the text. */
const controlCharacterMessage = (path: string, ch: string) => `${path} contains a control character (${codePoint(ch)})`;

/**
 * The first string under `value` (walking objects and lists) holding a control character its field
 * may not hold, as `{ path, char }`; null when all text is clean. `path` names the root.
 */
export function findControlCharacter(value: unknown, path: string): { path: string; char: string } | null {
  // The walk carries the field name (what fieldNameOf would read off the path: an element of a list
  // has its list's field, a property its own key's) and the path's segments; the path text is only
  // written for the string found (a bulk argument holds thousands of strings, nearly always clean).
  const segments: Array<string | number> = [];
  const walk = (v: unknown, field: string): string | null => {
    if (typeof v === 'string') return forbiddenControlCharacter(v, MULTI_LINE_FIELDS.has(field));
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        segments.push(i);
        const ch = walk(v[i], field);
        if (ch) return ch;
        segments.pop();
      }
      return null;
    }
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      for (const k of Object.keys(v)) {
        segments.push(k);
        const ch = walk((v as Record<string, unknown>)[k], keyFieldName(k));
        if (ch) return ch;
        segments.pop();
      }
    }
    return null;
  };
  const char = walk(value, fieldNameOf(path));
  if (!char) return null;
  let at = path;
  for (const s of segments) at = typeof s === 'number' ? `${at}[${s}]` : at ? `${at}.${s}` : s;
  return { path: at, char };
}

/** fieldNameOf of a path ending in property `key`: the key's own (a plain key, nearly always, is itself). */
const keyFieldName = (key: string): string => (key.includes('.') || key.includes('[') ? fieldNameOf(key) : key);

/** Throws BAD_USER_INPUT naming the field when any text under `value` holds a forbidden control character. */
export function refuseControlCharacters(value: unknown, path: string): void {
  const found = findControlCharacter(value, path);
  if (found) throw badInput(controlCharacterMessage(found.path, found.char), { field: found.path });
}

/**
 * GraphQL field extension (`@Extensions(TEXT_CHECKED_BY_SERVICE)`) for an operation whose service checks
 * the text of its arguments itself, value by value (the sync push: one bad attribute is left out and
 * counted; it does not refuse the whole batch).
 */
export const TEXT_CHECKED_BY_SERVICE = { textCheckedByService: true } as const;
