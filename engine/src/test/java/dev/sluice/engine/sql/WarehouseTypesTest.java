package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarehouseTypesTest {
    private final RelDataTypeFactory types = new SqlTypeFactoryImpl(SluiceTypeSystem.INSTANCE);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "VARCHAR | VARCHAR", "text | VARCHAR", "VARCHAR(255) | VARCHAR", "JSON | VARCHAR",
        "BIGINT | BIGINT", "INTEGER | INTEGER", "INT | INTEGER", "SMALLINT | SMALLINT", "TINYINT | TINYINT",
        "HUGEINT | DECIMAL(38,0)", "UBIGINT | DECIMAL(20,0)", "UINTEGER | BIGINT",
        "DOUBLE | DOUBLE", "DOUBLE PRECISION | DOUBLE", "FLOAT | FLOAT", "REAL | FLOAT",
        "DECIMAL(12,2) | DECIMAL(12,2)", "decimal(12, 2) | DECIMAL(12,2)", "NUMERIC | DECIMAL(18,3)",
        "DECIMAL(10) | DECIMAL(10,0)", "NUMBER | DECIMAL(38,0)",
        "BOOLEAN | BOOLEAN", "BOOL | BOOLEAN", "DATE | DATE", "TIME | TIME", "TIMESTAMP | TIMESTAMP",
        "DATETIME | TIMESTAMP", "TIMESTAMP WITH TIME ZONE | TIMESTAMP WITH TIME ZONE",
        "TIMESTAMPTZ | TIMESTAMP WITH TIME ZONE", "TIMESTAMP_NTZ | TIMESTAMP", "INTERVAL | INTERVAL",
        "UUID | UUID", "BLOB | BLOB", "VARCHAR[] | VARCHAR[]", "INTEGER[][] | INTEGER[][]", "BIGINT[3] | BIGINT[]",
        "STRUCT(a INTEGER, \"b c\" VARCHAR[]) | STRUCT(a INTEGER, \"b c\" VARCHAR[])",
        "STRUCT(id BIGINT, tags MAP(VARCHAR, INTEGER)) | STRUCT(id BIGINT, tags MAP(VARCHAR, INTEGER))",
        "MAP(VARCHAR, BIGINT) | MAP(VARCHAR, BIGINT)", "ENUM('a', 'b') | VARCHAR",
        "GEOMETRY | ANY", "VARIANT | VARIANT", "no such type!! | ANY", "'' | ANY"})
    void mapsWarehouseTypesAndWritesThemBackInDuckDbSpelling(String warehouseType, String expected) {
        RelDataType calciteType = WarehouseTypes.toCalcite(warehouseType, true, types);

        assertThat(WarehouseTypes.toWarehouse(calciteType)).isEqualTo(expected);
        assertThat(WarehouseTypes.toCalcite(expected, true, types)).as("round trip").isEqualTo(calciteType);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "VARCHAR", "BIGINT", "INTEGER", "DOUBLE", "FLOAT", "DECIMAL(12,2)", "BOOLEAN", "DATE", "TIME", "TIMESTAMP",
        "TIMESTAMP WITH TIME ZONE", "INTERVAL", "UUID", "BLOB", "VARCHAR[]", "MAP(VARCHAR, BIGINT)",
        "STRUCT(a INTEGER, \"b c\" VARCHAR[])"})
    void writtenNamesAreTheOnesDuckDbUses(String type) throws SQLException {
        try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckDb.createStatement()) {
            statement.execute("create table t (x " + type + ")");
            try (ResultSet described = statement.executeQuery("describe t")) {
                described.next();
                assertThat(described.getString("column_type")).isEqualTo(type);
            }
        }
    }

    @ParameterizedTest(name = "nullable={0}")
    @CsvSource({"true", "false"})
    void keepsNullability(boolean nullable) {
        assertThat(WarehouseTypes.toCalcite("VARCHAR[]", nullable, types).isNullable()).isEqualTo(nullable);
    }
}
