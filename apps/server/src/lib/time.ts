export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
