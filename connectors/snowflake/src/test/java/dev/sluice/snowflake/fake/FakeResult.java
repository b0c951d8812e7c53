package dev.sluice.snowflake.fake;

import java.util.List;
import java.util.Map;

/**
 * What a statement answered, in the shape of Snowflake's JSON query response.
 *
 * @param statementTypeId Snowflake's statement type (the driver derives update counts from it)
 * @param rowtype one map per column: name, type, precision, scale, ...
 * @param rowset rows of strings, encoded as Snowflake encodes JSON results
 * @param extra further fields of {@code data} (the UPLOAD command of a PUT)
 */
record FakeResult(long statementTypeId, List<Map<String, Object>> rowtype, List<List<String>> rowset,
        Map<String, Object> extra) {
    static final long SELECT = 0x1000;
    static final long INSERT = 0x3100;
    static final long UPDATE = 0x3200;
    static final long DELETE = 0x3300;
    static final long MERGE = 0x3400;
    static final long COPY = 0x3600;
    static final long ALTER_SESSION = 0x4100;
    static final long USE = 0x4300;
    static final long TCL = 0x5000;
    static final long DDL = 0x6000;
    static final long PUT = 0x7102;
    static final long REMOVE = 0x7103;

    FakeResult {
        rowtype = List.copyOf(rowtype);
        rowset = List.copyOf(rowset);
        extra = Map.copyOf(extra);
    }

    /** A one-row {@code status} answer, as Snowflake gives for DDL and session commands. */
    static FakeResult status(long statementTypeId, String status) {
        return new FakeResult(statementTypeId, List.of(FakeRowsets.textColumn("status")), List.of(List.of(status)),
                Map.of());
    }

    /** A DML answer: one count column per kind of change, as Snowflake names them. */
    static FakeResult counts(long statementTypeId, String column, long count) {
        return new FakeResult(statementTypeId, List.of(FakeRowsets.fixedColumn(column)),
                List.of(List.of(Long.toString(count))), Map.of());
    }
}
