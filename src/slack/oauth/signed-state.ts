// Signs each install `state` with SLACK_STATE_SECRET around the single-use store: a state this
// deployment never issued (forged, or another app's) is refused by its signature alone, before
// the database is asked; one it issued is then good once, within its lifetime (state-store.ts).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidStateError, type InstallURLOptions, type StateStore } from '@slack/oauth';

const sign = (secret: string, value: string) => createHmac('sha256', secret).update(value).digest('base64url');

export function signedStateStore(secret: string, inner: StateStore): StateStore {
  return {
    async generateStateParam(options: InstallURLOptions, now: Date) {
      const state = await inner.generateStateParam(options, now);
      return `${state}.${sign(secret, state)}`;
    },
    async verifyStateParam(now: Date, signed: string) {
      const dot = signed.lastIndexOf('.');
      const state = signed.slice(0, dot);
      const given = Buffer.from(signed.slice(dot + 1));
      const expected = Buffer.from(sign(secret, state));
      if (dot <= 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidStateError('The state parameter was not issued by this app.');
      }
      return inner.verifyStateParam(now, state);
    },
  };
}
