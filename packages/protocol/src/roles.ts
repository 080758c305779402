import { z } from 'zod';

export const ROLES = ['guest', 'member', 'expert', 'moderator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { guest: 0, member: 1, expert: 2, moderator: 3, admin: 4 };
export const roleAtLeast = (role: Role, min: Role): boolean => RANK[role] >= RANK[min];
export const isStaff = (role: Role): boolean => roleAtLeast(role, 'moderator');
