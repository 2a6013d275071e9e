/**
 * Streaming CSV feed parsing (MISP "csv" feeds): 1-based value columns, any one-character delimiter (tab too),
 * rows starting with `#` skipped (abuse.ch banners and commented headers), quoted cells, ragged rows, BOM, blank
 * lines; an optional header row detected automatically. Built on csv-parse's streaming parser: records are
 * pulled one at a time with back-pressure, so memory stays flat however long the feed is.
 */
import { pipeline, Readable } from 'node:stream';
import { parse, CsvError, type Options as CsvParseOptions } from 'csv-parse';
import { classifyToken, detectIndicators, refang, type DetectedIndicator } from './freetext';
import { FeedFormatError } from './misp-fields';

export interface CsvFeedOptions {
  /** 1-based columns holding values; empty means column 1 (MISP's default). */
  valueColumns: readonly number[];
  /** One character; default ','. The two-character text "\t" (as MISP stores it) means a tab. */
  delimiter?: string;
  /** Values matching this are dropped (MISP's "exclude regex"). */
  excludeRegex?: RegExp;
  /**
   * `true`: the first record is a header; `false`: there is none; `'auto'` (default): the first record is a header
   * when every cell looks like a column label (`dst_ip`, `first_seen_utc`) and no value cell holds an indicator.
   */
  skipHeader?: 'auto' | boolean;
}

export interface CsvFeedRow {
  /** Line number (1-based) where the record ends in the source. */
  line: number;
  /** The trimmed, non-empty, not excluded cells of the value columns, in `valueColumns` order. */
  values: string[];
}

/** The delimiter to use for a MISP setting: '' → ',', '\\t' → tab. Throws FeedFormatError when unusable. */
export function resolveDelimiter(delimiter: string | undefined): string {
  if (delimiter === undefined || delimiter === '') return ',';
  if (delimiter === '\\t' || delimiter === 'tab') return '\t';
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new FeedFormatError(`CSV delimiter must be a single character other than a quote or newline`, {
      field: 'delimiter',
      value: delimiter,
    });
  }
  return delimiter;
}

/** Parses MISP's value setting ("2", "3,4", "") into 1-based column numbers. */
export function parseValueColumns(setting: string | number | null | undefined): number[] {
  if (setting === null || setting === undefined || String(setting).trim() === '') return [];
  return String(setting)
    .split(',')
    .map((part) => {
      const t = part.trim();
      if (!/^\d+$/.test(t) || Number(t) < 1) {
        throw new FeedFormatError('CSV value columns must be 1-based column numbers', { field: 'value', value: setting });
      }
      return Number(t);
    });
}

/**
 * A PHP/PCRE-style "/pattern/flags" (as MISP stores excluderegex) or a bare pattern as a RegExp; null when blank.
 * Throws FeedFormatError for a pattern JavaScript cannot compile.
 */
export function parseExcludeRegex(setting: string | null | undefined): RegExp | null {
  const text = setting?.trim();
  if (!text) return null;
  const m = /^([/#~@%!|])(.*)\1([a-zA-Z]*)$/s.exec(text);
  const source = m ? m[2] : text;
  const flags = m ? [...new Set(m[3].toLowerCase())].filter((f) => 'imsu'.includes(f)).join('') : '';
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw new FeedFormatError(`exclude regex does not compile: ${(e as Error).message}`, {
      field: 'excluderegex',
      value: setting,
    });
  }
}

const HEADER_CELL = /^[A-Za-z][A-Za-z0-9_ ./()-]*$/;

function looksLikeHeader(record: string[], columns: readonly number[]): boolean {
  const cells = record.map((c) => c.trim()).filter(Boolean);
  if (cells.length === 0 || !cells.every((c) => HEADER_CELL.test(c))) return false;
  return columns.every((c) => {
    const cell = record[c - 1]?.trim();
    return !cell || classifyToken(refang(cell)) === null;
  });
}

function matches(regex: RegExp | undefined, value: string): boolean {
  if (!regex) return false;
  regex.lastIndex = 0;
  return regex.test(value);
}

/**
 * Streams the value cells of a CSV feed, one row at a time. Rows without any value left are not yielded.
 * Malformed CSV (e.g. a quote never closed) ends the stream with a FeedFormatError naming the line.
 */
export async function* parseCsvFeed(
  input: Readable | AsyncIterable<Buffer | string>,
  opts: CsvFeedOptions,
): AsyncGenerator<CsvFeedRow> {
  const columns = opts.valueColumns.length > 0 ? [...opts.valueColumns] : [1];
  for (const c of columns) {
    if (!Number.isInteger(c) || c < 1) {
      throw new FeedFormatError('CSV value columns must be 1-based column numbers', { field: 'valueColumns', value: c });
    }
  }
  const options: CsvParseOptions = {
    delimiter: resolveDelimiter(opts.delimiter),
    bom: true,
    comment: '#',
    comment_no_infix: true, // only a "#" that starts a line starts a comment ("http://x/#frag" is a value)
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
    trim: true, // also lets `", "`-separated quoted cells (ThreatFox, MalwareBazaar) parse
    info: true,
  };
  const parser = parse(options);
  const source = input instanceof Readable ? input : Readable.from(input, { objectMode: false });
  let failure: unknown = null;
  pipeline(source, parser, (err) => {
    if (err && (err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') failure = err;
  });
  let headerPending = opts.skipHeader !== false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (headerPending) {
        headerPending = false;
        if (opts.skipHeader === true || looksLikeHeader(record, columns)) continue;
      }
      const values: string[] = [];
      for (const c of columns) {
        const cell = record[c - 1]?.trim();
        if (cell && !matches(opts.excludeRegex, cell)) values.push(cell);
      }
      if (values.length > 0) yield { line: info.lines, values };
    }
  } catch (e) {
    throw toFormatError(e);
  } finally {
    if (!parser.destroyed) parser.destroy();
  }
  if (failure) throw toFormatError(failure);
}

function toFormatError(e: unknown): unknown {
  if (e instanceof CsvError) {
    const line = (e as CsvError & { lines?: number }).lines;
    return new FeedFormatError(`malformed CSV${line ? ` at line ${line}` : ''}: ${e.message}`, {
      field: 'csv',
      value: line,
      cause: e,
    });
  }
  return e;
}

/**
 * The attribute type of one CSV value (feeds usually carry one indicator per column): the first indicator the
 * freetext detector finds in it, with its normal form; null when there is none.
 */
export function typeCsvValue(value: string): DetectedIndicator | null {
  const whole = classifyToken(refang(value.trim()));
  if (whole) return whole;
  for (const hit of detectIndicators(value)) return hit;
  return null;
}
