import { GraphQLScalarType } from 'graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

/** A calendar date `YYYY-MM-DD` (events' date), validated by graphql-scalars' LocalDate. */
export const DateScalar = new GraphQLScalarType({
  ...LocalDateResolver.toConfig(),
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
});

/** An instant, ISO 8601 with time zone (graphql-scalars DateTime). */
export const DateTimeScalar = DateTimeResolver;
