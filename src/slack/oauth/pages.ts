// The install flow's pages as a browser shows them: the install page with Slack's "Add to Slack"
// button, and what happened at the end, in words, with what to do next. Pure.
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>${escape(title)}</title>
<style>body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1d1c1d}h1{font-size:1.5rem}</style>
</head>
<body>
<h1>${escape(title)}</h1>
${body}
</body>
</html>`;
}

export function installPage(appName: string, addToSlackUrl: string): string {
  return page(
    `Install ${appName}`,
    `<p>${escape(appName)} lets people of your workspace invite partners into Slack Connect channels and colleagues into private channels, and explains in plain words whenever Slack says no.</p>
<p><a href="${escape(addToSlackUrl)}"><img alt="Add to Slack" height="40" width="139" src="https://platform.slack-edge.com/img/add_to_slack.png" srcset="https://platform.slack-edge.com/img/add_to_slack.png 1x, https://platform.slack-edge.com/img/add_to_slack@2x.png 2x"></a></p>
<p>Slack asks you to approve what the app may do, then brings you back here.</p>`,
  );
}

export interface InstalledWhere {
  teamName?: string | undefined;
  enterpriseName?: string | undefined;
  /** An org-wide install: the admin still chooses the org's workspaces in Slack. */
  addWorkspacesUrl?: string | undefined;
  /** Opens the app in Slack. */
  openInSlackUrl?: string | undefined;
}

export function installedPage(appName: string, where: InstalledWhere): string {
  const name = where.addWorkspacesUrl ? where.enterpriseName ?? 'your organization' : where.teamName ?? 'your workspace';
  const next = where.addWorkspacesUrl
    ? `<p>It is installed for the whole organization. Choose the workspaces it works in: <a href="${escape(where.addWorkspacesUrl)}">add it to workspaces</a>. In each of them, type <code>/share-channel</code> or <code>/invite-private</code> in any channel.</p>`
    : `<p>Type <code>/share-channel</code> or <code>/invite-private</code> in any channel, or open the app's Home tab to see your invitations.${
        where.openInSlackUrl ? ` <a href="${escape(where.openInSlackUrl)}">Open Slack</a>.` : ''
      }</p>`;
  return page(`${appName} is installed in ${name}`, next);
}

export interface FailureWords {
  status: number;
  title: string;
  whatHappened: string;
  whatToDo: string;
}

export function failurePage(words: FailureWords, installPath: string): string {
  return page(
    words.title,
    `<p>${escape(words.whatHappened)}</p>
<p>${escape(words.whatToDo)}</p>
<p><a href="${escape(installPath)}">Start the installation again</a></p>`,
  );
}
