// The world a Socket Mode test needs: the fake Slack (seeded) pointing apps.connections.open at a
// fake Socket Mode server, and a fresh database. `stop()` after the app the test started.
import { createTestDatabase, type TestDatabase } from './database.js';
import { FakeSlack } from './fake-slack.js';
import { FakeSocketMode } from './fake-socket-mode.js';

export interface SocketModeWorld {
  fake: FakeSlack;
  socket: FakeSocketMode;
  db: TestDatabase;
  stop(): Promise<void>;
}

export async function startSocketModeWorld(): Promise<SocketModeWorld> {
  const fake = await FakeSlack.start();
  fake.seedDefaultWorld();
  const socket = await FakeSocketMode.start();
  fake.socketModeUrl = socket.url;
  const db = await createTestDatabase();
  return {
    fake,
    socket,
    db,
    async stop() {
      await socket.stop();
      await fake.stop();
      await db.drop();
    },
  };
}
