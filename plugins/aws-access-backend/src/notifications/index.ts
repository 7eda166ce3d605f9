export { GRANT_AUDIT_EVENTS, GrantAuditor } from './GrantAuditor';
export type {
  AuditActor,
  AuditSubject,
  GrantAuditAction,
  GrantAuditContext,
} from './GrantAuditor';
export { GrantNotifications, NOTIFICATION_TOPIC } from './GrantNotifications';
export type { NotifiedGrant } from './GrantNotifications';
export {
  DEFAULT_EXPIRY_WARNING_MINUTES,
  expiryWarningDue,
  readExpiryWarningMinutes,
} from './expiryWarning';
export { approvalLink, grantLink } from './links';
