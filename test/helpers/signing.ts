// Signs requests exactly as Slack does: v0 HMAC-SHA256 of `v0:{timestamp}:{raw body}`.
// https://api.slack.com/authentication/verifying-requests-from-slack
import { createHmac, randomBytes } from 'node:crypto';

export function newSigningSecret(): string {
  return randomBytes(16).toString('hex');
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(secret, timestamp, body),
  };
}
