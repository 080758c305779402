import { describe, expect, it } from 'vitest';
import { offersSaveToLibrary } from './save-to-library.js';

const member = { role: 'member', expert: false } as const;

describe('"save to library" in the message menu', () => {
  it('is offered in a public channel to those who write library drafts', () => {
    expect(offersSaveToLibrary({ kind: 'channel', visibility: 'public' }, member)).toBe(true);
    expect(
      offersSaveToLibrary(
        { kind: 'channel', visibility: 'public' },
        { role: 'admin', expert: false },
      ),
    ).toBe(true);
  });

  it('is never offered in a DM or a private channel', () => {
    expect(offersSaveToLibrary({ kind: 'dm', visibility: 'private' }, member)).toBe(false);
    expect(offersSaveToLibrary({ kind: 'channel', visibility: 'private' }, member)).toBe(false);
  });

  it('is not offered to a guest expert, who writes no library drafts', () => {
    expect(
      offersSaveToLibrary(
        { kind: 'channel', visibility: 'public' },
        { role: 'guest', expert: true },
      ),
    ).toBe(false);
  });
});
