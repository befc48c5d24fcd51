// The Slack CLI's start hook (`slack run`, through `npm run slack:start` in .slack/hooks.json):
// runs the app from its sources in Socket Mode as the development app the CLI created and
// installed. The CLI hands that app's tokens over as SLACK_CLI_XAPP and SLACK_CLI_XOXB; they are
// the app's SLACK_APP_TOKEN and SLACK_BOT_TOKEN here, ahead of any in .env (which may be another
// app's). The CLI restarts this when a file under src/ changes (watch settings in hooks.json).
const appToken = process.env.SLACK_CLI_XAPP?.trim();
const botToken = process.env.SLACK_CLI_XOXB?.trim();
if (!appToken || !botToken) {
  process.stderr.write('slack:start is the Slack CLI\'s start hook: run it with `slack run`, which provides the tokens (SLACK_CLI_XAPP, SLACK_CLI_XOXB). To run the app yourself, use npm run dev or npm start.\n');
  process.exit(1);
}
process.env.SLACK_APP_TOKEN = appToken;
process.env.SLACK_BOT_TOKEN = botToken;
process.env.NODE_ENV ??= 'development';
await import('../src/main.js');
