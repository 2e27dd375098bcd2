/* eslint-disable @typescript-eslint/no-require-imports -- lazy require: see loadCheckFormatter */
import type { CheckFormatter } from './check-result';

export const CHECK_FORMATS = ['table', 'json', 'sarif', 'markdown'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

/**
 * Loads only the formatter asked for: start-up time is part of the CLI's budget. A plain `require`
 * because under `module: node16` TypeScript resolves dynamic `import()` as ESM (extension needed),
 * which the Jest and SWC builds do not share.
 */
export function loadCheckFormatter(format: CheckFormat): CheckFormatter {
  switch (format) {
    case 'json':
      return (require('./json.formatter') as typeof import('./json.formatter')).formatJson;
    case 'sarif':
      return (require('./sarif.formatter') as typeof import('./sarif.formatter')).formatSarif;
    case 'markdown':
      return (require('./markdown.formatter') as typeof import('./markdown.formatter')).formatMarkdown;
    case 'table':
      return (require('./table.formatter') as typeof import('./table.formatter')).formatTable;
  }
}
