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

import { bundleStateOf } from './bundles';
import { createBundleRequestSchema, describeZodError } from './schemas';

describe('bundleStateOf', () => {
  it('is the common state when every part agrees', () => {
    expect(bundleStateOf([{ state: 'active' }, { state: 'active' }])).toBe(
      'active',
    );
  });

  it('stays pending while any part waits for the decision', () => {
    expect(bundleStateOf([{ state: 'pending' }, { state: 'rejected' }])).toBe(
      'pending',
    );
  });

  it('says partial when the parts ended differently', () => {
    expect(bundleStateOf([{ state: 'expired' }, { state: 'failed' }])).toBe(
      'partial',
    );
  });
});

describe('createBundleRequestSchema', () => {
  const target = { resourceArn: 'arn:aws:s3:::a', actions: ['s3:GetObject'] };

  it('names the bad part and its field', () => {
    const result = createBundleRequestSchema.safeParse({
      targets: [target, { resourceArn: 'arn:aws:s3:::b', actions: [] }],
      durationMinutes: 30,
      reason: 'debugging the nightly export',
    });
    expect(result.success).toBe(false);
    expect(describeZodError(result.error!)).toBe(
      'targets.1.actions: actions must name at least one action',
    );
  });

  it('refuses more resources than the limit and unknown fields', () => {
    const tooMany = createBundleRequestSchema.safeParse({
      targets: Array.from({ length: 21 }, () => target),
      durationMinutes: 30,
      reason: 'debugging the nightly export',
    });
    expect(describeZodError(tooMany.error!)).toBe(
      'targets may name at most 20 resources',
    );
    const extra = createBundleRequestSchema.safeParse({
      targets: [{ ...target, breakGlass: true }],
      durationMinutes: 30,
      reason: 'debugging the nightly export',
    });
    // The message names the target, so a form can point at its row.
    expect(describeZodError(extra.error!)).toBe(
      'targets.0: unknown field(s): breakGlass',
    );
  });
});
