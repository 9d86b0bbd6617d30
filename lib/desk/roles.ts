/*
 * Who may do what at the desk. Roles are ordered: each one may do everything
 * the one below it may. Pages, server actions and the API ask `can`, so the
 * rule lives here only.
 */

export const DESK_ROLES = ['author', 'editor', 'admin'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

export function isDeskRole(value: unknown): value is DeskRole {
  return typeof value === 'string' && (DESK_ROLES as readonly string[]).includes(value);
}

/** The least role each action needs. */
const LEAST_ROLE = {
  writeDraft: 'author',
  publish: 'editor',
  schedule: 'editor',
  withdraw: 'editor',
  restore: 'editor',
  manageInbox: 'editor',
  manageAccounts: 'admin',
  manageTokens: 'admin',
} as const satisfies Record<string, DeskRole>;

export type DeskAction = keyof typeof LEAST_ROLE;

/** Whether `role` is `least` or above it. */
export function hasRole(role: DeskRole, least: DeskRole): boolean {
  return DESK_ROLES.indexOf(role) >= DESK_ROLES.indexOf(least);
}

export function can(user: { role: DeskRole }, action: DeskAction): boolean {
  return hasRole(user.role, LEAST_ROLE[action]);
}
