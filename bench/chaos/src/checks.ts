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

/*
 * The invariants a run ends with, read from what AWS (moto, listed straight,
 * not through the proxy), the proxy's record of calls, the grants database
 * and the catalog hold. Each check returns its violations; what it saw goes
 * into `seen` for the report.
 */
import {
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  paginateListRoles,
} from '@aws-sdk/client-iam';
import { Knex } from 'knex';
import { ProxiedCall } from './faultProxy';
import { sleep } from './measure';
import { ROLE_PATH, Stack } from './stack';
import { Violation } from './violations';

const LIVE = ['provisioning', 'active', 'revoking'];
const TERMINAL = ['expired', 'revoked', 'failed', 'rejected', 'cancelled'];
export const OPEN = ['requested', 'pending', ...LIVE];

export class Invariants {
  /** One line per observation, for the report. */
  readonly seen: string[] = [];

  constructor(private readonly stack: Stack) {}

  private get db(): Knex {
    return this.stack.db;
  }

  /** Every grant ended (the keepers active), and a failed one says why. */
  async grantsEnded(keepers: Set<string>): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const g of await this.db('grants')) {
      if (keepers.has(g.id)) {
        if (g.state !== 'active')
          out.push({
            check: 'keeper live',
            detail: `${g.id} is ${g.state}: ${g.last_error ?? ''}`,
          });
        continue;
      }
      if (!TERMINAL.includes(g.state)) {
        out.push({
          check: 'none stuck',
          detail: `${g.id} is still ${g.state} (expires ${
            g.expires_at?.toISOString?.() ?? g.expires_at
          })`,
        });
      } else if (g.state === 'failed' && !g.last_error) {
        out.push({
          check: 'failed with a cause',
          detail: `${g.id} failed without lastError`,
        });
      }
    }
    return out;
  }

  /** CreateRole at most once per role, or a retry that found its own role. */
  async createRoleOnce(): Promise<Violation[]> {
    const grants: Array<{
      id: string;
      role_name: string;
      state: string;
      last_error: string | null;
    }> = await this.db('grants').select(
      'id',
      'role_name',
      'state',
      'last_error',
    );
    const calls = this.stack.proxy.calls;
    const out: Violation[] = [];
    const byRole = new Map<string, ProxiedCall[]>();
    for (const c of calls) {
      if (
        c.service === 'iam' &&
        c.operation === 'CreateRole' &&
        c.roleName &&
        c.motoStatus !== undefined
      ) {
        byRole.set(c.roleName, [...(byRole.get(c.roleName) ?? []), c]);
      }
    }
    const grantOf = new Map(grants.map(g => [g.role_name, g]));
    let retriedAndFound = 0;
    for (const [role, tries] of byRole) {
      const created = tries.filter(c => c.motoStatus === 200).length;
      if (created > 1) {
        out.push({
          check: 'CreateRole once per role',
          detail: `${role} created ${created} times`,
        });
      }
      if (tries.length <= 1) continue;
      const grant = grantOf.get(role);
      const adopted = calls.some(
        c =>
          c.operation === 'GetRole' &&
          c.roleName === role &&
          c.at >= tries[1].at,
      );
      const conflict =
        grant?.state === 'failed' &&
        /already exists/i.test(grant.last_error ?? '');
      if (!grant || conflict || !adopted) {
        out.push({
          check: 'CreateRole once per role',
          detail: `${role}: ${tries.length} CreateRole reached moto (${tries
            .map(c => c.motoError ?? c.motoStatus)
            .join(', ')}), grant ${grant?.id ?? 'none'} ${
            grant?.state ?? ''
          }, GetRole after retry: ${adopted}`,
        });
      } else {
        retriedAndFound += 1;
      }
    }
    this.seen.push(
      `CreateRole: ${byRole.size} roles, ${retriedAndFound} retried after a lost answer and found their own role`,
    );
    return out;
  }

  /** moto's roles under the role path against the live grants, both ways. */
  async iamMatchesGrants(when: string): Promise<Violation[]> {
    const out: Violation[] = [];
    const iam = new IAMClient({
      region: 'us-east-1',
      endpoint: this.stack.motoUrl,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    try {
      const roles = new Set<string>();
      for await (const page of paginateListRoles(
        { client: iam },
        { PathPrefix: ROLE_PATH },
      )) {
        for (const role of page.Roles ?? []) roles.add(role.RoleName!);
      }
      const grants = await this.db('grants').select(
        'id',
        'state',
        'role_name',
        'policy_name',
      );
      const live = grants.filter(g => LIVE.includes(g.state));
      const liveRoles = new Set(live.map(g => g.role_name));
      const orphans = [...roles].filter(r => !liveRoles.has(r));
      for (const r of orphans)
        out.push({
          check: `no role without a live grant (${when})`,
          detail: r,
        });
      const active = live.filter(x => x.state === 'active');
      for (const g of active) {
        if (!roles.has(g.role_name)) {
          out.push({
            check: `live grant has its role (${when})`,
            detail: `${g.id} ${g.role_name}`,
          });
          continue;
        }
        try {
          await iam.send(
            new GetRolePolicyCommand({
              RoleName: g.role_name,
              PolicyName: g.policy_name,
            }),
          );
        } catch (error) {
          const names = await iam.send(
            new ListRolePoliciesCommand({ RoleName: g.role_name }),
          );
          out.push({
            check: `live grant has its policy (${when})`,
            detail: `${g.id} ${g.role_name}: ${error} (has ${names.PolicyNames})`,
          });
        }
      }
      this.seen.push(
        `IAM ${when}: ${roles.size} roles under ${ROLE_PATH}, ${live.length} live grants (${active.length} active), ${orphans.length} orphans`,
      );
    } finally {
      iam.destroy();
    }
    return out;
  }

  /** The catalog's grant entities equal the active grants within one refresh (20 s) and its processing. */
  async catalogMatches(when: string): Promise<Violation[]> {
    const replica = this.stack.replicas.find(r => r.ready)!;
    let last = '';
    for (let i = 0; i < 45; i++) {
      const active = new Set(
        (await this.db('grants').where('state', 'active').select('id')).map(
          g => g.id,
        ),
      );
      const res = await fetch(
        `${replica.baseUrl}/api/catalog/entities/by-query?filter=kind=resource,spec.type=aws-access-grant&limit=1000`,
        { headers: { authorization: `Bearer ${this.stack.api.tokens.guest}` } },
      );
      const body: any = await res.json();
      const inCatalog = new Set<string>(
        (body.items ?? []).map(
          (e: any) => e.metadata.annotations?.['aws-access/grant-id'],
        ),
      );
      const missing = [...active].filter(id => !inCatalog.has(id));
      const extra = [...inCatalog].filter(id => !active.has(id));
      last = `${active.size} active, ${inCatalog.size} grant entities, missing ${missing.length}, extra ${extra.length}`;
      if (!missing.length && !extra.length) {
        this.seen.push(`catalog ${when}: match after ${i} s (${last})`);
        return [];
      }
      await sleep(1000);
    }
    this.seen.push(`catalog ${when}: NO match within 45 s (${last})`);
    return [{ check: `catalog matches live grants (${when})`, detail: last }];
  }

  /**
   * A grant ends (`expired`, `revoked`) only once IAM no longer has its role:
   * a `DeleteRole` for it answered (success, or `NoSuchEntity`) before
   * `ended_at`. A role removed later (by the reconciler, as an orphan) means
   * the grant was recorded as ended while its role still existed.
   */
  async roleGoneBeforeEnd(): Promise<Violation[]> {
    const out: Violation[] = [];
    const calls = this.stack.proxy.calls;
    const created = new Set(
      calls
        .filter(c => c.operation === 'CreateRole' && c.motoStatus === 200)
        .map(c => c.roleName),
    );
    const deletes = new Map<string, number>();
    for (const c of calls) {
      if (
        c.operation === 'DeleteRole' &&
        c.roleName &&
        c.doneAt &&
        (c.motoStatus === 200 || c.motoError === 'NoSuchEntity')
      ) {
        deletes.set(
          c.roleName,
          Math.min(deletes.get(c.roleName) ?? Infinity, c.doneAt),
        );
      }
    }
    const ended = await this.db('grants')
      .whereIn('state', ['expired', 'revoked'])
      .select('id', 'state', 'role_name', 'ended_at');
    let checked = 0;
    for (const g of ended) {
      if (!created.has(g.role_name)) continue;
      checked += 1;
      const endedAt = new Date(g.ended_at).getTime();
      const first = deletes.get(g.role_name) ?? Infinity;
      // 250 ms: the proxy stamps moto's answer before relaying it.
      if (!(first <= endedAt + 250)) {
        out.push({
          check: 'role deleted before the grant ended',
          detail: `${g.id} ${g.state} at ${new Date(endedAt).toISOString()}; ${
            Number.isFinite(first)
              ? `role deleted ${((first - endedAt) / 1000).toFixed(1)} s later`
              : 'role never deleted'
          }`,
        });
      }
    }
    this.seen.push(
      `ended grants whose role deletion was checked against ended_at: ${checked}`,
    );
    return out;
  }

  /** Every state change has exactly one event: the transitions chain from the first to the current state. */
  async oneEventPerChange(): Promise<Violation[]> {
    const out: Violation[] = [];
    const grants = await this.db('grants').select('id', 'state');
    const events = await this.db('grant_events')
      .whereNotNull('to_state')
      .orderBy('id');
    const byGrant = new Map<string, any[]>();
    for (const e of events)
      byGrant.set(e.grant_id, [...(byGrant.get(e.grant_id) ?? []), e]);
    for (const g of grants) {
      let at: string | null = null;
      for (const e of byGrant.get(g.id) ?? []) {
        if (e.from_state !== at) {
          out.push({
            check: 'one event per state change',
            detail: `${g.id}: event ${e.id} ${e.type} ${e.from_state}→${e.to_state} after ${at}`,
          });
          break;
        }
        at = e.to_state;
      }
      if (at !== g.state) {
        out.push({
          check: 'one event per state change',
          detail: `${g.id}: events end at ${at}, grant is ${g.state}`,
        });
      }
    }
    this.seen.push(`state-change events: ${events.length}`);
    return out;
  }

  /** Waits until no grant but the given ones is open; false when the deadline passed first. */
  async waitUntilEnded(except: Set<string>, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = await this.db('grants')
        .whereIn('state', OPEN)
        .whereNotIn('id', [...except])
        .count<Array<{ n: string }>>('* as n');
      if (Number(open[0].n) === 0) return true;
      if (Date.now() > deadline) return false;
      await sleep(1000);
    }
  }
}
