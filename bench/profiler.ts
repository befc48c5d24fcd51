// Phase-scoped CPU profiles of a child process (BENCH_CPU_PROF=1): the benchmark starts the V8
// profiler right before a measured phase and stops it right after, so the profile holds that
// phase's work only, not start-up or the idle time while the other app is measured.
// Summarise one with bench/profile-summary.ts.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

let session: Session | undefined;

export const profilerHandlers = {
  async profileStart() {
    session ??= new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  },
  async profileStop({ path }: { path: string }) {
    if (!session) throw new Error('the profiler was not started');
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(path, JSON.stringify(profile));
    await session.post('Profiler.disable');
    session.disconnect();
    session = undefined;
    return path;
  },
};
