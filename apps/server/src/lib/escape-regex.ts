/** A text matched literally inside a regular expression (a $regex query from user input). */
export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
