package dev.sluice.snowflake.fake;

import static dev.sluice.snowflake.fake.SnowflakeToDuckDb.significant;

import dev.sluice.snowflake.fake.SqlToken.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code COPY INTO <table> FROM @<stage>}, or with a transformation that picks file columns by position
 * and parses some as JSON ({@code FROM (SELECT $1, parse_json($2) FROM @<stage>)}), for gzipped or plain CSV: every file the stage holds (or
 * those in {@code FILES}) that was not loaded into the table before, all or none
 * ({@code ON_ERROR = ABORT_STATEMENT}). Answers one row per file with {@code rows_loaded}, from which
 * the driver sums the update count. One instance per statement; not thread-safe.
 */
final class FakeCopy {
    private static final Pattern COPY = Pattern.compile(
            "(?is)^COPY\\s+INTO\\s+(.+?)\\s+FROM\\s+@([A-Za-z0-9_.~%$\"]+)(/\\S*)?(.*?);?\\s*$");
    /** {@code COPY INTO <table> (<columns>) FROM (SELECT <items> FROM @<stage>[/<path>])}: a load with a transformation. */
    private static final Pattern COPY_SELECT = Pattern.compile("(?is)^COPY\\s+INTO\\s+(.+?)\\s*\\(([^)]*)\\)\\s*FROM\\s*\\("
            + "\\s*SELECT\\s+(.+?)\\s+FROM\\s+@([A-Za-z0-9_.~%$\"]+)(/[^\\s)]*)?\\s*\\)(.*?);?\\s*$");
    /** A transformation's item: a file column, or one parsed as JSON (the subset of Snowflake's COPY functions the fake knows). */
    private static final Pattern ITEM = Pattern.compile("(?i)\\s*(?:\\$(\\d+)|parse_json\\(\\s*\\$(\\d+)\\s*\\))\\s*");
    private static final Set<String> FORMAT_OPTIONS = Set.of("TYPE", "FIELD_OPTIONALLY_ENCLOSED_BY", "SKIP_HEADER",
            "COMPRESSION", "NULL_IF", "EMPTY_FIELD_AS_NULL", "FIELD_DELIMITER", "ESCAPE_UNENCLOSED_FIELD");
    private static final List<String> RESULT_COLUMNS = List.of("file", "status", "rows_parsed", "rows_loaded",
            "error_limit", "errors_seen", "first_error", "first_error_line", "first_error_character",
            "first_error_column_name");

    private final FakeStages stages;
    private final FakeSession session;

    FakeCopy(FakeStages stages, FakeSession session) {
        this.stages = stages;
        this.session = session;
    }

    FakeResult run(String sql) {
        Matcher transformed = COPY_SELECT.matcher(sql);
        Matcher matcher = transformed.matches() ? null : COPY.matcher(sql);
        if (matcher != null && !matcher.matches()) {
            throw FakeSqlException.unsupported("this form of COPY (the fake loads only from an internal stage)");
        }
        List<SqlToken> target = significant(SqlTokenizer.tokenize((matcher != null ? matcher : transformed).group(1)));
        String table = new SnowflakeToDuckDb(target, "TIMESTAMP_NTZ").range(0, target.size());
        String stage = matcher != null ? matcher.group(2) : transformed.group(4);
        String path = matcher != null ? matcher.group(3) : transformed.group(5);
        Path directory = stages.directory(stage);
        if (path != null && path.length() > 1) {
            directory = directory.resolve(path.substring(1));
        }
        String columns = "";
        String select = "*";
        int fileColumns = 0;
        if (matcher == null) {
            List<SqlToken> columnTokens = significant(SqlTokenizer.tokenize(transformed.group(2)));
            columns = " (" + new SnowflakeToDuckDb(columnTokens, "TIMESTAMP_NTZ").range(0, columnTokens.size()) + ")";
            List<String> items = new ArrayList<>();
            for (String item : transformed.group(3).split(",")) {
                Matcher parsed = ITEM.matcher(item);
                if (!parsed.matches()) {
                    throw FakeSqlException.unsupported("the COPY transformation item '" + item.trim()
                            + "' (the fake knows $n and parse_json($n))");
                }
                int position = Integer.parseInt(parsed.group(1) != null ? parsed.group(1) : parsed.group(2));
                fileColumns = Math.max(fileColumns, position);
                items.add(parsed.group(1) != null ? "f.c" + position : "CAST(f.c" + position + " AS JSON)");
            }
            select = String.join(", ", items);
        }
        Map<String, Object> options = options(significant(SqlTokenizer.tokenize(
                (matcher != null ? matcher.group(4) : transformed.group(6)))));
        @SuppressWarnings("unchecked")
        Map<String, Object> format = (Map<String, Object>) options.getOrDefault("FILE_FORMAT", Map.of());
        if (!"CSV".equals(format.getOrDefault("TYPE", "CSV"))) {
            throw FakeSqlException.unsupported("FILE_FORMAT TYPE " + format.get("TYPE") + " (the fake loads CSV)");
        }
        if (!"ABORT_STATEMENT".equals(options.getOrDefault("ON_ERROR", "ABORT_STATEMENT"))) {
            throw FakeSqlException.unsupported("ON_ERROR " + options.get("ON_ERROR"));
        }
        boolean force = "TRUE".equals(options.get("FORCE"));
        List<Path> files = files(directory, options.get("FILES"));
        List<List<String>> rows = new ArrayList<>();
        boolean ownTransaction = !session.inTransaction();
        try (Statement statement = session.connection().createStatement()) {
            if (ownTransaction) {
                statement.execute("BEGIN TRANSACTION");
            }
            List<Path> loaded = new ArrayList<>();
            for (Path file : files) {
                if (!force && stages.loadedBefore(table, file)) {
                    continue;
                }
                int count = statement.executeUpdate("INSERT INTO " + table + columns + " SELECT " + select + " FROM "
                        + readCsv(file, format) + fileAlias(fileColumns));
                loaded.add(file);
                String name = directory.relativize(file).toString();
                rows.add(java.util.Arrays.asList(name, "LOADED", Integer.toString(count), Integer.toString(count), "1",
                        "0", null, null, null, null));
            }
            if (ownTransaction) {
                statement.execute("COMMIT");
            }
            loaded.forEach(file -> stages.recordLoad(table, file));
            if ("TRUE".equals(options.get("PURGE"))) {
                for (Path file : loaded) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (SQLException e) {
            if (ownTransaction) {
                rollback();
            }
            throw FakeStatements.translate(e, sql);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            return new FakeResult(FakeResult.COPY, List.of(FakeRowsets.textColumn("status")),
                    List.of(List.of("Copy executed with 0 files processed.")), Map.of());
        }
        List<Map<String, Object>> rowtype = new ArrayList<>();
        for (String column : RESULT_COLUMNS) {
            rowtype.add(column.startsWith("rows") || column.startsWith("error") || column.endsWith("line")
                    || column.endsWith("character") ? FakeRowsets.fixedColumn(column) : FakeRowsets.textColumn(column));
        }
        return new FakeResult(FakeResult.COPY, rowtype, rows, Map.of());
    }

    private void rollback() {
        try (Statement statement = session.connection().createStatement()) {
            statement.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // The COPY's own error is the one to report.
        }
    }

    private List<Path> files(Path directory, Object named) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        if (named == null) {
            return stages.files(directory);
        }
        List<Path> files = new ArrayList<>();
        for (Object name : (List<?>) named) {
            Path file = directory.resolve(name.toString());
            if (!Files.isRegularFile(file)) {
                throw FakeSqlException.execution("Remote file '" + name + "' was not found. There are several potential"
                        + " causes. The file might not exist.");
            }
            files.add(file);
        }
        return files;
    }

    private static String readCsv(Path file, Map<String, Object> format) {
        Object quote = format.getOrDefault("FIELD_OPTIONALLY_ENCLOSED_BY", "NONE");
        String delimiter = String.valueOf(format.getOrDefault("FIELD_DELIMITER", ","));
        List<String> nulls = new ArrayList<>(List.of("\\N"));
        if (format.get("NULL_IF") instanceof List<?> list) {
            nulls = list.stream().map(String::valueOf).toList();
        }
        List<String> nullStrings = new ArrayList<>(nulls);
        if (!"FALSE".equals(format.get("EMPTY_FIELD_AS_NULL"))) {
            nullStrings.add("");
        }
        String compression = file.toString().endsWith(".gz") ? "gzip" : "none";
        return "read_csv(" + text(file.toString()) + ", header = " + ("1".equals(String.valueOf(format.get("SKIP_HEADER")))
                ? "true" : "false") + ", all_varchar = true, auto_detect = true, delim = " + text(delimiter)
                + ", quote = " + text("NONE".equals(quote) ? "" : quote.toString()) + ", escape = "
                + text("NONE".equals(quote) ? "" : quote.toString()) + ", allow_quoted_nulls = false, compression = '"
                + compression + "', nullstr = [" + String.join(", ", nullStrings.stream().map(FakeCopy::text).toList())
                + "])";
    }

    /** Names the file's first {@code columns} columns c1, c2, ... for a transformation's {@code $n}. */
    private static String fileAlias(int columns) {
        if (columns == 0) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (int position = 1; position <= columns; position++) {
            names.add("c" + position);
        }
        return " AS f(" + String.join(", ", names) + ")";
    }

    private static String text(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code KEY = value} pairs; a value is a word, a string, a number or a parenthesised list or map. */
    private static Map<String, Object> options(List<SqlToken> tokens) {
        Map<String, Object> options = new LinkedHashMap<>();
        int[] at = {0};
        while (at[0] < tokens.size()) {
            String key = tokens.get(at[0]++).upper();
            if (!Set.of("FILES", "FILE_FORMAT", "ON_ERROR", "PURGE", "FORCE").contains(key)) {
                throw FakeSqlException.unsupported("the COPY option " + key);
            }
            options.put(key, value(tokens, at, key.equals("FILE_FORMAT")));
        }
        return options;
    }

    private static Object value(List<SqlToken> tokens, int[] at, boolean formatOptions) {
        if (at[0] >= tokens.size() || !tokens.get(at[0]).isSymbol("=")) {
            throw FakeSqlException.syntax("expected = in COPY options");
        }
        at[0]++;
        SqlToken token = tokens.get(at[0]++);
        if (!token.isSymbol("(")) {
            return scalar(token);
        }
        if (formatOptions) {
            Map<String, Object> format = new LinkedHashMap<>();
            while (!tokens.get(at[0]).isSymbol(")")) {
                if (tokens.get(at[0]).isSymbol(",")) {
                    at[0]++;
                    continue;
                }
                String key = tokens.get(at[0]++).upper();
                if (!FORMAT_OPTIONS.contains(key)) {
                    throw FakeSqlException.unsupported("the file format option " + key);
                }
                format.put(key, value(tokens, at, false));
            }
            at[0]++;
            return format;
        }
        List<Object> list = new ArrayList<>();
        while (!tokens.get(at[0]).isSymbol(")")) {
            if (!tokens.get(at[0]).isSymbol(",")) {
                list.add(scalar(tokens.get(at[0])));
            }
            at[0]++;
        }
        at[0]++;
        return list;
    }

    private static Object scalar(SqlToken token) {
        if (token.kind() == Kind.STRING) {
            return SnowflakeToDuckDb.literalValue(token.text());
        }
        return token.text().toUpperCase(Locale.ROOT);
    }
}
