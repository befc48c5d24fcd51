// prisma.config.ts stands in for Prisma's schema engine only for the commands that never run it,
// so `prisma migrate deploy` and `migrate status` get Prisma's real engine (or its download).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
// Where the engine has been downloaded (machines with internet access), no stand-in is needed.
const engineInstalled = readdirSync(path.join(root, 'node_modules/@prisma/engines')).some((name) => name.startsWith('schema-engine-'));

/** PRISMA_SCHEMA_ENGINE_BINARY after prisma.config.ts is loaded as `prisma ${args}` loads it,
 * for each of `cases`, in one child process (a fresh module instance per case). */
async function engineAfterLoading(cases: string[][], preset?: string): Promise<string[]> {
  const config = pathToFileURL(path.join(root, 'prisma.config.ts')).href;
  const code = `const results = [];
    for (const [i, args] of ${JSON.stringify(cases)}.entries()) {
      ${preset === undefined ? 'delete process.env.PRISMA_SCHEMA_ENGINE_BINARY' : `process.env.PRISMA_SCHEMA_ENGINE_BINARY = ${JSON.stringify(preset)}`};
      process.argv = [process.execPath, 'prisma', ...args];
      await import(${JSON.stringify(config)} + '?case=' + i);
      results.push(process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '(unset)');
    }
    process.stdout.write(JSON.stringify(results));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root });
  return JSON.parse(stdout) as string[];
}

describe('prisma.config.ts and the schema engine', () => {
  it('stands in for the engine for the commands that never run it, while no real engine is installed', async () => {
    const cases = [['generate'], ['validate'], ['format'], ['version'], ['-v'], ['--config', 'prisma.config.ts', 'generate']];
    assert.deepEqual(await engineAfterLoading(cases), cases.map(() => (engineInstalled ? '(unset)' : process.execPath)));
  });

  it('leaves migrate and db commands to Prisma: its installed engine or its download', async () => {
    const cases = [['migrate', 'deploy'], ['migrate', 'status'], ['db', 'push'], ['--config', 'prisma.config.ts', 'migrate', 'status']];
    assert.deepEqual(await engineAfterLoading(cases), cases.map(() => '(unset)'));
  });

  it('keeps an engine named in the environment', async () => {
    assert.deepEqual(await engineAfterLoading([['generate']], '/opt/prisma/schema-engine'), ['/opt/prisma/schema-engine']);
  });
});
