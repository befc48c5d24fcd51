// Runs the app as its own process, exactly as `npm start` does (node dist/src/main.js, built from
// src/ by `npm run build`, which `npm test` runs first), and reads its JSON log lines from stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

/** The node flags `npm start` gives the app (package.json), so the tests and the benchmark run it the same way. */
export const START_NODE_FLAGS: string[] = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

export interface AppProcess {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stderr(): string;
  /** Resolves with the HTTP port once the app logs that it is running. */
  running: Promise<number>;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Children still running when the test process exits (a failed assertion mid-test) are killed. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** `main`: another copy of the build to run (default: this checkout's dist/src/main.js). */
export function spawnApp(env: Record<string, string>, cwd: string, main = MAIN): AppProcess {
  // Only what the test gives: nothing from the developer's own environment or .env leaks in.
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build (npm test does)`);
  const child = spawn(process.execPath, [...START_NODE_FLAGS, main], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  const lines: Array<Record<string, unknown>> = [];
  let err = '';
  let buffered = '';
  let onRunning: (port: number) => void;
  let onFail: (e: Error) => void;
  const running = new Promise<number>((resolve, reject) => {
    onRunning = resolve;
    onFail = reject;
  });
  // Tests that expect an early exit await `exited` only.
  running.catch(() => undefined);
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (entry.msg === 'Connect Invites is running') onRunning(entry.port as number);
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      onFail(new Error(`the app exited (${code}) before running: ${err} ${JSON.stringify(lines.slice(-3))}`));
      resolve(code);
    }),
  );
  return {
    child,
    lines,
    stderr: () => err,
    running,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
