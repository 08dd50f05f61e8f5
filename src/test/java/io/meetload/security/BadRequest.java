package io.meetload.security;

import io.meetload.coordinator.TestPlans;
import io.meetload.coordinator.TestReports;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.meetload.security.Http.FORM;
import static io.meetload.security.SecureTestProfile.API_TOKEN;
import static io.meetload.security.SecureTestProfile.MATTERMOST_TOKEN;
import static io.meetload.security.SecureTestProfile.SLACK_SECRET;

/**
 * The corpus of bad requests: each is sent as an attacker or a broken client would send it, and
 * must get its status and a message that says why ({@link #says}), with nothing started.
 */
enum BadRequest {

    // --- the API token -----------------------------------------------------------------------
    API_RUN_WITHOUT_TOKEN(401, "Authorization: must be \"Bearer <meetload.api.token>\" for this request, was missing") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.json(), TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_WRONG_TOKEN(403, "Authorization: the bearer token is not this coordinator's API token (meetload.api.token)") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer("not-the-token"), TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_TOKEN_PREFIX(403, "the bearer token is not this coordinator's API token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN.substring(0, API_TOKEN.length() - 1)), TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_TOKEN_WITH_SUFFIX(403, "the bearer token is not this coordinator's API token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN + "0"), TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_BASIC_SCHEME(401, "Authorization: must be \"Bearer <meetload.api.token>\" for this request, was the Basic scheme") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Map.of("Authorization", "Basic YWRtaW46" + API_TOKEN, "Content-Type", "application/json"),
                    TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_EMPTY_BEARER(401, "Authorization: must be \"Bearer <meetload.api.token>\" for this request") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Map.of("Authorization", "Bearer   ", "Content-Type", "application/json"),
                    TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_TOKEN_IN_QUERY(401, "was missing") {
        Http.Answer send(Ctx c) {
            return Http.post(URI.create(c.runs() + "?token=" + API_TOKEN), Http.json(), TestPlans.json(1, "PT10M"));
        }
    },
    API_RUN_WORKER_TOKEN(403, "the bearer token is not this coordinator's API token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(c.tokenA()), TestPlans.json(1, "PT10M"));
        }
    },
    API_CANCEL_WITHOUT_TOKEN(401, "was missing") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/cancel"), Map.of(), new byte[0]);
        }
    },
    API_CANCEL_WITH_WORKER_TOKEN(403, "the bearer token is not this coordinator's API token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/cancel"), Map.of("Authorization", "Bearer " + c.tokenA()), new byte[0]);
        }
    },

    // --- worker tokens -------------------------------------------------------------------------
    WORKER_REPORT_WITH_OTHER_RUNS_TOKEN(403, "worker token: does not match run %A's token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/0/report"), Http.bearer(c.tokenB()), c.reportA(0));
        }
    },
    WORKER_HEARTBEAT_WITH_OTHER_RUNS_TOKEN(403, "worker token: does not match run %A's token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/0/heartbeat"), Http.bearer(c.tokenB()), "{}");
        }
    },
    WORKER_REPORT_WITHOUT_TOKEN(401, "Authorization: must be \"Bearer <the run's worker token>\", was missing") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/0/report"), Http.json(), c.reportA(0));
        }
    },
    WORKER_REPORT_WITH_API_TOKEN(403, "worker token: does not match run %A's token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/0/report"), Http.bearer(API_TOKEN), c.reportA(0));
        }
    },
    WORKER_REPORT_FOR_UNKNOWN_INDEX(400, "index: must be between 0 and 0 (run %A has 1 instances), was 5") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/5/report"), Http.bearer(c.tokenA()), c.reportA(5));
        }
    },
    WORKER_REPORT_FOR_NEGATIVE_INDEX(400, "index: must be between 0 and 0 (run %A has 1 instances), was -1") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/-1/report"), Http.bearer(c.tokenA()), c.reportA(-1));
        }
    },
    WORKER_REPORT_OF_ANOTHER_RUN_IN_THE_BODY(400, "run: must be %A (the run in the path), was %B") {
        Http.Answer send(Ctx c) {
            return Http.post(c.run(c.runA(), "/instances/0/report"), Http.bearer(c.tokenA()),
                    TestReports.json(TestReports.report(c.runB(), c.digestA(), 0, 1, "COMPLETED")));
        }
    },

    // --- bodies ----------------------------------------------------------------------------------
    API_PLAN_OVER_64_KIB(413, "plan: must be at most 65536 bytes (meetload.api.max-body-bytes), was 66560 bytes") {
        Http.Answer send(Ctx c) {
            String plan = TestPlans.json(1, "PT10M");
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan + " ".repeat(65 * 1024 - plan.length()));
        }
    },
    API_PLAN_AS_TEXT(415, "Content-Type: must be application/json for this request, was text/plain") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Map.of("Authorization", "Bearer " + API_TOKEN, "Content-Type", "text/plain"),
                    TestPlans.json(1, "PT10M"));
        }
    },
    API_PLAN_NOT_JSON(400, "(plan): is not valid JSON") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), "participants=4&target=evil");
        }
    },
    API_PLAN_AN_ARRAY(400, "(plan): must be a JSON object, was [") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), "[" + TestPlans.json(1, "PT10M") + "]");
        }
    },
    API_PLAN_WRONG_TYPES(400, "participants: must be an integer, was \"many\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"participants\": 2", "\"participants\": \"many\""));
        }
    },

    // --- targets -----------------------------------------------------------------------------------
    API_TARGET_OFF_THE_ALLOW_LIST(400, "target.url: must name a host on this coordinator's allow-list"
            + " (meetload.api.allowed-targets: 127.0.0.0/8, localhost, ::1), was \"https://meet.example.org\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), jitsi("https://meet.example.org", "loadtest"));
        }
    },
    API_TARGET_LOOPBACK_AS_A_NUMBER(400, "target.url: must name a host on this coordinator's allow-list") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("http://127.0.0.1:8088/janus", "http://2130706433:8088/janus"));
        }
    },
    API_TARGET_LOOPBACK_LOOKALIKE_NAME(400, "target.url: must name a host on this coordinator's allow-list") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("http://127.0.0.1:8088/janus", "http://127.0.0.1.nip.io:8088/janus"));
        }
    },
    API_TARGET_PRIVATE_ADDRESS_MAPPED_IN_IPV6(400, "target.url: must name a host on this coordinator's allow-list") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("http://127.0.0.1:8088/janus", "http://[::ffff:10.0.0.1]:8088/janus"));
        }
    },
    API_TARGET_CLOUD_METADATA(400, "target.url: must name a host on this coordinator's allow-list") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("http://127.0.0.1:8088/janus", "http://169.254.169.254/janus"));
        }
    },
    API_BRIDGE_OFF_THE_ALLOW_LIST(400, "bridge.prometheusUrl: must name a host on this coordinator's allow-list") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"participants\": 2", "\"participants\": 2,"
                    + " \"bridge\": { \"prometheusUrl\": \"http://prometheus.example.org:9090\", \"family\": \"jvb\" }"));
        }
    },
    API_TARGET_FILE_URL(400, "target.url: must use http or https, was \"file:///etc/passwd\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("http://127.0.0.1:8088/janus", "file:///etc/passwd"));
        }
    },
    API_TARGET_JAVASCRIPT_URL(400, "target.url: must use http or https, was \"javascript:alert(document.cookie)\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), jitsi("javascript:alert(document.cookie)", "loadtest"));
        }
    },
    API_TARGET_DATA_URL(400, "target.url: must be an absolute http or https URL") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), jitsi("data:text/html,<script>alert(1)</script>", "loadtest"));
        }
    },

    // --- injection in names ----------------------------------------------------------------------
    API_ROOM_WITH_SCRIPT(400, "target.room: must be a string of 1 to 64 characters of A-Z a-z 0-9 _ - (for jitsi), was \"<script>alert(1)</script>\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), jitsi("http://localhost:8443", "<script>alert(1)</script>"));
        }
    },
    API_ROOM_WITH_LINE_BREAK(400, "target.room: must be a string of 1 to 64 characters of A-Z a-z 0-9 _ - (for jitsi), was \"a\\r\\nX-Injected: 1\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), jitsi("http://localhost:8443", "a\\r\\nX-Injected: 1"));
        }
    },
    API_ROOM_WITH_PATH(400, "target.room: must be a string of 1 to 64 characters") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), jitsi("http://localhost:8443", "../admin?x=1#y"));
        }
    },
    API_JANUS_ROOM_WITH_SCRIPT(400, "target.room: must be a positive integer") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"room\": 1234", "\"room\": \"1234<svg onload=alert(1)>\""));
        }
    },
    API_NAME_WITH_LINE_BREAK(400, "name: must be 1 to 64 characters of A-Z a-z 0-9 . _ -, was \"x\\r\\nSet-Cookie: a=b\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"coordinator-test\"", "\"x\\r\\nSet-Cookie: a=b\""));
        }
    },
    API_NAME_WITH_MARKUP(400, "name: must be 1 to 64 characters of A-Z a-z 0-9 . _ -, was \"<img src=x onerror=alert(1)>\"") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"coordinator-test\"", "\"<img src=x onerror=alert(1)>\""));
        }
    },
    API_DISPLAY_NAME_SMUGGLED_IN(400, "displayName: unknown field") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"participants\": 2",
                    "\"participants\": 2, \"displayName\": \"<script>alert(1)</script>\""));
        }
    },

    // --- limits ------------------------------------------------------------------------------------
    API_PARTICIPANTS_OVER_THE_LIMIT(400, "participants: must be at most 200 on this coordinator (meetload.api.max-participants), was 201") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), plan("\"participants\": 2", "\"participants\": 201"));
        }
    },
    API_DURATION_OVER_THE_LIMIT(400, "duration: must be at most 2h on this coordinator (meetload.api.max-duration), was \"PT3H\" (3h)") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), TestPlans.json(1, "PT3H"));
        }
    },
    API_ONE_RUN_TOO_MANY(409, "runs: at most 2 may be active at once on this coordinator (meetload.api.max-concurrent-runs), 2 are") {
        Http.Answer send(Ctx c) {
            return Http.post(c.runs(), Http.bearer(API_TOKEN), TestPlans.json(1, "PT10M"));
        }
    },

    // --- Slack signatures ----------------------------------------------------------------------------
    SLACK_UNSIGNED(401, "X-Slack-Signature: missing, and no Mattermost token field either") {
        Http.Answer send(Ctx c) {
            byte[] body = Http.form(Map.of("text", "help"));
            return Http.post(c.chat(), Map.of("Content-Type", FORM), body);
        }
    },
    SLACK_SIGNATURE_WITHOUT_TIMESTAMP(401, "X-Slack-Request-Timestamp: missing") {
        Http.Answer send(Ctx c) {
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now(), HELP));
            h.remove("X-Slack-Request-Timestamp");
            return Http.post(c.chat(), h, HELP);
        }
    },
    SLACK_TIMESTAMP_WITHOUT_SIGNATURE(401, "X-Slack-Signature: missing") {
        Http.Answer send(Ctx c) {
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now(), HELP));
            h.remove("X-Slack-Signature");
            return Http.post(c.chat(), h, HELP);
        }
    },
    SLACK_SIGNED_WITH_ANOTHER_SECRET(401, Texts.MISMATCH) {
        Http.Answer send(Ctx c) {
            return Http.post(c.chat(), Http.slack("another-apps-secret", now(), HELP), HELP);
        }
    },
    SLACK_BODY_CHANGED_AFTER_SIGNING(401, Texts.MISMATCH) {
        Http.Answer send(Ctx c) {
            byte[] changed = Http.command("run demo participants=200", null);
            return Http.post(c.chat(), Http.slack(SLACK_SECRET, now(), HELP), changed);
        }
    },
    SLACK_SAME_FORM_OTHER_BYTES(401, Texts.MISMATCH) {
        Http.Answer send(Ctx c) {
            byte[] signed = "text=run%20demo".getBytes(StandardCharsets.UTF_8);
            return Http.post(c.chat(), Http.slack(SLACK_SECRET, now(), signed), "text=run+demo".getBytes(StandardCharsets.UTF_8));
        }
    },
    SLACK_TIMESTAMP_CHANGED_AFTER_SIGNING(401, Texts.MISMATCH) {
        Http.Answer send(Ctx c) {
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now() - 10, HELP));
            h.put("X-Slack-Request-Timestamp", Long.toString(now()));
            return Http.post(c.chat(), h, HELP);
        }
    },
    SLACK_STALE_TIMESTAMP(401, "X-Slack-Request-Timestamp: must be within 5 minutes of now, was 3") {
        Http.Answer send(Ctx c) {
            return Http.post(c.chat(), Http.slack(SLACK_SECRET, now() - 330, HELP), HELP);
        }
    },
    SLACK_TIMESTAMP_IN_THE_FUTURE(401, "s in the future") {
        Http.Answer send(Ctx c) {
            return Http.post(c.chat(), Http.slack(SLACK_SECRET, now() + 330, HELP), HELP);
        }
    },
    SLACK_TIMESTAMP_NOT_A_NUMBER(401, "X-Slack-Request-Timestamp: must be whole seconds since 1970, was not a number") {
        Http.Answer send(Ctx c) {
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now(), HELP));
            h.put("X-Slack-Request-Timestamp", "now");
            return Http.post(c.chat(), h, HELP);
        }
    },
    SLACK_SIGNATURE_OF_ANOTHER_VERSION(401, "X-Slack-Signature: must be v0= and 64 lower-case hex digits") {
        Http.Answer send(Ctx c) {
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now(), HELP));
            h.put("X-Slack-Signature", h.get("X-Slack-Signature").replace("v0=", "v1="));
            return Http.post(c.chat(), h, HELP);
        }
    },
    SLACK_SIGNATURE_TRUNCATED(401, "X-Slack-Signature: must be v0= and 64 lower-case hex digits") {
        Http.Answer send(Ctx c) {
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now(), HELP));
            h.put("X-Slack-Signature", h.get("X-Slack-Signature").substring(0, 30));
            return Http.post(c.chat(), h, HELP);
        }
    },
    SLACK_REPLAYED(401, "X-Slack-Signature: this very request was taken before (a replay)") {
        Http.Answer send(Ctx c) {
            byte[] body = Http.command("help", null);
            Map<String, String> h = Http.slack(SLACK_SECRET, now(), body);
            Http.Answer first = Http.post(c.chat(), h, body);
            if (first.status() != 200) {
                throw new AssertionError("the first, genuine request was refused: " + first.body());
            }
            return Http.post(c.chat(), h, body);
        }
    },

    // --- Mattermost tokens -------------------------------------------------------------------------------
    MATTERMOST_WRONG_TOKEN(401, "token: not this coordinator's Mattermost command token (meetload.chatops.mattermost.token)") {
        Http.Answer send(Ctx c) {
            return Http.post(c.chat(), Map.of("Content-Type", FORM), Http.form(Map.of("token", "guess", "text", "help")));
        }
    },
    MATTERMOST_SLACK_SECRET_AS_TOKEN(401, "token: not this coordinator's Mattermost command token") {
        Http.Answer send(Ctx c) {
            return Http.post(c.chat(), Map.of("Content-Type", FORM), Http.form(Map.of("token", SLACK_SECRET, "text", "help")));
        }
    },
    MATTERMOST_TOKEN_TWICE(400, "form field token: given more than once") {
        Http.Answer send(Ctx c) {
            return Http.post(c.chat(), Map.of("Content-Type", FORM),
                    ("token=guess&token=" + MATTERMOST_TOKEN + "&text=help").getBytes(StandardCharsets.UTF_8));
        }
    },

    // --- chat bodies -----------------------------------------------------------------------------------------
    CHAT_JSON_BODY(415, "Content-Type: must be application/x-www-form-urlencoded (a slash command), was application/json") {
        Http.Answer send(Ctx c) {
            byte[] body = "{\"text\":\"run demo\"}".getBytes(StandardCharsets.UTF_8);
            Map<String, String> h = new LinkedHashMap<>(Http.slack(SLACK_SECRET, now(), body));
            h.put("Content-Type", "application/json");
            return Http.post(c.chat(), h, body);
        }
    },
    CHAT_BODY_OVER_THE_LIMIT(413, "body: must be at most 16384 bytes (meetload.chatops.max-body-bytes), was more") {
        Http.Answer send(Ctx c) {
            byte[] body = Http.command("run demo " + "x".repeat(17_000), null);
            return Http.post(c.chat(), Http.slack(SLACK_SECRET, now(), body), body);
        }
    },
    CHAT_RESPONSE_URL_FILE(400, "response_url: must be an https URL (http only on loopback), was a file: URL") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo", URI.create("file:///etc/passwd")));
        }
    },
    CHAT_RESPONSE_URL_JAVASCRIPT(400, "response_url: must be an https URL (http only on loopback), was a javascript: URL") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo", URI.create("javascript:alert(1)")));
        }
    },
    CHAT_RESPONSE_URL_OFF_THE_LIST(400, "response_url: must be on a host of meetload.chatops.response-url-hosts"
            + " (hooks.slack.com, 127.0.0.1), was evil.example.com") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo", URI.create("https://evil.example.com/commands/1")));
        }
    },
    CHAT_RESPONSE_URL_PLAIN_HTTP(400, "response_url: must be an https URL (http only on loopback), was a http: URL") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo", URI.create("http://hooks.slack.com/commands/1")));
        }
    },

    // --- chat commands ----------------------------------------------------------------------------------------
    CHAT_UNKNOWN_COMMAND(200, "Cannot do that: unknown command \"deploy\": use run, status, cancel, list or help") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("deploy production", null));
        }
    },
    CHAT_SCRIPT_AS_COMMAND(200, "Cannot do that: unknown command \"&lt;script&gt;alert(1)&lt;/script&gt;\"") {
        Http.Answer send(Ctx c) {
            Http.Answer answer = Http.slack(c.base(), Http.command("<script>alert(1)</script>", null));
            if (answer.text().contains("<")) {
                throw new AssertionError("the answer repeats markup unescaped: " + answer.text());
            }
            return answer;
        }
    },
    CHAT_LINE_BREAKS_IN_TEXT(200, "Cannot do that: unknown command \"deploy\"") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("deploy\r\n2026-12-04 INFO [io.meetload] forged line", null));
        }
    },
    CHAT_UNKNOWN_PRESET(200, "Cannot do that: unknown preset \"nosuch\": the presets are demo, notjson, offsite, script") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run nosuch", null));
        }
    },
    CHAT_PRESET_PATH_TRAVERSAL(200, "Cannot do that: preset: must be 1 to 64 characters of A-Z a-z 0-9 . _ - (not starting with . or -), was \"../../etc/passwd\"") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run ../../etc/passwd", null));
        }
    },
    CHAT_PRESET_ABSOLUTE_PATH(200, "Cannot do that: preset: must be 1 to 64 characters") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run /etc/passwd", null));
        }
    },
    CHAT_UNKNOWN_SETTING(200, "Cannot do that: unknown setting \"room\": a run can change participants, instances,"
            + " videoSenders, audioSenders, rooms, duration, rampUp") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo room=<script>", null));
        }
    },
    CHAT_URL_AS_SETTING(200, "Cannot do that: unknown setting \"url\"") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo url=file:///etc/passwd", null));
        }
    },
    CHAT_SETTING_NOT_A_NUMBER(200, "Cannot do that: participants: must be a whole number, was \"1e9\"") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo participants=1e9", null));
        }
    },
    CHAT_PARTICIPANTS_OVER_THE_LIMIT(200, "Cannot do that: plan refused: participants: must be at most 200 on this coordinator"
            + " (meetload.api.max-participants), was 201") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo participants=201", null));
        }
    },
    CHAT_DURATION_OVER_THE_LIMIT(200, "Cannot do that: plan refused: duration: must be at most 2h on this coordinator"
            + " (meetload.api.max-duration), was \"PT3H\" (3h)") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo duration=PT3H", null));
        }
    },
    CHAT_SETTING_BREAKS_THE_PLAN(200, "Cannot do that: run demo: the plan is invalid: instances: must be between 1 and participants (2), was 0") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo instances=0", null));
        }
    },
    CHAT_PRESET_OFF_THE_ALLOW_LIST(200, "Cannot do that: plan refused: target.url: must name a host on this coordinator's allow-list") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run offsite", null));
        }
    },
    CHAT_PRESET_WITH_JAVASCRIPT_URL(200, "Cannot do that: run script: the plan is invalid: target.url: must use http or https,"
            + " was \"javascript:alert(1)\"") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run script", null));
        }
    },
    CHAT_PRESET_NOT_JSON(200, "Cannot do that: preset notjson is not a valid plan: (plan): is not valid JSON") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run notjson", null));
        }
    },
    CHAT_ONE_RUN_TOO_MANY(200, "Cannot do that: runs: at most 2 may be active at once on this coordinator"
            + " (meetload.api.max-concurrent-runs), 2 are") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("run demo", null));
        }
    },
    CHAT_STATUS_OF_A_PATH(200, "Cannot do that: run id: must look like r-20261204-1432-7f3a, was \"../../etc/passwd\"") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("status ../../etc/passwd", null));
        }
    },
    CHAT_STATUS_OF_AN_UNKNOWN_RUN(200, "Cannot do that: run r-20990101-0000-ffff not found") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("status r-20990101-0000-ffff", null));
        }
    },
    CHAT_CANCEL_OF_AN_UNKNOWN_RUN(200, "Cannot do that: run r-20990101-0000-ffff not found") {
        Http.Answer send(Ctx c) {
            return Http.slack(c.base(), Http.command("cancel r-20990101-0000-ffff", null));
        }
    };

    static final byte[] HELP = Http.command("help", null);

    /** Texts the constants share (an enum's constants cannot read its own static fields). */
    static final class Texts {
        static final String MISMATCH = "X-Slack-Signature: does not match the request (wrong signing secret, or the body or timestamp was changed)";
    }

    final int status;
    private final String says;

    BadRequest(int status, String says) {
        this.status = status;
        this.says = says;
    }

    abstract Http.Answer send(Ctx c);

    /** What the answer's message must contain, with %A and %B standing for the fixture runs. */
    String says(Ctx c) {
        return says.replace("%A", c.runA()).replace("%B", c.runB());
    }

    /** The fixture: where to send, and two running runs with their worker tokens. */
    record Ctx(URI base, String runA, String tokenA, String digestA, String runB, String tokenB) {
        URI runs() {
            return base.resolve("/api/runs");
        }

        URI run(String id, String rest) {
            return base.resolve("/api/runs/" + id + rest);
        }

        URI chat() {
            return base.resolve("/api/chatops/slack");
        }

        String reportA(int index) {
            return TestReports.json(TestReports.report(runA, digestA, index, 1, "COMPLETED"));
        }
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** The test plan (janus on 127.0.0.1, 2 participants, 1 instance) with one piece of text replaced. */
    static String plan(String from, String to) {
        String plan = TestPlans.json(1, "PT10M");
        if (!plan.contains(from)) {
            throw new IllegalArgumentException("the test plan has no " + from);
        }
        return plan.replace(from, to);
    }

    static String jitsi(String url, String room) {
        return """
                { "schema": 1, "name": "corpus", "target": { "driver": "jitsi", "url": "%s", "room": "%s" },
                  "participants": 2, "duration": "PT10M" }
                """.formatted(url, room);
    }
}
