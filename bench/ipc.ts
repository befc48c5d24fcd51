// A tiny request/response protocol over Node's child-process IPC channel, so the benchmark can
// ask its child processes (the app, bare Bolt, the fake Slack) things and tell them to stop.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = import.meta.resolve('tsx');

interface Call {
  rpc: number;
  type: string;
  args: unknown;
}
interface Reply {
  rpc: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}
export interface Ready {
  ready: true;
  port?: number;
  url?: string;
  pid: number;
}

/** Child side: answers calls with `handlers[type](args)`; exits when the parent goes away. */
export function serve(handlers: Record<string, (args: any) => unknown>): void {
  process.on('disconnect', () => process.exit(0));
  process.on('message', (message: Call) => {
    const handler = handlers[message.type];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown call ${message.type}`);
        return handler(message.args);
      })
      .then(
        (result) => process.send?.({ rpc: message.rpc, ok: true, result } satisfies Reply),
        (err: unknown) => process.send?.({ rpc: message.rpc, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies Reply),
      );
  });
}

export function announceReady(ready: Omit<Ready, 'ready' | 'pid'>): void {
  process.send?.({ ready: true, pid: process.pid, ...ready } satisfies Ready);
}

export interface Child {
  process: ChildProcess;
  pid: number;
  ready: Ready;
  call<T = unknown>(type: string, args?: unknown, timeoutMs?: number): Promise<T>;
  stderr(): string;
  /** Asks the child to stop (the `stop` call), then waits for it to exit; kills it after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string | undefined>;
  /** Where the child's stdout goes (the app's JSON log lines): a file descriptor, or 'ignore'. */
  stdout: number | 'ignore';
  nodeArgs?: string[];
  startTimeoutMs?: number;
  /** Run its build (dist/bench/<script>.js) with plain node, as `npm start` runs the app. */
  compiled?: boolean;
}

/** Runs `bench/<script>` (under tsx, or its build) and waits for it to say it is ready. */
export async function spawnChild(script: string, { env, stdout, nodeArgs = [], startTimeoutMs = 60_000, compiled = false }: SpawnOptions): Promise<Child> {
  const entry = compiled ? path.join(ROOT, 'dist/bench', script.replace(/\.ts$/, '.js')) : path.join(ROOT, 'bench', script);
  const child = fork(entry, [], {
    cwd: ROOT,
    execArgv: compiled ? nodeArgs : [...nodeArgs, '--import', TSX],
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', stdout, 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-20_000);
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextRpc = 1;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${startTimeoutMs} ms: ${err}`)), startTimeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready: ${err}`));
    });
    child.on('message', (message: Ready | Reply) => {
      if ('ready' in message) {
        clearTimeout(timer);
        resolve(message);
        return;
      }
      const waiter = pending.get(message.rpc);
      if (!waiter) return;
      pending.delete(message.rpc);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${script}: ${message.error}`));
    });
  });
  child.once('exit', (code, signal) => {
    for (const w of pending.values()) w.reject(new Error(`${script} exited (${code ?? signal}) during a call: ${err}`));
    pending.clear();
  });
  return {
    process: child,
    pid: ready.pid,
    ready,
    stderr: () => err,
    call<T>(type: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const rpc = nextRpc++;
        const timer = setTimeout(() => {
          pending.delete(rpc);
          reject(new Error(`${script}: ${type} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(rpc, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ rpc, type, args } satisfies Call);
      });
    },
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.send({ rpc: 0, type: 'stop', args: undefined } satisfies Call, () => undefined);
      await exited;
      clearTimeout(timer);
    },
  };
}
