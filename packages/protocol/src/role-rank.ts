/*
 * Roles and their order, without zod: the web's header decides what to show with these before
 * it has loaded any schema (docs/decisions.md, "The landing page without zod"). `roleSchema`
 * lives in roles.ts.
 */
/**
 * A person has one role. Expertise is not a role but a capability beside it (decisions: "The
 * expert capability"): a member, a moderator or an admin may hold it, and a guest expert holds
 * it through their role until their end date.
 */
export const ROLES = ['guest', 'member', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { guest: 0, member: 1, moderator: 2, admin: 3 };
export const roleAtLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];
export const isStaff = (role: Role): boolean => roleAtLeast(role, 'moderator');

/** Whether a person holds the expert capability (a guest expert always does, through the role). */
export const holdsExpertCapability = (person: { role: Role; expert?: boolean }): boolean =>
  person.role === 'guest' || person.expert === true;
