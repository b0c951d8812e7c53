package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rel.type.RelDataTypeFieldImpl;
import org.apache.calcite.rel.type.StructKind;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The validator Sluice uses for wide models ({@link WideSelectValidator} over {@link WideRowTypeFactory}) judges
 * every query exactly as Calcite's stock validator does: the same output row, or the same error.
 */
class WideSelectValidationTest {
    private static final int WIDTH = 150;
    private final SqlCatalog catalog = wideCatalog();

    @ParameterizedTest
    @ValueSource(strings = {
            "select * from wide",
            "select C5, c6 as X, \"c7\", Mixed_Case, mixed_case as again from wide",
            "select c1, count(*) from wide",
            "select c1, sum(c2) as total, count(*) as n from wide group by c1 having sum(c2) > 10",
            "select c1, (select max(c2) from wide) as top, c3 + 1 from wide",
            "select c1, (select c2 from other o where o.c1 = w.c1 limit 1) as nested from wide w",
            "select distinct c1, c2 from wide",
            "select c1, sum(c2) over (partition by c3) from wide",
            "select c1 from wide join other using (c1)",
            "select c1 from wide join other on wide.c2 = other.c2",
            "select wide.C149, other.c0 from wide join other on wide.c2 = other.c2",
            "select no_such_column from wide",
            "select MIXED_CASE, count(distinct c4) from wide group by mixed_case",
            "select c1 as a, c2 as a from wide",
            "with w as (select c1 as C1, c2 from wide) select c1, C2 from w"})
    void judgesLikeCalcitesOwnValidator(String sql) {
        assertThat(judge(sql, true)).isEqualTo(judge(sql, false));
    }

    @Test
    void aWideSelectListWithOneAggregateIsAnAggregateQuery() {
        StringBuilder sql = new StringBuilder("select ");
        for (int index = 1; index < WIDTH; index++) {
            sql.append("c").append(index).append(", ");
        }
        sql.append("count(*) as n from wide");

        String judged = judge(sql.toString(), true);

        assertThat(judged).isEqualTo(judge(sql.toString(), false)).contains("is not being grouped");
    }

    @Test
    void aWideRowFindsTheFirstFieldEqualIgnoringCase() {
        SqlTypeFactoryImpl types = new WideRowTypeFactory(SluiceTypeSystem.INSTANCE);
        RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
        List<String> names = new ArrayList<>();
        for (int index = 0; index < WideRowTypeFactory.WIDE; index++) {
            names.add("col_" + index);
        }
        names.set(10, "Straße");
        names.set(20, "STRASSE");
        names.set(30, "straße");
        RelDataType row = types.createStructType(names.stream().map(name -> integer).toList(), names);

        assertThat(row).isInstanceOf(WideRowTypeFactory.IndexedRecordType.class);
        assertThat(row.getField("STRAßE", false, false).getIndex()).isEqualTo(10);
        assertThat(row.getField("strasse", false, false).getIndex()).isEqualTo(20);
        assertThat(row.getField("straße", true, false).getIndex()).isEqualTo(30);
        assertThat(row.getField("COL_63", false, false).getIndex()).isEqualTo(63);
        assertThat(row.getField("col_64", false, false)).isNull();
        assertThat(types.createStructType(names.stream().map(name -> integer).toList(), names)).isSameAs(row);
    }

    @Test
    void aWideRowEqualsCalcitesRowOfTheSameFields() {
        SqlTypeFactoryImpl types = new WideRowTypeFactory(SluiceTypeSystem.INSTANCE);
        RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
        List<RelDataTypeField> fields = new ArrayList<>();
        for (int index = 0; index < WideRowTypeFactory.WIDE; index++) {
            fields.add(new RelDataTypeFieldImpl("c" + index, index, integer));
        }
        RelDataType wide = types.createStructType(fields.stream().map(RelDataTypeField::getType).toList(),
                fields.stream().map(RelDataTypeField::getName).toList());

        assertThat(wide).isEqualTo(new org.apache.calcite.rel.type.RelRecordType(StructKind.FULLY_QUALIFIED, fields, false));
    }

    /** The output row's full type, or the validation error's message. */
    private String judge(String sql, boolean wide) {
        SqlNode tree = SluiceSqlParser.parseQuery(sql, ModelDialect.DUCKDB);
        SqlTypeFactoryImpl types = wide ? new WideRowTypeFactory(SluiceTypeSystem.INSTANCE)
                : new SqlTypeFactoryImpl(SluiceTypeSystem.INSTANCE);
        CalciteCatalogReader reader = new CalciteCatalogReader(CatalogSchemas.root(catalog),
                List.of(catalog.defaultSchema()), types, CalciteSetup.CONNECTION_CONFIG);
        SqlValidator validator = wide
                ? new WideSelectValidator(CalciteSetup.OPERATORS, reader, types, CalciteSetup.VALIDATOR_CONFIG, false)
                : SqlValidatorUtil.newValidator(CalciteSetup.OPERATORS, reader, types, CalciteSetup.VALIDATOR_CONFIG);
        DuckDbFunctions.rebind(tree);
        DialectRewrites.apply(tree, CalciteSetup.OPERATORS, ModelDialect.DUCKDB);
        try {
            return validator.getValidatedNodeType(validator.validate(tree)).getFullTypeString();
        } catch (CalciteContextException e) {
            return "error: " + e.getMessage();
        }
    }

    private static SqlCatalog wideCatalog() {
        SqlCatalog catalog = new SqlCatalog("main");
        List<SqlCatalog.Column> columns = new ArrayList<>();
        for (int index = 0; index < WIDTH; index++) {
            columns.add(new SqlCatalog.Column("c" + index, index % 3 == 0 ? "VARCHAR" : "INTEGER", index % 2 == 0));
        }
        columns.add(new SqlCatalog.Column("Mixed_Case", "DOUBLE", true));
        catalog.put(new SqlCatalog.Table("main", "wide", "", columns));
        catalog.put(new SqlCatalog.Table("main", "other", "", columns.subList(0, 80)));
        return catalog;
    }
}
