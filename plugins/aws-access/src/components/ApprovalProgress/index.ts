export { ApprovalProgress, approvalProgressLabel } from './ApprovalProgress';
