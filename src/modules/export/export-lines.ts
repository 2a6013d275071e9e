/** Line formats: MISP's attribute CSV, and plain values one per line. */
import { ExportWriter } from './export-writer';

/**
 * MISP's attribute CSV columns (event_id is the event uuid here: local ids never leave the hub): its
 * default attribute fields, then its default object fields (CsvExport writes `object_meta-category` as
 * `object_meta_category` in the header), then the event's info.
 */
export const CSV_COLUMNS = [
  'uuid',
  'event_id',
  'category',
  'type',
  'value',
  'comment',
  'to_ids',
  'date',
  'object_relation',
  'attribute_tag',
  'object_uuid',
  'object_name',
  'object_meta_category',
  'event_info',
] as const;

/** RFC 4180 cell: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** MISP's CSV `date`: the attribute's last change as YYYYMMDD (UTC). */
const csvDate = (d: Date): string => {
  const [m, day] = [d.getUTCMonth() + 1, d.getUTCDate()];
  return `${String(d.getUTCFullYear()).padStart(4, '0')}${m < 10 ? '0' : ''}${m}${day < 10 ? '0' : ''}${day}`;
};

export function csvWriter(): ExportWriter {
  return {
    begin: () => `${CSV_COLUMNS.join(',')}\r\n`,
    chunk: ({ event, attributes }) => {
      // The event's cells once per chunk; each line built by concatenation (no array per line).
      const eventUuid = csvCell(event.uuid);
      const eventInfo = csvCell(event.info);
      let out = '';
      for (const a of attributes) {
        const o = a.object;
        out +=
          `${csvCell(a.uuid)},${eventUuid},${csvCell(a.category)},${csvCell(a.type)},${csvCell(a.value)},${a.comment ? csvCell(a.comment) : ''},` +
          `${a.toIds ? '1' : '0'},${csvDate(a.timestamp)},${a.objectRelation ? csvCell(a.objectRelation) : ''},` +
          `${a.tags.length ? csvCell(a.tags.map((t) => t.name).join(',')) : ''},` +
          `${o ? `${csvCell(o.uuid)},${csvCell(o.name)},${csvCell(o.metaCategory)}` : ',,'},${eventInfo}\r\n`;
      }
      return out;
    },
    end: () => '',
  };
}

/** One value per line; a line break inside a value would split it, so it becomes a space. */
export function textWriter(): ExportWriter {
  return {
    begin: () => '',
    chunk: ({ attributes }) => attributes.map((a) => `${a.value.replace(/[\r\n]+/g, ' ')}\n`).join(''),
    end: () => '',
  };
}
