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

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ACCESS_ROLES, GRANT_BOUNDARY, TEMPLATE_VERSION } from './accessRoles';
import { renderPermissionsMarkdown } from './permissionsMarkdown';

// prettier 2 ships no types; the two calls used here are all we need.
const prettier: {
  format(source: string, options: object): string;
  resolveConfig(file: string): Promise<object | null>;
} = require('prettier');

const docPath = path.resolve(__dirname, '../../../../docs/permissions.md');

/**
 * Fingerprints of the role and boundary definitions per template version
 * (version 1 had no boundary, and was fingerprinted from the roles alone). A change to
 * any rule without a new version would leave deployed stacks marked as
 * current while they lack the change.
 */
const FINGERPRINTS: Record<number, string> = {
  1: 'c18482e339e2b487',
  2: 'da3f4f7892423d2c',
};

describe('docs/permissions.md', () => {
  it('matches what the role definitions render', async () => {
    // The committed file is prettier-formatted like the rest of the repo.
    const rendered = await prettier.format(renderPermissionsMarkdown(), {
      ...(await prettier.resolveConfig(docPath)),
      filepath: docPath,
    });
    if (process.env.UPDATE_PERMISSIONS_DOC) {
      fs.writeFileSync(docPath, rendered);
    }
    const committed = fs.existsSync(docPath)
      ? fs.readFileSync(docPath, 'utf8')
      : '';
    // On failure: run this test with UPDATE_PERMISSIONS_DOC=1 and commit the file.
    expect(committed).toBe(rendered);
  });

  it('documents every action of every role with its reason', () => {
    const rendered = renderPermissionsMarkdown();
    for (const role of [...ACCESS_ROLES, GRANT_BOUNDARY]) {
      expect(rendered).toContain(`## ${role.name}`);
      for (const rule of role.rules) {
        expect(rendered).toContain(rule.reason.slice(0, 40));
        for (const action of rule.actions) {
          expect(rendered).toContain(`\`${action}\``);
        }
      }
    }
  });
});

describe('TEMPLATE_VERSION', () => {
  it('changes whenever the permissions change', () => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([ACCESS_ROLES, GRANT_BOUNDARY]))
      .digest('hex')
      .slice(0, 16);
    // On failure: bump TEMPLATE_VERSION in accessRoles.ts and record the new fingerprint.
    expect(FINGERPRINTS[TEMPLATE_VERSION]).toBe(fingerprint);
  });
});
