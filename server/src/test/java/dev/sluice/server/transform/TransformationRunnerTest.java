package dev.sluice.server.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.engine.SluiceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RudderStack's transformation contract, run by the real GraalJS. */
class TransformationRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"type\":\"track\",\"event\":\"Signed Up\",\"messageId\":\"m1\","
            + "\"receivedAt\":\"2026-12-01T10:00:00.000Z\",\"userId\":\"u1\",\"context\":{\"traits\":"
            + "{\"email\":\"ann@sluice.dev\"},\"ip\":\"10.0.0.1\"},\"properties\":{\"plan\":\"pro\"}}";

    private Transformations transformations;

    @AfterEach
    void close() {
        if (transformations != null) {
            transformations.close();
        }
    }

    private TransformationRunner runner(String code) {
        return runner(code, Map.of(), TransformationSettings.DEFAULTS);
    }

    private TransformationRunner runner(String code, Map<String, String> libraries, TransformationSettings settings) {
        Transformation transformation = new Transformation("t", "transformations/t.js", code, "v1", settings);
        transformations = new Transformations(new TransformationFiles(Map.of("t", transformation), libraries),
                Map.of("t", settings), Clock.systemUTC());
        return transformations.runner("t", "test");
    }

    private static CallResult call(TransformationRunner runner, String event) {
        return runner.callEvent(new TransformInput(event.getBytes(StandardCharsets.UTF_8), "m1"),
                TransformTarget.source("web").metadataJson());
    }

    private static JsonNode output(CallResult result, int index) throws Exception {
        return JSON.readTree(result.outputs().get(index));
    }

    @Test
    void theReturnedEventIsWhatComesOut() throws Exception {
        CallResult result = call(runner("""
                export function transformEvent(event, metadata) {
                  event.properties.revenue = 12.5;
                  event.context.source = metadata(event).sourceName + '/' + metadata(event).eventName
                      + '/' + metadata(event).eventType + '/' + metadata(event).messageId;
                  return event;
                }
                """), EVENT);
        assertThat(result.failed()).isFalse();
        assertThat(result.outputs()).hasSize(1);
        assertThat(output(result, 0).path("properties").path("revenue").asDouble()).isEqualTo(12.5);
        assertThat(output(result, 0).path("context").path("source").asText()).isEqualTo("web/Signed Up/track/m1");
    }

    @Test
    void nullOrUndefinedDropsAndAnArrayFansOutWithDistinctMessageIds() throws Exception {
        assertThat(call(runner("export function transformEvent(e) { return null; }"), EVENT).outputs()).isEmpty();
        close();
        assertThat(call(runner("export function transformEvent(e) { }"), EVENT).outputs()).isEmpty();
        close();
        CallResult fanned = call(runner("""
                export function transformEvent(event) {
                  return [event, { type: 'track', event: 'Copy' }];
                }
                """), EVENT);
        assertThat(fanned.outputs()).hasSize(2);
        assertThat(output(fanned, 0).path("messageId").asText()).isEqualTo("m1");
        assertThat(output(fanned, 1).path("messageId").asText()).isEqualTo("m1-1");
        assertThat(output(fanned, 1).path("receivedAt").asText()).isEqualTo("2026-12-01T10:00:00.000Z");
    }

    @Test
    void aThrowFailsTheEventWithTheLineItThrewOn() {
        CallResult result = call(runner("""
                export function transformEvent(event) {
                  if (event.userId === 'u1') {
                    throw new Error('no u1 here');
                  }
                  return event;
                }
                """), EVENT);
        assertThat(result.error().kind()).isEqualTo(TransformError.Kind.THREW);
        assertThat(result.error().message()).contains("no u1 here").contains("transformations/t.js:3");
        assertThat(result.error().stack()).first().asString().contains("transformEvent").contains("transformations/t.js:3");
    }

    @Test
    void aValueThatIsNotAnEventIsAnError() {
        CallResult result = call(runner("export function transformEvent(e) { return 'hello'; }"), EVENT);
        assertThat(result.error().kind()).isEqualTo(TransformError.Kind.NOT_AN_EVENT);
        assertThat(result.error().message()).contains("transformEvent returned a string (\"hello\")");
        close();
        CallResult inArray = call(runner("export function transformEvent(e) { return [e, 5]; }"), EVENT);
        assertThat(inArray.error().message()).contains("element 1 is a number (5)");
    }

    @Test
    void anEndlessLoopIsStoppedAtTheTimeOutAndTheNextEventRunsNormally() {
        TransformationRunner runner = runner("""
                export function transformEvent(event) {
                  if (event.userId === 'loop') { while (true) {} }
                  return event;
                }
                """, Map.of(), new TransformationSettings(Duration.ofSeconds(2), Long.MAX_VALUE / 2, Set.of()));
        CallResult looped = call(runner, EVENT.replace("\"u1\"", "\"loop\""));
        assertThat(looped.error().kind()).isEqualTo(TransformError.Kind.TIMED_OUT);
        assertThat(looped.error().message()).contains("ran longer than 2000 ms");
        CallResult next = call(runner, EVENT);
        assertThat(next.error()).isNull();
        assertThat(next.outputs()).hasSize(1);
    }

    @Test
    void theStatementLimitStopsACallThatRunsTooMuch() {
        TransformationRunner runner = runner("""
                export function transformEvent(event) {
                  let list = [];
                  for (let i = 0; i < 1e9; i++) { list.push('x'.repeat(100)); }
                  return event;
                }
                """, Map.of(), new TransformationSettings(Duration.ofSeconds(30), 10_000, Set.of()));
        CallResult result = call(runner, EVENT);
        assertThat(result.error().kind()).isEqualTo(TransformError.Kind.STATEMENT_LIMIT);
        assertThat(result.error().message()).contains("more than 10000 statements");
    }

    @Test
    void librariesAreImportedByName() throws Exception {
        CallResult result = call(runner("""
                import { isInternal } from "emails";
                export function transformEvent(event) { return isInternal(event.context.traits.email) ? null : event; }
                """, Map.of("emails", "export function isInternal(email) { return email.endsWith('@sluice.dev'); }"),
                TransformationSettings.DEFAULTS), EVENT);
        assertThat(result.failed()).isFalse();
        assertThat(result.outputs()).isEmpty();
    }

    @Test
    void anErrorInALibraryNamesItsFileAndLine() {
        CallResult result = call(runner("""
                import { check } from "checks";
                export function transformEvent(event) { check(event); return event; }
                """, Map.of("checks", "export function check(event) {\n  return event.nothing.here;\n}\n"),
                TransformationSettings.DEFAULTS), EVENT);
        assertThat(result.error().message()).contains("transformations/lib/checks.js:2");
    }

    @Test
    void aMissingLibraryOrSyntaxErrorFailsTheLoadNamingTheFile() {
        assertThatThrownBy(() -> runner("import { x } from \"nowhere\";\nexport function transformEvent(e) { return e; }"))
                .isInstanceOf(SluiceException.class).hasMessageContaining("transformations/t.js").hasMessageContaining("nowhere");
        assertThatThrownBy(() -> runner("export function transformEvent(e) {\n  return e +;\n}"))
                .isInstanceOf(SluiceException.class).hasMessageContaining("transformations/t.js:2");
        assertThatThrownBy(() -> runner("export function other(e) { return e; }"))
                .isInstanceOf(SluiceException.class).hasMessageContaining("exports neither transformEvent");
    }

    @Test
    void theSandboxHasNoHostClassesFilesThreadsOrNetwork() {
        for (String attempt : List.of("Java.type('java.lang.System').exit(1)", "Polyglot.eval('js', '1')",
                "fetch('https://example.com')", "require('fs')", "new Worker('x')")) {
            CallResult result = call(runner("export async function transformEvent(e) { await " + attempt + "; return e; }"),
                    EVENT);
            assertThat(result.failed()).as(attempt).isTrue();
            close();
        }
        CallResult fetch = call(runner("export async function transformEvent(e) { await fetch('https://example.com'); }"),
                EVENT);
        assertThat(fetch.error().message()).contains("fetch is not enabled");
    }

    @Test
    void fetchReachesOnlyTheAllowedHosts() {
        CallResult result = call(runner("export async function transformEvent(e) { await fetch('http://other.test/x'); return e; }",
                Map.of(), new TransformationSettings(Duration.ofSeconds(4), 1_000_000, Set.of("api.example.com"))), EVENT);
        assertThat(result.error().message()).contains("\"other.test\" is not in this transformation's allow-list");
    }

    @Test
    void asyncTransformationsAndLogWork() throws Exception {
        TransformationRunner runner = runner("""
                export async function transformEvent(event) {
                  log('saw', event.event, { user: event.userId });
                  const value = await Promise.resolve(7);
                  event.properties.seven = value;
                  return event;
                }
                """);
        CallResult result = call(runner, EVENT);
        assertThat(output(result, 0).path("properties").path("seven").asInt()).isEqualTo(7);
        assertThat(runner.log().lines()).extracting(TransformationLog.Line::text).containsExactly("saw Signed Up {\"user\":\"u1\"}");
        assertThat(runner.log().lines().get(0).messageId()).isEqualTo("m1");
    }

    @Test
    void transformBatchGetsAllEventsAndEachOnesMetadata() throws Exception {
        TransformationRunner runner = runner("""
                export function transformBatch(events, metadata) {
                  return events.map(e => ({ ...e, event: e.event + ':' + metadata(e).messageId }));
                }
                """);
        assertThat(runner.batch()).isTrue();
        CallResult result = runner.callBatch(List.of(new TransformInput(EVENT.getBytes(StandardCharsets.UTF_8), "m1"),
                new TransformInput(EVENT.replace("m1", "m2").getBytes(StandardCharsets.UTF_8), "m2")),
                TransformTarget.source("web").metadataJson());
        assertThat(result.outputs()).hasSize(2);
        assertThat(output(result, 1).path("event").asText()).isEqualTo("Signed Up:m2");
    }

    @Test
    void oneLoopingThreadDoesNotStallTheOthers() throws Exception {
        TransformationRunner runner = runner("""
                export function transformEvent(event) {
                  if (event.userId === 'loop') { while (true) {} }
                  return event;
                }
                """, Map.of(), new TransformationSettings(Duration.ofSeconds(10), Long.MAX_VALUE / 2, Set.of()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CallResult> looping = pool.submit(() -> call(runner, EVENT.replace("\"u1\"", "\"loop\"")));
            Thread.sleep(100);
            Future<Integer> others = pool.submit(() -> {
                int done = 0;
                for (int index = 0; index < 50; index++) {
                    done += call(runner, EVENT).outputs().size();
                }
                return done;
            });
            assertThat(others.get()).isEqualTo(50);
            assertThat(looping.isDone()).as("the looping call still runs while the others finished").isFalse();
            assertThat(looping.get().error().kind()).isEqualTo(TransformError.Kind.TIMED_OUT);
        } finally {
            pool.shutdownNow();
        }
    }
    private static List<TransformInput> events(String... users) {
        List<TransformInput> inputs = new java.util.ArrayList<>();
        for (int index = 0; index < users.length; index++) {
            String messageId = "m" + index;
            inputs.add(new TransformInput(EVENT.replace("\"m1\"", "\"" + messageId + "\"")
                    .replace("\"u1\"", "\"" + users[index] + "\"").getBytes(StandardCharsets.UTF_8), messageId));
        }
        return inputs;
    }

    private static List<CallResult> callEach(TransformationRunner runner, List<TransformInput> inputs) {
        return runner.callEvents(inputs, TransformTarget.source("web").metadataJson());
    }

    @Test
    void eventsOfOneCallFailAloneAndTheOthersGoOn() throws Exception {
        TransformationRunner runner = runner("""
                export function transformEvent(event, metadata) {
                  log('saw', event.userId);
                  if (event.userId === 'thrower') {
                    throw new Error('no ' + metadata(event).messageId);
                  }
                  if (event.userId === 'wrong') { return 5; }
                  if (event.userId === 'dropped') { return null; }
                  if (event.userId === 'twice') { return [event, event]; }
                  event.properties.seen = metadata(event).messageId;
                  return event;
                }
                """);
        List<CallResult> results = callEach(runner, events("a", "thrower", "b", "wrong", "dropped", "twice", "c"));
        assertThat(results).hasSize(7);
        assertThat(output(results.get(0), 0).path("properties").path("seen").asText()).isEqualTo("m0");
        assertThat(results.get(1).error().kind()).isEqualTo(TransformError.Kind.THREW);
        assertThat(results.get(1).error().message()).contains("no m1").contains("transformations/t.js:4");
        assertThat(output(results.get(2), 0).path("properties").path("seen").asText()).isEqualTo("m2");
        assertThat(results.get(3).error().kind()).isEqualTo(TransformError.Kind.NOT_AN_EVENT);
        assertThat(results.get(4).failed()).isFalse();
        assertThat(results.get(4).outputs()).isEmpty();
        assertThat(results.get(5).outputs()).hasSize(2);
        assertThat(output(results.get(5), 1).path("messageId").asText()).isEqualTo("m5-1");
        assertThat(output(results.get(6), 0).path("properties").path("seen").asText()).isEqualTo("m6");
        assertThat(runner.log().lines()).extracting(TransformationLog.Line::messageId)
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
    }

    @Test
    void anOutputThatCannotBeWrittenAsJsonFailsThatEventAlone() throws Exception {
        TransformationRunner runner = runner("""
                export function transformEvent(event) {
                  if (event.userId === 'cyclic') { event.self = event; }
                  if (event.userId === 'big') { event.properties.n = 10n; }
                  if (event.userId === 'thrower') { throw new Error('thrown'); }
                  event.properties.done = true;
                  return event;
                }
                """);
        List<CallResult> results = callEach(runner, events("a", "cyclic", "b", "big", "thrower", "c"));
        assertThat(results).extracting(result -> result.failed() ? result.error().kind() : null)
                .containsExactly(null, TransformError.Kind.NOT_AN_EVENT, null, TransformError.Kind.NOT_AN_EVENT,
                        TransformError.Kind.THREW, null);
        assertThat(results.get(1).error().message()).startsWith("transformEvent returned an event that cannot be written"
                + " as JSON: TypeError");
        assertThat(output(results.get(2), 0).path("properties").path("done").asBoolean()).isTrue();
        assertThat(output(results.get(5), 0).path("messageId").asText()).isEqualTo("m5");
    }

    @Test
    void outputsAreWrittenWhenTheCallEndsAsRudderStackDoes() throws Exception {
        // One object returned for every event and changed each time: as in RudderStack's transformer, what the
        // events of one call return is serialised after the call, so each output is the object as it ends.
        TransformationRunner runner = runner("""
                const out = { type: 'track', event: 'Seen', properties: {} };
                export function transformEvent(event) {
                  out.properties.last = event.userId;
                  return out;
                }
                """);
        List<CallResult> results = callEach(runner, events("a", "b"));
        assertThat(results).allSatisfy(result -> assertThat(result.json()).hasSize(1));
        assertThat(output(results.get(1), 0).path("properties").path("last").asText()).isEqualTo("b");
        assertThat(output(results.get(0), 0).path("properties").path("last").asText()).isEqualTo("b");
    }

    @Test
    void decodingReadsObjectsDropsFanOutsAndErrors() {
        List<CallResult> results = new java.util.ArrayList<>();
        int count = TransformationRunner.decode("[{\"a\":\"}]\\\"{\"},null,[],[{\"b\":[1,{}]},{\"c\":\"é\"}],\"bad \\\"x\\\"\"]",
                results);
        assertThat(count).isEqualTo(5);
        assertThat(results.get(0).outputs()).containsExactly("{\"a\":\"}]\\\"{\"}");
        assertThat(results.get(1).json()).isEmpty();
        assertThat(results.get(2).json()).isEmpty();
        assertThat(results.get(3).outputs()).containsExactly("{\"b\":[1,{}]}", "{\"c\":\"é\"}");
        assertThat(results.get(4).error().message()).isEqualTo("bad \"x\"");
    }

    @Test
    void anEventThatLoopsInACallOfSeveralTimesOutAloneAndTheOthersAreTransformed() throws Exception {
        TransformationRunner runner = runner("""
                export function transformEvent(event) {
                  if (event.userId === 'loop') { while (true) {} }
                  event.properties.done = true;
                  return event;
                }
                """, Map.of(), new TransformationSettings(Duration.ofSeconds(1), Long.MAX_VALUE / 2, Set.of()));
        List<CallResult> results = callEach(runner, events("a", "b", "loop", "c"));
        assertThat(results).extracting(result -> result.failed() ? result.error().kind() : null)
                .containsExactly(null, null, TransformError.Kind.TIMED_OUT, null);
        assertThat(output(results.get(3), 0).path("properties").path("done").asBoolean()).isTrue();
    }

    @Test
    void theStatementLimitCountsPerEventEvenWhenEventsShareACall() {
        // Each event runs about 2,000 statements: 10 in one call run more than the limit together.
        TransformationRunner runner = runner("""
                export function transformEvent(event) {
                  let sum = 0;
                  for (let i = 0; i < 1000; i++) { sum += i; }
                  if (event.userId === 'greedy') { for (let i = 0; i < 1e9; i++) { sum += i; } }
                  event.properties.sum = sum;
                  return event;
                }
                """, Map.of(), new TransformationSettings(Duration.ofSeconds(30), 10_000, Set.of()));
        List<CallResult> results = callEach(runner, events("a", "b", "c", "d", "e", "greedy", "f", "g", "h", "i"));
        assertThat(results).extracting(result -> result.failed() ? result.error().kind() : null)
                .containsExactly(null, null, null, null, null, TransformError.Kind.STATEMENT_LIMIT, null, null, null, null);
    }

    @Test
    void asyncTransformationsInOneCallSettleEachEventInOrder() throws Exception {
        TransformationRunner runner = runner("""
                export async function transformEvent(event) {
                  const value = await Promise.resolve(event.userId);
                  if (value === 'rejects') { throw new Error('rejected ' + value); }
                  log('async', value);
                  event.properties.value = value;
                  return event;
                }
                """);
        List<CallResult> results = callEach(runner, events("a", "rejects", "b"));
        assertThat(output(results.get(0), 0).path("properties").path("value").asText()).isEqualTo("a");
        assertThat(results.get(1).error().message()).contains("rejected rejects");
        assertThat(output(results.get(2), 0).path("properties").path("value").asText()).isEqualTo("b");
        assertThat(runner.log().lines()).extracting(TransformationLog.Line::messageId).containsExactly("m0", "m2");
    }
}
