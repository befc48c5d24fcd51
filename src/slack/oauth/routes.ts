// OAuth mode's two pages, served beside /slack/events: /slack/install (the "Add to Slack" button,
// and a cookie that binds the flow to this browser) and /slack/oauth_redirect (state checked,
// code exchanged, installation stored with its tokens encrypted, then a page that says what
// happened). Bolt's own installer is not used for authorization: the app's resolver is (see
// workspaces/resolver.ts), so the installer only runs these two pages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InstallProvider, type InstallationStore, type StateStore } from '@slack/oauth';
import type { CustomRoute } from '@slack/bolt';
import type { OAuthConfig } from '../../config.js';
import { toBoltLogger, type Logger } from '../../logger.js';
import { slackTransport } from '../web-api-transport.js';
import { installFailure } from './failures.js';
import { failurePage, installedPage, installPage } from './pages.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface OAuthRoutesOptions {
  oauth: OAuthConfig;
  apiUrl: string;
  appName: string;
  botScopes: readonly string[];
  installationStore: InstallationStore;
  stateStore: StateStore;
  logger: Logger;
  /** Called after an installation is stored (the resolver forgets what it built for the old one). */
  installed?: (installationKey: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall: boolean }) => void;
}

export function oauthRoutes(options: OAuthRoutesOptions): CustomRoute[] {
  const { oauth, appName, logger } = options;
  const installer = new InstallProvider({
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    installationStore: options.installationStore,
    stateStore: options.stateStore,
    authorizationUrl: oauth.authorizeUrl,
    authVersion: 'v2',
    stateCookieName: 'connect-invites-oauth-state',
    stateCookieExpirationSeconds: 600,
    renderHtmlForInstallPath: (url) => installPage(appName, url),
    installUrlOptions: { scopes: [...options.botScopes], ...(oauth.redirectUri ? { redirectUri: oauth.redirectUri } : {}) },
    logger: toBoltLogger(logger, 'oauth'),
    clientOptions: { slackApiUrl: options.apiUrl, retryConfig: { retries: 2 }, ...slackTransport({ timeoutMs: 10_000 }) },
  });

  const install = (req: IncomingMessage, res: ServerResponse) => {
    installer.handleInstallPath(req, res).catch((err: unknown) => {
      logger.error({ err }, 'could not serve the install page');
      if (!res.headersSent) respondHtml(res, 503, failurePage(installFailure(undefined, undefined), INSTALL_PATH));
    });
  };

  const redirect = (req: IncomingMessage, res: ServerResponse) => {
    installer
      .handleCallback(req, res, {
        success: (installation, _options, _req, response) => {
          const org = installation.isEnterpriseInstall ? installation.enterprise : undefined;
          logger.info({ team: installation.team?.id, enterprise: installation.enterprise?.id, orgWide: installation.isEnterpriseInstall, scopes: installation.bot?.scopes }, 'installed');
          options.installed?.({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall: installation.isEnterpriseInstall === true });
          respondHtml(
            response,
            200,
            installedPage(appName, {
              teamName: installation.team?.name,
              enterpriseName: installation.enterprise?.name,
              addWorkspacesUrl: org && installation.appId ? `https://app.slack.com/manage/${org.id}/integrations/profile/${installation.appId}/workspaces/add` : undefined,
              openInSlackUrl: installation.team?.id && installation.appId ? `https://slack.com/app_redirect?app=${installation.appId}&team=${installation.team.id}` : undefined,
            }),
          );
        },
        failure: (error, _options, _req, response) => {
          const slackError = (error as { data?: { error?: unknown } }).data?.error;
          const words = installFailure(error.code, typeof slackError === 'string' ? slackError : undefined);
          const log = words.status >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
          log({ code: error.code, slackError, status: words.status }, 'an installation did not finish');
          respondHtml(response, words.status, failurePage(words, INSTALL_PATH));
        },
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'the OAuth redirect failed');
        if (!res.headersSent) respondHtml(res, 500, failurePage(installFailure(undefined, undefined), INSTALL_PATH));
      });
  };

  return [
    { path: INSTALL_PATH, method: ['GET'], handler: install },
    { path: REDIRECT_PATH, method: ['GET'], handler: redirect },
  ];
}

function respondHtml(res: ServerResponse, status: number, html: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}
