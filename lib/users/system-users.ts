/**
 * Accounts the system acts as (e.g. the Payout inbox, docs/file-formats.md#incoming-folder) live
 * under a reserved domain (RFC 2606 ".invalid": never a person's address). Nobody signs in as them,
 * so admins may not reset, enable, re-role or otherwise change them, nor create one.
 */
export const SYSTEM_USER_DOMAIN = "system.disburse.invalid";

export function isSystemUserEmail(email: string): boolean {
  return email.toLowerCase().endsWith(`@${SYSTEM_USER_DOMAIN}`);
}
