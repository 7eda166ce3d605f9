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

import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

function catalogRef(actor: string): string | undefined {
  try {
    const { kind } = parseEntityRef(actor);
    return ['user', 'group'].includes(kind.toLocaleLowerCase('en-US'))
      ? actor
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Who did something to a grant, the way Backstage shows people: a link to
 * their catalog page with their display name. The engine's own steps
 * (`system`), automatic approval (`auto`) and other plugins
 * (`service:<id>`) are not catalog entities and are named in words.
 */
export function ActorLink(props: { actor: string }) {
  const { actor } = props;
  const ref = catalogRef(actor);
  if (ref) {
    return <EntityRefLink entityRef={ref} defaultKind="user" />;
  }
  if (actor === 'system') {
    return <>aws-access (automatic)</>;
  }
  if (actor === 'auto') {
    return <>automatic (no approval needed)</>;
  }
  return <>{actor}</>;
}
