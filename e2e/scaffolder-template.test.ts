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

// The "Request AWS access" template, run through the demo backend's scaffolder
// API as guest; then, with moto enforcing IAM, guest's own AWS keys assume the
// granted role and read the bucket, and nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  S3Client,
  GetObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { BACKEND_URL, guestToken, resourceEntityByArn } from './browser.ts';
import { MOTO_ENDPOINT, demoKeys, withIamEnforced } from './aws.ts';

const BUCKET = 'sandbox-analytics-raw';

interface TaskEvent {
  type: string;
  body: {
    message?: string;
    output?: {
      text?: { title: string; content: string }[];
      links?: { title: string; url?: string; entityRef?: string }[];
    };
  };
}

test('the request-aws-access template grants a role that guest can use, and only for what was asked', async () => {
  const token = await guestToken();
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const bucket = await resourceEntityByArn(token, `arn:aws:s3:::${BUCKET}`);

  const created = await fetch(`${BACKEND_URL}/api/scaffolder/v2/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      templateRef: 'template:default/request-aws-access',
      values: {
        resource: `resource:${bucket.namespace}/${bucket.name}`,
        actions: ['s3:GetObject'],
        durationMinutes: 15,
        reason: 'e2e: template run',
      },
    }),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { id: taskId } = (await created.json()) as { id: string };

  let task: { status: string } = { status: 'open' };
  for (
    let i = 0;
    i < 120 && !['completed', 'failed', 'cancelled'].includes(task.status);
    i++
  ) {
    await new Promise(r => setTimeout(r, 500));
    task = await fetch(`${BACKEND_URL}/api/scaffolder/v2/tasks/${taskId}`, {
      headers,
    }).then(r => r.json());
  }
  const events = (await fetch(
    `${BACKEND_URL}/api/scaffolder/v2/tasks/${taskId}/events`,
    { headers },
  ).then(r => r.json())) as TaskEvent[];
  assert.equal(
    task.status,
    'completed',
    events
      .map(e => e.body.message)
      .filter(Boolean)
      .join('\n'),
  );

  const output = events.find(e => e.type === 'completion')?.body.output;
  assert.ok(output, 'the task has outputs');
  const signIn = output.links?.find(l =>
    l.url?.startsWith('https://signin.aws.amazon.com/switchrole'),
  );
  assert.ok(signIn, 'a console sign-in link is among the outputs');
  const roleArn = JSON.stringify(output.text).match(
    /arn:aws:iam::123456789012:role\/backstage-access\/[\w+=,.@-]+/,
  )?.[0];
  assert.ok(roleArn, 'the output names the role');

  const guest = await demoKeys('guest');
  const bob = await demoKeys('bob');
  const aws = {
    endpoint: MOTO_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
  };

  await withIamEnforced(async () => {
    const assumed = await new STSClient({ ...aws, credentials: guest }).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'guest' }),
    );
    const c = assumed.Credentials!;
    const s3 = new S3Client({
      ...aws,
      credentials: {
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken,
      },
    });
    const object = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'README.txt' }),
    );
    assert.match(await object.Body!.transformToString(), /Demo object/);

    await assert.rejects(
      s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: 'x.txt', Body: 'x' }),
      ),
      /AccessDenied/,
      'writing was not granted',
    );
    await assert.rejects(
      s3.send(
        new GetObjectCommand({
          Bucket: 'sandbox-payments-invoices',
          Key: 'README.txt',
        }),
      ),
      /AccessDenied/,
      'another bucket was not granted',
    );
    await assert.rejects(
      new STSClient({ ...aws, credentials: bob }).send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bob' }),
      ),
      /AccessDenied|not authorized/i,
      "another person cannot assume guest's role",
    );
  });
});
