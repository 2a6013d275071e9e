import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Parent } from '../../graphql/parent';
import { Scope } from '../../graphql/scope';
import { Event } from '../event/event.entity';
import { SharingGroup } from '../sharing-group/sharing-group.entity';
import { EventReport } from './event-report.entity';
import { AddEventReportInput, UpdateEventReportInput } from './event-report.inputs';
import * as reports from './event-report.service';

@Resolver(() => EventReport)
export class EventReportResolver {
  @Authorized()
  @Query(() => EventReport, { nullable: true, description: 'One event report by uuid; NOT_FOUND when absent or not visible to the caller.' })
  eventReport(@Arg('id', () => ID, { description: 'Report uuid.' }) id: string, @Ctx() scope: Scope) {
    return reports.getEventReport(scope, id);
  }

  @Authorized('event:write')
  @Mutation(() => EventReport, { description: 'Adds a report (markdown) to an event: the event\'s editors only.' })
  addEventReport(@Arg('input', () => AddEventReportInput, { description: 'The report.' }) input: AddEventReportInput, @Ctx() scope: Scope) {
    return reports.addEventReport(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => EventReport, { description: 'Changes an event report: the event\'s editors only.' })
  updateEventReport(@Arg('input', () => UpdateEventReportInput, { description: 'The changes.' }) input: UpdateEventReportInput, @Ctx() scope: Scope) {
    return reports.updateEventReport(scope, input);
  }

  @Authorized('event:write')
  @Mutation(() => EventReport, { description: 'Soft-deletes an event report (it becomes a tombstone that travels to peers).' })
  deleteEventReport(@Arg('id', () => ID, { description: 'Report uuid.' }) id: string, @Ctx() scope: Scope) {
    return reports.deleteEventReport(scope, id);
  }

  @FieldResolver(() => Event, { description: 'The event the report belongs to.' })
  async event(@Parent() r: EventReport, @Ctx() scope: Scope): Promise<Event> {
    // A visible report always has a visible event (the rules require it).
    return (await scope.loaders.event.load(r.event.id))!;
  }

  @FieldResolver(() => SharingGroup, { nullable: true, description: 'The sharing group, when distribution is SHARING_GROUP and the caller may see the group.' })
  sharingGroup(@Parent() r: EventReport, @Ctx() scope: Scope) {
    return r.sharingGroup ? scope.loaders.sharingGroup.load(r.sharingGroup.id) : null;
  }
}

/** `Event.reports`: a field of Event kept in this module (type-graphql merges the resolver classes). */
@Resolver(() => Event)
export class EventReportsFieldResolver {
  @FieldResolver(() => [EventReport], {
    description: 'The reports of the event the caller may see, oldest first; at most MAX_PAGE_SIZE (soft-deleted ones are left out).',
  })
  reports(@Parent() e: Event, @Ctx() scope: Scope): Promise<EventReport[]> {
    return scope.loaders.eventReports.load(e.id);
  }
}
