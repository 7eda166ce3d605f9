/*
 * Copyright 2026 The Backstage AWS Access Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  AccessLevel,
  ActionInfo,
  AwsAccount,
  createGrantRequestSchema,
  decisionRequestSchema,
  describeZodError,
  extendGrantRequestSchema,
  GRANT_LIMITS,
  GrantEvent,
  listGrantsQuerySchema,
  revokeGrantRequestSchema,
} from '@backstage-aws-access/plugin-aws-access-common';
import { z } from 'zod';
import { ActionCatalog, PermissionStatement } from '../iamActions/types';
import { ApprovalPolicy } from '../approval/ApprovalPolicy';
import type {
  ApprovalRequirement,
  AwsAccessApprovalPolicy,
  AwsPrincipalResolver,
} from '@backstage-aws-access/plugin-aws-access-node';
import {
  AccountConfig,
  AwsAccessConfig,
} from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord, GrantStore } from '../database/types';
import { GrantAuditor } from '../notifications/GrantAuditor';
import { GrantNotifications } from '../notifications/GrantNotifications';
import { GrantFilter } from '../permissions/resource';
import { assertNotManaged, ManagedNames } from '../resources/managedResources';
import { parseResourceArn } from '../resources/strictArn';
import { GRANT_POLICY_NAME, grantRoleName } from '../provisioning/naming';
import { renderGrantPolicies } from '../provisioning/policies';
import { AccountResolver } from './AccountResolver';
import { Caller } from './authorization';
import { GrantEngine, SYSTEM_ACTOR } from './GrantEngine';
import { toApiGrant } from './grantView';
import {
  duplicateGrantError,
  Grant,
  GrantLimits,
  GrantPreview,
} from '@backstage-aws-access/plugin-aws-access-common';
import { extendedExpiry, extensionNeedsApprovalMessage } from './extension';
import { GrantPresentationConfig, presentGrant } from './grantPresentation';
import { GrantPlan, toGrantPreview } from './grantPreview';
import {
  admitBreakGlass,
  BreakGlassConfig,
  BreakGlassReviews,
} from '../breakGlass/BreakGlass';

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(describeZodError(result.error));
  }
  return result.data;
}

const minutes = (n: number) => n * 60_000;

/**
 * The grant API's rules: validates every request completely before any IAM
 * call, decides who may do what, and hands state changes to the engine.
 */
export class GrantService {
  private readonly config: () => AwsAccessConfig;
  private readonly store: GrantStore;
  private readonly engine: GrantEngine;
  private readonly actions: ActionCatalog;
  private readonly accounts: AccountResolver;
  private readonly principals: AwsPrincipalResolver;
  private readonly settleTimeoutMs: number;
  private readonly describeAccount?: (account: AccountConfig) => AwsAccount;
  private readonly approvals: AwsAccessApprovalPolicy;
  private readonly notifications?: GrantNotifications;
  private readonly auditor?: GrantAuditor;
  private readonly managedNames: () => ManagedNames;
  private readonly assertAccountReady?: (accountId: string) => void;
  private readonly presentation?: GrantPresentationConfig;
  private readonly breakGlass?: {
    config: BreakGlassConfig;
    reviews: BreakGlassReviews;
  };

  constructor(options: {
    config: () => AwsAccessConfig;
    store: GrantStore;
    engine: GrantEngine;
    actions: ActionCatalog;
    accounts: AccountResolver;
    principals: AwsPrincipalResolver;
    /**
     * How long a request waits for IAM before answering with the grant as it
     * is (e.g. still `provisioning`); the engine carries on regardless.
     */
    settleTimeoutMs?: number;
    /** The connection status of an account; `unknown` when not checked. */
    describeAccount?: (account: AccountConfig) => AwsAccount;
    /** Who must approve what; without it every request is approved at once. */
    approvals?: AwsAccessApprovalPolicy;
    notifications?: GrantNotifications;
    auditor?: GrantAuditor;
    /** What the access system itself consists of in each account: never grantable. */
    managedNames: () => ManagedNames;
    /** Throws when an account cannot take new grants (e.g. its stack is outdated). */
    assertAccountReady?: (accountId: string) => void;
    /** `Grant.cli` and the total-lifetime limit (see grantPresentation.ts). */
    presentation?: GrantPresentationConfig;
    /** Break-glass self-approval; without it no request may use it. */
    breakGlass?: { config: BreakGlassConfig; reviews: BreakGlassReviews };
  }) {
    this.presentation = options.presentation;
    this.breakGlass = options.breakGlass;
    this.config = options.config;
    this.store = options.store;
    this.engine = options.engine;
    this.actions = options.actions;
    this.accounts = options.accounts;
    this.principals = options.principals;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 15_000;
    this.describeAccount = options.describeAccount;
    this.approvals =
      options.approvals ??
      new ApprovalPolicy({ pendingTimeoutMinutes: 24 * 60, rules: [] });
    this.notifications = options.notifications;
    this.auditor = options.auditor;
    this.managedNames = options.managedNames;
    this.assertAccountReady = options.assertAccountReady;
  }

  /** The API view of a stored grant, with `extension` and `cli`. */
  present(record: GrantRecord): Grant {
    return presentGrant(record, {
      requirement: () => this.extensionRequirement(record),
      limits: this.extensionLimits(),
      cli: this.presentation?.cli,
    });
  }

  /** `POST /grants/preview`: what `createGrant` would do, creating nothing. */
  async previewGrant(body: unknown, caller: Caller): Promise<GrantPreview> {
    const request = parse(createGrantRequestSchema, body);
    const plan = await this.plan(request, caller, new Date());
    const preview = toGrantPreview(plan, {
      maxDurationMinutes: this.config().maxDurationMinutes,
      levels: this.actions.listActions(plan.resource.arn),
    });
    const { requirement } = plan;
    return {
      ...preview,
      ...(this.breakGlass && {
        breakGlass: {
          allowed:
            requirement.mode !== 'auto' && requirement.breakGlass === 'allowed',
          maxDurationMinutes: this.breakGlass.config.maxDurationMinutes,
        },
      }),
    };
  }

  /** The limits of a request, stated up front by the forms. */
  limits(): GrantLimits {
    return {
      maxDurationMinutes: this.config().maxDurationMinutes,
      maxActions: GRANT_LIMITS.maxActions,
    };
  }

  private extensionLimits() {
    return {
      maxDurationMinutes: this.config().maxDurationMinutes,
      maxTotalLifetimeMinutes: this.config().limits.maxTotalLifetimeMs / 60_000,
    };
  }

  /** The approval rules' say on extending a grant, judged on the facts captured with it. */
  private extensionRequirement(grant: GrantRecord): ApprovalRequirement {
    return this.approvals.decide({
      accountId: grant.accountId,
      resourceOwner: grant.resourceOwner,
      resourceTags: grant.resourceTags,
      accessLevels: this.accessLevels(grant.resourceArn, grant.statements),
    });
  }

  /** The approval policy the service decides with (the sweep times requests out by it). */
  get approvalPolicy(): AwsAccessApprovalPolicy {
    return this.approvals;
  }

  listAccounts(): AwsAccount[] {
    return this.config().accounts.map(
      a =>
        this.describeAccount?.(a) ?? {
          accountId: a.accountId,
          name: a.name,
          regions: a.regions,
          status: 'unknown',
        },
    );
  }

  /**
   * Offboarding: revokes every live grant in the account (pending ones are
   * ended the same way), so that deleting the account's stack leaves no
   * grant role behind. Returns how many grants were revoked.
   */
  async revokeAllInAccount(accountId: string, actor: string): Promise<number> {
    let revoked = 0;
    // Bounded: a grant an engine is busy with answers 409 for a moment, so a
    // few passes catch everything without looping forever.
    for (let pass = 0; pass < 30; pass++) {
      const { items } = await this.store.listGrants({
        accountId,
        state: ['pending', 'provisioning', 'active'],
        limit: GRANT_LIMITS.maxListLimit,
      });
      if (items.length === 0) {
        return revoked;
      }
      for (const grant of items) {
        try {
          await this.engine.cancel(grant.id, actor, 'account offboarded');
          await this.engine.revoke(grant.id, actor, 'account offboarded');
          await this.engine.drive(grant.id);
          revoked += 1;
        } catch (error) {
          if (!isError(error) || error.name !== 'ConflictError') {
            throw error;
          }
        }
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    throw new ServiceUnavailableError(
      `some grants in account ${accountId} are still being changed; offboard again in a minute`,
    );
  }

  listActions(resourceArn: unknown): ActionInfo[] {
    const arn = parseResourceArn(resourceArn);
    assertNotManaged(arn, this.managedNames());
    return this.actions.listActions(arn.arn);
  }

  /**
   * Creates a grant for the caller. The approval rules decide: a request
   * that needs no approval is provisioned at once; any other waits as
   * `pending` (without an expiry: the clock starts when it is approved) and
   * its approvers are notified.
   *
   * A second identical request while the first is live (same requester,
   * resource and action set, in `pending`, `provisioning` or `active`) is a
   * 409 ConflictError naming the existing grant: extend that one instead.
   * A partial unique index enforces this also for simultaneous requests.
   */
  async createGrant(body: unknown, caller: Caller): Promise<GrantRecord> {
    const request = parse(createGrantRequestSchema, body);
    return this.audit(
      'request',
      caller,
      {
        requester: caller.userEntityRef,
        resourceArn: request.resourceArn,
        actions: request.actions,
      },
      {
        durationMinutes: request.durationMinutes,
        reason: request.reason,
        ...(request.breakGlass && { breakGlass: true }),
      },
      () => this.create(request, caller),
    );
  }

  /**
   * Every check of a request, in the order a failure is cheapest to find,
   * and what it would become: the same for `POST /grants` and its preview,
   * so the preview can never promise what the request would refuse.
   */
  private async plan(
    request: z.output<typeof createGrantRequestSchema>,
    caller: Caller,
    now: Date,
  ): Promise<GrantPlan> {
    const config = this.config();
    if (request.durationMinutes > config.maxDurationMinutes) {
      throw new InputError(
        `durationMinutes must be at most ${config.maxDurationMinutes}`,
      );
    }
    const arn = parseResourceArn(request.resourceArn);
    assertNotManaged(arn, this.managedNames());
    const wildcards = request.actions.filter(a => /[*?]/.test(a));
    if (wildcards.length && !config.allowWildcardActions) {
      throw new InputError(
        `actions: wildcards are not allowed (${wildcards.join(
          ', ',
        )}); name each action`,
      );
    }
    const resource = this.actions.resolveResource(arn.arn);
    const target = await this.accounts.resolve(arn, request.accountId);
    this.assertAccountReady?.(target.account.accountId);
    if (target.isSubResource || arn.isPrefix) {
      const parent = target.resource;
      if (!parent || !this.actions.isSubResource(parent.arn, arn.arn)) {
        throw new InputError(
          `resourceArn: ${
            arn.arn
          } is not a sub-resource of a catalogued resource${
            parent ? ` (${parent.arn} has no such sub-resources)` : ''
          }; a prefix (/*) is only allowed under one`,
        );
      }
    }
    const statements = this.actions.buildStatements(arn.arn, request.actions, {
      allowWildcards: config.allowWildcardActions,
    });
    const actions = [...new Set(statements.flatMap(s => s.actions))].sort();
    const principals = await this.principals.resolve(
      caller.userEntityRef,
      target.account,
    );
    const expiresAt = new Date(
      now.getTime() + minutes(request.durationMinutes),
    );
    // Renders both policies as IAM will get them: too big is a 400 now,
    // not a failed grant later.
    const policies = renderGrantPolicies({
      trustPrincipalArns: principals.principalArns,
      statements,
      expiresAt,
    });
    // Owner and tags of the catalogued resource, captured now, so that a
    // later catalog edit does not move a pending approval.
    const requirement = this.approvals.decide({
      accountId: target.account.accountId,
      resourceOwner: target.resource?.owner,
      resourceTags: target.resource?.tags,
      accessLevels: this.accessLevels(arn.arn, statements),
    });
    return {
      request,
      resource,
      target,
      statements,
      actions,
      principals,
      expiresAt,
      policies,
      requirement,
    };
  }

  private async create(
    request: z.output<typeof createGrantRequestSchema>,
    caller: Caller,
  ): Promise<GrantRecord> {
    const config = this.config();
    const now = new Date();
    const plan = await this.plan(request, caller, now);
    const { resource, target, statements, actions, principals, expiresAt } =
      plan;
    const { account } = target;
    const trustPrincipalArns = principals.principalArns;
    const id = randomUUID();

    // A friendlier answer than the unique index's, in the common case.
    const duplicate = await this.store.findLiveDuplicate({
      requester: caller.userEntityRef,
      resourceArn: request.resourceArn,
      actions,
    });
    if (duplicate) {
      throw duplicateGrantError(
        `You already have this access (${duplicate.state}); extend that grant instead.`,
        duplicate.id,
      );
    }

    const resourceFacts = {
      owner: target.resource?.owner,
      tags: target.resource?.tags,
    };
    // Break-glass: the requester approves their own request, where a rule
    // allows it; checked before anything is written.
    const breakGlass = request.breakGlass
      ? await this.admitBreakGlass(request, plan.requirement, caller, now)
      : undefined;
    const requirement = breakGlass ?? plan.requirement;
    const auto = requirement.mode === 'auto' || !!breakGlass;
    const state = auto ? 'provisioning' : 'pending';

    const grant = await this.store.insertGrant(
      {
        id,
        state,
        requester: caller.userEntityRef,
        resourceArn: request.resourceArn,
        resourceType: resource.resourceType,
        accountId: account.accountId,
        region: resource.region,
        actions,
        reason: request.reason,
        durationMinutes: request.durationMinutes,
        createdAt: now,
        // Auto-approved: the clock starts now, and both policies carry it.
        // A pending grant gets its expiry when it is approved, and a
        // deadline now: stored, so that the one people are shown is the one
        // the sweep enforces, whatever the config says later.
        ...(auto
          ? {
              approvedAt: now,
              approvedBy: breakGlass
                ? `${caller.userEntityRef} (break-glass)`
                : 'auto',
              expiresAt,
            }
          : { approvalDeadline: this.approvals.pendingDeadline(now) }),
        // Named after the catalogued resource, never a path the caller typed.
        roleName: grantRoleName(
          id,
          target.resource?.title ?? target.resource?.name,
          config.rolePath,
        ),
        policyName: GRANT_POLICY_NAME,
        trustPrincipalArns,
        statements,
        resourceRef: target.resource?.entityRef,
        resourceOwner: resourceFacts.owner,
        resourceTags: resourceFacts.tags,
        approvalRequirement: requirement,
      },
      {
        type: 'requested',
        toState: state,
        actor: caller.userEntityRef,
        reason: request.reason,
        data: {
          actions,
          durationMinutes: request.durationMinutes,
          approval: describeRequirement(requirement),
          principals: principals.source,
          ...(principals.warnings.length
            ? { warnings: principals.warnings }
            : {}),
        },
      },
      {
        maxLivePerRequester: config.limits.maxLiveGrantsPerUser,
        maxPendingPerRequester: config.limits.maxPendingRequestsPerUser,
        maxLivePerAccount: config.limits.maxLiveGrantsPerAccount,
      },
    );
    await this.engine.emit(grant, 'requested');
    if (breakGlass && breakGlass.mode !== 'auto') {
      await this.breakGlass!.reviews.add({
        grantId: grant.id,
        requester: grant.requester,
        createdAt: now,
      });
      await this.notifications?.breakGlassUsed(
        toApiGrant(grant),
        breakGlass.approverGroups,
      );
    } else if (requirement.mode !== 'auto') {
      await this.notifications?.approvalRequested(
        toApiGrant(grant),
        requirement.approverGroups,
      );
      return grant;
    }
    return this.settle(grant.id, this.engine.drive(grant.id));
  }

  private async admitBreakGlass(
    request: z.output<typeof createGrantRequestSchema>,
    requirement: ApprovalRequirement,
    caller: Caller,
    now: Date,
  ): Promise<ApprovalRequirement> {
    if (!this.breakGlass) {
      throw new InputError('breakGlass: break-glass is not enabled here');
    }
    return admitBreakGlass({
      requirement,
      reason: request.reason,
      durationMinutes: request.durationMinutes,
      requester: caller.userEntityRef,
      config: this.breakGlass.config,
      reviews: this.breakGlass.reviews,
      now,
    });
  }

  /**
   * Records the caller's approval of a pending grant. The approval that
   * completes the requirement (N of M distinct approvers, never the
   * requester) starts provisioning, with the clock starting now.
   */
  async approveGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const { comment } = parse(decisionRequestSchema, body);
    const grant = await this.mustGet(id);
    return this.audit(
      'approve',
      caller,
      subjectOf(grant),
      comment ? { comment } : undefined,
      async () => {
        this.assertPending(grant, 'approved');
        const requirement = grant.approvalRequirement ?? { mode: 'auto' };
        const check = this.approvals.canApprove({
          grant,
          requirement,
          approver: caller,
          previousApprovals: grant.approvals,
        });
        if (!check.allowed) {
          throw new NotAllowedError(check.reason);
        }
        const now = new Date();
        const approvers = [
          ...grant.approvals.map(a => a.approver),
          caller.userEntityRef,
        ];
        const progress = {
          approvals: check.approvals,
          required: check.required,
        };
        const event = check.complete
          ? {
              type: 'approved' as const,
              toState: 'provisioning' as const,
              actor: caller.userEntityRef,
              reason: comment,
              data: progress,
            }
          : {
              type: 'approval-recorded' as const,
              actor: caller.userEntityRef,
              reason: comment,
              data: progress,
            };
        const updated = await this.store.recordApproval(
          id,
          { approver: caller.userEntityRef, approvedAt: now, comment },
          check.complete
            ? {
                state: 'provisioning',
                approvedAt: now,
                approvedBy: approvers.join(', '),
                expiresAt: new Date(
                  now.getTime() + minutes(grant.durationMinutes),
                ),
              }
            : {},
          event,
        );
        if (!updated) {
          throw new ConflictError(
            `grant ${id} was decided meanwhile; reload it`,
          );
        }
        await this.engine.emit(updated, event.type, event);
        await this.notifications?.approved(
          toApiGrant(updated),
          caller.userEntityRef,
          check.required - check.approvals,
        );
        return check.complete
          ? this.settle(id, this.engine.drive(id))
          : updated;
      },
    );
  }

  /** Ends a pending grant as `rejected`; one approver's no is enough. */
  async rejectGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const { comment } = parse(decisionRequestSchema, body);
    const grant = await this.mustGet(id);
    return this.audit(
      'reject',
      caller,
      subjectOf(grant),
      comment ? { comment } : undefined,
      async () => {
        this.assertPending(grant, 'rejected');
        const check = this.approvals.canReject({
          grant,
          requirement: grant.approvalRequirement ?? { mode: 'auto' },
          approver: caller,
        });
        if (!check.allowed) {
          throw new NotAllowedError(check.reason);
        }
        const updated = await this.engine.reject(
          id,
          caller.userEntityRef,
          comment,
        );
        if (!updated) {
          throw new ConflictError(
            `grant ${id} was decided meanwhile; reload it`,
          );
        }
        return updated;
      },
    );
  }

  /** Withdraws a pending request; it ends `cancelled`. */
  async cancelGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const request = parse(revokeGrantRequestSchema, body);
    const grant = await this.mustGet(id);
    return this.audit(
      'cancel',
      caller,
      subjectOf(grant),
      request.reason ? { reason: request.reason } : undefined,
      async () => {
        if (grant.state === 'cancelled') {
          return grant;
        }
        if (grant.state !== 'pending') {
          throw new ConflictError(
            `only a pending request can be cancelled; grant ${id} is ${
              grant.state
            }${grant.state === 'active' ? ', revoke it instead' : ''}`,
          );
        }
        const updated = await this.engine.cancel(
          id,
          caller.userEntityRef,
          request.reason,
        );
        if (updated.state !== 'cancelled') {
          throw new ConflictError(
            `grant ${id} was decided meanwhile; it is ${updated.state}`,
          );
        }
        return updated;
      },
    );
  }

  /**
   * Ends pending requests nobody decided on in time, as `rejected` with the
   * reason. A request times out at the deadline stored with it; one stored
   * before deadlines were, by the configured timeout. Run by the periodic
   * sweep; returns how many timed out.
   */
  async timeOutPendingGrants(now = new Date()): Promise<number> {
    const cutoff = new Date(
      now.getTime() - minutes(this.approvals.pendingTimeoutMinutes),
    );
    const due = await this.store.listPendingDue({
      now,
      createdBefore: cutoff,
      limit: 500,
    });
    let count = 0;
    for (const grant of due) {
      const waited = grant.approvalDeadline
        ? Math.round(
            (grant.approvalDeadline.getTime() - grant.createdAt.getTime()) /
              60_000,
          )
        : undefined;
      const ended = await this.engine.reject(
        grant.id,
        SYSTEM_ACTOR,
        this.approvals.pendingTimeoutReason(waited),
        { timedOut: true },
      );
      if (ended) {
        count += 1;
      }
    }
    return count;
  }

  /**
   * Lists grants newest first; `permissionFilter` (a conditional permission
   * decision) narrows the query itself, so every page is full.
   */
  async listGrants(
    query: unknown,
    permissionFilter?: PermissionCriteria<GrantFilter>,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
    const filter = parse(listGrantsQuerySchema, query);
    return this.store.listGrants({
      ...filter,
      limit: filter.limit ?? GRANT_LIMITS.defaultListLimit,
      permissionFilter,
    });
  }

  async getGrant(
    id: string,
  ): Promise<{ grant: GrantRecord; events: GrantEvent[] }> {
    const grant = await this.mustGet(id);
    return { grant, events: await this.store.listEvents(id) };
  }

  /** Loads a grant, or answers 404. */
  async mustGet(id: string): Promise<GrantRecord> {
    const grant = await this.store.getGrant(id);
    if (!grant) {
      throw new NotFoundError(`no grant with id ${id}`);
    }
    return grant;
  }

  /**
   * Revokes a grant; a pending one is cancelled. Who may is the permission
   * framework's decision (`aws-access.grant.revoke`), checked by the router.
   */
  async revokeGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const request = parse(revokeGrantRequestSchema, body);
    const grant = await this.mustGet(id);
    return this.audit(
      grant.state === 'pending' ? 'cancel' : 'revoke',
      caller,
      subjectOf(grant),
      request.reason ? { reason: request.reason } : undefined,
      async () => {
        // A pending request is cancelled; one approved meanwhile is revoked.
        let updated =
          grant.state === 'pending'
            ? await this.engine.cancel(id, caller.userEntityRef, request.reason)
            : grant;
        if (updated.state !== 'cancelled') {
          updated = await this.engine.revoke(
            id,
            caller.userEntityRef,
            request.reason,
          );
        }
        if (updated.state !== 'revoking') {
          return updated;
        }
        return this.settle(id, this.engine.drive(id));
      },
    );
  }

  async extendGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const request = parse(extendGrantRequestSchema, body);
    const limits = this.extensionLimits();
    if (request.durationMinutes > limits.maxDurationMinutes) {
      throw new InputError(
        `durationMinutes must be at most ${limits.maxDurationMinutes}`,
      );
    }
    const grant = await this.mustGet(id);
    return this.audit(
      'extend',
      caller,
      subjectOf(grant),
      {
        durationMinutes: request.durationMinutes,
        ...(request.reason ? { reason: request.reason } : {}),
      },
      async () => {
        this.assertExtensionNeedsNoApproval(grant);
        // "Extend by N": N more than the current expiry, within the limits.
        const expiresAt = extendedExpiry(
          grant,
          request.durationMinutes,
          limits,
        );
        // Less than a minute more is no extension: the limits are reached.
        if (
          grant.expiresAt &&
          expiresAt.getTime() - grant.expiresAt.getTime() < 60_000
        ) {
          throw new ConflictError(
            `This grant already lasts the longest allowed; it cannot be extended further.`,
          );
        }
        return this.engine.extend(id, {
          expiresAt,
          actor: caller.userEntityRef,
          reason: request.reason,
        });
      },
    );
  }

  /**
   * Extensions go through the same approval rules as requests, judged on
   * the facts captured with the grant. Where a rule asks for approval the
   * extension is refused (409) and the user requests access anew once this
   * grant ends, so that the new request reaches the approvers like any
   * other: an approver never sees a silently longer grant than they
   * approved, and no half-approved extension is left hanging.
   */
  private assertExtensionNeedsNoApproval(grant: GrantRecord): void {
    const requirement = this.extensionRequirement(grant);
    if (requirement.mode !== 'auto') {
      throw new ConflictError(extensionNeedsApprovalMessage(requirement));
    }
  }

  /**
   * The access levels of the requested actions. An action the catalog does
   * not list for the resource (e.g. a wildcard, where allowed) counts as the
   * most powerful level, so it can never slip past an approval rule.
   */
  private accessLevels(
    resourceArn: string,
    statements: PermissionStatement[],
  ): AccessLevel[] {
    const known = new Map(
      this.actions
        .listActions(resourceArn)
        .map(a => [a.action.toLowerCase(), a.accessLevel]),
    );
    return statements
      .flatMap(s => s.actions)
      .map(
        action =>
          known.get(action.toLowerCase()) ??
          ('Permissions management' as AccessLevel),
      );
  }

  private assertPending(grant: GrantRecord, verb: string): void {
    if (grant.state !== 'pending') {
      throw new ConflictError(
        `only a pending grant can be ${verb}; grant ${grant.id} is ${grant.state}`,
      );
    }
  }

  private audit<T>(
    action: Parameters<GrantAuditor['run']>[0],
    caller: Caller,
    subject: Parameters<GrantAuditor['run']>[1]['subject'],
    meta: Parameters<GrantAuditor['run']>[1]['meta'],
    operation: () => Promise<T>,
  ): Promise<T> {
    if (!this.auditor) {
      return operation();
    }
    return this.auditor.run(
      action,
      { subject, actor: caller.userEntityRef, request: caller.request, meta },
      operation,
    );
  }

  /** Waits for the engine a while, then answers with the grant as it is. */
  private async settle(
    id: string,
    work: Promise<unknown>,
  ): Promise<GrantRecord> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>(resolve => {
      timer = setTimeout(resolve, this.settleTimeoutMs);
    });
    // Engine failures are recorded on the grant; the sweep retries.
    await Promise.race([work.catch(() => undefined), timeout]);
    clearTimeout(timer);
    return this.mustGet(id);
  }
}

/** The audit subject of a grant. */
function subjectOf(grant: GrantRecord) {
  return {
    grantId: grant.id,
    requester: grant.requester,
    resourceArn: grant.resourceArn,
    accountId: grant.accountId,
    actions: grant.actions,
  };
}

/** The approval requirement as recorded in the `requested` event. */
function describeRequirement(
  requirement: ApprovalRequirement,
): Record<string, unknown> {
  return requirement.mode === 'auto'
    ? { mode: 'auto', rule: requirement.ruleIndex }
    : {
        mode: requirement.mode,
        rule: requirement.ruleIndex,
        approverGroups: requirement.approverGroups,
        count: requirement.count,
        ...(requirement.breakGlass === 'used' && { breakGlass: true }),
      };
}
