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

import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@aws-sdk/types';

/**
 * How long before they expire credentials are replaced: the margin the SDK's
 * own clients and credential providers use, so that no request is signed with
 * credentials about to lapse.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A credential provider that every SDK client made from it shares.
 *
 * SDK clients cache credentials per client only, and the role provider of
 * `@backstage/integration-aws-node` (the SDK's `fromTemporaryCredentials`)
 * calls `sts:AssumeRole` each time it is asked, so without this every new
 * client would assume the role again. The credentials are kept until
 * {@link REFRESH_MARGIN_MS} before they expire (for ever when they have no
 * expiry), concurrent callers wait for one lookup, and a failed lookup is not
 * kept, so the next call tries again.
 */
export function sharedCredentialProvider(
  provider: AwsCredentialIdentityProvider,
): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;

  const isFresh = (credentials: AwsCredentialIdentity) =>
    !credentials.expiration ||
    credentials.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS;

  return async identityProperties => {
    if (current && isFresh(current) && !identityProperties?.forceRefresh) {
      return current;
    }
    if (!pending) {
      pending = (async () => {
        try {
          current = await provider(identityProperties);
          return current;
        } finally {
          pending = undefined;
        }
      })();
    }
    return pending;
  };
}
