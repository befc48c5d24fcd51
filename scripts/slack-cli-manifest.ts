// The Slack CLI's get-manifest hook (.slack/hooks.json): prints manifest.json in Socket Mode
// (scripts/socket-mode-manifest.ts). Under the message-boundaries protocol, which the CLI asks for
// with --protocol and --boundary because @slack/cli-hooks offers it, the JSON goes between two
// boundaries; otherwise it is all this prints.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { socketModeManifest, type Manifest } from './socket-mode-manifest.js';

const { values } = parseArgs({ options: { protocol: { type: 'string' }, boundary: { type: 'string' } }, strict: false });
const manifest = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'manifest.json'), 'utf8')) as Manifest;
const json = JSON.stringify(socketModeManifest(manifest));
const boundary = values.protocol === 'message-boundaries' && typeof values.boundary === 'string' ? values.boundary : '';
process.stdout.write(`${boundary}${json}${boundary}\n`);
