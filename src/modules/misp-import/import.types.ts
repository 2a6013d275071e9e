import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Distribution } from '../../shared/enums';

export enum ImportFormat {
  MISP_JSON = 'MISP_JSON',
}
registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'The format of imported data.',
  valuesConfig: { MISP_JSON: { description: 'MISP JSON: one event ({"Event": …} or bare), a list of them, or {"response": [ … ]}.' } },
});

export enum ImportOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}
registerEnumType(ImportOutcome, {
  name: 'ImportOutcome',
  description: 'What an import did with one event.',
  valuesConfig: {
    CREATED: { description: 'New here: stored.' },
    UPDATED: { description: 'Newer than the copy here: stored (parts newer-wins one by one).' },
    SKIPPED: { description: 'Not newer than the copy here, or refused (the uuid is another organisation\'s event here, or a local one): see problems.' },
    FAILED: { description: 'Unusable (see problems); nothing of it was stored.' },
  },
});

/** Events per importEvents call (and per file of `threatmesh import`). */
export const IMPORT_MAX_EVENTS = 200;

@InputType({ description: 'Data to import.' })
export class ImportEventsInput {
  @Field(() => ImportFormat, { description: 'Format of `data`.' })
  format!: ImportFormat;

  @Field(() => String, { description: `The document (at most ${IMPORT_MAX_EVENTS} events; the request body limit applies).` })
  data!: string;

  @Field(() => Distribution, {
    nullable: true,
    description: 'Distribution of the imported events; default: each event\'s own (an event in a sharing group, whose members a file does not carry, becomes ORGANISATION_ONLY).',
  })
  distribution?: Distribution | null;

  @Field(() => Boolean, { nullable: true, description: 'Publish the imported events (default false).' })
  publish?: boolean | null;
}

@ObjectType({ description: 'What an import did with one event of the document.' })
export class ImportedEvent {
  @Field(() => Int, { description: 'Position of the event in the document (0-based).' })
  index!: number;

  @Field(() => ID, { nullable: true, description: 'Event uuid (null when the document gave none usable).' })
  id!: string | null;

  @Field(() => String, { nullable: true, description: 'Event info.' })
  info!: string | null;

  @Field(() => ImportOutcome, { description: 'What was done.' })
  outcome!: ImportOutcome;

  @Field(() => [String], { description: 'Parts left out or changed, each naming the part (e.g. `Object[3].Attribute[1]`, `attribute <uuid>`) and why; for FAILED, why the event was not stored.' })
  problems: string[] = [];
}

@ObjectType({ description: 'The outcome of importEvents (like a MISP feed fetch).' })
export class ImportEventsResult {
  @Field(() => Int, { description: 'Events created.' })
  created: number = 0;

  @Field(() => Int, { description: 'Events updated.' })
  updated: number = 0;

  @Field(() => Int, { description: 'Events skipped (unchanged, older or refused).' })
  skipped: number = 0;

  @Field(() => Int, { description: 'Events that could not be stored; the others were.' })
  failed: number = 0;

  @Field(() => [ImportedEvent], { description: 'One entry per event of the document, in order.' })
  events: ImportedEvent[] = [];
}
