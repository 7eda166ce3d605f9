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

import { useState } from 'react';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type {
  ActionInfo,
  AwsAccessApi,
} from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { AwsActionsPicker } from './AwsActionsPicker';
import { AwsActionsPickerProps } from './schema';
import { awsActionsPickerValidation } from './validation';

const bucket: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'orders-bucket',
    annotations: { 'aws.amazon.com/arn': 'arn:aws:s3:::orders' },
  },
  spec: { type: 's3-bucket', owner: 'team-a' },
};
const table: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments',
    annotations: {
      'aws.amazon.com/arn':
        'arn:aws:dynamodb:eu-west-1:123456789012:table/payments',
    },
  },
  spec: { type: 'dynamodb-table', owner: 'team-a' },
};
const website: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website' },
  spec: { type: 'website', owner: 'team-a', lifecycle: 'production' },
};

const actionsByArn: Record<string, ActionInfo[]> = {
  'arn:aws:s3:::orders': [
    { action: 's3:ListBucket', accessLevel: 'List', description: 'List' },
    { action: 's3:GetObject', accessLevel: 'Read', description: 'Read' },
    { action: 's3:PutObject', accessLevel: 'Write', description: 'Write' },
  ],
  'arn:aws:dynamodb:eu-west-1:123456789012:table/payments': [
    { action: 'dynamodb:GetItem', accessLevel: 'Read', description: 'Get' },
  ],
};

async function renderPicker(options: {
  resource?: string;
  initial?: string[];
  rawErrors?: string[];
  listActions?: AwsAccessApi['listActions'];
}) {
  const listActions = jest.fn(
    options.listActions ??
      (async (arn: string) => ({ items: actionsByArn[arn] ?? [] })),
  );
  const onChange = jest.fn();

  // Holds the value like the scaffolder form does, so the picker re-renders.
  function Harness() {
    const [value, setValue] = useState(options.initial);
    const props = {
      formData: value,
      onChange: (next: string[]) => {
        onChange(next);
        setValue(next);
      },
      uiSchema: { 'ui:options': { resourceField: 'bucket' } },
      formContext: { formData: { bucket: options.resource } },
      schema: { title: 'Actions', description: 'What you may do' },
      rawErrors: options.rawErrors,
    } as unknown as AwsActionsPickerProps;
    return <AwsActionsPicker {...props} />;
  }

  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities: [bucket, table, website] })],
        [awsAccessApiRef, { listActions } as Partial<AwsAccessApi>],
      ]}
    >
      <Harness />
    </TestApiProvider>,
  );
  return { listActions, onChange };
}

describe('AwsActionsPicker', () => {
  it('offers the actions of the chosen resource, grouped by access level', async () => {
    const { listActions, onChange } = await renderPicker({
      resource: 'resource:default/orders-bucket',
    });

    expect(
      await screen.findByRole('group', { name: 'Read actions' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'List actions' })).toBeVisible();
    expect(screen.getByRole('group', { name: 'Write actions' })).toBeVisible();
    expect(listActions).toHaveBeenCalledWith('arn:aws:s3:::orders');
    expect(screen.getByText('What you may do')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 's3:GetObject' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 's3:PutObject' }),
    );

    expect(onChange).toHaveBeenLastCalledWith(['s3:GetObject', 's3:PutObject']);
    expect(
      screen.getByRole('checkbox', { name: 's3:GetObject' }),
    ).toBeChecked();
  });

  it('accepts a short entity ref, as EntityPicker gives with defaultKind', async () => {
    const { listActions } = await renderPicker({ resource: 'orders-bucket' });

    await screen.findByRole('group', { name: 'Read actions' });
    expect(listActions).toHaveBeenCalledWith('arn:aws:s3:::orders');
  });

  it('asks for a resource first when none is chosen', async () => {
    const { listActions } = await renderPicker({});

    expect(
      await screen.findByText(/choose an AWS resource first/),
    ).toBeInTheDocument();
    expect(listActions).not.toHaveBeenCalled();
  });

  it('drops chosen actions that do not apply to the chosen resource', async () => {
    const { onChange } = await renderPicker({
      resource: 'resource:default/payments',
      initial: ['s3:GetObject', 'dynamodb:GetItem'],
    });

    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith(['dynamodb:GetItem']),
    );
    expect(
      await screen.findByRole('checkbox', { name: 'dynamodb:GetItem' }),
    ).toBeChecked();
  });

  it('says why when the entity is not an AWS resource', async () => {
    await renderPicker({ resource: 'component:default/website' });

    expect(
      await screen.findByText(
        /component:default\/website is not an AWS resource/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the API’s reason when the actions cannot be loaded', async () => {
    await renderPicker({
      resource: 'resource:default/orders-bucket',
      listActions: async () => {
        throw new Error(
          'no account of this deployment owns arn:aws:s3:::orders',
        );
      },
    });

    expect(
      await screen.findByText(
        /Could not load the actions of resource:default\/orders-bucket: no account of this deployment owns/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the form’s error for the field', async () => {
    await renderPicker({
      resource: 'resource:default/orders-bucket',
      rawErrors: ['Choose at least one action'],
    });

    expect(
      await screen.findByText('Choose at least one action'),
    ).toBeInTheDocument();
  });
});

describe('awsActionsPickerValidation', () => {
  const validate = (value: string[] | undefined) => {
    const errors: string[] = [];
    awsActionsPickerValidation(value, {
      addError: (message: string) => errors.push(message),
    } as any);
    return errors;
  };

  it('wants at least one action and at most the API limit', () => {
    expect(validate(undefined)).toEqual(['Choose at least one action']);
    expect(validate([])).toEqual(['Choose at least one action']);
    expect(validate(['s3:GetObject'])).toEqual([]);
    expect(
      validate(Array.from({ length: 51 }, (_, i) => `s3:Action${i}`)),
    ).toEqual(['Choose at most 50 actions; 51 are chosen']);
  });
});
