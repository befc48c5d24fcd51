// Every request reaches the listeners with its workspace, or is answered here: a request for a
// workspace this app has no installation for (never installed, uninstalled, or the other
// organization of a Slack Connect channel) gets a short, polite answer where the person looks,
// never a 500 and never a Slack call with some other workspace's token. So does a click or a
// submission whose signed payload places the person in another workspace than the installation's
// (the other side of a Slack Connect channel): no action of theirs runs for the host workspace.
// (On Enterprise Grid a person may act in a sibling workspace; there the listeners ask Slack who
// they are before acting.) The events that end an installation (app_uninstalled,
// tokens_revoked) pass: Bolt does not authorize them.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { refuseByRequest, type RefusalCode } from '../../invites/who-may-invite/rules.js';
import { actorOf } from '../installation.js';
import { refusalMessage, refusalText } from '../views/refusal.js';
import { WORKSPACE_UNAVAILABLE_KEY, workspaceOf } from '../workspaces/workspace.js';
import { requestLog } from './context.js';

const UNAUTHORIZED_EVENTS = new Set(['app_uninstalled', 'tokens_revoked']);

type Loose = Record<string, unknown>;

/** The first input block of a submitted view: where a form shows an error about the request as a whole. */
function firstInputBlock(view: Loose | undefined): string | undefined {
  const blocks = Array.isArray(view?.blocks) ? (view.blocks as Loose[]) : [];
  const input = blocks.find((b) => b.type === 'input' && typeof b.block_id === 'string');
  return input?.block_id as string | undefined;
}

export function workspaceGate(deps: { logger: Logger; appName: string; code: Extract<RefusalCode, 'requester_other_workspace' | 'app_not_installed'> }): Middleware<AnyMiddlewareArgs> {
  const notInstalled = { code: deps.code };
  return async (args) => {
    const body = args.body as Loose;
    const workspace = workspaceOf(args.context);
    let refusal: { code: RefusalCode } = args.context[WORKSPACE_UNAVAILABLE_KEY] === true ? { code: 'database_unavailable' } : notInstalled;
    if (workspace) {
      const user = body.user as { id?: unknown; team_id?: unknown } | undefined;
      const interactive = body.type === 'block_actions' || body.type === 'view_submission' || body.type === 'block_suggestion';
      const other = interactive && typeof user?.id === 'string' ? refuseByRequest(actorOf(args.context, { id: user.id, team_id: typeof user.team_id === 'string' ? user.team_id : undefined })) : undefined;
      if (!other) return args.next();
      refusal = other;
    }
    const event = body.event as Loose | undefined;
    if (!workspace && body.type === 'event_callback' && UNAUTHORIZED_EVENTS.has(String(event?.type))) return args.next();
    const log = requestLog(args.context, deps.logger);
    log.info({ refusal: refusal.code }, workspace ? 'a person of another workspace acted on this app; answered without acting' : 'a request for a workspace without an installation of this app; answered without acting');
    const ack = 'ack' in args ? (args.ack as (answer?: unknown) => Promise<void>) : undefined;
    if (typeof body.command === 'string') return ack?.(refusalMessage(refusal, deps.appName));
    if (body.type === 'view_submission') {
      const block = firstInputBlock(body.view as Loose | undefined);
      return ack?.(block ? { response_action: 'errors', errors: { [block]: refusalText(refusal, deps.appName) } } : undefined);
    }
    if (body.type === 'block_suggestion') return ack?.({ options: [] });
    await ack?.();
    // A button in a message: the answer goes where it was clicked (the response_url needs no token).
    if (body.type === 'block_actions' && 'respond' in args && typeof body.response_url === 'string') {
      await (args.respond as (m: unknown) => Promise<unknown>)({ ...refusalMessage(refusal, deps.appName), replace_original: false }).catch(
        (err: unknown) => log.warn({ err }, 'could not answer the click'),
      );
    }
  };
}
