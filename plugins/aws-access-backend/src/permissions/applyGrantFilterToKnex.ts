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

import { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import { GRANT_FILTER_COLUMNS, GrantFilter } from './resource';

/** Columns that may be empty: a NULL never equals a value, and never differs from one either. */
const NULLABLE_COLUMNS: ReadonlySet<string> = new Set(['resource_owner']);

/**
 * Column names come from a fixed list, never from the caller. Checked before
 * building, because knex only runs the nested builders when the query runs.
 */
function assertKnownColumns(criteria: PermissionCriteria<GrantFilter>): void {
  if (isAndCriteria(criteria)) {
    criteria.allOf.forEach(assertKnownColumns);
  } else if (isOrCriteria(criteria)) {
    criteria.anyOf.forEach(assertKnownColumns);
  } else if (isNotCriteria(criteria)) {
    assertKnownColumns(criteria.not);
  } else if (!GRANT_FILTER_COLUMNS.includes(criteria.property)) {
    throw new Error(`Cannot filter grants on '${criteria.property}'`);
  }
}

function applyLeaf(builder: Knex.QueryBuilder, filter: GrantFilter): void {
  const column = filter.property;
  if (filter.values.length === 0) {
    builder.whereRaw('1 = 0');
    return;
  }
  if (column === 'approver_group') {
    // A grant may name several approver groups: matched through its rows in
    // `grant_approvers` rather than a column.
    builder.whereIn('id', function approverGroups(this: Knex.QueryBuilder) {
      this.select('grant_id')
        .from('grant_approvers')
        .whereIn('group_ref', filter.values);
    });
    return;
  }
  if (NULLABLE_COLUMNS.has(column)) {
    // Spelled out so that `not` of this leaf keeps the grants without an
    // owner, as the rule's in-memory `apply` does: NOT (x IN (...)) is NULL,
    // not true, when x is NULL.
    builder.where(b => b.whereNotNull(column).whereIn(column, filter.values));
    return;
  }
  builder.whereIn(column, filter.values);
}

function applyCriteria(
  builder: Knex.QueryBuilder,
  criteria: PermissionCriteria<GrantFilter>,
): void {
  if (isAndCriteria(criteria)) {
    builder.where(b => {
      for (const sub of criteria.allOf) {
        b.andWhere(inner => applyCriteria(inner, sub));
      }
    });
  } else if (isOrCriteria(criteria)) {
    if (criteria.anyOf.length === 0) {
      builder.whereRaw('1 = 0');
      return;
    }
    builder.where(b => {
      for (const sub of criteria.anyOf) {
        b.orWhere(inner => applyCriteria(inner, sub));
      }
    });
  } else if (isNotCriteria(criteria)) {
    builder.whereNot(b => applyCriteria(b, criteria.not));
  } else {
    applyLeaf(builder, criteria);
  }
}

/**
 * Narrows a query on the `grants` table to the grants a conditional
 * permission decision allows. `filter` is the decision's conditions after
 * `createConditionTransformer` turned them into grant filters.
 *
 * The query must select from a table (or alias) whose columns are named
 * `id`, `requester`, `resource_owner` and `state`, holding lower-case
 * entity refs; `approver_group` filters go through `grant_approvers`.
 */
export function applyGrantFilterToKnex<
  TBuilder extends Knex.QueryBuilder<any, any>,
>(queryBuilder: TBuilder, filter: PermissionCriteria<GrantFilter>): TBuilder {
  assertKnownColumns(filter);
  queryBuilder.where(builder => applyCriteria(builder, filter));
  return queryBuilder;
}
