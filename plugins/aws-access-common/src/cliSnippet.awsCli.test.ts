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

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// A test-only tool of the chaos harness, not a package: the same proxy that
// plays IAM's eventual consistency there.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  NO_FAULTS,
  startFaultProxy,
  type FaultProxy,
} from '../../../bench/chaos/src/faultProxy';
import { buildAwsCliSnippet } from './cliSnippet';
import { activeGrant } from './__testUtils__/grantFixture';

/**
 * The snippet's commands block run by Debian's AWS CLI v2 (`/usr/bin/aws`;
 * the pyenv shim called `aws` is another program) against moto, through
 * the chaos harness's fault proxy answering AccessDenied to AssumeRole of a
 * new role for 5 s, as AWS may. The 5 s count from the role's first
 * AssumeRole rather than its CreateRole: the CLI alone takes 1-5 s to start
 * on a busy machine, and the first call must be refused for the test to
 * mean anything.
 */
const AWS = '/usr/bin/aws';
const available =
  spawnSync(AWS, ['--version']).status === 0 &&
  spawnSync('moto_server', ['--help'], { stdio: 'ignore' }).status === 0;
if (!available && process.env.CI) {
  throw new Error(`CI must run this suite: it needs ${AWS} and moto_server`);
}
const maybe = available ? describe : describe.skip;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise(r => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  await new Promise(r => server.close(r));
  return port;
}

maybe('the CLI snippet against a role AWS still refuses', () => {
  jest.setTimeout(180_000);
  let moto: ChildProcess;
  let proxy: FaultProxy;
  let dir: string;
  let motoUrl: string;

  const run = (script: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      const child = spawn('bash', ['-c', script], {
        cwd: dir,
        env: {
          PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
          HOME: dir,
          AWS_CONFIG_FILE: join(dir, 'config'),
          AWS_PAGER: '',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => (stdout += d));
      child.stderr.on('data', d => (stderr += d));
      child.on('close', code => resolve({ code: code ?? -1, stdout, stderr }));
    });

  /** CreateRole through the proxy (moto checks no signature; the proxy reads the service from it). */
  const createRole = async (name: string) => {
    const res = await fetch(proxy.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=TEST/20261201/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: new URLSearchParams({
        Action: 'CreateRole',
        Version: '2010-05-08',
        RoleName: name,
        Path: '/backstage-access/',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::123456789012:root' },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
      }).toString(),
    });
    expect(res.status).toBe(200);
    return `arn:aws:iam::123456789012:role/backstage-access/${name}`;
  };

  const snippetFor = (roleArn: string) => {
    const grant = activeGrant({
      activatedAt: new Date().toISOString(),
      roleArn,
      cli: {
        endpointUrl: proxy.endpoint,
        credentialsFile: join(dir, 'credentials'),
        region: 'us-east-1',
      },
    });
    const snippet = buildAwsCliSnippet(grant)!;
    writeFileSync(join(dir, 'config'), `${snippet.config}\n`);
    return snippet;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aws-cli-snippet-'));
    // `aws` inside credential_process resolves through PATH: Debian's CLI.
    spawnSync('mkdir', [join(dir, 'bin')]);
    symlinkSync(AWS, join(dir, 'bin', 'aws'));
    writeFileSync(
      join(dir, 'credentials'),
      '[guest]\naws_access_key_id = AKIDGUEST\naws_secret_access_key = guest\n',
    );
    const port = await freePort();
    motoUrl = `http://127.0.0.1:${port}`;
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    for (let i = 0; i < 200; i++) {
      const up = await fetch(`${motoUrl}/moto-api/data.json`).then(
        r => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise(r => setTimeout(r, 100));
    }
    proxy = await startFaultProxy({
      target: motoUrl,
      port: await freePort(),
      random: Math.random,
    });
    proxy.setFaults({
      ...NO_FAULTS,
      assumeRoleDeniedMs: 5000,
      assumeRoleDeniedFrom: 'first-assume',
    });
    const s3 = await run(
      `export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null
      aws s3api create-bucket --bucket demo-reports --endpoint-url ${motoUrl} >/dev/null &&
      echo hello | aws s3 cp - s3://demo-reports/hello.txt --endpoint-url ${motoUrl}`,
    );
    if (s3.code !== 0) throw new Error(`seeding the bucket: ${s3.stderr}`);
  });

  afterAll(async () => {
    await proxy?.close();
    if (moto?.exitCode === null) {
      const exited = new Promise(r => moto.once('exit', r));
      moto.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('a single first call fails while AWS refuses the new role', async () => {
    const roleArn = await createRole('s3-demo-reports-once');
    const { profile } = snippetFor(roleArn);
    const once = await run(
      `export AWS_SHARED_CREDENTIALS_FILE=${join(dir, 'credentials')}
      aws sts get-caller-identity --profile ${profile} --endpoint-url ${
        proxy.endpoint
      }`,
    );
    expect(once.code).not.toBe(0);
    expect(once.stderr).toContain('AccessDenied');
  });

  it('the commands block tries again, says why, and then reads the bucket', async () => {
    const name = 's3-demo-reports-retry';
    const snippet = snippetFor(await createRole(name));
    const result = await run(snippet.commands);

    expect(result.stderr).toContain(
      'propagating: AWS may refuse the new role for a few seconds; trying again in 2 s',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `arn:aws:sts::123456789012:assumed-role/${name}/guest`,
    );
    expect(result.stdout).toContain('hello');
    const assumes = proxy.calls.filter(
      c => c.operation === 'AssumeRole' && c.roleName === name,
    );
    expect(assumes[0].fault).toBe('assume-denied');
    expect(assumes.some(c => c.motoStatus === 200)).toBe(true);
  });
});
