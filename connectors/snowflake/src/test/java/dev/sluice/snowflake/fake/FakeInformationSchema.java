package dev.sluice.snowflake.fake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Views that answer {@code INFORMATION_SCHEMA.TABLES/COLUMNS/SCHEMATA} with Snowflake's names and
 * type names ({@code TEXT}, {@code NUMBER}, {@code TIMESTAMP_NTZ}, {@code VARIANT}...), over DuckDB's
 * own catalog. The rewriter points {@code INFORMATION_SCHEMA} here. A DuckDB type with no mapping
 * shows as {@code UNMAPPED:<type>}, so a test notices.
 */
final class FakeInformationSchema {
    static final String SCHEMA = "FAKE_INFORMATION_SCHEMA";

    private FakeInformationSchema() {}

    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("CREATE VIEW " + SCHEMA + ".SCHEMATA AS SELECT 'SLUICE_DB' AS CATALOG_NAME,"
                    + " schema_name AS SCHEMA_NAME FROM information_schema.schemata"
                    + " WHERE catalog_name = current_database() AND schema_name <> '" + SCHEMA + "'");
            // ROW_COUNT: Snowflake's is exact metadata, NULL for a view; DuckDB's estimated_size is the rows
            // appended, exact for a table that was created and not deleted from since (what Sluice reads it for).
            statement.execute("CREATE VIEW " + SCHEMA + ".TABLES AS SELECT 'SLUICE_DB' AS TABLE_CATALOG,"
                    + " t.table_schema AS TABLE_SCHEMA, t.table_name AS TABLE_NAME,"
                    + " CASE t.table_type WHEN 'VIEW' THEN 'VIEW' ELSE 'BASE TABLE' END AS TABLE_TYPE,"
                    + " d.estimated_size AS ROW_COUNT"
                    + " FROM information_schema.tables t LEFT JOIN duckdb_tables() d ON d.database_name = t.table_catalog"
                    + " AND d.schema_name = t.table_schema AND d.table_name = t.table_name"
                    + " WHERE t.table_catalog = current_database() AND t.table_schema <> '" + SCHEMA + "'");
            statement.execute("CREATE VIEW " + SCHEMA + ".COLUMNS AS SELECT 'SLUICE_DB' AS TABLE_CATALOG,"
                    + " table_schema AS TABLE_SCHEMA, table_name AS TABLE_NAME, column_name AS COLUMN_NAME,"
                    + " ordinal_position AS ORDINAL_POSITION, is_nullable AS IS_NULLABLE,"
                    + " CASE WHEN data_type = 'VARCHAR' THEN 'TEXT'"
                    + " WHEN data_type IN ('BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT')"
                    + " OR data_type LIKE 'DECIMAL%' THEN 'NUMBER'"
                    + " WHEN data_type IN ('DOUBLE', 'FLOAT') THEN 'FLOAT'"
                    + " WHEN data_type = 'TIMESTAMP' THEN 'TIMESTAMP_NTZ'"
                    + " WHEN data_type = 'TIMESTAMP WITH TIME ZONE' THEN 'TIMESTAMP_TZ'"
                    + " WHEN data_type = 'JSON' THEN 'VARIANT' WHEN data_type = 'BLOB' THEN 'BINARY'"
                    + " WHEN data_type IN ('BOOLEAN', 'DATE', 'TIME') THEN data_type"
                    + " ELSE 'UNMAPPED:' || data_type END AS DATA_TYPE,"
                    + " CASE WHEN data_type LIKE 'DECIMAL%' THEN numeric_precision"
                    + " WHEN data_type IN ('BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT') THEN 38 END"
                    + " AS NUMERIC_PRECISION,"
                    + " CASE WHEN data_type LIKE 'DECIMAL%' THEN numeric_scale"
                    + " WHEN data_type IN ('BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'HUGEINT') THEN 0 END"
                    + " AS NUMERIC_SCALE,"
                    + " CASE WHEN data_type = 'VARCHAR' THEN 16777216 END AS CHARACTER_MAXIMUM_LENGTH"
                    + " FROM information_schema.columns WHERE table_catalog = current_database()"
                    + " AND table_schema <> '" + SCHEMA + "'");
        }
    }
}
