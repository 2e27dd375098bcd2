// Flat ESLint config. The architecture rules live here (CONVENTIONS.md #2):
// domain libraries may not import frameworks, the database or the queue.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const frameworkImports = ['@nestjs/*', '@prisma/*', 'bullmq', 'ioredis', 'pg', 'express', 'nestjs-pino', 'openai', '@anthropic-ai/sdk'];

export default [
  { ignores: ['**/node_modules/**', 'dist/**', 'coverage/**', 'libs/db/src/generated/**', 'bench/results/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: frameworkImports },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: frameworkImports },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access'], bannedExternalImports: ['@nestjs/core', 'express'] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infrastructure'], bannedExternalImports: ['@nestjs/*', '@prisma/*'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:infrastructure'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:infrastructure', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Specs may use the testing lib (fake provider servers, test databases) whatever their project's
    // layer; production code still may not (the block above).
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:testing'], bannedExternalImports: frameworkImports },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:testing'], bannedExternalImports: frameworkImports },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:testing'], bannedExternalImports: ['@nestjs/core', 'express'] },
            { sourceTag: 'type:infrastructure', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:infrastructure', 'type:testing'], bannedExternalImports: ['@nestjs/*', '@prisma/*'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:infrastructure', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:data-access', 'type:infrastructure', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Decorator metadata needs the runtime value of injected classes: type-only imports would erase them.
    files: ['apps/api/**/*.ts', 'apps/worker/**/*.ts', 'libs/db/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
];
