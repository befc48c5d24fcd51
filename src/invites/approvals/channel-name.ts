// Slack's channel-name rules (conversations.create / acceptSharedInvite's invalid_name_* errors):
// lower case letters, numbers, hyphens and underscores, at most 80 characters, not punctuation alone.
export const MAX_CHANNEL_NAME = 80;

/** The invitation's channel name made a valid one here (empty when nothing of it is left). */
export function suggestedChannelName(name: string | undefined): string {
  const cleaned = (name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // "café" -> "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = cleaned.slice(0, MAX_CHANNEL_NAME).replace(/-+$/, '');
  return /[a-z0-9]/.test(cut) ? cut : '';
}
