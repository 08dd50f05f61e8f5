package io.meetload.chatops;

import io.meetload.coordinator.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatCommandTest {

    @Test
    void theCommandsAreRead() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("participants", "8");
        overrides.put("duration", "PT10M");
        overrides.put("videoSenders", "2");
        overrides.put("rampUp", "PT1M");
        assertEquals(new ChatCommand.Run("demo", overrides),
                ChatCommand.parse("  run demo participants=8 duration=pt10m videosenders=2   rampUp=PT1M "));
        assertEquals(new ChatCommand.Run("12p-10cam.v2", Map.of()), ChatCommand.parse("RUN 12p-10cam.v2"));
        assertEquals(new ChatCommand.Status("r-20261204-1432-7f3a"), ChatCommand.parse("status r-20261204-1432-7f3a"));
        assertEquals(new ChatCommand.Cancel("r-20261204-1432-7f3a"), ChatCommand.parse("cancel r-20261204-1432-7f3a"));
        assertEquals(new ChatCommand.ListRuns(), ChatCommand.parse("list"));
        assertEquals(new ChatCommand.Help(), ChatCommand.parse("help"));
        assertEquals(new ChatCommand.Help(), ChatCommand.parse(""));
        assertEquals(new ChatCommand.Help(), ChatCommand.parse(null));
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "deploy prod | unknown command \"deploy\": use run, status, cancel, list or help",
            "run | run: needs a preset name, like run demo participants=4",
            "run ../../etc/passwd | preset: must be 1 to 64 characters of A-Z a-z 0-9 . _ - (not starting with . or -), was \"../../etc/passwd\"",
            "run .hidden | preset: must be 1 to 64 characters of A-Z a-z 0-9 . _ - (not starting with . or -), was \".hidden\"",
            "run demo 4 | run: expected key=value after the preset, was \"4\"",
            "run demo room=<script> | unknown setting \"room\": a run can change participants, instances, videoSenders, audioSenders, rooms, duration, rampUp",
            "run demo target.url=file:///etc/passwd | unknown setting \"target.url\": a run can change participants, instances, videoSenders, audioSenders, rooms, duration, rampUp",
            "run demo participants=abc | participants: must be a whole number, was \"abc\"",
            "run demo participants=-1 | participants: must be a whole number, was \"-1\"",
            "run demo participants=4 participants=5 | participants: given more than once",
            "run demo duration=10m | duration: must be an ISO-8601 duration like PT10M, was \"10m\"",
            "status | status: needs a run id, like status r-20261204-1432-7f3a",
            "status ../../etc | run id: must look like r-20261204-1432-7f3a, was \"../../etc\"",
            "cancel r-1 | run id: must look like r-20261204-1432-7f3a, was \"r-1\"",
            "list all | list: takes nothing after list, was \"all\""})
    void badCommandsSayWhatIsWrong(String text, String message) {
        ChatCommand.Refused refused = assertThrows(ChatCommand.Refused.class, () -> ChatCommand.parse(text));
        assertEquals(message.strip(), refused.getMessage());
    }

    @Test
    void slackTextIsEscapedAndLinksCannotBeBroken() {
        assertEquals("&lt;script&gt; &amp; &lt;!channel&gt;", SlackText.escape("<script> & <!channel>"));
        assertEquals("<script>", SlackText.unescape("&lt;script&gt;"));
        assertEquals("<https://x.org/a%7Cb%3Ec|r&lt;1&gt;/x>",
                SlackText.link(java.net.URI.create("https://x.org/a%7Cb%3Ec"), "r<1>|x"));
    }

    @Test
    void formsAreReadFromTheSignedBytesAndAFieldTwiceIsRefused() {
        assertEquals(Map.of("text", "run demo participants=4", "response_url", "https://hooks.slack.com/commands/T/1/x", "empty", ""),
                FormBody.parse("text=run+demo%20participants%3D4&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT%2F1%2Fx&empty="
                        .getBytes(StandardCharsets.UTF_8)));
        ApiProblem twice = assertThrows(ApiProblem.class,
                () -> FormBody.parse("token=a&text=help&token=b".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, twice.status());
        assertEquals("form field token: given more than once", twice.getMessage());
        ApiProblem broken = assertThrows(ApiProblem.class, () -> FormBody.parse("text=%zz".getBytes(StandardCharsets.UTF_8)));
        assertEquals("body: must be application/x-www-form-urlencoded, has a broken %-escape", broken.getMessage());
    }
}
