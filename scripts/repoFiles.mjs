#!/usr/bin/env node
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

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The files of the work tree whose path `keep` accepts, with their text:
 * those git tracks and the untracked ones it does not ignore, so that a
 * check sees a new file before it is committed. Files deleted in the work
 * tree are left out.
 */
export function repoFiles(keep) {
  const paths = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard'],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(path => path && keep(path));
  return [...new Set(paths)].flatMap(file => {
    try {
      return [{ file, text: readFileSync(file, 'utf8') }];
    } catch {
      return []; // deleted in the work tree
    }
  });
}
