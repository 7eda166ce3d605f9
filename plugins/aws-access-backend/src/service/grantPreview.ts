import { InputError } from '@backstage/errors';
import {
  AccessLevel,
  createGrantRequestSchema,
  describeZodError,
  GrantPreview,
  parseArn,
} from 'backstage-plugin-aws-access-common';
import { ActionCatalog, PermissionStatement } from '../actions/types';
import { ApprovalPolicy } from '../approval/ApprovalPolicy';
import { AwsAccessConfig } from '../config/AwsAccessConfig';
import { renderGrantPolicies } from '../provisioning/policies';
import { AccountResolver } from './AccountResolver';
import { Caller } from './authorization';
import { PrincipalResolver } from './PrincipalResolver';

/** What the preview needs of the service; the same collaborators `POST /grants` uses. */
export interface GrantPreviewDeps {
  config: AwsAccessConfig;
  actions: ActionCatalog;
  accounts: AccountResolver;
  principals: PrincipalResolver;
  approvals: ApprovalPolicy;
  accessLevels(
    resourceArn: string,
    statements: PermissionStatement[],
  ): AccessLevel[];
  now?: Date;
}

const SENSITIVE_LEVELS = ['Write', 'Permissions management', 'Tagging'];

/**
 * `POST /grants/preview`: runs the checks of `POST /grants` in the same
 * order (schema, duration limit, ARN, wildcards, resource type, account,
 * region, actions, the requester's AWS principal, policy size) and answers
 * with what the grant would be, creating nothing: the exact trust and
 * permission policies with the expiry condition (as if active now), who
 * must approve, the limit, and the actions that write or change
 * permissions.
 */
export async function previewGrant(
  deps: GrantPreviewDeps,
  body: unknown,
  caller: Caller,
): Promise<GrantPreview> {
  const parsed = createGrantRequestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new InputError(describeZodError(parsed.error));
  }
  const request = parsed.data;
  const { config } = deps;
  if (request.durationMinutes > config.maxDurationMinutes) {
    throw new InputError(
      `durationMinutes must be at most ${config.maxDurationMinutes}`,
    );
  }
  if (!parseArn(request.resourceArn)) {
    throw new InputError(
      `resourceArn: '${request.resourceArn}' is not a valid ARN`,
    );
  }
  const wildcards = request.actions.filter(a => /[*?]/.test(a));
  if (wildcards.length && !config.allowWildcardActions) {
    throw new InputError(
      `actions: wildcards are not allowed (${wildcards.join(
        ', ',
      )}); name each action`,
    );
  }
  const resource = deps.actions.resolveResource(request.resourceArn);
  const account = await deps.accounts.resolve(
    request.resourceArn,
    resource.accountId,
    request.accountId,
  );
  if (resource.region && !account.regions.includes(resource.region)) {
    throw new InputError(
      `resourceArn: region ${resource.region} is not enabled for account ${
        account.accountId
      } (${account.regions.join(', ')})`,
    );
  }
  const statements = deps.actions.buildStatements(
    request.resourceArn,
    request.actions,
    { allowWildcards: config.allowWildcardActions },
  );
  const actions = [...new Set(statements.flatMap(s => s.actions))].sort();
  const trustPrincipalArns = await deps.principals.resolve(
    caller.userEntityRef,
    account,
  );
  const now = deps.now ?? new Date();
  const expiresAt = new Date(now.getTime() + request.durationMinutes * 60_000);
  const policies = renderGrantPolicies({
    trustPrincipalArns,
    statements,
    expiresAt,
  });
  const facts = await deps.accounts.describeResource(request.resourceArn);
  const requirement = deps.approvals.decide({
    accountId: account.accountId,
    resourceOwner: facts.owner,
    resourceTags: facts.tags,
    accessLevels: deps.accessLevels(request.resourceArn, statements),
  });
  const levels = new Map(
    deps.actions
      .listActions(request.resourceArn)
      .map(a => [a.action.toLowerCase(), a.accessLevel]),
  );
  const sensitiveActions = actions.flatMap(action => {
    const level = levels.get(action.toLowerCase()) ?? 'Permissions management';
    return SENSITIVE_LEVELS.includes(level)
      ? [{ action, accessLevel: level as 'Write' }]
      : [];
  });
  return {
    resourceArn: request.resourceArn,
    resourceType: resource.resourceType,
    accountId: account.accountId,
    region: resource.region,
    actions,
    durationMinutes: request.durationMinutes,
    expiresAt: expiresAt.toISOString(),
    maxDurationMinutes: config.maxDurationMinutes,
    trustPolicy: JSON.parse(policies.trustPolicy),
    permissionPolicy: JSON.parse(policies.permissionPolicy),
    approval:
      requirement.mode === 'auto'
        ? { mode: 'auto' }
        : {
            mode: requirement.mode,
            count: requirement.count,
            approverGroups: requirement.approverGroups,
          },
    sensitiveActions,
  };
}
