// "Or create a new channel" on the /share-channel form: the name checked with the form (Slack's
// naming rules, inline), the channel created once the person may invite and the rest of the form
// is valid (idempotent by the modal's ID: however often the form is sent, one channel), then the
// invitations checked and sent into it like into any channel.
import { checkChannelName } from '../../../invites/channel-creation/name.js';
import type { NewChannelRequest } from '../../../invites/channel-creation/service.js';
import type { Requester } from '../../../invites/ports.js';
import type { ShareForm } from '../../parse/share-channel.js';
import type { Workspace } from '../../workspaces/workspace.js';

/** A draft that may name a new channel instead of an existing one (channelId '' until it is created). */
export type WithNewChannel<D> = D & { newChannel?: NewChannelRequest | undefined };

/** Stands in for the channel to create while the form alone is checked. */
const TO_BE_CREATED = 'C0NEWCHANNEL';

/**
 * Runs the form's own validation with the channel choice made: an existing channel, or the new
 * one's name (its errors under the name field). Both at once is a choice to make.
 */
export function withChannelChoice<D extends { channelId: string }, E extends Record<string, string | undefined>>(
  form: ShareForm,
  validate: (form: ShareForm) => { ok: true; draft: D } | { ok: false; errors: E },
): { ok: true; draft: WithNewChannel<D> } | { ok: false; errors: E & { newChannel?: string; channel?: string } } {
  const named = form.newChannel;
  if (!named) return validate(form);
  const name = checkChannelName(named.name);
  const checked = validate({ ...form, channelId: form.channelId ?? TO_BE_CREATED });
  const errors: Record<string, string | undefined> = checked.ok ? {} : { ...checked.errors };
  if (form.channelId) errors.newChannel = 'Choose a channel above or name a new one here, not both.';
  else if (!name.ok) errors.newChannel = name.problem;
  if (Object.values(errors).some(Boolean) || !checked.ok || !name.ok) return { ok: false, errors: errors as E };
  return { ok: true, draft: { ...checked.draft, channelId: '', newChannel: { ...named, name: name.name } } };
}

/** Creates the channel the draft names (once per `key`), and points the draft at it. */
export async function createNamedChannel<D extends { channelId: string }>(
  draft: WithNewChannel<D>,
  requester: Requester,
  workspace: Workspace,
  key: string,
): Promise<{ draft: WithNewChannel<D> } | { errors: { newChannel: string } }> {
  if (!draft.newChannel) return { draft };
  const made = await workspace.channelCreation.ensureChannel(requester, draft.newChannel, `share-channel:${key}`);
  if (!made.ok) return { errors: { newChannel: made.problem } };
  return { draft: { ...draft, channelId: made.channelId, newChannel: undefined } };
}

export const namesNewChannel = (draft: { newChannel?: unknown }): boolean => draft.newChannel !== undefined;
