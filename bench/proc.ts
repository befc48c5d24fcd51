// What the kernel says about our processes (Linux /proc): peak and current RSS, CPU time, and
// the whole machine's CPU time, so each phase can show who used the 2 cores.
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function status(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

function kbField(text: string | undefined, field: string): number | undefined {
  const m = text === undefined ? null : new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : undefined;
}

/** Peak resident set size (VmHWM) in bytes. */
export const peakRss = (pid: number) => kbField(status(pid), 'VmHWM');
/** Current resident set size (VmRSS) in bytes. */
export const currentRss = (pid: number) => kbField(status(pid), 'VmRSS');

/** User + system CPU time of a process so far, in ms. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Every descendant of `pid` (the embedded PostgreSQL's backends), found through /proc. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parents.get(ppid) ?? [];
      list.push(Number(name));
      parents.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of parents.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

/** Machine-wide busy and total CPU time so far (all cores), in ms, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

/** Samples RSS every `everyMs` while running; `max` is the highest VmRSS seen. */
export function rssSampler(pid: number, everyMs = 100) {
  let max = currentRss(pid) ?? 0;
  const timer = setInterval(() => {
    max = Math.max(max, currentRss(pid) ?? 0);
  }, everyMs);
  timer.unref();
  return {
    get max() {
      return max;
    },
    stop: () => clearInterval(timer),
  };
}
