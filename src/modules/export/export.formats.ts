/**
 * The export formats by name: content type, extension, defaults and writer of each. The writers live in one
 * file per format family (export-lines, export-rules, export-stix, export-misp) behind the contract of
 * export-writer.ts.
 */
import { ExportWriter, ExportWriterOptions } from './export-writer';
import { csvWriter, textWriter } from './export-lines';
import { RULE_TYPES, rulesWriter } from './export-rules';
import { stixWriter } from './export-stix';
import { mispJsonWriter } from './export-misp';

export interface ExportFormatInfo {
  name: ExportFormatName;
  contentType: string;
  extension: string;
  /** Restrictive formats default to toIds=true and published=true (what MISP users expect of IDS exports). */
  restrictive: boolean;
  /** Attribute types the format can express (null: all). */
  types: readonly string[] | null;
  create(opts: ExportWriterOptions): ExportWriter;
}

export const EXPORT_FORMATS = ['csv', 'text', 'suricata', 'snort', 'stix2', 'misp-json'] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

const FORMAT_INFO: Record<ExportFormatName, Omit<ExportFormatInfo, 'name'>> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', restrictive: false, types: null, create: () => csvWriter() },
  text: { contentType: 'text/plain; charset=utf-8', extension: 'txt', restrictive: true, types: null, create: () => textWriter() },
  suricata: { contentType: 'text/plain; charset=utf-8', extension: 'rules', restrictive: true, types: RULE_TYPES, create: (o) => rulesWriter('suricata', o) },
  snort: { contentType: 'text/plain; charset=utf-8', extension: 'rules', restrictive: true, types: RULE_TYPES, create: (o) => rulesWriter('snort', o) },
  stix2: { contentType: 'application/stix+json; version=2.1', extension: 'json', restrictive: false, types: null, create: (o) => stixWriter(o) },
  'misp-json': { contentType: 'application/json; charset=utf-8', extension: 'json', restrictive: false, types: null, create: () => mispJsonWriter() },
};

/** The format of that name, or null (the caller answers BAD_USER_INPUT naming it). */
export function exportFormat(name: string): ExportFormatInfo | null {
  return (EXPORT_FORMATS as readonly string[]).includes(name) ? { name: name as ExportFormatName, ...FORMAT_INFO[name as ExportFormatName] } : null;
}
