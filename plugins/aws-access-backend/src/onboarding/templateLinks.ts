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
  DatabaseService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a template link works: the admin opens it right after asking for it. */
export const TEMPLATE_LINK_TTL_SECONDS = 60 * 60;

const SETTING_KEY = 'onboarding-template-signing-key';

/** Signs and checks the expiring links CloudFormation downloads the template with. */
export interface TemplateLinkSigner {
  /** The query parameters that make `accountId`'s template link valid until `expires`. */
  sign(
    accountId: string,
    expires: number,
  ): Promise<{ expires: string; sig: string }>;
  /** Whether `sig` was made by {@link TemplateLinkSigner.sign} for this account and expiry. */
  verify(accountId: string, expires: string, sig: string): Promise<boolean>;
}

function hmac(key: Buffer, accountId: string, expires: string): Buffer {
  return createHmac('sha256', key)
    .update(`aws-access:onboarding-template:v1\n${accountId}\n${expires}`)
    .digest();
}

/** A signer over one key, however it was obtained. */
export function createTemplateLinkSigner(
  key: () => Promise<Buffer>,
  now: () => number = () => Date.now(),
): TemplateLinkSigner {
  return {
    async sign(accountId, expires) {
      const e = String(expires);
      return {
        expires: e,
        sig: hmac(await key(), accountId, e).toString('hex'),
      };
    },
    async verify(accountId, expires, sig) {
      if (!/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) {
        return false;
      }
      if (Number(expires) * 1000 <= now()) {
        return false;
      }
      const expected = hmac(await key(), accountId, expires);
      return timingSafeEqual(expected, Buffer.from(sig, 'hex'));
    },
  };
}

/**
 * The signing key: `awsAccess.onboarding.signingKey` when configured, else a
 * random key kept in the plugin's database. Not a per-process key: with two
 * replicas, the one CloudFormation reaches must accept what the other
 * signed. The first replica to need it creates it; the others read it.
 */
export function templateLinkKey(options: {
  config: RootConfigService;
  database: DatabaseService;
}): () => Promise<Buffer> {
  const configured = options.config.getOptionalString(
    'awsAccess.onboarding.signingKey',
  );
  if (configured !== undefined) {
    if (configured.length < 32) {
      throw new Error(
        'awsAccess.onboarding.signingKey must be at least 32 characters',
      );
    }
    const key = Buffer.from(configured, 'utf8');
    return async () => key;
  }
  let stored: Promise<Buffer> | undefined;
  return () => {
    stored ??= (async () => {
      const knex = await options.database.getClient();
      await knex('settings')
        .insert({ key: SETTING_KEY, value: randomBytes(32).toString('hex') })
        .onConflict('key')
        .ignore();
      const row = await knex('settings')
        .where({ key: SETTING_KEY })
        .first('value');
      return Buffer.from(row.value, 'hex');
    })().catch(error => {
      stored = undefined;
      throw error;
    });
    return stored;
  };
}
