import type { AnalysisReport, Conflict, Tool, ToolRef } from '@toolgate/pipeline';
import { severityRank, toolKey } from '@toolgate/pipeline';
import type { CliInputError } from '../input/load-tools';

/** Everything a formatter may show about one `toolgate check` run. The verdict is `report.summary.blocked`. */
export interface CheckResult {
  report: AnalysisReport;
  inputErrors: readonly CliInputError[];
  /** Every loaded tool by key, to point findings at their source file. */
  tools: ReadonlyMap<string, Tool>;
  /** Line where each tool starts in its file, when known. */
  toolLines: ReadonlyMap<string, number>;
  /** Keys of the `--candidate` tools (empty when the whole registry is checked). */
  candidates: ReadonlySet<string>;
}

export interface FormatOptions {
  color: boolean;
  version: string;
  /** Where people learn about toolgate (SARIF `tool.driver.informationUri`). */
  informationUri: string;
}

/**
 * Renders a check result. A formatter may return the whole text, or chunks to write one by one: the
 * JSON report of a 50,000-tool registry is hundreds of megabytes, too big to hold as one string.
 */
export type CheckFormatter = (result: CheckResult, options: FormatOptions) => string | Iterable<string>;

/** A formatter whose output is small by nature: returns the whole text. */
export type TextFormatter = (result: CheckResult, options: FormatOptions) => string;

/** The whole rendered text (tests, and formats that are small by nature). */
export function renderToString(rendered: string | Iterable<string>): string {
  return typeof rendered === 'string' ? rendered : [...rendered].join('');
}

/** Most severe first, then highest score, then key: the same order in every format and every run. */
export function orderedConflicts(conflicts: readonly Conflict[]): Conflict[] {
  return [...conflicts].sort(
    (x, y) => severityRank(y.severity) - severityRank(x.severity) || y.score - x.score || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0),
  );
}

/** `server/tool`: the tool's key, which is also how people read a tool's name. */
export function refKey(ref: ToolRef): string {
  return toolKey(ref.server, ref.tool);
}
