package dev.sluice.sources.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.sources.internal.CsvRows;
import dev.sluice.sources.internal.RecordValues;
import dev.sluice.sources.internal.SourceHttp;
import dev.sluice.sources.internal.TimeCursorRun;
import dev.sluice.spi.dialect.LogicalType;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the objects listed under {@code bulk-objects} with Bulk API 2.0 query jobs instead of REST queries: the
 * same SOQL (without compound address and location fields, which bulk queries refuse) is posted as a job
 * ({@code POST jobs/query}, {@code queryAll} for objects with {@code IsDeleted}), polled ({@code GET
 * jobs/query/ID}) until {@code JobComplete}, and its CSV results are read a part at a time ({@code GET
 * jobs/query/ID/results?maxRecords=N&locator=L}) until {@code Sforce-Locator} is {@code null}. Each part is a
 * page; the state's {@code next} is {@code bulk:JOB:LOCATOR}, so a resumed run reads the same job's next part.
 * Thread-safe: it keeps no position itself.
 */
final class SalesforceBulk {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param objects API names of the objects read in bulk
     * @param maxRecords records per results part
     */
    record Settings(Set<String> objects, Duration pollInterval, int maxRecords, Duration jobTimeout) {
        static final Settings NONE = new Settings(Set.of(), Duration.ofSeconds(5), 50_000, Duration.ofHours(1));
    }

    private final SalesforceSource source;
    private final Settings settings;

    SalesforceBulk(SalesforceSource source, Settings settings) {
        this.source = source;
        this.settings = settings;
    }

    boolean reads(String objectName) {
        return settings.objects().contains(objectName);
    }

    SourcePage read(SalesforceObject object, TimeCursorRun run, String what) {
        String job;
        String locator;
        if (run.next().isPresent()) {
            String[] next = run.next().get().split(":", 3);
            if (next.length != 3 || !next[0].equals("bulk")) {
                throw new SourceException(what + ": the stored next page is not a bulk job's part: " + run.next().get(),
                        null, 0, null);
            }
            job = next[1];
            locator = next[2].isEmpty() ? null : next[2];
        } else {
            job = start(object, run.runCursor(), what);
            locator = null;
        }
        String path = "/jobs/query/" + job + "/results?maxRecords=" + settings.maxRecords()
                + (locator == null ? "" : "&locator=" + SourceHttp.encode(locator));
        SourceHttp.Answer answer = source.send(session -> source.http().get(source.api(session, path),
                SalesforceSource.withToken(Map.of("Accept", "text/csv"), session), what + " (bulk job " + job + ")"));
        List<List<String>> rows;
        try {
            rows = CsvRows.parse(answer.body());
        } catch (IllegalArgumentException e) {
            throw new SourceException(what + ": bulk job " + job + " answered CSV that is not: " + e.getMessage(), null,
                    200, null);
        }
        List<SourceRecord> records = new ArrayList<>();
        List<String> header = rows.isEmpty() ? List.of() : rows.get(0);
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            ObjectNode item = JSON.createObjectNode();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                if (row.get(i) != null && !row.get(i).isEmpty()) {
                    item.put(header.get(i), row.get(i));
                } else {
                    item.putNull(header.get(i));
                }
            }
            records.add(source.record(object, item, what + " record " + item.path("Id").asText()));
            if (object.cursorField() != null && item.hasNonNull(object.cursorField())) {
                run.seen(RecordValues.instant(SalesforceSource.isoOffset(item.get(object.cursorField()).asText()))
                        .toString());
            }
        }
        String next = answer.headers().firstValue("Sforce-Locator").orElse("null");
        if (next.equals("null") || next.isEmpty()) {
            return new SourcePage(records, object.cursorField() == null ? dev.sluice.spi.source.SourceState.EMPTY
                    : run.finished(), true);
        }
        return new SourcePage(records, run.during("bulk:" + job + ":" + next), false);
    }

    /** Creates the query job and waits until it is complete; returns its id. */
    private String start(SalesforceObject object, String from, String what) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < object.apiNames().size(); i++) {
            if (object.stream().fields().get(i).type() != LogicalType.JSON) {
                fields.add(object.apiNames().get(i));
            }
        }
        SalesforceObject queried = new SalesforceObject(object.name(), object.stream(), fields, object.cursorField(),
                object.deletable());
        String body = JSON.createObjectNode().put("operation", object.deletable() ? "queryAll" : "query")
                .put("query", source.soql(queried, from)).toString();
        JsonNode created = source.post(session -> source.api(session, "/jobs/query"), body, what + " (bulk job)");
        String job = created.path("id").asText("");
        if (job.isEmpty()) {
            throw new SourceException(what + ": creating a bulk query job answered no id", null, 200, null);
        }
        long deadline = System.nanoTime() + settings.jobTimeout().toNanos();
        while (true) {
            JsonNode state = source.get(session -> source.api(session, "/jobs/query/" + job), Map.of(),
                    what + " (bulk job " + job + ")");
            String status = state.path("state").asText();
            switch (status) {
                case "JobComplete" -> {
                    return job;
                }
                case "Failed", "Aborted" -> throw new SourceException(what + ": bulk job " + job + " ended " + status
                        + ": " + state.path("errorMessage").asText("(no message)"), null, 200, null);
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new SourceException(what + ": bulk job " + job + " was still " + status + " after "
                                + settings.jobTimeout().toMinutes() + " minutes", null, 200, null);
                    }
                    try {
                        Thread.sleep(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SourceException(what + ": interrupted while waiting for bulk job " + job, null, 0, e);
                    }
                }
            }
        }
    }
}
