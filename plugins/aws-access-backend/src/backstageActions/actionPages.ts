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

import { z } from 'zod/v3';

/** The paging fields of every list action: `limit` items after `cursor`. */
export const pageInput = (zod: typeof z, maxLimit: number) => ({
  limit: zod.number().int().min(1).max(maxLimit).optional(),
  cursor: zod.string().optional(),
});

/** A page as every list action answers it; `nextCursor` asks for the next. */
export const pageOutput = (zod: typeof z, item: z.ZodTypeAny) =>
  zod.object({
    items: zod.array(item),
    nextCursor: zod.string().optional(),
  });

/** A page of records as a list action's output. */
export function pageOf<T, U>(
  page: { items: T[]; nextCursor?: string },
  describe: (item: T) => U,
) {
  return {
    items: page.items.map(describe),
    ...(page.nextCursor && { nextCursor: page.nextCursor }),
  };
}
