import {
  httpRoutes as routes,
  type DeleteAccountBody,
  type FirstAdminBody,
  type JoinRequestBody,
  type Language,
  type ProfileUpdateBody,
  type SessionUser,
  type SignInBody,
} from '@yhteistyotila/protocol';
import type { QueryClient } from '@tanstack/react-query';
import { apiUrl, callRoute } from '../../lib/api.js';
import { queryKeys } from '../../lib/query-keys.js';

/** The HTTP side of joining and access: the routes of the protocol's table (access.ts). */
export const accessApi = {
  privacy: (lang: Language, version?: string) =>
    callRoute(routes.privacy, { query: version ? { lang, version } : { lang } }),
  join: (body: JoinRequestBody) => callRoute(routes.joinRequest, { body }),
  verify: (token: string) => callRoute(routes.verifyJoinRequest, { body: { token } }),
  status: (token: string) => callRoute(routes.joinRequestStatus, { body: { token } }),
  signIn: (body: SignInBody) => callRoute(routes.signIn, { body }),
  signOut: () => callRoute(routes.signOut, { body: {} }),
  checkPasswordToken: (token: string) => callRoute(routes.checkPasswordToken, { body: { token } }),
  setPassword: (token: string, password: string) =>
    callRoute(routes.setPassword, { body: { token, password } }),
  requestReset: (email: string, language: Language) =>
    callRoute(routes.requestPasswordReset, { body: { email, language } }),
  changePassword: (currentPassword: string, newPassword: string) =>
    callRoute(routes.changePassword, { body: { currentPassword, newPassword } }),
  sessions: () => callRoute(routes.mySessions),
  revokeSession: (id: string) => callRoute(routes.revokeMySession, { params: { id } }),
  profile: () => callRoute(routes.profile),
  updateProfile: (body: ProfileUpdateBody) => callRoute(routes.updateProfile, { body }),
  /** A download: the browser follows the link (no fetch). */
  exportUrl: apiUrl(routes.exportMyData.path),
  deleteAccount: (body: DeleteAccountBody) => callRoute(routes.deleteMyAccount, { body }),
  reconsent: (version: string, language: Language) =>
    callRoute(routes.reconsent, { body: { version, consent: true, language } }),
  checkSetupToken: (token: string) => callRoute(routes.checkSetupToken, { body: { token } }),
  setup: (body: FirstAdminBody) => callRoute(routes.setup, { body }),
};

/**
 * After the session cookie changed (signed in, out, or rotated): the app reads the new user
 * and the socket handshakes again, so it joins the right rooms.
 */
export function sessionChanged(queryClient: QueryClient, user: SessionUser | null): void {
  queryClient.setQueryData(queryKeys.session, user);
  void queryClient.invalidateQueries({ queryKey: queryKeys.session });
  // Loaded only if a signed-in screen had loaded it already (public pages never do).
  void import('../../lib/socket.js').then((m) => m.restartSocket());
}

export const STATUS_TOKEN_KEY = 'yt.joinStatusToken';
