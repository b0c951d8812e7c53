package dev.sluice.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which warehouses a run of DuckDB models translates for: the dialect names their connectors report. */
class DialectArtifactsTest {
    @Test
    void postgresAndSnowflakeTargetsRunDuckDbModelsTranslated() {
        assertThat(DialectArtifacts.forWarehouseDialect("postgres")).containsSame(DialectArtifacts.POSTGRES);
        assertThat(DialectArtifacts.forWarehouseDialect("snowflake")).containsSame(DialectArtifacts.SNOWFLAKE);
        assertThat(DialectArtifacts.forWarehouseDialect("duckdb")).isEmpty();
        assertThat(DialectArtifacts.forWarehouseDialect("bigquery")).isEmpty();
    }
}
