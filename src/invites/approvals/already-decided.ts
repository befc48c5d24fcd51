// Slack's answers that mean "this was already settled in Slack" (someone approved, declined,
// accepted or denied it there, or it expired): not a failure to show, but the outcome a card
// shows instead. Codes from connect-admin-and-oauth.md §1.1–1.6; the catalogue words each plainly.
export const ALREADY_DECIDED_CODES: readonly string[] = Object.freeze([
  'already_approved', // approveSharedInvite: this side already approved it
  'invalid_action', // approveSharedInvite: no longer valid (already approved)
  'approval_inactive', // approve/declineSharedInvite: declined or expired
  'inactive_invite', // declineSharedInvite: expired or revoked
  'invite_used', // acceptSharedInvite: already accepted
  'invite_already_approved', // requestSharedInvite.approve/deny
  'invite_already_denied',
  'invite_expired',
]);

export function isAlreadyDecided(code: string): boolean {
  return ALREADY_DECIDED_CODES.includes(code);
}
