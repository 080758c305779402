import { sessionRevokedSchema, type SessionEndReason } from '@yhteistyotila/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/**
 * The router state with which the app opens the sign-in page after the server ended this
 * device's session (`session:revoked`), so the page can say why instead of just appearing.
 */
export const sessionEndedState = (reason: SessionEndReason) => ({ sessionEnded: reason });

/** "You were signed out on this device from another device" and the like, translated. */
export function SessionEndedNotice() {
  const { t } = useTranslation('access');
  const { state, pathname } = useLocation();
  const navigate = useNavigate();
  const fromState = sessionRevokedSchema.shape.reason.safeParse(
    (state as { sessionEnded?: unknown } | null)?.sessionEnded,
  ).data;
  // Kept after the state is cleared below; a new ending (page already open) replaces it.
  const [reason, setReason] = useState(fromState);
  if (fromState && fromState !== reason) setReason(fromState);
  // Said once: a reload or a later visit to the page must not repeat old news.
  useEffect(() => {
    if (fromState) void navigate(pathname, { replace: true, state: null });
  }, [fromState, navigate, pathname]);
  if (!reason) return null;
  return (
    <p className="notice" role="alert">
      {t(`signIn.ended.${reason}`)}
    </p>
  );
}
