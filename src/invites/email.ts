// A practical email check: what Slack's email_text_input accepts and a person means by "an email".
// Not RFC 5322 in full: quoted local parts and IP-literal domains are not invitations people send.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(text: string): string {
  return text.trim().toLowerCase();
}

export function isEmailAddress(text: string): boolean {
  if (text.length > 254) return false;
  const [local] = text.split('@');
  if (!local || local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  return EMAIL.test(text);
}
