// Slack's side of Socket Mode, for tests: a WebSocket server that greets the app with `hello`,
// sends it envelopes (slash commands, interactivity, events) and collects its acknowledgements.
// The fake Web API's apps.connections.open points the app here (fake.socketModeUrl).
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Ack {
  envelope_id: string;
  payload?: any;
}

export class FakeSocketMode {
  private readonly sockets = new Set<WebSocket>();
  private readonly waiting = new Map<string, (ack: Ack) => void>();
  private connectedResolve!: () => void;
  private readonly greeted = new Set<() => void>();
  /** Connections greeted so far (a reconnection counts again). */
  greetings = 0;
  /** Resolves when an app has connected and been greeted. */
  readonly connected = new Promise<void>((resolve) => {
    this.connectedResolve = resolve;
  });

  private constructor(private readonly server: WebSocketServer, readonly url: string) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as Ack;
        this.waiting.get(ack.envelope_id)?.(ack);
        this.waiting.delete(ack.envelope_id);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 3600 }, connection_info: { app_id: 'A0CONNECT' } }));
      this.greetings += 1;
      this.connectedResolve();
      for (const resolve of this.greeted) resolve();
      this.greeted.clear();
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new FakeSocketMode(server, `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}`);
  }

  /** Sends an envelope and resolves with the app's acknowledgement (or rejects after `timeoutMs`). */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: object, timeoutMs = 5000): Promise<Ack> {
    const socket = [...this.sockets][0];
    if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
    const envelopeId = randomUUID();
    const ack = new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no acknowledgement of ${type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(envelopeId, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
    socket.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    return ack;
  }

  /** Resolves when the next connection has been greeted (an app reconnecting). */
  nextConnection(): Promise<void> {
    return new Promise((resolve) => this.greeted.add(resolve));
  }

  /** Slack drops the connection (as it does for a refresh or an outage); the server stays up, so the app can reconnect. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
