// The metrics' own listener, apart from the app's port: the app's port faces Slack (often the
// internet), this one faces only the operator's Prometheus. It binds 127.0.0.1 unless told
// otherwise, serves GET /metrics and nothing else, and with a token set asks for it as a bearer
// token, so a scrape port opened wider than meant still gives nothing away.
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';

export const METRICS_PATH = '/metrics';

export interface MetricsServerOptions {
  host: string;
  port: number;
  token?: string | undefined;
  scrape(): Promise<{ contentType: string; body: string }>;
  logger: Logger;
}

export interface MetricsServer {
  /** The port listened on (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export async function startMetricsServer({ host, port, token, scrape, logger }: MetricsServerOptions): Promise<MetricsServer> {
  const expected = token === undefined ? undefined : digest(`Bearer ${token}`);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    // Compared as digests: the same length whatever was sent, so the comparison takes the same time.
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('a bearer token is required\n');
      return;
    }
    scrape().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body),
      (err: unknown) => {
        logger.warn({ err }, 'could not collect the metrics');
        res.writeHead(500, { 'content-type': 'text/plain' }).end('could not collect the metrics\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Idle keep-alive connections (Prometheus keeps one) must not hold the process at shutdown.
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { port: (server.address() as AddressInfo).port, close };
}
