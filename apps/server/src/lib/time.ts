export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
