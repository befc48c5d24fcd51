import { performance } from 'node:perf_hooks';
import { createPrismaClient } from '../src/db/database.js';
import { createDashboardRepository } from '../src/db/dashboard-repository.js';
const prisma = createPrismaClient('postgresql://postgres@127.0.0.1:5432/scale_profile_wt', 4);
const repo = createDashboardRepository(prisma);
const now = await repo.databaseNow();
async function t(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 10; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < 50; i++) { const s = performance.now(); await fn(); ms.push(performance.now() - s); }
  ms.sort((a, b) => a - b);
  console.log(label, 'p50', ms[25]!.toFixed(2), 'p95', ms[47]!.toFixed(2));
}
await t('now', () => repo.databaseNow());
await t('counts mine', () => repo.counts({ teamId: 'T0TEAM', requesterUserId: 'U0CAROL', now }));
await t('counts ws', () => repo.counts({ teamId: 'T0TEAM', requesterUserId: undefined, now }));
await t('page mine', () => repo.page({ teamId: 'T0TEAM', requesterUserId: 'U0CAROL', filter: 'all', limit: 16, now }));
await t('page ws', () => repo.page({ teamId: 'T0TEAM', requesterUserId: undefined, filter: 'all', limit: 16, now }));
const ids = (await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM invites WHERE team_id='T0TEAM' ORDER BY created_at DESC LIMIT 16`)).map((r) => r.id);
await t('findMany include', () => prisma.invite.findMany({ where: { id: { in: ids } }, include: { recipients: { orderBy: { id: 'asc' }, take: 10 }, _count: { select: { recipients: true } } } }));
await t('findMany plain', () => prisma.invite.findMany({ where: { id: { in: ids } } }));
await t('raw ids', () => prisma.$queryRawUnsafe(`SELECT id FROM invites WHERE team_id='T0TEAM' AND requester_user_id='U0CAROL' ORDER BY created_at DESC, id DESC LIMIT 16`));
await prisma.$disconnect();
