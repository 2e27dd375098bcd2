import type { CliIo } from '../cli-io';

/** Colour on stdout: https://no-color.org (NO_COLOR wins), FORCE_COLOR, else only on a terminal. */
export function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0';
  return io.stdout.isTTY;
}
