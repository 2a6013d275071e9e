import { Arg, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Scope } from '../../graphql/scope';
import { AttributeFilter } from '../attribute/attribute.inputs';
import { exportPreview } from './export.service';

@ObjectType({ description: 'A small export, inline. Large exports stream from GET/POST /export/<format>.' })
export class ExportResult {
  @Field(() => String, { description: 'The format name.' })
  format!: string;

  @Field(() => String, { description: 'MIME type of the content.' })
  contentType!: string;

  @Field(() => String, { description: 'The exported text.' })
  content!: string;
}

@Resolver()
export class ExportResolver {
  @Authorized()
  @Query(() => ExportResult, {
    description:
      'Exports the attributes matching a filter (the caller may see them) in one format: csv, text, suricata, snort, stix2, misp-json. At most `first` attributes; rules and text default to toIds and published only. For whole exports use the streaming route /export/<format>.',
  })
  exportAttributes(
    @Arg('format', () => String, { description: 'csv, text, suricata, snort, stix2 or misp-json.' }) format: string,
    @Arg('filter', () => AttributeFilter, { nullable: true, description: 'Which attributes (the attributes query filter).' }) filter: AttributeFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many attributes (default DEFAULT_PAGE_SIZE, max MAX_PAGE_SIZE).' }) first: number | null,
    @Ctx() scope: Scope,
  ) {
    return exportPreview(scope, format, filter, first);
  }
}
