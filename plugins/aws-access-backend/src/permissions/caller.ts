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

import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { normalizeEntityRef } from '@backstage-aws-access/plugin-aws-access-common';
import { Request } from 'express';

/** The signed-in user acting on grants. */
export interface Caller {
  userEntityRef: string;
  ownershipEntityRefs: string[];
  /** The HTTP request the caller made, for the audit trail. */
  request?: Request;
}

/**
 * A request made by the signed-in user, its credentials resolved once (the
 * requester is always that user, never a field of the request body): they
 * serve the permission checks, and `caller()` the rules and the audit
 * trail, without a second lookup.
 */
export async function userRequestOf(
  req: Request,
  services: { httpAuth: HttpAuthService; userInfo: UserInfoService },
): Promise<{
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  caller: () => Promise<Caller>;
}> {
  const credentials = await services.httpAuth.credentials(req, {
    allow: ['user'],
  });
  return {
    credentials,
    caller: () => requestCallerOf(req, credentials, services),
  };
}

/** The caller behind a request's user credentials, when they are already at hand. */
export async function requestCallerOf(
  req: Request,
  credentials: BackstageCredentials<BackstageUserPrincipal>,
  services: { userInfo: UserInfoService },
): Promise<Caller> {
  const info = await services.userInfo.getUserInfo(credentials);
  return { ...callerOf(info), request: req };
}

/** The caller a user's info stands for, with refs compared as the store keeps them. */
export function callerOf(info: {
  userEntityRef: string;
  ownershipEntityRefs: string[];
}): Caller {
  return {
    userEntityRef: normalizeRef(info.userEntityRef),
    ownershipEntityRefs: info.ownershipEntityRefs.map(normalizeRef),
  };
}

function normalizeRef(ref: string): string {
  return normalizeEntityRef(ref, 'user') ?? ref.toLocaleLowerCase('en-US');
}
