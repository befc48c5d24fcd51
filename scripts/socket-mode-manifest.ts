// The manifest the Slack CLI creates its development app from (`slack run`): manifest.json as it
// is, but in Socket Mode, so the app needs no public URL. Slack sends a Socket Mode app's requests
// over the WebSocket and ignores request URLs, so they are left out rather than pointing at a
// host that does not exist.
export type Manifest = Record<string, unknown> & { settings?: Record<string, unknown>; features?: Record<string, unknown> };

export function socketModeManifest(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  const settings = (copy.settings ??= {});
  settings.socket_mode_enabled = true;
  const events = settings.event_subscriptions as Record<string, unknown> | undefined;
  if (events) delete events.request_url;
  const interactivity = settings.interactivity as Record<string, unknown> | undefined;
  if (interactivity) {
    delete interactivity.request_url;
    delete interactivity.message_menu_options_url;
  }
  const commands = copy.features?.slash_commands as Array<Record<string, unknown>> | undefined;
  for (const command of commands ?? []) delete command.url;
  return copy;
}
