import { sessionRevokedSchema, type SessionEndReason } from '@yhteistyotila/protocol';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

/**
 * The router state with which the app opens the sign-in page after the server ended this
 * device's session (`session:revoked`), so the page can say why instead of just appearing.
 */
export const sessionEndedState = (reason: SessionEndReason) => ({ sessionEnded: reason });

/*
 * The reason read from the router state, kept for this page load: the sign-in page mounts again
 * when the session query settles to "signed out", by then with the state cleared below, and must
 * still say why (a reload forgets it; signing in forgets it).
 */
let remembered: SessionEndReason | undefined;
export const forgetSessionEnded = () => {
  remembered = undefined;
};

/** "You were signed out on this device from another device" and the like, translated. */
export function SessionEndedNotice() {
  const { t } = useTranslation('access');
  const { state, pathname } = useLocation();
  const navigate = useNavigate();
  const fromState = sessionRevokedSchema.shape.reason.safeParse(
    (state as { sessionEnded?: unknown } | null)?.sessionEnded,
  ).data;
  // Kept after the state is cleared below; a new ending (page already open) replaces it.
  const [reason, setReason] = useState(fromState ?? remembered);
  if (fromState && fromState !== reason) setReason(fromState);
  // Said once: a reload or a later visit to the page must not repeat old news.
  useEffect(() => {
    if (!fromState) return;
    remembered = fromState;
    void navigate(pathname, { replace: true, state: null });
  }, [fromState, navigate, pathname]);
  if (!reason) return null;
  return (
    <p className="notice" role="alert">
      {t(`signIn.ended.${reason}`)}
    </p>
  );
}
