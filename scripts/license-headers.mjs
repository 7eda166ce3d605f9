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

// Puts the Apache-2.0 licence header on every source file git tracks (or
// is about to: untracked files that are not ignored count too).
//   node scripts/license-headers.mjs          adds it where it is missing
//   node scripts/license-headers.mjs --check  lists the files without it, exit 1

import { writeFileSync } from 'node:fs';
import { repoFiles } from './repoFiles.mjs';

const LINES = [
  'Copyright 2026 The Backstage AWS Access Authors',
  '',
  'Licensed under the Apache License, Version 2.0 (the "License");',
  'you may not use this file except in compliance with the License.',
  'You may obtain a copy of the License at',
  '',
  '    http://www.apache.org/licenses/LICENSE-2.0',
  '',
  'Unless required by applicable law or agreed to in writing, software',
  'distributed under the License is distributed on an "AS IS" BASIS,',
  'WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.',
  'See the License for the specific language governing permissions and',
  'limitations under the License.',
];

const BLOCK = `/*\n${LINES.map(l => (l ? ` * ${l}` : ' *')).join('\n')}\n */\n`;
const HASH = `${LINES.map(l => (l ? `# ${l}` : '#')).join('\n')}\n`;

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs|sh|py)$/;

const check = process.argv.includes('--check');
const missing = [];
for (const { file, text } of repoFiles(path => SOURCE.test(path))) {
  if (text.includes('Licensed under the Apache License, Version 2.0')) {
    continue;
  }
  missing.push(file);
  if (check) continue;
  const header = /\.(sh|py)$/.test(file) ? HASH : BLOCK;
  const shebang = text.startsWith('#!')
    ? text.slice(0, text.indexOf('\n') + 1)
    : '';
  const rest = text.slice(shebang.length);
  writeFileSync(file, `${shebang}${header}\n${rest}`);
}

if (check) {
  if (missing.length) {
    console.error(
      `${
        missing.length
      } source file(s) without the Apache-2.0 header (run node scripts/license-headers.mjs):\n${missing.join(
        '\n',
      )}`,
    );
    process.exit(1);
  }
} else {
  console.log(`added the licence header to ${missing.length} file(s)`);
}
