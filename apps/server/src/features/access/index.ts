/**
 * Public interface of the access feature (join requests, consent, accounts, sessions, roles,
 * personal data). Other features import only from here.
 */
export { accessFeature } from './access.feature.js';
export type { AuthUser } from './auth.js';
export { requireAction } from './access.policy.js';
export {
  onApprovalCheck,
  onUserApproved,
  onUserErasing,
  type ApprovalChoice,
  type UserApprovedEvent,
  type UserErasingListener,
} from './hooks.js';
export {
  registerPersonalData,
  personalDataSources,
  plain,
  plainDocs,
  type PersonalDataSource,
  type EraseContext,
} from './personal-data.js';
export { endSession, endUserSessions, presentSessionUser, refreshUserSockets } from './sessions.js';
export { CURRENT_PRIVACY_VERSION, mustReconsent } from './privacy.js';
export { UserModel, type UserDoc } from './user.model.js';
export { assertConsented, consentGate } from './consent-gate.js';
export {
  hasLiveAccess,
  liveAccessListeners,
  liveRoom,
  restoreLiveAccess,
  suspendLiveAccess,
  type LiveAccessListener,
} from './live-access.js';
export { runRetention, runJoinReminders, runGuestExpiry } from './jobs.js';
