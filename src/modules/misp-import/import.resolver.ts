import { Arg, Authorized, Ctx, Extensions, Mutation, Resolver } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { TEXT_CHECKED_BY_SERVICE } from '../../shared/control-characters';
import { importEvents } from './import.service';
import { ImportEventsInput, ImportEventsResult } from './import.types';

@Resolver()
export class ImportResolver {
  @Authorized()
  // The document is checked field by field by the MISP parser (a control character fails its part, not the call).
  @Extensions(TEXT_CHECKED_BY_SERVICE)
  @Mutation(() => ImportEventsResult, {
    description:
      'Imports MISP JSON events (objects, references, galaxy clusters, attachments, sightings, reports and proposals included) as a MISP feed fetch would: newer wins by uuid, one transaction per event, copies owned by the caller\'s organisation with the creator organisation kept. Needs a role that may create events. A bad event is reported; the others are stored.',
  })
  importEvents(@Arg('input', () => ImportEventsInput, { description: 'What to import.' }) input: ImportEventsInput, @Ctx() scope: Scope): Promise<ImportEventsResult> {
    return importEvents(scope, input);
  }
}
