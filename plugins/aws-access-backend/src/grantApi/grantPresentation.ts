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

import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  DEFAULT_PROPAGATION_DELAY_SECONDS,
  Grant,
  GrantCliSettings,
} from '@backstage-aws-access/plugin-aws-access-common';
import { ApprovalRequirement } from '@backstage-aws-access/plugin-aws-access-node';
import { GrantRecord } from '../database/types';
import { describeExtension, ExtensionLimits } from './grantExtension';
import { toApiGrant } from './grantView';

/** What the API adds to a stored grant besides its own fields. */
export interface GrantPresentationConfig {
  /** `awsAccess.cli`, with the endpoint defaulting to `AWS_ENDPOINT_URL`. */
  cli: GrantCliSettings;
}

/**
 * Reads `awsAccess.cli` (`endpointUrl`, `credentialsFile`, `sourceProfile`,
 * `region`, `propagationDelay`). The endpoint defaults to the
 * standard `AWS_ENDPOINT_URL` the backend's own SDK clients honour, so a
 * demo against a local AWS shows snippets that reach it.
 */
export function readGrantPresentationConfig(
  root: Config,
  env: NodeJS.ProcessEnv = process.env,
): GrantPresentationConfig {
  const cli = root.getOptionalConfig('awsAccess.cli');
  const endpointUrl =
    cli?.getOptionalString('endpointUrl') ??
    (env.AWS_ENDPOINT_URL || undefined);
  const settings: GrantCliSettings = {
    ...(endpointUrl && { endpointUrl }),
    ...(cli?.getOptionalString('credentialsFile') && {
      credentialsFile: cli.getString('credentialsFile'),
    }),
    ...(cli?.getOptionalString('sourceProfile') && {
      sourceProfile: cli.getString('sourceProfile'),
    }),
    region:
      cli?.getOptionalString('region') ??
      root
        .getOptionalConfigArray('awsAccess.accounts')?.[0]
        ?.getOptionalStringArray('regions')?.[0] ??
      'us-east-1',
    propagationDelaySeconds: readPropagationDelaySeconds(cli),
  };
  return { cli: settings };
}

function readPropagationDelaySeconds(cli: Config | undefined): number {
  if (!cli?.has('propagationDelay')) {
    return DEFAULT_PROPAGATION_DELAY_SECONDS;
  }
  const ms = durationToMilliseconds(
    readDurationFromConfig(cli, { key: 'propagationDelay' }),
  );
  if (!(ms >= 0)) {
    throw new Error('awsAccess.cli.propagationDelay must not be negative');
  }
  return ms / 1000;
}

/** The API view of a grant with `extension` and `cli`. */
export function presentGrant(
  record: GrantRecord,
  options: {
    requirement: () => ApprovalRequirement;
    limits: ExtensionLimits;
    cli?: GrantCliSettings;
    now?: Date;
  },
): Grant {
  const grant = toApiGrant(record);
  const extension =
    record.state === 'active'
      ? describeExtension(
          record,
          options.requirement(),
          options.limits,
          options.now,
        )
      : undefined;
  return {
    ...grant,
    ...(extension && { extension }),
    ...(options.cli && record.roleArn && { cli: options.cli }),
  };
}
