import { createConditionExports } from '@backstage/plugin-permission-node';
import { grantPermissionResourceRef } from './resource';
import { grantPermissionRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: grantPermissionResourceRef,
  rules: grantPermissionRules,
});

/**
 * Conditions on grants for permission policies, e.g.
 * `grantConditions.isRequester({ claims: [user.info.userEntityRef] })`.
 *
 * @public
 */
export const grantConditions = conditions;

/**
 * Wraps grant conditions into a conditional policy decision.
 *
 * @public
 */
export const createGrantConditionalDecision = createConditionalDecision;
