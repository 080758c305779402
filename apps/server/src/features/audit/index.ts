/** Public interface of the audit log: other features record their decisions here. */
export {
  recordAudit,
  listAudit,
  auditAbout,
  pseudonymiseAudit,
  presentAudit,
  type AuditInput,
  type AuditDetails,
} from './audit.service.js';
export { AuditModel } from './audit.model.js';
