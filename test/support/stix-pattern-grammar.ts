/**
 * A checker of the STIX 2.1 patterning grammar (§9, the ANTLR grammar of oasis-open/cti-stix2-json-schemas
 * written out as a recursive-descent parser): observation expressions in brackets joined by AND / OR /
 * FOLLOWEDBY with qualifiers, comparison expressions joined by AND / OR with NOT and the operators of
 * §9.6, object paths `<sco type>:<property>(.<property>|.'quoted'|[*]|[n])*`, and the literal forms
 * (strings with \' and \\ escapes only, integers, floats, booleans, t'…', h'…', b'…'). It also checks
 * §9.5: comparisons joined by AND in one observation expression name the same object type.
 * No well-kept npm parser exists (npm has none maintained), hence this one.
 */

const SCO_TYPES = new Set([
  'artifact', 'autonomous-system', 'directory', 'domain-name', 'email-addr', 'email-message', 'file', 'ipv4-addr', 'ipv6-addr',
  'mac-addr', 'mutex', 'network-traffic', 'process', 'software', 'url', 'user-account', 'windows-registry-key', 'x509-certificate',
]);

type Tok = { k: 'lb' | 'rb' | 'lp' | 'rp' | 'word' | 'str' | 'num' | 'op' | 'path' | 'typed'; v: string };

function lex(p: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === ' ' || c === '\t' || c === '\n') { i++; continue; }
    if (c === '[') { out.push({ k: 'lb', v: c }); i++; continue; }
    if (c === ']') { out.push({ k: 'rb', v: c }); i++; continue; }
    if (c === '(') { out.push({ k: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ k: 'rp', v: c }); i++; continue; }
    if (c === "'") {
      let j = i + 1;
      let s = '';
      for (; j < p.length && p[j] !== "'"; j++) {
        if (p[j] === '\\') {
          if (p[j + 1] !== "'" && p[j + 1] !== '\\') throw new Error(`bad escape \\${p[j + 1]} at ${j}`);
          s += p[j + 1];
          j++;
        } else s += p[j];
      }
      if (j >= p.length) throw new Error(`unterminated string at ${i}`);
      out.push({ k: 'str', v: s });
      i = j + 1;
      continue;
    }
    const typed = /^([thb])'([^']*)'/.exec(p.slice(i));
    if (typed) {
      if (typed[1] === 't' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(typed[2])) throw new Error(`bad timestamp ${typed[0]}`);
      if (typed[1] === 'h' && !/^([0-9a-fA-F]{2})*$/.test(typed[2])) throw new Error(`bad hex ${typed[0]}`);
      if (typed[1] === 'b' && !/^[A-Za-z0-9+/]*={0,2}$/.test(typed[2])) throw new Error(`bad binary ${typed[0]}`);
      out.push({ k: 'typed', v: typed[0] });
      i += typed[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|=|<|>)/.exec(p.slice(i));
    if (op) { out.push({ k: 'op', v: op[1] }); i += op[1].length; continue; }
    const num = /^[+-]?\d+(\.\d+)?/.exec(p.slice(i));
    if (num) { out.push({ k: 'num', v: num[0] }); i += num[0].length; continue; }
    // An object path: type:prop followed by .prop, .'quoted prop', [*] or [n] (no spaces inside).
    const path = /^([a-z0-9][a-z0-9-]*[a-z0-9]):([a-z0-9_]+)((\.[A-Za-z0-9_]+)|(\.'([^'\\]|\\.)+')|(\[(\*|\d+)\]))*/.exec(p.slice(i));
    if (path) { out.push({ k: 'path', v: path[0] }); i += path[0].length; continue; }
    const word = /^[A-Za-z_]+/.exec(p.slice(i));
    if (word) { out.push({ k: 'word', v: word[0] }); i += word[0].length; continue; }
    throw new Error(`unexpected "${c}" at ${i}`);
  }
  return out;
}

/** Problems of a pattern (empty when it is well-formed). */
export function stixPatternProblems(pattern: string): string[] {
  let toks: Tok[];
  try {
    toks = lex(pattern);
  } catch (e) {
    return [`${pattern}: ${(e as Error).message}`];
  }
  let i = 0;
  const problems: string[] = [];
  const peek = () => toks[i];
  const take = (k: Tok['k'], v?: string) => {
    const t = toks[i];
    if (!t || t.k !== k || (v !== undefined && t.v.toUpperCase() !== v)) throw new Error(`expected ${v ?? k} at token ${i} (${t ? t.v : 'end'})`);
    i++;
    return t;
  };
  const isWord = (v: string) => peek()?.k === 'word' && peek().v.toUpperCase() === v;
  const literal = () => {
    const t = peek();
    if (!t) throw new Error('literal expected at end');
    if (t.k === 'str' || t.k === 'num' || t.k === 'typed') { i++; return; }
    if (t.k === 'word' && /^(true|false)$/i.test(t.v)) { i++; return; }
    throw new Error(`literal expected, got ${t.v}`);
  };
  // Comparison expressions: returns the object types named (for the AND rule).
  const comparison = (): Set<string> => {
    if (peek()?.k === 'lp') {
      take('lp');
      const types = orComparison();
      take('rp');
      return types;
    }
    const path = take('path').v;
    const type = path.slice(0, path.indexOf(':'));
    if (!SCO_TYPES.has(type)) problems.push(`${pattern}: ${type} is not a STIX 2.1 SCO type`);
    if (isWord('NOT')) i++;
    const t = peek();
    if (t?.k === 'op') {
      i++;
      literal();
    } else if (t?.k === 'word' && ['LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET'].includes(t.v.toUpperCase())) {
      i++;
      if (peek()?.k !== 'str') throw new Error(`${t.v} needs a string`);
      i++;
    } else if (t?.k === 'word' && t.v.toUpperCase() === 'IN') {
      i++;
      take('lp');
      literal();
      while (peek()?.k === 'word' && peek().v === ',') i++;
      while (peek() && peek().k !== 'rp') literal();
      take('rp');
    } else throw new Error(`operator expected after ${path}`);
    return new Set([type]);
  };
  const andComparison = (): Set<string> => {
    const types = comparison();
    while (isWord('AND')) {
      i++;
      for (const t of comparison()) types.add(t);
    }
    if (types.size > 1) problems.push(`${pattern}: AND joins comparisons of different object types (${[...types].join(', ')})`);
    return types;
  };
  const orComparison = (): Set<string> => {
    const types = andComparison();
    while (isWord('OR')) {
      i++;
      for (const t of andComparison()) types.add(t);
    }
    return types;
  };
  const observation = () => {
    if (peek()?.k === 'lp') {
      take('lp');
      observationExpressions();
      take('rp');
    } else {
      take('lb');
      orComparison();
      take('rb');
    }
    for (;;) {
      if (isWord('WITHIN')) { i++; take('num'); take('word', 'SECONDS'); }
      else if (isWord('REPEATS')) { i++; take('num'); take('word', 'TIMES'); }
      else if (isWord('START')) { i++; take('typed'); take('word', 'STOP'); take('typed'); }
      else break;
    }
  };
  const observationExpressions = () => {
    observation();
    while (isWord('AND') || isWord('OR') || isWord('FOLLOWEDBY')) {
      i++;
      observation();
    }
  };
  try {
    observationExpressions();
    if (i !== toks.length) throw new Error(`unexpected ${toks[i].v} after the pattern`);
  } catch (e) {
    problems.push(`${pattern}: ${(e as Error).message}`);
  }
  return problems;
}
