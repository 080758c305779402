import { z } from 'zod';
import { MUNICIPALITIES } from './municipalities.js';

export * from './municipalities.js';

const CODES = new Set(MUNICIPALITIES.map((m) => m.code));
export const municipalityCodeSchema = z
  .string()
  .refine((c) => CODES.has(c), 'unknown_municipality');
