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

import { IdentityApi } from '@backstage/frontend-plugin-api';

/** How the person signed in: the guest provider, or the demo provider as one user. */
export type SignInChoice =
  | { provider: 'guest' }
  | { provider: 'demo'; userName: string };

const STORAGE_KEY = 'aws-access-demo:sign-in';

/** The last successful choice, so a reload signs in again without asking. */
export function readSignInChoice(): SignInChoice | undefined {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (stored?.provider === 'guest') {
      return { provider: 'guest' };
    }
    if (stored?.provider === 'demo' && typeof stored.userName === 'string') {
      return { provider: 'demo', userName: stored.userName };
    }
  } catch {
    // Unreadable (edited by hand): ask again.
  }
  return undefined;
}

export function storeSignInChoice(choice: SignInChoice): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
}

export function forgetSignInChoice(): void {
  localStorage.removeItem(STORAGE_KEY);
}

/**
 * The identity, with a sign-out that also forgets the choice: otherwise the
 * next load would sign the same user in again and nobody could switch.
 */
export function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      forgetSignInChoice();
      await identity.signOut();
    },
  };
}
