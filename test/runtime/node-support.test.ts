// The supported Node versions are said in three places that must agree: package.json's engines,
// the README, and the Nodes CI runs the suite on (.ci/run); and this run's Node is one of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

type Version = [number, number, number];
const parse = (text: string): Version => text.replace(/^v/, '').split('.').map(Number) as Version;
const compare = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
/** engines as `^M.m.p` and `>=M.m.p` alternatives: each one's lowest version and whether it is capped at its major. */
const alternatives = engines.split('||').map((text) => {
  const [, op, version] = /^\s*(\^|>=)(\d+\.\d+\.\d+)\s*$/.exec(text) ?? [];
  assert.ok(op && version, `engines alternative ${text} is ^M.m.p or >=M.m.p`);
  return { lowest: parse(version), sameMajor: op === '^' };
});
const supported = (v: Version) => alternatives.some((a) => compare(v, a.lowest) >= 0 && (!a.sameMajor || v[0] === a.lowest[0]));

describe('supported Node versions', () => {
  it('include the Node running these tests', () => {
    assert.ok(supported(parse(process.version)), `${process.version} is outside engines ${engines}`);
  });

  it('are tested in CI at the lowest that engines allows and at the current LTS', () => {
    const defaults = /CI_NODE_VERSIONS:-([^}]+)\}/.exec(read('.ci/run'))?.[1]?.split(/\s+/);
    assert.ok(defaults, '.ci/run names its Nodes');
    const lowest = alternatives.map((a) => a.lowest).sort(compare)[0]!;
    assert.deepEqual(parse(defaults[0]!), lowest, 'the oldest supported release exactly');
    for (const version of defaults) assert.ok(supported(parse(version.includes('.') ? version : `${version}.99.0`)), `${version} is supported`);
    assert.ok(defaults.some((v) => Number(v.split('.')[0]) >= Math.max(...alternatives.map((a) => a.lowest[0]))), 'the newest supported line is tested');
  });

  it('are the ones the README gives', () => {
    const readme = read('README.md');
    assert.ok(readme.includes(`\`"node": "${engines}"\``), 'README quotes engines');
    for (const { lowest } of alternatives) assert.ok(readme.includes(`${lowest[0]}.${lowest[1]}`), `README names ${lowest[0]}.${lowest[1]}`);
  });
});
