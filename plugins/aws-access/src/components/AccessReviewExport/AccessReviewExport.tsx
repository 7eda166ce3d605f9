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

import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { adminPermission } from '@backstage-aws-access/plugin-aws-access-common';
import { awsAccessApiRef } from '../../api';
import { useApiCall } from '../../hooks';
import { ErrorAlert } from '../ErrorAlert';

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Joins the pages of the export into one document. */
export function joinExportPages(
  format: 'csv' | 'json',
  pages: string[],
): string {
  if (format === 'csv') {
    const [first, ...rest] = pages;
    // Every page starts with the header row; keep the first one only.
    return [first, ...rest.map(p => p.slice(p.indexOf('\r\n') + 2))].join('');
  }
  const parsed = pages.map(p => JSON.parse(p));
  return JSON.stringify(
    {
      from: parsed[0]?.from,
      to: parsed[0]?.to,
      items: parsed.flatMap(p => p.items),
    },
    null,
    2,
  );
}

/**
 * Admins download the grants of a period for an access review, as CSV or
 * JSON: every page of `GET /export/grants`, joined into one file.
 */
export function AccessReviewExport() {
  const api = useApi(awsAccessApiRef);
  const admin = usePermission({ permission: adminPermission });
  const [from, setFrom] = useState(day(-30));
  const [to, setTo] = useState(day(1));
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const { busy, error, run } = useApiCall();

  if (!admin.allowed || !api.exportGrants) {
    return null;
  }

  const download = () =>
    run(async () => {
      const pages: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.exportGrants!({
          from: new Date(`${from}T00:00:00Z`).toISOString(),
          to: new Date(`${to}T00:00:00Z`).toISOString(),
          format,
          limit: 500,
          cursor,
        });
        pages.push(page.text);
        cursor = page.nextCursor;
      } while (cursor);
      const blob = new Blob([joinExportPages(format, pages)], {
        type: format === 'csv' ? 'text/csv' : 'application/json',
      });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `aws-access-review-${from}-${to}.${format}`;
      link.click();
      URL.revokeObjectURL(url);
    });

  return (
    <Box mb={2} data-testid="access-review-export">
      <Typography variant="subtitle2" component="h2" gutterBottom>
        Access review export
      </Typography>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <DateField
          id="aws-access-export-from"
          label="From"
          value={from}
          onChange={setFrom}
        />
        <DateField
          id="aws-access-export-to"
          label="To (exclusive)"
          value={to}
          onChange={setTo}
        />
        <TextField
          id="aws-access-export-format"
          select
          label="Format"
          size="small"
          variant="outlined"
          value={format}
          onChange={e => setFormat(e.target.value as 'csv' | 'json')}
        >
          <MenuItem value="csv">CSV</MenuItem>
          <MenuItem value="json">JSON</MenuItem>
        </TextField>
        <Button variant="outlined" onClick={download} disabled={busy}>
          {busy ? 'Exporting…' : 'Download'}
        </Button>
      </Box>
      <ErrorAlert error={error} mt={1} />
    </Box>
  );
}

function DateField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      label={props.label}
      type="date"
      size="small"
      variant="outlined"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      InputLabelProps={{ shrink: true }}
    />
  );
}
