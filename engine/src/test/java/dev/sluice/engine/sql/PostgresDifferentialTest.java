package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.sql.postgres.PostgresTranslator;
import dev.sluice.postgres.PostgresTestServer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential check of the PostgreSQL translation: every query of the analytics corpus that
 * translates runs on DuckDB as written and on a real PostgreSQL as translated, over the same rows, and
 * must return the same rows. Rows are compared as sorted lists of values; floating-point values are
 * compared rounded to 12 significant digits (DuckDB and PostgreSQL may sum doubles in another order),
 * decimals by value whatever their scale, timestamps by value, JSON columns as documents (key order and spacing
 * aside: PostgreSQL's jsonb does not keep them).
 *
 * <p>The PostgreSQL database is made with ICU's {@code en-US} collation, where {@code 'a' < 'B'}, so
 * text order that does not say {@code COLLATE "C"} shows up as a difference.
 */
class PostgresDifferentialTest {
    private static final SqlCatalog CATALOG = ShopCatalog.create();
    private static final PostgresTranslator TRANSLATOR = new PostgresTranslator();
    private static final MathContext TOLERANCE = new MathContext(12);
    private static final Map<String, String> REFUSED = new TreeMap<>();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static DuckDbOracle duckDb;
    private static Connection postgres;
    private static String adminUrl;
    private static String database;

    @BeforeAll
    static void loadBothEngines() throws SQLException {
        adminUrl = PostgresTestServer.adminUrl();
        duckDb = DuckDbOracle.open(CATALOG);
        for (String insert : AnalyticsCorpus.dataset()) {
            duckDb.execute(insert);
        }
        database = "sluice_differential_" + ProcessHandle.current().pid();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("create database " + database + " template template0 encoding 'UTF8'"
                    + " locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'");
        }
        postgres = DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
        try (Statement statement = postgres.createStatement()) {
            statement.execute("set time zone 'UTC'");
            for (SqlCatalog.Table table : CATALOG.tables()) {
                statement.execute("create schema if not exists " + table.schema());
                statement.execute("create table " + table.schema() + "." + table.name() + " (" + table.columns().stream()
                        .map(column -> column.name() + " " + postgresType(column.type()))
                        .collect(Collectors.joining(", ")) + ")");
                copy(table);
            }
            statement.execute("set search_path to " + CATALOG.defaultSchema());
        }
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (postgres == null) {
            return;
        }
        postgres.close();
        duckDb.close();
        try (Connection admin = DriverManager.getConnection(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("drop database " + database);
        }
        System.out.printf("PostgreSQL differential check: %d of %d corpus queries translated and ran with equal"
                + " rows; %d refused:%n", AnalyticsCorpus.queries().size() - REFUSED.size(),
                AnalyticsCorpus.queries().size(), REFUSED.size());
        REFUSED.forEach((name, reason) -> System.out.println("  " + name + ": " + reason));
    }

    static List<AnalyticsCorpus.Query> queries() {
        return AnalyticsCorpus.queries();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void aTranslatedQueryReturnsDuckDbsRowsOnPostgres(AnalyticsCorpus.Query query) throws SQLException {
        DialectTranslation translation = TRANSLATOR.translate(query.sql(), CATALOG);
        if (!translation.translated()) {
            REFUSED.put(query.name(), translation.refusals().get(0).toString());
            return;
        }
        List<String> expected = rows(duckDb.connection(), query.sql());
        List<String> actual;
        try {
            actual = rows(postgres, translation.sql());
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL failed on the translation of " + query.name() + ":\n"
                    + translation.sql(), e);
        }
        assertThat(actual).as("rows of %s on PostgreSQL, translated as:%n%s", query.name(), translation.sql())
                .containsExactlyElementsOf(expected);
        List<String> duckDbWidths = duckDb.describe(query.sql()).stream().map(column -> switch (column.type()) {
            case "BIGINT" -> "bigint";
            case "INTEGER" -> "integer";
            default -> "-";
        }).toList();
        List<String> postgresWidths = integerWidths(postgres, translation.sql());
        for (int column = 0; column < duckDbWidths.size(); column++) {
            if (!duckDbWidths.get(column).equals("-")) {
                // DuckDB's HUGEINT sums and the like are other types; BIGINT and INTEGER columns keep their width
                assertThat(postgresWidths.get(column)).as("column %d of %s on PostgreSQL, translated as:%n%s", column + 1,
                        query.name(), translation.sql()).isEqualTo(duckDbWidths.get(column));
            }
        }
    }

    /**
     * Each output column's integer width as PostgreSQL types it ({@code bigint} for int8, {@code integer} for int4),
     * {@code -} for other types; a DuckDB BIGINT must stay a bigint, so a model reads the same type on both.
     */
    private static List<String> integerWidths(Connection connection, String sql) throws SQLException {
        List<String> widths = new ArrayList<>();
        try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
            java.sql.ResultSetMetaData columns = statement.getMetaData();
            for (int column = 1; column <= columns.getColumnCount(); column++) {
                widths.add(switch (columns.getColumnTypeName(column)) {
                    case "int8" -> "bigint";
                    case "int4" -> "integer";
                    default -> "-";
                });
            }
        }
        return widths;
    }

    @Test
    void theDatabaseOrdersTextUnlikeDuckDb() throws SQLException {
        // Without this, a missing COLLATE "C" could not show.
        assertThat(rows(postgres, "select 'a' < 'B' as before")).containsExactly("true");
        assertThat(rows(duckDb.connection(), "select 'a' < 'B' as before")).containsExactly("false");
    }

    /** The rows as canonical text, sorted. */
    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int count = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>();
                for (int column = 1; column <= count; column++) {
                    String type = result.getMetaData().getColumnTypeName(column).toLowerCase(Locale.ROOT);
                    if (type.equals("timestamptz") || type.contains("with time zone")) {
                        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
                        row.add(time == null ? "NULL" : time.toInstant().toString());
                    } else if (type.equals("interval")) {
                        // as text: both print PostgreSQL's style ("32 days 00:40:00"); PostgreSQL abbreviates months
                        String text = result.getString(column);
                        row.add(text == null ? "NULL" : text.replaceAll("\\bmons?\\b", "months")
                                .replaceAll("(?<![0-9])1 months", "1 month"));
                    } else if (type.equals("json") || type.equals("jsonb")) {
                        row.add(json(result.getString(column)));
                    } else {
                        row.add(canonical(result.getObject(column)));
                    }
                }
                rows.add(String.join(" | ", row));
            }
        }
        rows.sort(null);
        return rows;
    }

    /**
     * A JSON column as a document: DuckDB keeps the text it was given, PostgreSQL's jsonb stores the document
     * (keys in its own order, its own spacing); both hold the same document.
     */
    private static String json(String text) throws SQLException {
        if (text == null) {
            return "NULL";
        }
        try {
            return JSON.writeValueAsString(JSON.readValue(text, Object.class)); // maps, so keys are sorted
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("not JSON: " + text, e);
        }
    }

    private static String canonical(Object value) throws SQLException {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? new BigDecimal(number).round(TOLERANCE).stripTrailingZeros().toPlainString()
                    : String.valueOf(number);
        }
        if (value instanceof BigDecimal || value instanceof Number) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Array array) {
            Object[] elements = (Object[]) array.getArray();
            List<String> texts = new ArrayList<>();
            for (Object element : elements) {
                texts.add(canonical(element));
            }
            return texts.toString();
        }
        return value.toString();
    }

    private static String postgresType(String duckDbType) {
        return switch (duckDbType.toUpperCase(Locale.ROOT)) {
            case "VARCHAR" -> "text";
            case "JSON" -> "jsonb";
            case "VARCHAR[]" -> "text[]";
            case "DOUBLE" -> "double precision";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamptz";
            default -> duckDbType.toLowerCase(Locale.ROOT);
        };
    }

    /** Copies a table's rows from DuckDB, each value as text cast to the column's type. */
    private static void copy(SqlCatalog.Table table) throws SQLException {
        String placeholders = table.columns().stream().map(column -> "cast(? as " + postgresType(column.type()) + ")")
                .collect(Collectors.joining(", "));
        try (Statement select = duckDb.connection().createStatement();
                ResultSet rows = select.executeQuery("select * from " + table.schema() + "." + table.name());
                PreparedStatement insert = postgres.prepareStatement("insert into " + table.schema() + "."
                        + table.name() + " values (" + placeholders + ")")) {
            while (rows.next()) {
                for (int column = 1; column <= table.columns().size(); column++) {
                    Object value = rows.getObject(column);
                    if (value instanceof Array array) {
                        insert.setArray(column, postgres.createArrayOf("text", (Object[]) array.getArray()));
                    } else {
                        insert.setString(column, value == null ? null : rows.getString(column));
                    }
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
