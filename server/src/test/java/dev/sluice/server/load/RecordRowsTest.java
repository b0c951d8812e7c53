package dev.sluice.server.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.server.collect.EventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader gives the same rows as the tree-based definition, {@link EventsTable#row}. */
class RecordRowsTest {
    static final ObjectMapper JSON = EventJson.records();
    static final List<String> EVENTS = List.of(
            "{\"messageId\":\"m1\",\"type\":\"track\",\"event\":\"Order \\\"Completed\\\" \\u00e9\u00e9\u4e2d \ud83d\ude00\","
                    + "\"anonymousId\":\"a\",\"userId\":42,\"receivedAt\":\"2026-03-01T12:00:00.123Z\","
                    + "\"timestamp\":\"2026-03-01T12:00:00Z\",\"originalTimestamp\":\"2026-03-01T13:00:00+01:00\","
                    + "\"sentAt\":\"2026-03-01T12:00:01.5Z\",\"properties\":{\"total\":1.50,\"big\":1E+400,"
                    + "\"n\":-7,\"list\":[1,{\"a\":null},true],\"s\":\"x\\ny\"},\"context\":{\"ip\":\"1.2.3.4\","
                    + "\"traits\":{\"email\":\"e@x\"},\"n\":3},\"integrations\":{\"All\":true}}",
            "{\"type\":\"identify\",\"traits\":{\"plan\":\"pro\"},\"context\":{\"traits\":{\"ignored\":1}},"
                    + "\"messageId\":\"m2\",\"userId\":\"u\",\"receivedAt\":\"2026-03-01T12:00:00Z\"}",
            "{\"messageId\":\"m3\",\"type\":\"page\",\"traits\":\"not an object\",\"context\":{\"traits\":[1,2]},"
                    + "\"properties\":12,\"integrations\":null,\"userId\":null,\"receivedAt\":\"2026-03-01T12:00:00Z\","
                    + "\"anonymousId\":{\"odd\":true},\"event\":false}",
            "{\"messageId\":\"m4\",\"type\":\"track\",\"context\":\"flat\",\"properties\":\"text\","
                    + "\"receivedAt\":\"2026-03-01T12:00:00Z\",\"event\":\"E\",\"userId\":\"u\"}");

    @Test
    void rowsEqualTheTreeDefinitionForRecordsAsTheIngestorWritesThem() throws Exception {
        RecordRows.Parsed parsed = RecordRows.read(record(EVENTS, false));

        assertThat(parsed.schema()).isEqualTo("rudder");
        assertThat(parsed.rows()).isEqualTo(treeRows(EVENTS));
    }

    @Test
    void aRecordWithWhitespaceGivesTheSameValues() throws Exception {
        List<List<Object>> rows = RecordRows.read(record(EVENTS, true)).rows();
        List<List<Object>> expected = treeRows(EVENTS);

        assertThat(rows).hasSameSizeAs(expected);
        for (int index = 0; index < rows.size(); index++) {
            for (int column = 0; column < EventsTable.COLUMN_COUNT; column++) {
                Object actual = rows.get(index).get(column);
                Object wanted = expected.get(index).get(column);
                if (column >= 9 && actual != null) {
                    assertThat(JSON.readTree((String) actual)).as("row %d column %d", index, column)
                            .isEqualTo(JSON.readTree((String) wanted));
                } else {
                    assertThat(actual).as("row %d column %d", index, column).isEqualTo(wanted);
                }
            }
        }
    }

    @Test
    void aBrokenRecordIsRefusedWithTheReason() {
        assertThatThrownBy(() -> RecordRows.read("{\"schema\":\"rudder\",\"events\":[{\"messageId\":".getBytes(
                StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RecordRows.read("{\"schema\":\"rudder\",\"events\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("event 0 of the record is not a JSON object");
        assertThatThrownBy(() -> RecordRows.read("{\"events\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("needs \"schema\" and \"events\"");
        assertThatThrownBy(() -> RecordRows.read("{\"schema\":\"s\",\"events\":[]} x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** As {@code EventIngestor} writes a record: compact, each event serialized by the mapper. */
    private static byte[] record(List<String> events, boolean pretty) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("{\"source\":\"web\"," + (pretty ? "\n  " : "") + "\"schema\":\"rudder\",\"events\":[")
                .getBytes(StandardCharsets.UTF_8));
        for (int index = 0; index < events.size(); index++) {
            if (index > 0) {
                out.write(',');
            }
            JsonNode event = JSON.readTree(events.get(index));
            out.writeBytes(pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(event)
                    : JSON.writeValueAsBytes(event));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static List<List<Object>> treeRows(List<String> events) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        for (String event : events) {
            ObjectNode node = (ObjectNode) JSON.readTree(event);
            rows.add(EventsTable.row(node, node.toString()));
        }
        return rows;
    }
}
