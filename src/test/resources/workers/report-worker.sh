#!/bin/sh
# A stand-in worker for coordinator tests: heartbeats once, then posts a minimal report the way
# the real worker does (bearer token, retry until a 2xx or a refusing 4xx), and exits.
set -u
base="$MEETLOAD_WORKER_COORDINATOR_URL/api/runs/$MEETLOAD_WORKER_RUN/instances/$JOB_COMPLETION_INDEX"
digest=$(sha256sum "$MEETLOAD_WORKER_PLAN" | cut -d' ' -f1)
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "worker $JOB_COMPLETION_INDEX of $MEETLOAD_WORKER_COUNT for $MEETLOAD_WORKER_RUN, http port $QUARKUS_HTTP_PORT"
curl -s -o /dev/null -H "Authorization: Bearer $MEETLOAD_WORKER_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"run\":\"$MEETLOAD_WORKER_RUN\",\"index\":$JOB_COMPLETION_INDEX,\"at\":\"$now\",\"participants\":[],\"newEvents\":[]}" \
  "$base/heartbeat"
report="{\"schema\":1,\"run\":\"$MEETLOAD_WORKER_RUN\",\"planDigest\":\"$digest\",\"index\":$JOB_COMPLETION_INDEX,\"count\":$MEETLOAD_WORKER_COUNT,\"startedAt\":\"$now\",\"endedAt\":\"$now\",\"endReason\":\"COMPLETED\",\"participants\":[],\"events\":[],\"participantSamples\":[],\"hostSamples\":[]}"
echo "$report" > "$MEETLOAD_WORKER_REPORT_FILE"
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $MEETLOAD_WORKER_TOKEN" \
    -H 'Content-Type: application/json' -d "$report" "$base/report")
  echo "report attempt $attempt: HTTP $code"
  case "$code" in 2*) exit 0 ;; 4*) exit 70 ;; esac
  sleep 1
done
exit 70
