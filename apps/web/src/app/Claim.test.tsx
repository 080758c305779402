import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ClaimButton, ClaimStatus } from './Claim.js';

const reports = { ns: 'reports', keyPrefix: 'queue' };
const access = { ns: 'access', keyPrefix: 'moderation' };

function renderClaim(
  texts: typeof reports,
  state: { mine: boolean; claimedByOther: boolean; name?: string },
) {
  const onClaim = vi.fn();
  const onRelease = vi.fn();
  const claim = { texts, mine: state.mine, claimedByOther: state.claimedByOther };
  render(
    <>
      <ClaimStatus {...claim} name={state.name} live={texts === access} />
      <ClaimButton {...claim} busy={false} onClaim={onClaim} onRelease={onRelease} />
    </>,
  );
  return { onClaim, onRelease };
}

describe('claiming a queue item', () => {
  it('offers to take an item no one handles, in the feature’s own words', () => {
    const { onClaim, onRelease } = renderClaim(reports, { mine: false, claimedByOther: false });
    expect(screen.getByText('Ei käsittelyssä').getAttribute('aria-live')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Ota käsittelyyn' }));
    expect(onClaim).toHaveBeenCalledOnce();
    expect(onRelease).not.toHaveBeenCalled();
  });

  it('offers to let go of my own item', () => {
    const { onClaim, onRelease } = renderClaim(access, { mine: true, claimedByOther: false });
    expect(screen.getByText('Sinä käsittelet tätä pyyntöä').getAttribute('aria-live')).toBe(
      'polite',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Vapauta' }));
    expect(onRelease).toHaveBeenCalledOnce();
    expect(onClaim).not.toHaveBeenCalled();
  });

  it('names who has another’s item and offers no button', () => {
    renderClaim(reports, { mine: false, claimedByOther: true, name: 'Mirja' });
    expect(screen.getByText('Käsittelijä: Mirja')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
