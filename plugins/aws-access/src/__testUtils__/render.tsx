import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type { AwsAccessApi } from 'backstage-plugin-aws-access-common';
import { awsAccessApiRef } from '../api';

/** Renders UI with a fake aws-access API, optionally on an entity's page. */
export function renderWithApi(
  ui: ReactNode,
  options: { api: AwsAccessApi; entity?: Entity },
) {
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{ui}</EntityProvider>
  ) : (
    ui
  );
  return renderInTestApp(
    <TestApiProvider apis={[[awsAccessApiRef, options.api]]}>
      {content}
    </TestApiProvider>,
  );
}
