// The app under test, in its own process: exactly what src/main.ts does (config from the
// environment, the production logger writing JSON lines to stdout, startConnectInvites with the
// default pool size), minus .env and signals, plus a way to tell the benchmark its port and to
// stop cleanly (so `--cpu-prof` can write its profile). The benchmark sends stdout to a file.
// BENCH_APP_RATE_WINDOW_MS: the window of the app's own count of Slack's rate tiers (a minute in
// production; src/slack/call-budget.ts), shortened where the fake Slack's limits are off, so the
// loads measure the app rather than one workspace's allowance (100 membership checks a minute).
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startConnectInvites } from '../src/server.js';
import { announceReady, serve } from './ipc.js';
import { profilerHandlers } from './profiler.js';

const config = loadConfig(process.env);
const logger = createLogger({ level: config.logLevel, pretty: false });
const rateWindowMs = process.env.BENCH_APP_RATE_WINDOW_MS ? Number(process.env.BENCH_APP_RATE_WINDOW_MS) : undefined;
const app = await startConnectInvites({ config, logger, rateWindowMs });

serve({
  ...profilerHandlers,
  usage: () => ({ resourceUsage: process.resourceUsage(), memoryUsage: process.memoryUsage() }),
  /** The process's CPU time so far (user + system, µs) and when it was read: finer than /proc's 10 ms ticks, and cheap. */
  cpu: () => {
    const u = process.cpuUsage();
    return { at: Date.now(), us: u.user + u.system };
  },
  stop: async () => {
    await app.stop();
    setImmediate(() => process.exit(0));
    return { resourceUsage: process.resourceUsage() };
  },
});
announceReady({ port: app.port });
