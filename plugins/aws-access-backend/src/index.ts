/**
 * Self-service, time-bound, least-privilege AWS IAM access for Backstage:
 * the `aws-access` backend plugin (REST API, grant engine, expiry,
 * reconciler, account onboarding).
 *
 * Install it with `backend.add(import('@backstage-aws-access/plugin-aws-access-backend'))`,
 * and its catalog and scaffolder modules from
 * `@backstage-aws-access/plugin-catalog-backend-module-aws-access` and
 * `@backstage-aws-access/plugin-scaffolder-backend-module-aws-access`.
 *
 * @packageDocumentation
 */
export { awsAccessPlugin as default } from './plugin';

// For permission policies: conditions on grants (IS_REQUESTER, IS_RESOURCE_OWNER, HAS_STATE).
export {
  awsAccessPolicyDecision,
  createGrantConditionalDecision,
  grantConditions,
  isAwsAccessPermission,
} from './permissions';
export type { AwsAccessGrantResource, GrantFilter } from './permissions';
export { GRANT_FILTER_COLUMNS } from './permissions';
