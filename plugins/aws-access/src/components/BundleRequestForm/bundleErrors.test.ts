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

import { createBundleRequestSchema } from '@backstage-aws-access/plugin-aws-access-common';
import { bundleErrorsFromMessage, bundleFieldErrors } from './bundleErrors';

describe('bundleErrorsFromMessage', () => {
  it('puts each problem beside the resource its path names', () => {
    expect(
      bundleErrorsFromMessage(
        'targets.1.actions: actions must name at least one action; targets.0.resourceArn must be a catalogued resource; durationMinutes must be at most 720',
      ),
    ).toEqual({
      targets: {
        1: 'Actions must name at least one action',
        0: 'Resource must be a catalogued resource',
      },
      fields: { durationMinutes: 'Duration must be at most 720 minutes' },
      other: [],
    });
  });

  it('keeps what names no field for the whole form', () => {
    expect(
      bundleErrorsFromMessage(
        'targets.2: s3:PutObject on a managed bucket needs a break-glass rule; the roles would exceed the IAM policy size',
      ),
    ).toEqual({
      targets: {
        2: 's3:PutObject on a managed bucket needs a break-glass rule',
      },
      fields: {},
      other: ['the roles would exceed the IAM policy size'],
    });
  });
});

describe('bundleFieldErrors', () => {
  it('words the schema’s problems as the API does, per resource', () => {
    const errors = bundleFieldErrors(createBundleRequestSchema, {
      targets: [
        { resourceArn: 'arn:aws:s3:::a', actions: ['s3:GetObject'] },
        { resourceArn: 'arn:aws:s3:::b', actions: [] },
      ],
      durationMinutes: 60,
      reason: '',
    });
    expect(errors.targets).toEqual({
      1: 'Actions must name at least one action',
    });
    expect(errors.fields.reason).toBe('Reason is required');
  });
});
