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
  buildAwsCliSnippet,
  propagatingUntil,
  sessionDurationSeconds,
} from './cliSnippet';
import type { Grant } from './types';
import { activeGrant } from './__testUtils__/grantFixture';

const NOW = new Date('2026-12-01T10:00:00Z');
const ROLE_ARN =
  'arn:aws:iam::123456789012:role/backstage-access/s3-demo-3f2a9c1e';

const grant = (overrides: Partial<Grant> = {}) =>
  activeGrant({
    createdAt: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + 40 * 60_000).toISOString(),
    roleArn: ROLE_ARN,
    ...overrides,
  });

describe('buildAwsCliSnippet', () => {
  it('against AWS: a role profile naming the source profile, its file, region and session length', () => {
    const snippet = buildAwsCliSnippet(
      grant({ cli: { region: 'eu-west-1' } }),
      {
        now: NOW,
      },
    )!;
    expect(snippet.profile).toBe('aws-access-3f2a9c1e');
    expect(snippet.config.split('\n')).toEqual([
      '# Add to ~/.aws/config. Your own keys: profile [guest] in ~/.aws/credentials',
      '[profile aws-access-3f2a9c1e]',
      'region = eu-west-1',
      `role_arn = ${ROLE_ARN}`,
      'source_profile = guest',
      'role_session_name = guest',
      'duration_seconds = 2400',
    ]);
    // The default file needs no export; config lines never leak into commands.
    expect(snippet.commands).not.toMatch(
      /AWS_SHARED_CREDENTIALS_FILE|role_arn/,
    );
    expect(snippet.commands).toContain(
      'aws sts get-caller-identity --profile aws-access-3f2a9c1e',
    );
    expect(snippet.commands).toContain(
      "aws s3api list-objects-v2 --bucket demo-reports --query 'Contents[].Key' --output text --profile aws-access-3f2a9c1e",
    );
    expect(snippet.commands).not.toContain('--endpoint-url');
  });

  it('with a custom endpoint (the demo): the role is assumed at that endpoint, and every command goes there', () => {
    const snippet = buildAwsCliSnippet(
      grant({
        cli: {
          endpointUrl: 'http://127.0.0.1:4566',
          credentialsFile: '/srv/demo/.demo/aws-credentials',
          region: 'us-east-1',
        },
      }),
      { now: NOW },
    )!;
    expect(snippet.config).toContain('endpoint_url = http://127.0.0.1:4566');
    expect(snippet.config).toContain(
      `credential_process = aws sts assume-role --profile guest --role-arn ${ROLE_ARN} --role-session-name guest --duration-seconds 2400 --region us-east-1 --endpoint-url http://127.0.0.1:4566 --output json`,
    );
    expect(snippet.config).toContain('Version: `1`');
    expect(snippet.config).toContain(
      'profile [guest] in /srv/demo/.demo/aws-credentials',
    );
    const lines = snippet.commands.split('\n');
    expect(lines).toContain(
      'export AWS_SHARED_CREDENTIALS_FILE=/srv/demo/.demo/aws-credentials',
    );
    for (const line of lines.filter(l => l.startsWith('aws '))) {
      expect(line).toMatch(
        /--profile aws-access-3f2a9c1e --endpoint-url http:\/\/127\.0\.0\.1:4566$/,
      );
    }
  });

  it('offers only commands the grant allows', () => {
    const readOnly = buildAwsCliSnippet(grant({ actions: ['s3:GetObject'] }), {
      now: NOW,
    })!;
    expect(readOnly.commands).not.toContain('list-objects');
    expect(readOnly.commands).not.toContain('hello.txt');
    const write = buildAwsCliSnippet(
      grant({ actions: ['s3:ListBucket', 's3:PutObject'] }),
      { now: NOW },
    )!;
    expect(write.commands).toContain('s3://demo-reports/hello.txt');
    expect(write.commands).not.toContain('$key');
  });

  it.each([
    {
      arn: 'arn:aws:sns:eu-west-1:123456789012:alerts',
      action: 'sns:GetTopicAttributes',
      command: 'aws sns get-topic-attributes --topic-arn',
    },
    {
      arn: 'arn:aws:lambda:eu-west-1:123456789012:function:resize',
      action: 'lambda:GetFunction',
      command: 'aws lambda get-function --function-name',
    },
    {
      arn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      action: 'kms:DescribeKey',
      command: 'aws kms describe-key --key-id',
    },
  ])(
    'describes a $action resource by its ARN, only when the grant allows $action',
    ({ arn, action, command }) => {
      const allowed = buildAwsCliSnippet(
        grant({ resourceArn: arn, actions: [action] }),
        { now: NOW },
      )!;
      expect(allowed.commands).toContain(
        `${command} ${arn} --profile aws-access-3f2a9c1e`,
      );
      const other = buildAwsCliSnippet(
        grant({ resourceArn: arn, actions: ['s3:GetObject'] }),
        { now: NOW },
      )!;
      expect(other.commands).not.toContain(command);
    },
  );

  it('tries the first call again, a bounded number of times, saying why: AWS may refuse a new role for a few seconds', () => {
    const { commands } = buildAwsCliSnippet(grant(), { now: NOW })!;
    const loop = commands
      .split('\n')
      .find(l => l.includes('get-caller-identity'))!;
    expect(loop).toBe(
      'for n in 1 2 3 4 5; do aws sts get-caller-identity --profile aws-access-3f2a9c1e && break; [ $n = 5 ] || { echo "propagating: AWS may refuse the new role for a few seconds; trying again in $((n * 2)) s" >&2; sleep $((n * 2)); }; done',
    );
    // Only the first call waits: by then the role is usable.
    expect(commands.match(/sleep/g)).toHaveLength(1);
  });

  it('knows until when a new role may be refused: activation plus the configured delay, 15 s by default', () => {
    const activatedAt = NOW.toISOString();
    expect(
      propagatingUntil(
        grant({ activatedAt, cli: { propagationDelaySeconds: 40 } }),
      ),
    ).toBe(NOW.getTime() + 40_000);
    expect(propagatingUntil(grant({ activatedAt }))).toBe(
      NOW.getTime() + 15_000,
    );
    expect(
      propagatingUntil(grant({ activatedAt, state: 'revoked' })),
    ).toBeUndefined();
    expect(propagatingUntil(grant())).toBeUndefined();
  });

  it('has nothing to say before the role exists', () => {
    expect(buildAwsCliSnippet(grant({ roleArn: undefined }))).toBeUndefined();
  });

  it('asks STS for the time left, within its 15 minutes to 12 hours', () => {
    const at = (minutes: number) =>
      new Date(NOW.getTime() + minutes * 60_000).toISOString();
    expect(sessionDurationSeconds(at(40), NOW)).toBe(2400);
    expect(sessionDurationSeconds(at(5), NOW)).toBe(900);
    expect(sessionDurationSeconds(at(-5), NOW)).toBe(900);
    expect(sessionDurationSeconds(at(24 * 60), NOW)).toBe(43200);
  });
});
