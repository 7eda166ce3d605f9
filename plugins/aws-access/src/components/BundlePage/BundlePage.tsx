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
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { useBundle } from '../../hooks';
import { BundleDetails } from './BundleDetails';

/** The bundle whose id the route names, followed live. */
export function BundleView(props: { bundleId: string }) {
  const bundle = useBundle(props.bundleId);
  if (bundle.loading && !bundle.value) {
    return <Progress />;
  }
  if (!bundle.value) {
    return bundle.error ? <ResponseErrorPanel error={bundle.error} /> : null;
  }
  return (
    <>
      {bundle.error && <ResponseErrorPanel error={bundle.error} />}
      <BundleDetails bundle={bundle.value} onChange={bundle.refresh} />
    </>
  );
}

/**
 * `/aws-access/bundles/:id`: one request over several resources. In the
 * new frontend system the app draws the page's header; on the old one
 * this page draws its own.
 */
export function BundlePage(props: { withHeader?: boolean }) {
  const { id = '' } = useParams();
  const view = (
    <Content>
      <BundleView key={id} bundleId={id} />
    </Content>
  );
  if (!props.withHeader) {
    return view;
  }
  return (
    <Page themeId="tool">
      <Header
        title="Access request"
        subtitle="Several resources, one decision"
      />
      {view}
    </Page>
  );
}

/** The old frontend system's page, with its own header. */
export function LegacyBundlePage() {
  return <BundlePage withHeader />;
}
