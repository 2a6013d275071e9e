import { ExportAttribute, ExportChunk, ExportEvent } from './export-source';
import { StixClusterInput } from './stix/stix-galaxy';

/**
 * The export formats as pure writers: each turns chunks of (event, attributes) into text pieces, with
 * state limited to the current event (STIX object_refs of one event) and small sets (identities and
 * markings already written). A writer never holds the whole export.
 */
export interface ExportWriter {
  /** Text before the first chunk. */
  begin(): string;
  /** Text for a run of attributes of one event (runs of one event are consecutive). */
  chunk(c: ExportChunk, extras?: EventExtras): string;
  /**
   * Text for an event none of whose attributes is in the export, when the export covers whole events
   * (formats that describe events, like STIX reports; absent: such events are left out).
   */
  emptyEvent?(e: ExportEvent, extras?: EventExtras): string;
  /**
   * The writer describes whole events (STIX: MISP objects, their references, galaxy clusters): each chunk
   * comes with the clusters its tags carry, and after an event's last chunk the export hands the event's
   * objects to `closeEvent` page by page (export-event-extras.ts), so memory is bounded by the page sizes.
   */
  wantsEventExtras?: boolean;
  /** Text closing an event (whole-event writers): its MISP objects read by pages, then its report. */
  closeEvent?(e: ExportEvent, objects: AsyncIterable<ExtraObjectPage>): AsyncGenerator<string>;
  /** Text after the last chunk. */
  end(): string;
}

export interface ExportWriterOptions {
  /** First sid of IDS rules. */
  sidBase?: number;
  /** This hub's address as the client reached it (rule references), when known. */
  baseUrl?: string;
  /** Random uuid source (bundle id). */
  uuid?: () => string;
}

/** The galaxy clusters the tags of a chunk (and of its event) carry, by tag name (export-event-extras.ts). */
export interface EventExtras {
  clusters: Map<string, StixClusterInput[]>;
}

/** A visible, live MISP object of the event. */
export interface ExtraObject {
  uuid: string;
  name: string;
  metaCategory: string;
  comment: string | null;
  timestamp: Date;
  firstSeen: Date | null;
  lastSeen: Date | null;
}

/** A page of an event's objects, each with its attributes in the export, and their references. */
export interface ExtraObjectPage {
  objects: Array<ExtraObject & { attributes: ExportAttribute[] }>;
  /** References whose target is in the export too, with the id of the target's main STIX object. */
  references: Array<{ uuid: string; sourceUuid: string; targetMainId: string; relationshipType: string; comment: string | null; timestamp: Date }>;
}
