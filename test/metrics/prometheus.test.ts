// The prom-client side of the metrics port, alone: bounded error-code labels, and the unfinished
// gauge asking the database at most once per cache window, with the scrape still answering
// (the gauge NaN) while the database cannot be asked.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPrometheusMetrics, errorCodeLabel } from '../../src/metrics/prometheus.js';

const gauge = (text: string) => /^connect_invites_unfinished_invitations (\S+)$/m.exec(text)?.[1];

describe('Prometheus metrics', () => {
  it('labels catalogued error codes as themselves, none as none, and anything else as other', () => {
    assert.equal(errorCodeLabel(undefined), 'none');
    assert.equal(errorCodeLabel('restricted_action'), 'restricted_action');
    assert.equal(errorCodeLabel('ratelimited'), 'ratelimited');
    assert.equal(errorCodeLabel('T0TEAM says no'), 'other');
  });

  it('counts the unfinished invitations once per cache window, however many scrapes', async () => {
    let clock = 0;
    let asked = 0;
    let answer: () => Promise<number> = async () => 7;
    const metrics = createPrometheusMetrics({ countUnfinished: () => (asked++, answer()), unfinishedCacheMs: 5000, now: () => clock });
    const [a, b] = await Promise.all([metrics.scrape(), metrics.scrape()]);
    assert.equal(gauge(a.body), '7');
    assert.equal(gauge(b.body), '7');
    assert.equal(asked, 1, 'two scrapes at once share one count');
    clock = 4999;
    await metrics.scrape();
    assert.equal(asked, 1, 'reused within the window');
    clock = 5000;
    answer = async () => {
      throw new Error('database unreachable');
    };
    const during = await metrics.scrape();
    assert.equal(asked, 2);
    // (prom-client writes it "Nan"; Prometheus reads NaN in any case.)
    assert.match(gauge(during.body) ?? '', /^nan$/i);
    assert.match(during.body, /^process_cpu_user_seconds_total /m, 'the rest of the scrape still answers');
    answer = async () => 3;
    assert.equal(gauge((await metrics.scrape()).body), '3', 'asked again at the next scrape after a failure');
    assert.equal(asked, 3);
  });

  it('keeps each app’s counts apart (one registry each)', async () => {
    const one = createPrometheusMetrics({ countUnfinished: async () => 0 });
    const two = createPrometheusMetrics({ countUnfinished: async () => 0 });
    one.invites.invitation('slack_connect', 'sent');
    one.invites.rateLimitWait('batch_pace', 1.5);
    assert.match((await one.scrape()).body, /^connect_invites_invitations_total\{kind="slack_connect",outcome="sent",error_code="none"\} 1$/m);
    assert.match((await one.scrape()).body, /^connect_invites_rate_limit_wait_seconds_total\{reason="batch_pace"\} 1\.5$/m);
    assert.doesNotMatch((await two.scrape()).body, /^connect_invites_invitations_total\{/m);
  });
});
