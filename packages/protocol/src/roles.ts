import { z } from 'zod';
import { ROLES } from './role-rank.js';

export * from './role-rank.js';
export const roleSchema = z.enum(ROLES);
