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

import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { awsAccessApiRef } from '../../api';
import { bundlePagePath } from '../../lib/bundlePaths';
import { targetsOf } from '../../lib/bundleTargets';

/**
 * On the page of a bundle's part: the request it belongs to, over how
 * many resources, with a link to it (where approval, extension and revoke
 * apply to every part at once).
 */
export function PartOfBundleNotice(props: { bundleId: string }) {
  const { bundleId } = props;
  const api = useApi(awsAccessApiRef);
  const bundle = useAsync(
    async () => api.getBundle?.(bundleId),
    [api, bundleId],
  );
  const count = bundle.value?.grants.flatMap(targetsOf).length;
  return (
    <Alert severity="info" data-testid="part-of-bundle">
      <Link to={bundlePagePath(bundleId)}>
        {count === undefined
          ? 'Part of a request over several resources'
          : `Part of a request over ${count} ${
              count === 1 ? 'resource' : 'resources'
            }`}
      </Link>
      : it is approved, extended and revoked together with the others.
    </Alert>
  );
}
