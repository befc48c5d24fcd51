// Shows a batch to the person who sent it: progress in the modal while it is open (views.update,
// Tier 4: at most one update every second or two), one summary message at the end, and a fresh
// Home tab. Outside any request, so on whichever replica drives the batch.
import type { WebClient } from '@slack/web-api';
import type { BatchNotifier } from '../invites/batches/service.js';
import type { Logger } from '../logger.js';
import { postDirectMessage } from './direct-message.js';
import { updateModal } from './listeners/views/show-outcome.js';
import { batchProgressView, batchSummaryMessage } from './views/batch-progress.js';

export function createBatchNotifier({ client, appName, logger, republishHome }: {
  client: WebClient;
  appName: string;
  logger: Logger;
  /** Publishes the person's Home tab again (it shows their batches). */
  republishHome(target: { teamId: string; userId: string; enterpriseId?: string | undefined }): Promise<unknown>;
}): BatchNotifier {
  return {
    async progress(view) {
      if (!view.batch.viewId) return false;
      return updateModal(client, view.batch.viewId, batchProgressView(view, { appName }), logger.child({ batchId: view.batch.id }));
    },
    async finished(view, { summary, modal }) {
      const log = logger.child({ batchId: view.batch.id });
      const { batch } = view;
      if (modal && batch.viewId) await updateModal(client, batch.viewId, batchProgressView(view, { appName }), log);
      if (summary) {
        const message = batchSummaryMessage(view, { appName });
        await postDirectMessage(client, { channel: batch.requesterUserId, text: message.text, blocks: message.blocks }, log).catch((err: unknown) =>
          log.error({ err }, 'could not send the batch’s summary'),
        );
      }
      await republishHome({ teamId: batch.teamId, userId: batch.requesterUserId, enterpriseId: batch.enterpriseId ?? undefined });
    },
  };
}
