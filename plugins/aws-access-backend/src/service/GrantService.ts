import { randomUUID } from 'node:crypto';
import {
  ConflictError,
  InputError,
  isError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ActionInfo,
  AwsAccount,
  createGrantRequestSchema,
  describeZodError,
  extendGrantRequestSchema,
  GRANT_LIMITS,
  GrantEvent,
  listGrantsQuerySchema,
  parseArn,
  revokeGrantRequestSchema,
} from 'backstage-plugin-aws-access-common';
import { z } from 'zod/v3';
import { ActionCatalog } from '../actions/types';
import { AccountConfig, AwsAccessConfig } from '../config/AwsAccessConfig';
import { GrantRecord, GrantStore } from '../database/types';
import { GRANT_POLICY_NAME, grantRoleName } from '../provisioning/naming';
import { renderGrantPolicies } from '../provisioning/policies';
import { AccountResolver } from './AccountResolver';
import { assertMayManage, Caller } from './authorization';
import { GrantEngine } from './GrantEngine';
import { PrincipalResolver } from './PrincipalResolver';

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.output<T> {
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
  private readonly principals: PrincipalResolver;
  private readonly settleTimeoutMs: number;
  private readonly describeAccount?: (account: AccountConfig) => AwsAccount;

  constructor(options: {
    config: () => AwsAccessConfig;
    store: GrantStore;
    engine: GrantEngine;
    actions: ActionCatalog;
    accounts: AccountResolver;
    principals: PrincipalResolver;
    /**
     * How long a request waits for IAM before answering with the grant as it
     * is (e.g. still `provisioning`); the engine carries on regardless.
     */
    settleTimeoutMs?: number;
    /** The connection status of an account; `unknown` when not checked. */
    describeAccount?: (account: AccountConfig) => AwsAccount;
  }) {
    this.config = options.config;
    this.store = options.store;
    this.engine = options.engine;
    this.actions = options.actions;
    this.accounts = options.accounts;
    this.principals = options.principals;
    this.settleTimeoutMs = options.settleTimeoutMs ?? 15_000;
    this.describeAccount = options.describeAccount;
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
    if (typeof resourceArn !== 'string' || !resourceArn) {
      throw new InputError('resourceArn: an ARN is required');
    }
    return this.actions.listActions(resourceArn);
  }

  /**
   * Creates a grant for the caller and starts provisioning it (approvals
   * come later; `pending` is reserved for them).
   *
   * A second identical request while the first is live (same requester,
   * resource and action set, in `pending`, `provisioning` or `active`) is a
   * 409 ConflictError naming the existing grant: extend that one instead.
   * A partial unique index enforces this also for simultaneous requests.
   */
  async createGrant(body: unknown, caller: Caller): Promise<GrantRecord> {
    const config = this.config();
    const request = parse(createGrantRequestSchema, body);
    if (request.durationMinutes > config.maxDurationMinutes) {
      throw new InputError(
        `durationMinutes must be at most ${config.maxDurationMinutes}`,
      );
    }
    const arn = parseArn(request.resourceArn);
    if (!arn) {
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
    const resource = this.actions.resolveResource(request.resourceArn);
    const account = await this.accounts.resolve(
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
    const statements = this.actions.buildStatements(
      request.resourceArn,
      request.actions,
      { allowWildcards: config.allowWildcardActions },
    );
    const actions = [...new Set(statements.flatMap(s => s.actions))].sort();
    const trustPrincipalArns = await this.principals.resolve(
      caller.userEntityRef,
      account,
    );
    const id = randomUUID();
    const now = new Date();
    const expiresAt = new Date(
      now.getTime() + minutes(request.durationMinutes),
    );
    // Renders both policies as IAM will get them: too big is a 400 now,
    // not a failed grant later.
    renderGrantPolicies({ trustPrincipalArns, statements, expiresAt });

    // A friendlier answer than the unique index's, in the common case.
    const duplicate = await this.store.findLiveDuplicate({
      requester: caller.userEntityRef,
      resourceArn: request.resourceArn,
      actions,
    });
    if (duplicate) {
      throw new ConflictError(
        `an identical request is already ${duplicate.state}: grant ${duplicate.id}; extend it instead`,
      );
    }

    const grant = await this.store.insertGrant(
      {
        id,
        state: 'provisioning',
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
        approvedAt: now,
        approvedBy: 'auto',
        expiresAt,
        roleName: grantRoleName(id, request.resourceArn),
        policyName: GRANT_POLICY_NAME,
        trustPrincipalArns,
        statements,
      },
      {
        type: 'requested',
        toState: 'provisioning',
        actor: caller.userEntityRef,
        reason: request.reason,
        data: { actions, durationMinutes: request.durationMinutes },
      },
    );
    await this.engine.emit(grant, 'requested');
    return this.settle(grant.id, this.engine.drive(grant.id));
  }

  async listGrants(
    query: unknown,
  ): Promise<{ items: GrantRecord[]; nextCursor?: string }> {
    const filter = parse(listGrantsQuerySchema, query);
    return this.store.listGrants({
      ...filter,
      limit: filter.limit ?? GRANT_LIMITS.defaultListLimit,
    });
  }

  async getGrant(
    id: string,
  ): Promise<{ grant: GrantRecord; events: GrantEvent[] }> {
    const grant = await this.mustGet(id);
    return { grant, events: await this.store.listEvents(id) };
  }

  async revokeGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const request = parse(revokeGrantRequestSchema, body);
    const grant = await this.mustGet(id);
    assertMayManage(caller, grant, this.config().adminGroups, 'revoke');
    const updated = await this.engine.revoke(
      id,
      caller.userEntityRef,
      request.reason,
    );
    if (updated.state !== 'revoking') {
      return updated;
    }
    return this.settle(id, this.engine.drive(id));
  }

  async extendGrant(
    id: string,
    body: unknown,
    caller: Caller,
  ): Promise<GrantRecord> {
    const request = parse(extendGrantRequestSchema, body);
    const { maxDurationMinutes, adminGroups } = this.config();
    if (request.durationMinutes > maxDurationMinutes) {
      throw new InputError(
        `durationMinutes must be at most ${maxDurationMinutes}`,
      );
    }
    const grant = await this.mustGet(id);
    assertMayManage(caller, grant, adminGroups, 'extend');
    return this.engine.extend(id, {
      expiresAt: new Date(Date.now() + minutes(request.durationMinutes)),
      actor: caller.userEntityRef,
      reason: request.reason,
    });
  }

  private async mustGet(id: string): Promise<GrantRecord> {
    const grant = await this.store.getGrant(id);
    if (!grant) {
      throw new NotFoundError(`no grant with id ${id}`);
    }
    return grant;
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
