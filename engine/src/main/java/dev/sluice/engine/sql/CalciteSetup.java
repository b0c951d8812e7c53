package dev.sluice.engine.sql;

import java.util.List;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Calcite's operator tables and configurations, built when first used: a {@link CalciteFrontEnd} can be made, and
 * name itself ({@link CalciteFrontEnd#identity()}), without them, so a command whose models' analyses all come from
 * {@code target/analysis-cache.json} never builds them. Immutable once built; thread-safe.
 */
final class CalciteSetup {
    /**
     * Function libraries the validator knows, besides the SQL standard. PostgreSQL first: DuckDB's
     * functions are mostly PostgreSQL's. STANDARD is part of the set, never chained in front of it:
     * the library table already contains it, and a second copy makes every function ambiguous.
     */
    private static final List<SqlLibrary> LIBRARIES = List.of(SqlLibrary.STANDARD, SqlLibrary.POSTGRESQL,
            SqlLibrary.BIG_QUERY, SqlLibrary.SPARK, SqlLibrary.SNOWFLAKE, SqlLibrary.MYSQL);
    static final SqlOperatorTable OPERATORS = operatorTable();
    /** {@link #OPERATORS} and Snowflake's table functions ({@code FLATTEN}), for Snowflake models. */
    static final SqlOperatorTable SNOWFLAKE_OPERATORS = SnowflakeModelFunctions.over(SnowflakeTableFunctions.over(OPERATORS));
    static final CalciteConnectionConfig CONNECTION_CONFIG = connectionConfig();
    // LENIENT, not BABEL: the validator hits NullPointerExceptions under BABEL conformance.
    static final SqlValidator.Config VALIDATOR_CONFIG = SqlValidator.Config.DEFAULT
            .withConformance(SqlConformanceEnum.LENIENT);

    private static SqlOperatorTable operatorTable() {
        SqlOperatorTable libraries = SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(LIBRARIES);
        return DateArithmetic.over(DuckDbFunctions.over(libraries));
    }

    private static CalciteConnectionConfig connectionConfig() {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        properties.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
        properties.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
        properties.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
        return new CalciteConnectionConfigImpl(properties);
    }
}
