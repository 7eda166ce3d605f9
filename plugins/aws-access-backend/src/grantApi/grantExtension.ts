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

import { GrantExtension } from '@backstage-aws-access/plugin-aws-access-common';
import { ApprovalRequirement } from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord } from '../database/types';

/** The limits an extension is held to. */
export interface ExtensionLimits {
  /** `awsAccess.maxDurationMinutes`: no grant ends later than this from now. */
  maxDurationMinutes: number;
  /**
   * The most a grant may live in all, from activation, extensions
   * included (`awsAccess.limits.maxTotalLifetime`).
   * Absent: only the per-request maximum applies.
   */
  maxTotalLifetimeMinutes?: number;
}

const MINUTE_MS = 60_000;

/**
 * The limits in milliseconds, the one unit every computation here uses;
 * minutes are what config and the API speak.
 */
function limitsMs(limits: ExtensionLimits) {
  return {
    maxDuration: limits.maxDurationMinutes * MINUTE_MS,
    maxTotalLifetime:
      limits.maxTotalLifetimeMinutes === undefined
        ? undefined
        : limits.maxTotalLifetimeMinutes * MINUTE_MS,
  };
}

function lifetimeStart(
  grant: Pick<GrantRecord, 'activatedAt' | 'approvedAt' | 'createdAt'>,
): Date {
  return grant.activatedAt ?? grant.approvedAt ?? grant.createdAt;
}

/** The latest expiry an extension may reach now. */
function latestExpiry(
  grant: Pick<GrantRecord, 'activatedAt' | 'approvedAt' | 'createdAt'>,
  limits: ExtensionLimits,
  now: Date,
): Date {
  const { maxDuration, maxTotalLifetime } = limitsMs(limits);
  const byMax = now.getTime() + maxDuration;
  if (maxTotalLifetime === undefined) {
    return new Date(byMax);
  }
  return new Date(
    Math.min(byMax, lifetimeStart(grant).getTime() + maxTotalLifetime),
  );
}

/**
 * "Extend by N": the new expiry is the current one plus N, capped by the
 * maximum duration from now and by the total lifetime. Never earlier than
 * the current expiry.
 */
export function extendedExpiry(
  grant: Pick<
    GrantRecord,
    'expiresAt' | 'activatedAt' | 'approvedAt' | 'createdAt'
  >,
  durationMinutes: number,
  limits: ExtensionLimits,
  now: Date = new Date(),
): Date {
  const base = Math.max(grant.expiresAt?.getTime() ?? 0, now.getTime());
  const wanted = base + durationMinutes * MINUTE_MS;
  return new Date(Math.min(wanted, latestExpiry(grant, limits, now).getTime()));
}

/** Display name of an entity ref for a sentence: `group:default/team-data` reads `team-data`. */
function nameOf(ref: string): string {
  return ref.replace(/^[a-z]+:(?:[^/]+\/)?/i, '');
}

function listOf(names: string[]): string {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/**
 * Why an extension needs approval, for people: who would have to approve,
 * never rule numbers or ids.
 */
export function extensionNeedsApprovalMessage(
  requirement: Exclude<ApprovalRequirement, { mode: 'auto' }>,
): string {
  const who =
    requirement.mode === 'owner'
      ? `the owner of this resource (${listOf(
          requirement.approverGroups.map(nameOf),
        )})`
      : listOf(requirement.approverGroups.map(nameOf));
  return `Access to this resource needs approval by ${who}, so it cannot be extended here. Request access again when this grant ends; the new request goes to them.`;
}

/**
 * `Grant.extension`: whether an active grant can be extended now, and if
 * not, why. `requirement` is what the approval rules say about the grant.
 */
export function describeExtension(
  grant: GrantRecord,
  requirement: ApprovalRequirement,
  limits: ExtensionLimits,
  now: Date = new Date(),
): GrantExtension | undefined {
  if (grant.state !== 'active' || !grant.expiresAt) {
    return undefined;
  }
  if (requirement.mode !== 'auto') {
    return {
      allowed: false,
      reason: extensionNeedsApprovalMessage(requirement),
    };
  }
  const { maxDuration, maxTotalLifetime } = limitsMs(limits);
  const latest = latestExpiry(grant, limits, now);
  // Less than a minute more is no extension worth offering.
  if (latest.getTime() <= grant.expiresAt.getTime() + MINUTE_MS) {
    return {
      allowed: false,
      reason:
        maxTotalLifetime !== undefined &&
        latest.getTime() < now.getTime() + maxDuration
          ? `This grant has reached the longest a grant may last in all (${limits.maxTotalLifetimeMinutes} minutes). Request access again when it ends.`
          : `This grant already lasts the longest allowed (${limits.maxDurationMinutes} minutes from now).`,
    };
  }
  return {
    allowed: true,
    maxDurationMinutes: limits.maxDurationMinutes,
    ...(maxTotalLifetime !== undefined && {
      lifetimeEndsAt: new Date(
        lifetimeStart(grant).getTime() + maxTotalLifetime,
      ).toISOString(),
    }),
  };
}
