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

import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { MissingAnnotationEmptyState } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';

/**
 * The page's entity and one of its annotations, for views that cannot work
 * without it: when the entity lacks the annotation, Backstage's "missing
 * annotation" state stands in their place, so every aws-access entity view
 * tells the catalog owner the same thing.
 */
export function WithEntityAnnotation(props: {
  annotation: string;
  children: (value: string, entity: Entity) => ReactNode;
}) {
  const { entity } = useEntity();
  const value = entity.metadata.annotations?.[props.annotation];
  if (!value) {
    return <MissingAnnotationEmptyState annotation={props.annotation} />;
  }
  return <>{props.children(value, entity)}</>;
}
