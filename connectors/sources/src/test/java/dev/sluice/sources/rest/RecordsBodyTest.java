package dev.sluice.sources.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordsBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RecordsBody.Parsed parse(String text, String path) throws Exception {
        return RecordsBody.parse(JSON, text, JsonPath.parse(path, "records"));
    }

    @Test
    void keepsEachCompactRecordAsTheApiWroteItAndTheWholeTreeForThePaginator() throws Exception {
        String body = "{\"meta\":{\"n\":2},\"data\":[{\"id\":\"a\",\"amount\":1.50,\"note\":\"x y\\\"}\"},"
                + "{\"id\":\"b\",\"tags\":[1,2]}],\"next_cursor\":\"b\"}";
        RecordsBody.Parsed parsed = parse(body, "$.data");
        assertThat(parsed.texts()).containsExactly("{\"id\":\"a\",\"amount\":1.50,\"note\":\"x y\\\"}\"}",
                "{\"id\":\"b\",\"tags\":[1,2]}");
        assertThat(parsed.body()).isEqualTo(JSON.readTree(body));
        assertThat(parsed.records()).isEqualTo(JSON.readTree(body).path("data"));
    }

    @Test
    void writesPrettyPrintedRecordsOnOneCompactLine() throws Exception {
        String body = "{\n  \"result\": {\n    \"items\": [\n      {\"id\": \"a\", \"n\": 1},\n      [1, 2]\n    ]\n  }\n}";
        RecordsBody.Parsed parsed = parse(body, "$.result.items[*]");
        assertThat(parsed.texts()).containsExactly("{\"id\":\"a\",\"n\":1}", "[1,2]");
        assertThat(parsed.body()).isEqualTo(JSON.readTree(body));
    }

    @Test
    void readsAnArrayAnswerScalarRecordsAndTheLastOfRepeatedKeys() throws Exception {
        RecordsBody.Parsed whole = parse("[{\"id\":1},\"text\",null,7]", "$");
        assertThat(whole.texts()).containsExactly("{\"id\":1}", "\"text\"", "null", "7");
        RecordsBody.Parsed repeated = parse("{\"data\":[{\"id\":1}],\"data\":[{\"id\":2},{\"id\":3}]}", "$.data");
        assertThat(repeated.texts()).containsExactly("{\"id\":2}", "{\"id\":3}");
        assertThat(repeated.records().size()).isEqualTo(2);
    }

    @Test
    void readsOnlyTheFieldsAskedForButKeepsTheWholeRecordAsText() throws Exception {
        String body = "{\"data\":[{\"id\":\"a\",\"n\":12345678901,\"big\":123456789012345678901,\"f\":1.5,"
                + "\"ok\":true,\"none\":null,\"plan\":{\"seats\":[1,2]},\"skip\":{\"deep\":[{\"x\":\"}\"}]},\"n\":5},7],"
                + "\"next\":\"c\"}";
        List<String> fields = List.of("id", "n", "big", "f", "ok", "none", "plan", "absent");
        RecordsBody.Parsed parsed = RecordsBody.parse(JSON, body, JsonPath.parse("$.data", "records"), fields);
        JsonNode whole = JSON.readTree(body).path("data").get(0);
        JsonNode[] values = parsed.values(0);
        for (int i = 0; i < fields.size(); i++) {
            assertThat(values[i]).as(fields.get(i)).isEqualTo(whole.get(fields.get(i)));
        }
        assertThat(values[1].asLong()).isEqualTo(5);
        assertThat(parsed.values(1)).isNull();
        assertThat(parsed.records().get(1)).isEqualTo(JSON.readTree("7"));
        assertThat(parsed.records().size()).isEqualTo(2);
        assertThat(parsed.texts().get(0)).isEqualTo(body.substring(body.indexOf("{\"id\""), body.indexOf(",7]")));
        assertThat(parsed.body().path("next").asText()).isEqualTo("c");

        String pretty = "{\"data\": [ {\"id\": \"a\", \"skip\": {\"x\": 1}} ]}";
        RecordsBody.Parsed fromPretty = RecordsBody.parse(JSON, pretty, JsonPath.parse("$.data", "records"), List.of("id"));
        assertThat(fromPretty.texts()).containsExactly("{\"id\":\"a\",\"skip\":{\"x\":1}}");
        assertThat(fromPretty.values(0)).containsExactly(JSON.readTree("\"a\""));
    }

    @Test
    void findsNoArrayWhereThereIsNone() throws Exception {
        assertThat(parse("{\"data\":{\"id\":1}}", "$.data").records().isArray()).isFalse();
        assertThat(parse("{\"other\":[]}", "$.data").records().isMissingNode()).isTrue();
        assertThat(parse("", "$.data").records().isMissingNode()).isTrue();
    }
}
