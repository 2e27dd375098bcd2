import type { AnalyzeProgress } from '@toolgate/pipeline';

/** Below this many tools the analysis is over before a bar would be worth drawing. */
export const PROGRESS_MIN_TOOLS = 500;

export interface Progress {
  update(progress: AnalyzeProgress): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on the real stderr, only for an interactive terminal: never on stdout (which may
 * carry JSON) and never in CI logs. cli-progress is loaded only when a bar will be drawn.
 */
export async function createProgress(enabled: boolean): Promise<Progress> {
  if (!enabled) return NO_PROGRESS;
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { stream: process.stderr, format: '{phase} [{bar}] {value}/{total}', clearOnComplete: true, hideCursor: true },
    Presets.shades_classic,
  );
  let phase: string | undefined;
  return {
    update(p) {
      if (phase === undefined) bar.start(p.total, p.done, { phase: p.phase.padEnd(15) });
      else if (phase !== p.phase) bar.setTotal(p.total);
      phase = p.phase;
      bar.update(p.done, { phase: p.phase.padEnd(15) });
    },
    stop() {
      if (phase !== undefined) bar.stop();
    },
  };
}
