import { useTranslation } from 'react-i18next';

/**
 * Claiming in the moderators' queues (join requests, reports): one moderator takes an item so
 * the others see it is being handled. The words are the feature's own: `texts` names its
 * namespace and key prefix, under which claimedByMe, claimedBy ({{name}}), unclaimed, claim
 * and release are found.
 */
interface Claim {
  texts: { ns: string; keyPrefix: string };
  mine: boolean;
  claimedByOther: boolean;
}

/** Who handles the item: me, someone else (named) or no one. */
export function ClaimStatus({
  texts,
  mine,
  claimedByOther,
  name,
  live = false,
}: Claim & { name: string | undefined; live?: boolean }) {
  const { t } = useTranslation(texts.ns, { keyPrefix: texts.keyPrefix });
  return (
    <p className="claim" aria-live={live ? 'polite' : undefined}>
      {mine ? t('claimedByMe') : claimedByOther ? t('claimedBy', { name }) : t('unclaimed')}
    </p>
  );
}

/** Take the item when no one has it, let it go when it is mine; nothing when another has it. */
export function ClaimButton({
  texts,
  mine,
  claimedByOther,
  busy,
  onClaim,
  onRelease,
}: Claim & { busy: boolean; onClaim: () => void; onRelease: () => void }) {
  const { t } = useTranslation(texts.ns, { keyPrefix: texts.keyPrefix });
  if (claimedByOther && !mine) return null;
  return (
    <button type="button" className="button" disabled={busy} onClick={mine ? onRelease : onClaim}>
      {t(mine ? 'release' : 'claim')}
    </button>
  );
}
