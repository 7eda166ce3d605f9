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

import { mockServices } from '@backstage/backend-test-utils';
import { InputError, ResponseError } from '@backstage/errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  describeExpiry,
  forwardApiError,
  oneLineError,
} from './forwardApiError';

/** The error the API client throws for an error body, as a development backend sends it. */
async function apiErrorWithStack(): Promise<ResponseError> {
  const body = JSON.stringify({
    error: {
      name: 'ConflictError',
      message: 'grant g1 is active',
      stack:
        'ConflictError: grant g1 is active\n    at GrantService.cancelGrant (/srv/backstage/plugins/aws-access-backend/src/service/GrantService.ts:457:17)',
    },
    response: { statusCode: 409 },
  });
  return ResponseError.fromResponse({
    ok: false,
    status: 409,
    statusText: 'Conflict',
    headers: new Map([['content-type', 'application/json']]) as any,
    redirected: false,
    type: 'basic',
    url: 'http://localhost/api/aws-access/grants/g1/cancel',
    text: async () => body,
  } as any);
}

describe('forwardApiError', () => {
  it("gives the task log the API's words and type, never the backend's stack", async () => {
    const error = await apiErrorWithStack();

    let thrown: Error | undefined;
    try {
      forwardApiError('Could not cancel grant g1', error);
    } catch (e) {
      thrown = e as Error;
    }

    expect(thrown?.name).toBe('ConflictError');
    expect(thrown?.message).toBe(
      'Could not cancel grant g1: grant g1 is active',
    );
    expect(
      JSON.stringify({
        ...thrown,
        message: thrown?.message,
        stack: thrown?.stack,
      }),
    ).not.toContain('/srv/backstage');
  });
});

describe('oneLineError', () => {
  it('gives the person one line of the same type, and the log the stack', () => {
    const logger = mockServices.logger.mock();
    const cause = new InputError(
      'Could not request AWS access: Reason is required\n    at handler (/srv/app/x.js:1:1)',
    );
    const shown = oneLineError(cause, logger);
    expect(shown.name).toBe('InputError');
    expect(shown.message).toBe(
      'Could not request AWS access: Reason is required',
    );
    expect(shown.stack).toBe(
      'InputError: Could not request AWS access: Reason is required',
    );
    expect(logger.error).toHaveBeenCalledWith(cause.stack);
  });
});

describe('describeExpiry', () => {
  it('says when, relative first', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(describeExpiry('2026-12-01T10:59:00Z', now)).toBe(
      'in 59 minutes (Tue, 01 Dec 2026 10:59:00 GMT)',
    );
    expect(describeExpiry('2026-12-01T12:30:00Z', now)).toMatch(
      /^in 2 h 30 min/,
    );
  });
});

describe('the template checks the reason as the API does', () => {
  const template = YAML.parse(
    readFileSync(
      path.resolve(
        __dirname,
        '../../../../examples/templates/request-aws-access/template.yaml',
      ),
      'utf8',
    ),
  );
  const reason = template.spec.parameters
    .flatMap((p: { properties?: object }) => Object.entries(p.properties ?? {}))
    .find(([name]: [string]) => name === 'reason')[1];
  const pattern = new RegExp(reason.pattern);

  it.each([
    ['   ', false],
    [' leading space', false],
    ['trailing space ', false],
    ['zero\u200Bwidth', false],
    ['bom\uFEFF', false],
    ['an isolate \u2066here', false],
    ['an override \u202Ehere', false],
    ['a NUL\u0000', false],
    ['Debug the nightly report', true],
    ['two\nlines', true],
  ])('%j passes: %s', (value, ok) => {
    expect(pattern.test(value)).toBe(ok);
  });

  it('shows the same snippet blocks as the grant page', () => {
    const text = JSON.stringify(template.spec.output.text);
    expect(text).toContain("steps['request-access'].output.cliConfig");
    expect(text).toContain("steps['request-access'].output.cliCommands");
  });
});
