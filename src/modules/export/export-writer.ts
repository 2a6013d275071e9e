import { ExportChunk, ExportEvent } from './export-source';
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
   * The writer describes whole events (STIX: MISP objects, their references, galaxy clusters): the
   * export reads each event's extras (export-event-extras.ts) and hands them with its first chunk.
   */
  wantsEventExtras?: boolean;
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

/** An event's MISP objects, references and galaxy clusters (read by export-event-extras.ts). */
export interface EventExtras {
  /** Visible, live objects by uuid (lower case). */
  objects: Map<string, ExtraObject>;
  /** References of those objects (source object uuid → target uuid). */
  references: Array<{ uuid: string; sourceUuid: string; targetUuid: string; relationshipType: string; comment: string | null; timestamp: Date }>;
  /** Clusters by tag name. */
  clusters: Map<string, StixClusterInput[]>;
}

export interface ExtraObject {
  uuid: string;
  name: string;
  metaCategory: string;
  comment: string | null;
  timestamp: Date;
  firstSeen: Date | null;
  lastSeen: Date | null;
}
