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

import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import CancelIcon from '@material-ui/icons/Cancel';
import Typography from '@material-ui/core/Typography';
import { useNavigate } from 'react-router-dom';
import { useGrantDetailsLink } from '../../hooks';
import { bundlePagePath } from '../../lib/bundlePaths';
import { useRequestCart } from '../../requestCart';
import { requestCountLabel } from '../AddToRequest';
import { BundleRequestForm } from '../BundleRequestForm';
import { RequestAccessForm } from '../RequestAccessForm';
import { AddResourcePicker } from './AddResourcePicker';

/**
 * The request being assembled (`/aws-access/request`): the resources
 * added from entity pages, and more from the catalog. One resource is an
 * ordinary request (`POST /grants`), exactly as on its entity page;
 * several are sent as one bundle, and the page moves on to the bundle.
 */
export function RequestPage() {
  const cart = useRequestCart();
  const navigate = useNavigate();
  const grantLink = useGrantDetailsLink();
  if (!cart.ready) {
    return <Progress />;
  }
  const [only] = cart.items;
  // Once sent, the request is emptied and the page shows what it made.
  const openSent = (path: string) => {
    cart.clear();
    navigate(path);
  };
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        justifyContent="space-between"
        style={{ gap: 16 }}
      >
        <Typography variant="h6" component="h2" role="status">
          {requestCountLabel(cart.items.length)}
        </Typography>
        <Box flex="1 1 320px" maxWidth={640}>
          <AddResourcePicker cart={cart} />
        </Box>
      </Box>
      {cart.items.length === 0 && (
        <EmptyState
          missing="data"
          title="Your request is empty"
          description="Add AWS resources with “Add to request” on their catalog pages, or pick them above."
        />
      )}
      {cart.items.length === 1 && (
        <InfoCard title="Request access">
          <Box mb={2}>
            <Chip
              label={<EntityDisplayName entityRef={only.entityRef} />}
              onDelete={() => cart.remove(only.resourceArn)}
              deleteIcon={<CancelIcon aria-label="Remove" />}
            />
          </Box>
          <RequestAccessForm
            key={only.resourceArn}
            resourceArn={only.resourceArn}
            accountId={only.accountId}
            onSubmitted={grant => openSent(grantLink(grant.id))}
          />
        </InfoCard>
      )}
      {cart.items.length > 1 && (
        <InfoCard title="Request access to several resources">
          <BundleRequestForm
            items={cart.items}
            onRemove={cart.remove}
            onSubmitted={bundle => openSent(bundlePagePath(bundle.id))}
          />
        </InfoCard>
      )}
    </Box>
  );
}
