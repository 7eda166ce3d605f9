export { ApprovalPolicy } from './ApprovalPolicy';
export { highestAccessLevel, matchApprovalRule } from './matchApprovalRule';
export {
  DEFAULT_PENDING_TIMEOUT_MINUTES,
  readApprovalConfig,
} from './readApprovalConfig';
