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

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeAwsAccessApi, renderWithApi } from '../../__testUtils__';
import { AccessReviewExport, joinExportPages } from './AccessReviewExport';

describe('AccessReviewExport', () => {
  it('downloads every page of the period as one file', async () => {
    const api = createFakeAwsAccessApi();
    api.exportGrants = jest
      .fn()
      .mockResolvedValueOnce({
        text: 'grantId,requester\r\na,alice\r\n',
        nextCursor: 'next',
      })
      .mockResolvedValueOnce({ text: 'grantId,requester\r\nb,bob\r\n' });
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:export';
    });
    URL.revokeObjectURL = jest.fn();
    await renderWithApi(<AccessReviewExport />, { api });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download' }),
    );
    await waitFor(() => expect(created).toHaveLength(1));
    expect(api.exportGrants).toHaveBeenCalledTimes(2);
    expect(api.exportGrants).toHaveBeenLastCalledWith(
      expect.objectContaining({ format: 'csv', cursor: 'next' }),
    );
    expect(await created[0].text()).toBe(
      'grantId,requester\r\na,alice\r\nb,bob\r\n',
    );
  });

  it('joins JSON pages', () => {
    expect(
      JSON.parse(
        joinExportPages('json', [
          JSON.stringify({ from: 'f', to: 't', items: [1], nextCursor: 'x' }),
          JSON.stringify({ from: 'f', to: 't', items: [2] }),
        ]),
      ),
    ).toEqual({ from: 'f', to: 't', items: [1, 2] });
  });
});
