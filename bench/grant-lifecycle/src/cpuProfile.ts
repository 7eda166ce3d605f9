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

import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join, resolve } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  /** Self time by package (node_modules/<pkg>), our code, node internals, GC. */
  byPackage: Array<[string, number]>;
  /** Self time by function, the heaviest first. */
  byFunction: Array<[string, number]>;
  /** Time with the package anywhere on the stack (what calling into it costs, callees included). */
  inclusiveByPackage: Array<[string, number]>;
  /** Samples inside the inspector's own `post` (the profiler, not the bench), excluded above. */
  profilerMs: number;
}

function packageOf(url: string, functionName: string): string {
  if (!url) {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/plugins/aws-access-backend/'))
    return 'aws-access-backend (ours)';
  if (url.includes('/plugins/aws-access-common/'))
    return 'aws-access-common (ours)';
  if (url.includes('/bench/')) return 'bench client';
  return url
    .replace(/^file:\/\//, '')
    .split('/')
    .slice(-2)
    .join('/');
}

/**
 * The same V8 CPU profile `node --cpu-prof` writes, but only around one
 * phase (the burst) of a long run: written as a `.cpuprofile` (open it in
 * Chrome DevTools or speedscope) and summarised by self time.
 */
export async function profileCpu<T>(
  name: string,
  fn: () => Promise<T>,
): Promise<{ result: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let result: T;
  try {
    result = await fn();
  } finally {
    // stop below
  }
  const { profile } = (await session.post('Profiler.stop')) as unknown as {
    profile: Profile;
  };
  session.disconnect();

  // Beside the bench's run.ts (the script node was started with).
  const dir = resolve(dirname(process.argv[1]), 'profiles');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`,
  );
  writeFileSync(file, JSON.stringify(profile));

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const nodes = new Map(profile.nodes.map(n => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let profilerUs = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    const stack: ProfileNode[] = [];
    for (
      let id: number | undefined = node.id;
      id !== undefined;
      id = parentOf.get(id)
    ) {
      stack.push(nodes.get(id)!);
    }
    if (stack.some(n => n.callFrame.url === 'node:inspector')) {
      profilerUs += us;
      continue;
    }
    total += us;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fnKey = `${functionName || '(anonymous)'} ${pkg}${
      url ? `:${lineNumber + 1}` : ''
    }`;
    byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
    const seen = new Set(
      stack.map(n => packageOf(n.callFrame.url, n.callFrame.functionName)),
    );
    for (const onStack of seen) {
      inclusive.set(onStack, (inclusive.get(onStack) ?? 0) + us);
    }
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, v / 1000] as [string, number]);
  return {
    result,
    summary: {
      file,
      totalMs: total / 1000,
      byPackage: sorted(byPackage),
      byFunction: sorted(byFunction),
      inclusiveByPackage: sorted(inclusive),
      profilerMs: profilerUs / 1000,
    },
  };
}
