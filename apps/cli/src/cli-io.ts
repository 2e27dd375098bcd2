/** The process surface the CLI touches, injected so specs can run `run(argv, io)` in-process. */
export interface CliStream {
  write(text: string): void;
  /** True when the stream is an interactive terminal (colours, progress bar). */
  isTTY: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return {
    stdout: { write: (t) => void process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (t) => void process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) },
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Exit codes are part of the CLI contract (docs/cli.md): CI scripts branch on them. */
export const EXIT = { OK: 0, BLOCKED: 1, USAGE: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A usage or input problem that stops the command with exit code 2. */
export class UsageError extends Error {}
