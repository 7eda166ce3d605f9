#!/usr/bin/env bash
# Copyright 2026 The Backstage AWS Access Authors
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
#     http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.

# End-to-end tests: starts the demo (scripts/start.sh) on its usual ports,
# waits until the app and backend answer, runs e2e/*.test.ts with Node's test
# runner and playwright-core driving Debian's Chromium, then stops the demo.
# Writes "passed failed" to test-results/e2e-summary.txt.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
cd "$ROOT"
mkdir -p test-results
rm -f test-results/e2e-summary.txt

export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM_PATH" ]; then
  die "Chromium was not found. Install it (Debian: apt-get install -y --no-install-recommends chromium) or set CHROMIUM_PATH"
fi

rm -f .demo/ready
log "starting the demo for end-to-end tests (log: test-results/demo.log)"
setsid bash scripts/start.sh >test-results/demo.log 2>&1 &
demo_pid=$!
stop_demo() {
  # TERM, not INT: a shell started in the background ignores SIGINT, and
  # start.sh's trap must run to stop moto and Backstage.
  kill -TERM -- "-$demo_pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL -- "-$demo_pid" 2>/dev/null || true
}
trap stop_demo EXIT INT TERM

ready=0
for _ in $(seq 1 300); do
  if ! kill -0 "$demo_pid" 2>/dev/null; then break; fi
  # start.sh writes .demo/ready once the catalog holds the demo's AWS resources.
  if [ -f .demo/ready ]; then
    ready=1
    break
  fi
  sleep 1
done
if [ $ready -ne 1 ]; then
  tail -40 test-results/demo.log >&2
  echo "0 1" >test-results/e2e-summary.txt
  die "the demo did not become ready within 5 minutes"
fi
log "demo is up"

node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination=test-results/e2e.tap e2e/*.test.ts
status=$?
p=$(grep -c '^ok ' test-results/e2e.tap || true)
f=$(grep -c '^not ok ' test-results/e2e.tap || true)
echo "$p $f" >test-results/e2e-summary.txt
exit $status
