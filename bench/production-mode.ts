/**
 * The benchmarks measure the hub as its image runs it (Dockerfile: NODE_ENV=production). graphql-js reads
 * NODE_ENV once, when it loads: outside production each of its type checks (several per field of a
 * response, 15,000 fields in bench:read) also looks for a second copy of graphql. Imported first by a
 * benchmark, before graphql loads; an explicit NODE_ENV is kept, and the benchmark prints the one it ran with.
 */
process.env.NODE_ENV ??= 'production';

export const NODE_ENV: string = process.env.NODE_ENV;
