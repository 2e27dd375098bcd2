import * as path from 'node:path';
import { run } from '../cli';
import type { CliIo } from '../cli-io';

export const FIXTURES = __dirname;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI in-process from the fixtures directory, capturing both streams. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
    cwd: path.resolve(FIXTURES),
    env,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
