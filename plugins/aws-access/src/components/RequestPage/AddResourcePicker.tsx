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
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
  EntityDisplayName,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  ANNOTATION_AWS_ARN,
  GRANT_LIMITS,
} from '@backstage-aws-access/plugin-aws-access-common';
import useAsync from 'react-use/esm/useAsync';
import { useElementId } from '../../hooks';
import {
  getAccountId,
  getResourceArn,
  isAwsResourceEntity,
} from '../../lib/entityPredicates';
import type { RequestCart } from '../../requestCart';

/**
 * "Add another resource": the catalog's AWS resources not in the request
 * yet, searchable by name and ARN.
 */
export function AddResourcePicker(props: { cart: RequestCart }) {
  const { cart } = props;
  const catalogApi = useApi(catalogApiRef);
  const inputId = useElementId('aws-access-add-resource');
  // Cleared after each pick, so the field is ready for the next one.
  const [pickKey, setPickKey] = useState(0);
  const resources = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        [`metadata.annotations.${ANNOTATION_AWS_ARN}`]: CATALOG_FILTER_EXISTS,
      },
    });
    return items.filter(isAwsResourceEntity);
  }, [catalogApi]);

  const options = (resources.value ?? []).filter(
    entity => !cart.has(getResourceArn(entity)!),
  );
  const add = (entity: Entity | null) => {
    if (!entity) return;
    const accountId = getAccountId(entity);
    cart.add({
      entityRef: stringifyEntityRef(entity),
      resourceArn: getResourceArn(entity)!,
      ...(accountId ? { accountId } : {}),
    });
    setPickKey(k => k + 1);
  };

  return (
    <Box maxWidth={640}>
      <Autocomplete
        key={pickKey}
        id={inputId}
        options={options}
        loading={resources.loading}
        disabled={cart.full}
        getOptionLabel={entity =>
          `${entity.metadata.title ?? entity.metadata.name} ${getResourceArn(
            entity,
          )}`
        }
        renderOption={entity => (
          <Box display="flex" flexDirection="column" minWidth={0}>
            <EntityDisplayName entityRef={entity} hideIcon />
            <code style={{ fontSize: '0.75rem', wordBreak: 'break-all' }}>
              {getResourceArn(entity)}
            </code>
          </Box>
        )}
        onChange={(_, entity) => add(entity)}
        renderInput={params => (
          <TextField
            {...params}
            label="Add another resource"
            variant="outlined"
            size="small"
            error={Boolean(resources.error)}
            helperText={
              resources.error
                ? `The catalog could not be read: ${resources.error.message}`
                : `AWS resources from the catalog; up to ${GRANT_LIMITS.maxBundleTargets} in one request.`
            }
          />
        )}
      />
    </Box>
  );
}
