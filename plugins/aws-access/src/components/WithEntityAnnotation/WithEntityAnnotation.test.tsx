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

import { screen } from '@testing-library/react';
import {
  createFakeAwsAccessApi,
  renderWithApi,
  resourceEntity,
} from '../../__testUtils__';
import { WithEntityAnnotation } from './WithEntityAnnotation';

const annotated = (
  <WithEntityAnnotation annotation="aws.amazon.com/arn">
    {(arn, entity) => `${entity.metadata.name} is ${arn}`}
  </WithEntityAnnotation>
);

describe('WithEntityAnnotation', () => {
  it('hands its children the annotation and the entity', async () => {
    await renderWithApi(annotated, {
      api: createFakeAwsAccessApi(),
      entity: resourceEntity,
    });
    expect(
      screen.getByText('demo-reports is arn:aws:s3:::demo-reports'),
    ).toBeInTheDocument();
  });

  it('names the missing annotation instead', async () => {
    await renderWithApi(annotated, {
      api: createFakeAwsAccessApi(),
      entity: { ...resourceEntity, metadata: { name: 'plain' } },
    });
    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(screen.getByText('aws.amazon.com/arn')).toBeInTheDocument();
    expect(screen.queryByText(/demo-reports/)).not.toBeInTheDocument();
  });
});
