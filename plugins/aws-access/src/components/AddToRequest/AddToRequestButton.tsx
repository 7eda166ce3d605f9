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

import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddShoppingCartIcon from '@material-ui/icons/AddShoppingCart';
import RemoveIcon from '@material-ui/icons/RemoveCircleOutline';
import { GRANT_LIMITS } from '@backstage-aws-access/plugin-aws-access-common';
import { REQUEST_PAGE_PATH } from '../../lib/bundlePaths';
import { getAccountId, getResourceArn } from '../../lib/entityPredicates';
import { useRequestCart } from '../../requestCart';

/** "2 resources in your request". */
export function requestCountLabel(count: number): string {
  return `${count} ${count === 1 ? 'resource' : 'resources'} in your request`;
}

/**
 * "Add to request" for the AWS resource of the entity page, beside
 * "Request access": it collects resources across pages into one request
 * (a bundle), says how many it holds and links to the page that sends it.
 * On a resource already added it offers to take it out again.
 */
export function AddToRequestButton() {
  const { entity } = useEntity();
  const cart = useRequestCart();
  const resourceArn = getResourceArn(entity);
  if (!resourceArn || !cart.ready) {
    return null;
  }
  const added = cart.has(resourceArn);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 8 }}
      data-testid="add-to-request"
    >
      {added ? (
        <Button
          variant="outlined"
          startIcon={<RemoveIcon />}
          onClick={() => cart.remove(resourceArn)}
        >
          Remove from request
        </Button>
      ) : (
        <Button
          variant="outlined"
          color="primary"
          startIcon={<AddShoppingCartIcon />}
          disabled={cart.full}
          title={
            cart.full
              ? `A request names at most ${GRANT_LIMITS.maxBundleTargets} resources`
              : undefined
          }
          onClick={() =>
            cart.add({
              entityRef: stringifyEntityRef(entity),
              resourceArn,
              ...(getAccountId(entity)
                ? { accountId: getAccountId(entity) }
                : {}),
            })
          }
        >
          Add to request
        </Button>
      )}
      {cart.items.length > 0 && (
        <Typography variant="body2" role="status">
          {requestCountLabel(cart.items.length)} ·{' '}
          <Link to={REQUEST_PAGE_PATH}>Review and send</Link>
        </Typography>
      )}
    </Box>
  );
}
