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

import { parseEntityRef } from '@backstage/catalog-model';
import { parseArn } from './arn';
import type { Grant, GrantCliSettings } from './types';

/** AWS's bounds on `sts:AssumeRole --duration-seconds`. */
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 43200;

/**
 * Where the AWS CLI looks for keys unless told otherwise.
 *
 * @public
 */
export const DEFAULT_CREDENTIALS_FILE = '~/.aws/credentials';

/**
 * The AWS CLI recipe for one grant: a profile for `~/.aws/config` and the
 * commands that use it, shown in two blocks with a copy button each. The
 * grant page, the scaffolder output and the README all use this one
 * function.
 *
 * @public
 */
export interface AwsCliSnippet {
  /** The grant's profile name in `~/.aws/config`. */
  profile: string;
  /** The profile holding the requester's own keys. */
  sourceProfile: string;
  /** The file holding {@link AwsCliSnippet.sourceProfile}. */
  credentialsFile: string;
  /** Session length asked of STS: the time the grant has left, at least 15 minutes. */
  durationSeconds: number;
  /** Lines for `~/.aws/config`. */
  config: string;
  /** Shell commands, to run once the config is in place. */
  commands: string;
}

/**
 * The `~/.aws/config` profile name for a grant: short, stable and unique
 * per grant so several grants can sit side by side.
 *
 * @public
 */
export function grantProfileName(grant: Pick<Grant, 'id'>): string {
  const short = grant.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `aws-access-${short || 'grant'}`;
}

/**
 * The profile holding the requester's own credentials, unless the backend
 * names one: the trust policy names the requester's AWS principal, so the
 * role is assumed with their keys; by convention (and in the demo's
 * `.demo/aws-credentials`) that profile is named after the Backstage user.
 *
 * @public
 */
export function sourceProfileName(
  requester: string,
  settings?: GrantCliSettings,
): string {
  if (settings?.sourceProfile) {
    return settings.sourceProfile;
  }
  try {
    return parseEntityRef(requester, { defaultKind: 'user' }).name;
  } catch {
    return 'default';
  }
}

/**
 * `--duration-seconds`: what the grant has left, within STS's 15 minutes to 12 hours.
 *
 * @public
 */
export function sessionDurationSeconds(
  expiresAt: string | undefined,
  now: Date,
): number {
  const left = expiresAt
    ? Math.floor((Date.parse(expiresAt) - now.getTime()) / 1000)
    : MIN_SESSION_SECONDS;
  return Math.min(MAX_SESSION_SECONDS, Math.max(MIN_SESSION_SECONDS, left));
}

/**
 * How long a new role may be refused when no setting says otherwise: IAM
 * changes take "a few seconds" to reach every region, per AWS's docs.
 *
 * @public
 */
export const DEFAULT_PROPAGATION_DELAY_SECONDS = 15;

/**
 * Until when (epoch ms) AWS may still refuse the grant's new role, or
 * undefined when the grant is not active or has no activation time.
 *
 * @public
 */
export function propagatingUntil(
  grant: Pick<Grant, 'state' | 'activatedAt' | 'cli'>,
): number | undefined {
  if (grant.state !== 'active' || !grant.activatedAt) {
    return undefined;
  }
  const seconds =
    grant.cli?.propagationDelaySeconds ?? DEFAULT_PROPAGATION_DELAY_SECONDS;
  return Date.parse(grant.activatedAt) + seconds * 1000;
}

/** The first call's attempts: AWS may refuse a new role for a few seconds, so it is tried again after 2, 4, 6 and 8 s. */
const FIRST_CALL_ATTEMPTS = 5;

/** Single-quotes a word for a POSIX shell when it needs it. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@+,-]+$/.test(word)
    ? word
    : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Services whose resources one call describes by their ARN: the action the
 * call needs, and the command up to the ARN.
 */
const DESCRIBED_BY_ARN: Record<string, [action: string, command: string]> = {
  sns: ['sns:GetTopicAttributes', 'aws sns get-topic-attributes --topic-arn'],
  lambda: ['lambda:GetFunction', 'aws lambda get-function --function-name'],
  kms: ['kms:DescribeKey', 'aws kms describe-key --key-id'],
};

/** Commands that exercise what was granted, only those the grant allows. */
function exampleCommands(grant: Grant, flags: string): string[] {
  const arn = parseArn(grant.resourceArn);
  const has = (action: string) =>
    grant.actions.some(a => a.toLowerCase() === action.toLowerCase());
  const commands: string[] = [];
  if (!arn) {
    return commands;
  }
  const byArn = DESCRIBED_BY_ARN[arn.service];
  if (byArn) {
    const [action, command] = byArn;
    return has(action) ? [`${command} ${grant.resourceArn} ${flags}`] : [];
  }
  const resource = arn.resource;
  switch (arn.service) {
    case 's3': {
      if (resource.includes('/')) {
        break;
      }
      const bucket = shellWord(resource);
      if (has('s3:ListBucket')) {
        commands.push(
          '# list the objects',
          `aws s3api list-objects-v2 --bucket ${bucket} --query 'Contents[].Key' --output text ${flags}`,
        );
        if (has('s3:GetObject')) {
          commands.push(
            '# read the first object',
            `key=$(aws s3api list-objects-v2 --bucket ${bucket} --max-items 1 --query 'Contents[0].Key' --output text ${flags})`,
            `aws s3 cp "s3://${resource}/$key" - ${flags}`,
          );
        }
      }
      if (has('s3:PutObject')) {
        commands.push(
          '# write an object',
          `echo hello | aws s3 cp - s3://${resource}/hello.txt ${flags}`,
        );
      }
      break;
    }
    case 'dynamodb': {
      const table = resource.replace(/^table\//, '');
      if (has('dynamodb:Scan')) {
        commands.push(
          `aws dynamodb scan --table-name ${shellWord(
            table,
          )} --max-items 5 ${flags}`,
        );
      } else if (has('dynamodb:DescribeTable')) {
        commands.push(
          `aws dynamodb describe-table --table-name ${shellWord(
            table,
          )} ${flags}`,
        );
      }
      break;
    }
    case 'sqs': {
      const url = `https://sqs.${arn.region}.amazonaws.com/${arn.accountId}/${resource}`;
      if (has('sqs:ReceiveMessage')) {
        commands.push(`aws sqs receive-message --queue-url ${url} ${flags}`);
      }
      if (has('sqs:SendMessage')) {
        commands.push(
          `aws sqs send-message --queue-url ${url} --message-body hello ${flags}`,
        );
      }
      break;
    }
    case 'ec2':
      if (has('ec2:DescribeInstanceAttribute')) {
        commands.push(
          `aws ec2 describe-instance-attribute --instance-id ${resource.replace(
            /^instance\//,
            '',
          )} --attribute instanceType ${flags}`,
        );
      }
      break;
    default:
      break;
  }
  return commands;
}

/**
 * Builds the AWS CLI recipe for a live grant, or undefined until its role
 * exists. `settings` comes from the API (`grant.cli`): the requester's
 * profile and credentials file, and the endpoint when the backend talks to
 * a local AWS (the demo).
 *
 * Against real AWS the profile is a standard role profile (`role_arn`,
 * `source_profile`, `duration_seconds`). With a custom endpoint the role
 * is assumed through `credential_process` with `--endpoint-url`, because
 * AWS CLI versions before 2.13 send a role profile's STS call to AWS
 * whatever the profile says; `endpoint_url` is kept for newer CLIs and
 * SDKs, and each command names the endpoint too.
 *
 * @public
 */
export function buildAwsCliSnippet(
  grant: Grant,
  options: { now?: Date; settings?: GrantCliSettings } = {},
): AwsCliSnippet | undefined {
  if (!grant.roleArn) {
    return undefined;
  }
  const settings = options.settings ?? grant.cli;
  const now = options.now ?? new Date();
  const profile = grantProfileName(grant);
  const sourceProfile = sourceProfileName(grant.requester, settings);
  const credentialsFile = settings?.credentialsFile ?? DEFAULT_CREDENTIALS_FILE;
  const durationSeconds = sessionDurationSeconds(grant.expiresAt, now);
  const sessionName = sourceProfile.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  const endpoint = settings?.endpointUrl;
  const region = grant.region || settings?.region;

  const config = [
    `# Add to ~/.aws/config. Your own keys: profile [${sourceProfile}] in ${credentialsFile}`,
    `[profile ${profile}]`,
  ];
  if (region) {
    config.push(`region = ${region}`);
  }
  if (endpoint) {
    config.push(
      `endpoint_url = ${endpoint}`,
      `credential_process = aws sts assume-role --profile ${sourceProfile} --role-arn ${
        grant.roleArn
      } --role-session-name ${sessionName} --duration-seconds ${durationSeconds}${
        region ? ` --region ${region}` : ''
      } --endpoint-url ${endpoint} --output json --query "{Version: \`1\`, AccessKeyId: Credentials.AccessKeyId, SecretAccessKey: Credentials.SecretAccessKey, SessionToken: Credentials.SessionToken, Expiration: Credentials.Expiration}"`,
    );
  } else {
    config.push(
      `role_arn = ${grant.roleArn}`,
      `source_profile = ${sourceProfile}`,
      `role_session_name = ${sessionName}`,
      `duration_seconds = ${durationSeconds}`,
    );
  }

  const flags = `--profile ${profile}${
    endpoint ? ` --endpoint-url ${endpoint}` : ''
  }`;
  const commands: string[] = [];
  if (credentialsFile !== DEFAULT_CREDENTIALS_FILE) {
    commands.push(
      `# where profile [${sourceProfile}] keeps its keys`,
      `export AWS_SHARED_CREDENTIALS_FILE=${shellWord(credentialsFile)}`,
    );
  }
  commands.push(
    '# who you are with the grant; AWS may refuse a new role for a few seconds, so this one tries again',
    `for n in ${Array.from(
      { length: FIRST_CALL_ATTEMPTS },
      (_, i) => i + 1,
    ).join(
      ' ',
    )}; do aws sts get-caller-identity ${flags} && break; [ $n = ${FIRST_CALL_ATTEMPTS} ] || { echo "propagating: AWS may refuse the new role for a few seconds; trying again in $((n * 2)) s" >&2; sleep $((n * 2)); }; done`,
    ...exampleCommands(grant, flags),
  );
  return {
    profile,
    sourceProfile,
    credentialsFile,
    durationSeconds,
    config: config.join('\n'),
    commands: commands.join('\n'),
  };
}
