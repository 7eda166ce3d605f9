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

// SDK clients for the local AWS emulator (moto), one account at a time, and
// the idempotence every seeding step relies on.

/** The local AWS: moto, or whatever AWS_ENDPOINT_URL names. */
export const endpoint = process.env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566';

/** moto selects the account from this header; real AWS would use each account's own credentials. */
function clientConfig(accountId, region = 'us-east-1') {
  return {
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    accountId,
  };
}

function inAccount(client, accountId) {
  client.middlewareStack.add(
    next => args => {
      args.request.headers['x-moto-account-id'] = accountId;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  return client;
}

export const make = (Client, accountId, region) =>
  inAccount(new Client(clientConfig(accountId, region)), accountId);

/** Runs one create call, treating "it already exists" as done. */
export async function ignoreExisting(promise, ...codes) {
  try {
    return await promise;
  } catch (error) {
    const known = [
      ...codes,
      'EntityAlreadyExists',
      'BucketAlreadyOwnedByYou',
      'ResourceInUseException',
      'ResourceConflictException',
      'QueueAlreadyExists',
    ];
    if (
      known.includes(error?.Code) ||
      known.some(code => error?.name?.startsWith(code))
    ) {
      return undefined;
    }
    throw error;
  }
}
