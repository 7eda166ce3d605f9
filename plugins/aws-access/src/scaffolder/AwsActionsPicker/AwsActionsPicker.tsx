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

import { useEffect } from 'react';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { ANNOTATION_AWS_ARN } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { ActionPicker } from '../../components/ActionPicker';
import { getResourceArn } from '../../lib/entityPredicates';
import { apiErrorMessage } from '../../lib/errors';
import { AwsActionsPickerProps, DEFAULT_RESOURCE_FIELD } from './schema';

/**
 * Scaffolder form field that offers the IAM actions of the AWS resource
 * chosen in another field of the same form, grouped by access level. It
 * asks the aws-access API (`GET /actions`) rather than keeping its own list,
 * so the form offers exactly what a grant may contain.
 */
export function AwsActionsPicker(props: AwsActionsPickerProps) {
  const { formData, onChange, uiSchema, formContext, rawErrors, schema } =
    props;
  const resourceField =
    uiSchema['ui:options']?.resourceField ?? DEFAULT_RESOURCE_FIELD;
  const entityRef: unknown = formContext?.formData?.[resourceField];

  const catalogApi = useApi(catalogApiRef);
  const awsAccessApi = useApi(awsAccessApiRef);

  const resource = useAsync(async () => {
    if (typeof entityRef !== 'string' || !entityRef) {
      return undefined;
    }
    // EntityPicker leaves out the kind when the template sets `defaultKind`.
    const ref = stringifyEntityRef(
      parseEntityRef(entityRef, {
        defaultKind: 'resource',
        defaultNamespace: 'default',
      }),
    );
    const entity = await catalogApi.getEntityByRef(ref);
    if (!entity) {
      throw new Error(`No catalog entity ${ref}`);
    }
    const resourceArn = getResourceArn(entity);
    if (!resourceArn) {
      throw new Error(
        `${ref} is not an AWS resource (it has no ${ANNOTATION_AWS_ARN} annotation)`,
      );
    }
    const { items } = await awsAccessApi.listActions(resourceArn);
    return { resourceArn, actions: items };
  }, [catalogApi, awsAccessApi, entityRef]);

  // Actions picked for another resource may not apply to this one.
  const offered = resource.value?.actions;
  useEffect(() => {
    if (!offered || !formData) {
      return;
    }
    const known = new Set(offered.map(a => a.action));
    const kept = formData.filter(action => known.has(action));
    if (kept.length !== formData.length) {
      onChange(kept);
    }
  }, [offered, formData, onChange]);

  const title = schema.title ?? 'Actions';
  if (typeof entityRef !== 'string' || !entityRef) {
    return (
      <Typography variant="body2" color="textSecondary">
        {title}: choose an AWS resource first to see the actions that apply to
        it.
      </Typography>
    );
  }
  if (resource.loading) {
    return <Progress />;
  }
  if (resource.error) {
    return (
      <FormHelperText error>
        Could not load the actions of {entityRef}:{' '}
        {apiErrorMessage(resource.error)}
      </FormHelperText>
    );
  }
  return (
    <>
      <ActionPicker
        resourceArn={resource.value?.resourceArn ?? ''}
        actions={offered ?? []}
        selected={formData ?? []}
        onChange={onChange}
        error={rawErrors?.[0]}
      />
      {schema.description && (
        <FormHelperText>{schema.description}</FormHelperText>
      )}
    </>
  );
}
