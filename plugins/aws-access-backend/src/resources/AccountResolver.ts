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

import { InputError } from '@backstage/errors';
import {
  AccountConfig,
  partitionOf,
} from '@backstage-aws-access/plugin-aws-access-node';
import { InventoryResource, ResourceInventory } from './ResourceInventory';
import { StrictArn } from './strictArn';

/** The account a request targets, and the catalogued resource behind it. */
export interface ResolvedTarget {
  account: AccountConfig;
  /** The catalogued resource the ARN is, or is under; undefined only when the inventory is not required. */
  resource?: InventoryResource;
  isSubResource: boolean;
}

/**
 * Finds the account a requested resource lives in. The inventory decides,
 * never the caller: `accountId` in a request may only choose among the
 * accounts where that resource exists, so a production bucket cannot be
 * asked for under the sandbox's rules. Whatever the ARN says of its
 * partition, account and region must agree with that account.
 */
export class AccountResolver {
  constructor(
    private readonly options: {
      accounts: () => AccountConfig[];
      inventory: ResourceInventory;
      /** Refuse resources the inventory does not know (the default). */
      requireInventory: () => boolean;
    },
  ) {}

  async resolve(
    arn: StrictArn,
    requestedAccountId?: string,
  ): Promise<ResolvedTarget> {
    const matches = (await this.options.inventory.find(arn)).filter(
      m => !arn.accountId || m.resource.accountId === arn.accountId,
    );
    // The nearest catalogued resource per account: `b/reports/x` under `b`.
    const byAccount = new Map<string, (typeof matches)[number]>();
    for (const match of matches) {
      if (!byAccount.has(match.resource.accountId)) {
        byAccount.set(match.resource.accountId, match);
      }
    }
    const configured = [...byAccount.keys()].filter(id => this.find(id));

    if (configured.length === 0) {
      if (this.options.requireInventory()) {
        throw new InputError(
          `resourceArn: ${arn.arn} is not a resource the catalog knows in a configured account; request access from the resource's catalog page`,
        );
      }
      return {
        account: this.withoutInventory(arn, requestedAccountId),
        isSubResource: false,
      };
    }

    let accountId: string;
    if (requestedAccountId) {
      if (!configured.includes(requestedAccountId)) {
        throw new InputError(
          `accountId: ${
            arn.arn
          } does not exist in account ${requestedAccountId}; it exists in ${configured.join(
            ', ',
          )}`,
        );
      }
      accountId = requestedAccountId;
    } else if (configured.length === 1) {
      accountId = configured[0];
    } else {
      throw new InputError(
        `accountId: ${arn.arn} exists in several accounts (${configured.join(
          ', ',
        )}); say which with accountId`,
      );
    }
    const account = this.find(accountId)!;
    this.assertArnFits(arn, account);
    const match = byAccount.get(accountId)!;
    return {
      account,
      resource: match.resource,
      isSubResource: match.isSubResource,
    };
  }

  /** Only when `awsAccess.inventory.required` is off: the ARN's account, else the caller's, else the only one. */
  private withoutInventory(
    arn: StrictArn,
    requestedAccountId?: string,
  ): AccountConfig {
    if (
      arn.accountId &&
      requestedAccountId &&
      requestedAccountId !== arn.accountId
    ) {
      throw new InputError(
        `accountId: ${requestedAccountId} does not match the account in resourceArn (${arn.accountId})`,
      );
    }
    const id = arn.accountId || requestedAccountId;
    const accounts = this.options.accounts();
    const only = accounts.length === 1 ? accounts[0] : undefined;
    const account = id ? this.find(id) : only;
    if (!account && !id) {
      throw new InputError(
        `accountId: the account of ${arn.arn} is ambiguous, pass accountId`,
      );
    }
    if (!account) {
      throw new InputError(
        `${
          arn.accountId ? 'resourceArn' : 'accountId'
        }: account ${id} is not configured in awsAccess.accounts`,
      );
    }
    this.assertArnFits(arn, account);
    return account;
  }

  private assertArnFits(arn: StrictArn, account: AccountConfig): void {
    if (arn.partition !== partitionOf(account)) {
      throw new InputError(
        `resourceArn: partition ${arn.partition} is not account ${
          account.accountId
        }'s (${partitionOf(account)})`,
      );
    }
    if (arn.accountId && arn.accountId !== account.accountId) {
      throw new InputError(
        `resourceArn: account ${arn.accountId} is not the resource's account ${account.accountId}`,
      );
    }
    if (arn.region && !account.regions.includes(arn.region)) {
      throw new InputError(
        `resourceArn: region ${arn.region} is not enabled for account ${
          account.accountId
        } (${account.regions.join(', ')})`,
      );
    }
  }

  private find(accountId: string): AccountConfig | undefined {
    return this.options.accounts().find(a => a.accountId === accountId);
  }
}
