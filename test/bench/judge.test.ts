import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exitCode, judgeCpuShare, judgeLatency, LATENCY_RATIO } from '../../bench/judge.js';

describe('the benchmark judges throughput by CPU per request', () => {
  it('passes when bare Bolt’s CPU per request is at least the share of the app’s', () => {
    // The two runs: 1.04 ms against 0.94 ms per command is 90.4% of bare Bolt's rate.
    const verdict = judgeCpuShare(1.04, 0.94, 0.9);
    assert.equal(verdict.pass, true);
    assert.ok(Math.abs(verdict.share - 0.94 / 1.04) < 1e-12);
  });

  it('fails when the app spends more than bare Bolt ÷ the share', () => {
    assert.deepEqual(judgeCpuShare(1.2, 0.94, 0.9), { share: 0.94 / 1.2, pass: false });
    assert.equal(judgeCpuShare(6.0, 4.7, 0.8).pass, false);
    assert.equal(judgeCpuShare(5.8, 4.7, 0.8).pass, true);
  });

  it('fails when nothing was measured', () => {
    assert.equal(judgeCpuShare(0, 0.94, 0.9).pass, false);
    assert.equal(judgeCpuShare(Number.NaN, 0.94, 0.9).pass, false);
    assert.equal(judgeCpuShare(1, Number.NaN, 0.9).pass, false);
  });
});

describe('the benchmark judges a steady p99 in ms or against bare Bolt’s', () => {
  it('passes under the limit, whatever bare Bolt did', () => {
    assert.deepEqual(judgeLatency(31.3, 22.8, 50), { pass: true, by: 'limit' });
    assert.deepEqual(judgeLatency(49.9, undefined, 50), { pass: true, by: 'limit' });
  });

  it('passes over the limit when bare Bolt stalled as much in the same run', () => {
    assert.deepEqual(judgeLatency(257, 257, 50), { pass: true, by: 'bare' });
    assert.deepEqual(judgeLatency(LATENCY_RATIO * 200, 200, 50), { pass: true, by: 'bare' });
  });

  it('fails over the limit when bare Bolt did not stall, or was not measured', () => {
    assert.deepEqual(judgeLatency(257, 25, 50), { pass: false });
    assert.deepEqual(judgeLatency(LATENCY_RATIO * 200 + 1, 200, 50), { pass: false });
    assert.deepEqual(judgeLatency(60, undefined, 50), { pass: false });
    assert.deepEqual(judgeLatency(60, Number.NaN, 50), { pass: false });
  });

  it('fails with errors or nothing measured, however fast', () => {
    assert.deepEqual(judgeLatency(5, 5, 50, 1), { pass: false });
    assert.deepEqual(judgeLatency(Number.NaN, 5, 50), { pass: false });
  });
});

describe('BENCH_STRICT', () => {
  const rows = [{ pass: true }, { pass: undefined }, { pass: false }];

  it('exits 1 when a target row failed', () => {
    assert.equal(exitCode(rows, true), 1);
  });

  it('exits 0 when every target passed, or without BENCH_STRICT', () => {
    assert.equal(exitCode(rows.slice(0, 2), true), 0);
    assert.equal(exitCode(rows, false), 0);
  });
});
