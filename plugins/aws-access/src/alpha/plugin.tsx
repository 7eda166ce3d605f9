import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import LockOpenIcon from '@material-ui/icons/LockOpen';
import { rootRouteRef } from '../routes';
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
  grantsSubPage,
} from './pages';
import { awsActionsPickerFormField } from '../scaffolder/alpha';

/**
 * The aws-access plugin for the new frontend system: entity tabs to request,
 * watch and revoke access, an overview card, the page at /aws-access
 * (grants and accounts tabs, with its nav item), the AwsActionsPicker
 * scaffolder field and the API client.
 *
 * @public
 */
export const awsAccessPlugin = createFrontendPlugin({
  pluginId: 'aws-access',
  title: 'AWS access',
  icon: <LockOpenIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  extensions: [
    awsAccessApi,
    awsAccessPage,
    grantsSubPage,
    approvalsSubPage,
    breakGlassSubPage,
    accountsSubPage,
    entityRequestAccessContent,
    entityActiveGrantsContent,
    entityExpiryContent,
    entityGrantContent,
    entityAwsAccessCard,
    awsActionsPickerFormField,
  ],
});
