// The probes an orchestrator asks, on the app's port in both modes:
//   /livez   the process is alive and answering: touches nothing else, so a database outage
//            never gets every replica restarted (a restart would not bring the database back);
//   /readyz  this replica should get requests now: the database answers, it is not draining
//            for shutdown, and in Socket Mode its connection to Slack is open;
//   /healthz as before /readyz existed: the database and draining (kept for existing monitors).
import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

export const HEALTH_PATH = '/healthz';
export const LIVE_PATH = '/livez';
export const READY_PATH = '/readyz';

export interface HealthReport {
  healthy: boolean;
  checks: Record<string, 'ok' | 'unavailable' | 'draining' | 'disconnected'>;
}

export function probeRoutes({ health, ready }: { health: () => Promise<HealthReport>; ready: () => Promise<HealthReport> }): CustomRoute[] {
  return [
    { path: HEALTH_PATH, method: ['GET'], handler: reportHandler(health) },
    { path: READY_PATH, method: ['GET'], handler: reportHandler(ready) },
    { path: LIVE_PATH, method: ['GET'], handler: (_req, res) => respondJson(res, 200, { alive: true }) },
  ];
}

/**
 * Readiness: the health report, and in Socket Mode the connection too (`socketConnected`
 * undefined over HTTP, where Slack's requests come to the port itself).
 */
export function readiness(health: () => Promise<HealthReport>, socketConnected?: () => boolean): () => Promise<HealthReport> {
  return async () => {
    const report = await health();
    if (!socketConnected) return report;
    const socket = socketConnected() ? 'ok' : 'disconnected';
    return { healthy: report.healthy && socket === 'ok', checks: { ...report.checks, socket } };
  };
}

/** The states @slack/socket-mode's client announces: connected once Slack said hello, anything else not. */
const NOT_CONNECTED = ['connecting', 'reconnecting', 'disconnecting', 'disconnected', 'close'] as const;

export function watchSocketConnection(client: { on(event: string, listener: () => void): unknown }, onConnection: (connected: boolean) => void): void {
  client.on('connected', () => onConnection(true));
  for (const state of NOT_CONNECTED) client.on(state, () => onConnection(false));
}

function reportHandler(report: () => Promise<HealthReport>) {
  return (_req: unknown, res: ServerResponse) => {
    report().then(
      (r) => respondJson(res, r.healthy ? 200 : 503, r),
      () => respondJson(res, 503, { healthy: false, checks: { app: 'unavailable' } }),
    );
  };
}

function respondJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
