/** Spelling helpers: diacritic folding and "one edit away". */

/**
 * The word as typed on a keyboard without ä, ö and å: "päiväkoti" -> "paivakoti". Letters only
 * lose their marks (NFD, combining marks dropped), so "ß" or "æ" stay as they are.
 */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');

/**
 * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one
 * substring): a swap of two neighbouring letters counts as one edit, as typing makes it one.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[x.length]![y.length]!;
}

/**
 * A suggestion forgives the query word: one edit away, or the same letters but for missing
 * diacritics ("paivakoti" -> "päiväkoti"), or one edit away once both are folded.
 */
export function isNearMiss(word: string, suggestion: string): boolean {
  if (word === suggestion) return false;
  return editDistance(word, suggestion) <= 1 || editDistance(fold(word), fold(suggestion)) <= 1;
}

/**
 * Every string one edit away from `word` over `alphabet` (deletion, swap of neighbours,
 * substitution, insertion), those that only restore diacritics first. For dictionaries whose
 * own suggestion search is too slow for a query path (Hunspell's n-gram stage: 0.2-0.6 s a word).
 */
export function oneEditAway(word: string, alphabet: string): string[] {
  const letters = [...word];
  const out = new Set<string>();
  const restoring: string[] = [];
  for (let i = 0; i <= letters.length; i++) {
    const head = letters.slice(0, i).join('');
    const tail = letters.slice(i);
    if (tail.length) out.add(head + tail.slice(1).join(''));
    if (tail.length > 1) out.add(head + tail[1]! + tail[0]! + tail.slice(2).join(''));
    for (const c of alphabet) {
      if (tail.length && c !== tail[0]) {
        const candidate = head + c + tail.slice(1).join('');
        if (fold(c) === tail[0]) restoring.push(candidate);
        else out.add(candidate);
      }
      out.add(head + c + tail.join(''));
    }
  }
  out.delete(word);
  return [...new Set([...restoring, ...out])];
}
