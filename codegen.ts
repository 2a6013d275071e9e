import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the committed schema: `npm run codegen` writes src/generated/graphql.ts, used by
 * the tests (and the peer sync client) so every operation is checked against schema/schema.graphql.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['src/graphql/documents/**/*.graphql'],
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string', ID: 'string' },
        avoidOptionals: { field: true, inputValue: false, object: false },
        useTypeImports: true,
      },
    },
  },
  hooks: {},
};

export default config;
