import type { SlackDeps } from '../../deps.js';
import { APPROVALS, HOME, SHARE_CHANNEL_OUTCOME } from '../../ids.js';
import { HOME_BUTTON_LABEL } from '../../views/home.js';
import { invitePrivateModal } from '../../views/invite-private-modal.js';
import { shareChannelModal } from '../../views/share-channel-modal.js';
import type { ListenerRegistry } from '../registry.js';
import { homeClearInviteGroup, homeFilter, homeInviteGroup, homeStateButton, openFormButton, routeByActionId } from './home.js';
import { sendAgainButton, sendAsLimitedButton } from './send-again.js';
import { resendButton } from './resend.js';
import { changeAccessButton } from './access.js';
import { addTrustedButton, approverChannelSelect, decisionButton, modalButton, trustButton, untrustButton } from './approvals.js';

export function register(app: ListenerRegistry, deps: SlackDeps): void {
  // One listener routes every Home control: Bolt tries each listener's matchers on every request,
  // so fewer listeners is less work per request, whatever it is (measured by npm run bench).
  const stateButton = homeStateButton(deps);
  app.action(
    /^home\./,
    routeByActionId({
      [HOME.actions.filter]: homeFilter(deps),
      [HOME.actions.scope]: stateButton,
      [HOME.actions.pageNewer]: stateButton,
      [HOME.actions.pageOlder]: stateButton,
      [HOME.actions.refresh]: stateButton,
      [HOME.actions.openShareChannel]: openFormButton(deps, 'slack_connect', () => shareChannelModal(), HOME_BUTTON_LABEL.openShareChannel),
      [HOME.actions.openInvitePrivate]: openFormButton(deps, 'private_channel', () => invitePrivateModal(), HOME_BUTTON_LABEL.openInvitePrivate),
      [HOME.actions.inviteGroup]: homeInviteGroup(deps),
      [HOME.actions.clearInviteGroup]: homeClearInviteGroup(deps),
      [HOME.actions.giveFullAccess]: changeAccessButton('full', deps),
      [HOME.actions.limitAccess]: changeAccessButton('limited', deps),
    }),
  );
  app.action(SHARE_CHANNEL_OUTCOME.actions.sendAgain, sendAgainButton(deps));
  app.action(SHARE_CHANNEL_OUTCOME.actions.sendAsLimited, sendAsLimitedButton(deps));
  app.action(SHARE_CHANNEL_OUTCOME.actions.resend, resendButton(deps));
  // The approval cards' and App Home's approval controls, one listener for all.
  const A = APPROVALS.actions;
  const approvalRoutes = routeByActionId(
    {
      [A.approve]: decisionButton('approve', deps),
      [A.ignore]: decisionButton('ignore', deps),
      [A.decline]: modalButton('decline', deps),
      [A.accept]: modalButton('accept', deps),
      [A.trust]: trustButton(deps),
      [A.untrust]: untrustButton(deps),
      [A.addTrusted]: addTrustedButton(deps),
      [A.approverChannel]: approverChannelSelect(deps),
      [A.clearApproverChannel]: approverChannelSelect(deps, true),
    },
    // App Home numbers its remove buttons (approvals.untrust:<n>: unique within their block).
    (actionId) => (APPROVALS.actionPatterns.untrust.test(actionId) ? A.untrust : actionId),
  );
  app.action(/^approvals\./, approvalRoutes);
}
