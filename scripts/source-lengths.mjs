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

// Fails when a source file outside tests grows past MAX_LINES: a file that
// long does more than one job (issue #13), and is split before it lands.
import { repoFiles } from './repoFiles.mjs';

const MAX_LINES = 350;
const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;
const TEST = /(\.test\.|__testUtils__\/|(^|\/)e2e\/|\.d\.ts$)/;

const tooLong = repoFiles(
  path => SOURCE.test(path) && !TEST.test(path),
).flatMap(({ file, text }) => {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return lines > MAX_LINES ? [`${file}: ${lines} lines`] : [];
});

if (tooLong.length) {
  console.error(
    `${
      tooLong.length
    } source file(s) over ${MAX_LINES} lines; split them:\n${tooLong.join(
      '\n',
    )}`,
  );
  process.exit(1);
}
