/**
 * Public interface of the access feature (join requests, consent, accounts, roles, personal
 * data). Other features import only from here. Sign-in, sessions and the consent gate are core:
 * ../../auth/.
 */
export { requireAction } from './access.policy.js';
export { presentUserSummary } from './roles.service.js';
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
export { latestConsentOf } from './consent.service.js';
export { runRetention, runJoinReminders, runGuestExpiry } from './jobs.js';
/** For questions (issue 13): a guest expert's invitation is a request approved at once. */
export { approveJoinRequest, type WelcomeMail } from './join.service.js';
export { JoinRequestModel } from './join-request.model.js';
