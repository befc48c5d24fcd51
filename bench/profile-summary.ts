// Summarises a V8 CPU profile (from BENCH_CPU_PROF=1 npm run bench): where the app's CPU time
// went, by function (self time), by package or source folder (self time), and the total time
// spent under functions whose name or file matches a pattern (inclusive time).
//
//   node --import tsx bench/profile-summary.ts bench/results/profiles/<file>.cpuprofile [pattern ...]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [file, ...patterns] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [pattern ...]\n');
  process.exit(2);
}
process.stdout.on('error', () => process.exit(0)); // piped into head
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Time per sample: the delta to the next sample.
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

const where = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  const src = /\/(src|bench|test)\/(.*)$/.exec(url);
  if (src) return `${src[1]}/${(src[2] as string).split('/').slice(0, -1).join('/') || '.'}`;
  if (url.startsWith('node:')) return 'node:internal';
  return url === '' ? `(${n.callFrame.functionName || 'native'})` : url;
};
const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src|bench|test)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;

const sum = (key: (n: Node) => string) => {
  const out = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id) as Node;
    out.set(key(n), (out.get(key(n)) ?? 0) + us);
  }
  return [...out.entries()].sort((a, b) => b[1] - a[1]);
};
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;

process.stdout.write(`${file}: ${(total / 1e6).toFixed(2)} s of samples\n\nSelf time by package / folder:\n`);
for (const [k, us] of sum(where).slice(0, 25)) process.stdout.write(`  ${pct(us)}  ${k}\n`);
// Node internals and native code charged to the nearest package or app folder that called them.
const isOwner = (n: Node) => /node_modules\/|\/(src|bench|test)\//.test(n.callFrame.url);
const owner = (id: number): string => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur) as Node;
    if (isOwner(n)) return where(n);
  }
  return where(byId.get(id) as Node);
};
const attributed = new Map<string, number>();
for (const [id, us] of selfUs) attributed.set(owner(id), (attributed.get(owner(id)) ?? 0) + us);
process.stdout.write('\nTime by package / folder, node internals charged to their caller:\n');
for (const [k, us] of [...attributed.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stdout.write(`  ${pct(us)}  ${k}\n`);
process.stdout.write('\nSelf time by function:\n');
for (const [k, us] of sum(label).slice(0, 40)) process.stdout.write(`  ${pct(us)}  ${k}\n`);

// Inclusive time under matching frames (each sample counted once, however deep the match).
for (const pattern of patterns) {
  const re = new RegExp(pattern);
  let us = 0;
  for (const [id, t] of selfUs) {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur) as Node;
      if (re.test(n.callFrame.functionName) || re.test(n.callFrame.url)) {
        us += t;
        break;
      }
    }
  }
  process.stdout.write(`\nInclusive time under /${pattern}/: ${pct(us)}\n`);
}
