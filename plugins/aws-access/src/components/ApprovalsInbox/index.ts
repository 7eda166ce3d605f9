export { ApprovalsInbox } from './ApprovalsInbox';
export { DecisionDialog } from './DecisionDialog';
export type { Decision } from './DecisionDialog';
