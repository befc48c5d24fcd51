// Puts an outcome in front of the person: in the modal they are looking at, or, if they closed
// it meanwhile, in a direct message from the app, so no outcome goes unseen.
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../../logger.js';
import { postDirectMessage } from '../../direct-message.js';
import { encodedView } from '../../encoded-view.js';

/** The modal updated in place; false when Slack would not (closed meanwhile, most likely). */
export async function updateModal(client: WebClient, viewId: string, view: ModalView, log: Logger): Promise<boolean> {
  try {
    await client.views.update({ view_id: viewId, view: encodedView(view) });
    return true;
  } catch (err) {
    log.info({ err }, 'could not update the modal (closed?)');
    return false;
  }
}

export async function showOutcome(client: WebClient, viewId: string | null | undefined, userId: string, view: ModalView, log: Logger): Promise<'modal' | 'dm' | 'none'> {
  if (viewId) {
    try {
      await client.views.update({ view_id: viewId, view: encodedView(view) });
      return 'modal';
    } catch (err) {
      log.info({ err }, 'could not update the modal (closed?); sending the outcome as a direct message');
    }
  }
  try {
    await postDirectMessage(client, { channel: userId, text: viewTitle(view), blocks: view.blocks }, log);
    return 'dm';
  } catch (err) {
    log.error({ err }, 'could not show the outcome to the person');
    return 'none';
  }
}

function viewTitle(view: ModalView): string {
  return view.title?.text ?? 'Invitation update';
}
