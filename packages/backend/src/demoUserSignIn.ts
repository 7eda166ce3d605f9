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

/*
 * Development-only sign-in as any user of the demo catalog, so that one
 * person can play requester and approver in turn. Never for production: it
 * asks for no credentials at all.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
  createProxyAuthenticator,
} from '@backstage/plugin-auth-node';

/** The auth provider id: routes under `/api/auth/demo`. */
export const DEMO_PROVIDER_ID = 'demo';

/** Request header (or `user` query parameter) that names the user to sign in as. */
export const DEMO_USER_HEADER = 'x-demo-user';

/** A catalog entity name: letters, digits and `-_.`, at most 63 characters. */
const USER_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$/;

/** The parts of the sign-in request that name the user. */
interface DemoSignInRequest {
  header(name: string): string | undefined;
  query: Record<string, unknown>;
}

function chosenUser(req: DemoSignInRequest): string {
  const fromHeader = req.header(DEMO_USER_HEADER);
  const fromQuery = typeof req.query.user === 'string' ? req.query.user : '';
  const name = fromHeader || fromQuery;
  if (!name) {
    throw new InputError(
      `Name the user to sign in as in the '${DEMO_USER_HEADER}' header or the 'user' query parameter`,
    );
  }
  if (!USER_NAME.test(name)) {
    throw new InputError(`'${name}' is not a user entity name`);
  }
  return name;
}

/**
 * Only development (and tests) may use it, like Backstage's guest provider:
 * a backend started with NODE_ENV unset or `production` refuses, even when the
 * provider is configured by mistake.
 */
function isDevelopment(): boolean {
  return (
    process.env.NODE_ENV === 'development' || process.env.NODE_ENV === 'test'
  );
}

const demoUserAuthenticator = createProxyAuthenticator({
  // The profile comes from the user entity, in the profile transform below.
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => ({ disabled: !isDevelopment() }),
  async authenticate({ req }, { disabled }) {
    if (disabled) {
      throw new NotAllowedError(
        `The '${DEMO_PROVIDER_ID}' sign-in is for development only and is refused unless NODE_ENV is development`,
      );
    }
    return { result: { userName: chosenUser(req) } };
  },
});

type DemoUserResult = { userName: string };

const userRef = ({ userName }: DemoUserResult) => ({
  kind: 'user',
  namespace: 'default',
  name: userName,
});

/**
 * Registers the `demo` provider. It only answers when `auth.providers.demo`
 * is configured (the auth backend skips unconfigured providers; only
 * app-config.demo.yaml configures it) and NODE_ENV is `development`. Only users that exist in the catalog can
 * sign in, with the groups the catalog gives them.
 */
export const authModuleDemoUserProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-user-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ providers, logger }) {
        if (!isDevelopment()) {
          logger.warn(
            `The '${DEMO_PROVIDER_ID}' sign-in provider is installed outside development; it will refuse every sign-in`,
          );
        }
        providers.registerProvider({
          providerId: DEMO_PROVIDER_ID,
          factory: createProxyAuthProviderFactory<DemoUserResult>({
            authenticator: demoUserAuthenticator,
            async profileTransform(result, ctx) {
              const { entity } = await ctx.findCatalogUser({
                entityRef: userRef(result),
              });
              const profile = (entity.spec?.profile ?? {}) as {
                displayName?: string;
                email?: string;
                picture?: string;
              };
              return {
                profile: {
                  displayName: profile.displayName ?? result.userName,
                  email: profile.email,
                  picture: profile.picture,
                },
              };
            },
            async signInResolver({ result }, ctx) {
              if (!isDevelopment()) {
                throw new NotAllowedError(
                  `The '${DEMO_PROVIDER_ID}' sign-in is for development only`,
                );
              }
              return ctx.signInWithCatalogUser({ entityRef: userRef(result) });
            },
          }),
        });
      },
    });
  },
});

export default authModuleDemoUserProvider;
