// Why an installation did not finish, in words, by what went wrong: the person cancelled, the
// link was stale or not theirs (state), or Slack refused the code exchange. Pure.
import type { FailureWords } from './pages.js';

const START_AGAIN = 'Start again from the install page, in the same browser, and finish within ten minutes.';

/** Slack's oauth.v2.access errors (reference: connect-admin-and-oauth.md §4.2), by who can act. */
const SLACK_REFUSALS: Record<string, Omit<FailureWords, 'status'>> = {
  invalid_code: { title: 'The installation link has expired', whatHappened: 'Slack no longer accepts the code it gave for this installation (codes last ten minutes and work once).', whatToDo: START_AGAIN },
  bad_redirect_uri: {
    title: 'The app is set up with another address',
    whatHappened: "Slack refused the installation because this app's redirect address does not match the one in its Slack settings.",
    whatToDo: 'Ask whoever runs the app to make SLACK_REDIRECT_URI equal a Redirect URL under OAuth & Permissions in the app’s settings.',
  },
  cannot_install_an_org_installed_app: {
    title: 'Already installed for your organization',
    whatHappened: 'The app is installed for your whole Enterprise Grid organization, so it cannot also be installed in one workspace.',
    whatToDo: 'Ask an organization admin to add the app to this workspace from the organization’s app management page.',
  },
  user_email_unverified: { title: 'Your email address is not verified', whatHappened: 'Slack will not install apps for an account whose email address is not verified.', whatToDo: 'Verify your email address in Slack, then start again.' },
  preview_feature_not_available: { title: 'Not available in this workspace yet', whatHappened: 'Slack says this workspace cannot install the app yet.', whatToDo: 'Ask a workspace admin, or try again later.' },
};

const OPERATOR = (code: string): Omit<FailureWords, 'status'> => ({
  title: 'The app could not finish installing',
  whatHappened: `Slack refused the app's own credentials (${code}). This is a problem in how the app is set up, not something you did.`,
  whatToDo: 'Ask whoever runs the app to check SLACK_CLIENT_ID and SLACK_CLIENT_SECRET against Basic Information > App Credentials, then start again.',
});

/** `code`: @slack/oauth's error code; `slackError`: Slack's `error` when the exchange itself was refused. */
export function installFailure(code: string | undefined, slackError: string | undefined): FailureWords {
  if (code === 'slack_oauth_installer_authorization_error') {
    return { status: 200, title: 'Installation cancelled', whatHappened: 'You chose not to allow the app, so nothing was installed.', whatToDo: 'Start again whenever you are ready.' };
  }
  if (code === 'slack_oauth_invalid_state' || code === 'slack_oauth_missing_state' || code === 'slack_oauth_missing_code') {
    return {
      status: 400,
      title: 'This installation link cannot be used',
      whatHappened: 'The link back from Slack was not issued to this browser, was already used, or is more than ten minutes old, so nothing was installed.',
      whatToDo: START_AGAIN,
    };
  }
  if (slackError) {
    const known = SLACK_REFUSALS[slackError];
    if (known) return { status: 400, ...known };
    return { status: 502, ...OPERATOR(slackError) };
  }
  return {
    status: 500,
    title: 'The app could not finish installing',
    whatHappened: 'Something went wrong on the app’s side while saving the installation, so nothing was installed. The details have been logged.',
    whatToDo: 'Try again in a few minutes. If it keeps happening, tell whoever runs the app.',
  };
}
