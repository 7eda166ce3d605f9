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

import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { bundleRouteRef, rootRouteRef } from '../routes';
import { awsAccessApi } from './apis';
import { entityAwsAccessCard } from './entityCards';
import {
  entityActiveGrantsContent,
  entityExpiryContent,
  entityGrantContent,
  entityRequestAccessContent,
} from './entityContents';
import {
  accountsSubPage,
  approvalsSubPage,
  breakGlassSubPage,
  awsAccessPage,
  bundlePage,
  grantsSubPage,
  requestSubPage,
} from './pages';
import { awsActionsPickerFormField } from '../scaffolder/alpha';

/**
 * The aws-access plugin for the new frontend system: entity tabs to request,
 * watch and revoke access, an overview card, the page at /aws-access
 * (grants, new request, approvals and accounts tabs, with its nav item),
 * the page of a bundle (a request over several resources), the AwsActionsPicker
 * scaffolder field and the API client.
 *
 * @public
 */
export const awsAccessPlugin = createFrontendPlugin({
  pluginId: 'aws-access',
  title: 'AWS access',
  icon: <LockOpenIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: convertLegacyRouteRefs({
    root: rootRouteRef,
    bundle: bundleRouteRef,
  }),
  extensions: [
    awsAccessApi,
    awsAccessPage,
    grantsSubPage,
    requestSubPage,
    approvalsSubPage,
    breakGlassSubPage,
    accountsSubPage,
    bundlePage,
    entityRequestAccessContent,
    entityActiveGrantsContent,
    entityExpiryContent,
    entityGrantContent,
    entityAwsAccessCard,
    awsActionsPickerFormField,
  ],
});
