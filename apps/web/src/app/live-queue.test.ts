import { describe, expect, it } from 'vitest';
import { applyChange, mergeLoaded, type QueueRules } from './live-queue.js';

interface Item {
  id: string;
  status: 'pending' | 'approved';
  claimedBy: string | null;
  at: string;
}
const rules: QueueRules<Item> = {
  isOpen: (i) => i.status === 'pending',
  order: (a, b) => a.at.localeCompare(b.at),
};
const item = (id: string, at: string, patch: Partial<Item> = {}): Item => ({
  id,
  status: 'pending',
  claimedBy: null,
  at,
  ...patch,
});

describe('a live queue whose list answer arrives after a change', () => {
  const loaded = [item('a', '1'), item('b', '2')];

  it('keeps a request this moderator took while the list was on its way', () => {
    const changed = new Map([['a', item('a', '1', { claimedBy: 'me' })]]);
    const merged = mergeLoaded(loaded, changed, rules);
    expect(merged.map((i) => [i.id, i.claimedBy])).toEqual([
      ['a', 'me'],
      ['b', null],
    ]);
  });

  it('does not bring back a request decided meanwhile', () => {
    const changed = new Map([['b', item('b', '2', { status: 'approved' })]]);
    expect(mergeLoaded(loaded, changed, rules).map((i) => i.id)).toEqual(['a']);
  });

  it('keeps one that arrived meanwhile, in order', () => {
    const changed = new Map([['c', item('c', '0')]]);
    expect(mergeLoaded(loaded, changed, rules).map((i) => i.id)).toEqual(['c', 'a', 'b']);
  });

  it('applies a change in place and drops a decided item', () => {
    const list = applyChange(loaded, item('b', '2', { claimedBy: 'me' }), rules);
    expect(list.map((i) => i.claimedBy)).toEqual([null, 'me']);
    expect(
      applyChange(list, item('a', '1', { status: 'approved' }), rules).map((i) => i.id),
    ).toEqual(['b']);
  });
});
