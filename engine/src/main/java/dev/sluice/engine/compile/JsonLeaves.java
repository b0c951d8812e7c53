package dev.sluice.engine.compile;

import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.model.Identifiers;
import dev.sluice.engine.sql.DialectTranslation;
import dev.sluice.engine.sql.SqlCatalog;
import dev.sluice.spi.RelationName;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads the leaf fields of a JSON column in one warehouse's SQL: each leaf path with the kind of value
 * found there (a {@link FieldTypes} type: VARCHAR, BIGINT, DOUBLE, BOOLEAN, JSON or NULL) and how many
 * rows have it. Every warehouse gives the kinds DuckDB's {@code json_structure} gives for the same
 * documents: an array is a JSON leaf whatever it holds, an empty object is VARCHAR, an integer is BIGINT
 * when it fits in 64 bits (signed or unsigned) and DOUBLE otherwise, as is any other number. One query
 * per column and filter, remembered for the compile. Stateless and thread-safe.
 */
sealed interface JsonLeaves permits DuckDbJsonLeaves, PostgresJsonLeaves, SnowflakeJsonLeaves {
    /** The column's values, as the query {@link #sourceQuery} writes, are named this in every dialect. */
    String DOCUMENT = "sluice_json";

    /**
     * Tallies the leaves of {@code column} in the rows of {@code relation} that {@code where} (DuckDB SQL,
     * blank for all rows) keeps.
     *
     * @param memo answers already read in this compile, by query text; filled as a side effect
     * @param catalog the compile's catalog, for translating the filter to the warehouse's dialect
     */
    void tally(WarehouseAccess warehouse, Map<String, List<String>> memo, SqlCatalog catalog, RelationName relation,
            String column, String where, FieldTypes tally);

    /** The reader for a warehouse's dialect. */
    static JsonLeaves of(String warehouseDialect) {
        return switch (warehouseDialect) {
            case "duckdb" -> new DuckDbJsonLeaves();
            case "postgres" -> new PostgresJsonLeaves();
            case "snowflake" -> new SnowflakeJsonLeaves();
            default -> throw new SluiceException(ErrorCode.TEMPLATE, "json_fields cannot read the JSON fields of a "
                    + warehouseDialect + " warehouse");
        };
    }

    /**
     * The rows whose documents are read, as a query in the warehouse's dialect with one column named
     * {@link #DOCUMENT}: written in DuckDB's SQL, as the model's filter is, and translated as the model is.
     *
     * @throws SluiceException naming the refused constructs when the filter does not translate
     */
    static String sourceQuery(BiFunction<String, SqlCatalog, DialectTranslation> translator, String dialectName,
            SqlCatalog catalog, RelationName relation, String column, String where) {
        String duckDb = "select " + column + " as " + DOCUMENT + " from " + Identifiers.relation(relation) + " where "
                + column + " is not null" + (where.isBlank() ? "" : " and (" + where + ")");
        DialectTranslation translation = translator.apply(duckDb, catalog);
        if (!translation.translated()) {
            throw new SluiceException(ErrorCode.TEMPLATE, "json_fields: the rows of " + Identifiers.relation(relation)
                    + " to read (" + duckDb + ") do not translate to " + dialectName + ": " + translation.refusals());
        }
        return translation.sql();
    }

    /** Tallies rows of the form {@code "<rows> <kind> <path>"}; {@code path} turns the path's text into keys, or null to skip it. */
    static void tallyRows(List<String> rows, java.util.function.Function<String, List<String>> path, FieldTypes tally) {
        for (String row : rows) {
            int first = row.indexOf(' ');
            int second = row.indexOf(' ', first + 1);
            List<String> keys = path.apply(row.substring(second + 1));
            if (keys != null && !keys.isEmpty()) {
                tally.add(keys, row.substring(first + 1, second), Long.parseLong(row.substring(0, first)));
            }
        }
    }
}
