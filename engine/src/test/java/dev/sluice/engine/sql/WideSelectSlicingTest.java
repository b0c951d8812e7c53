package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.sql.SqlSelect;
import org.junit.jupiter.api.Test;

/** A very wide plain projection, validated slice by slice, gives what validating it whole gives: columns, lineage, errors. */
class WideSelectSlicingTest {
    private static final int WIDTH = 1_600;
    private final SqlCatalog catalog = catalog();
    private final CalciteFrontEnd sliced = new CalciteFrontEnd();
    private final CalciteFrontEnd whole = new CalciteFrontEnd(ModelDialect.DUCKDB, false);

    @Test
    void namedColumnsOfAWideTable() {
        String sql = select(index -> index % 2 == 0 ? "C" + index : "huge.c" + index, "from huge");

        assertSliced(sql);
        assertSameOutcome(sql);
    }

    @Test
    void aliasedExpressionsCastsAndCases() {
        String sql = select(index -> switch (index % 5) {
            case 0 -> "c" + index + " + 1 as plus_" + index;
            case 1 -> "cast(c" + index + " as varchar) as text_" + index;
            case 2 -> "c" + index + " || 'x' as joined_" + index;
            case 3 -> "case when c" + index + " is null then 0 else 1 end as flag_" + index;
            default -> "h.c" + index;
        }, "from huge h join other o on o.c0 = h.c1 where h.c2 is not null");

        assertSliced(sql);
        assertSameOutcome(sql);
    }

    @Test
    void errorsReadAsWhenValidatedWhole() {
        assertSameOutcome(select(index -> index == 1_200 ? "no_such_column" : "c" + index, "from huge"));
        assertSameOutcome(select(index -> index == 7 ? "c0" : "huge.c" + index, "from huge join other on huge.c1 = other.c1"));
        assertSameOutcome(select(index -> index == 1_300 ? "c1 + 'a' as bad" : "c" + index, "from huge"));
    }

    @Test
    void anAggregateOrAFunctionIsNeverSliced() {
        String sql = select(index -> index == 1_400 ? "count(*) as n" : "c" + index, "from huge");

        assertThat(WideSelectChunks.sliceable((SqlSelect) SluiceSqlParser.parseQuery(sql, ModelDialect.DUCKDB))).isFalse();
        assertSameOutcome(sql);
    }

    private void assertSliced(String sql) {
        assertThat(WideSelectChunks.sliceable((SqlSelect) SluiceSqlParser.parseQuery(sql, ModelDialect.DUCKDB))).isTrue();
    }

    private void assertSameOutcome(String sql) {
        assertThat(outcome(sliced, sql)).isEqualTo(outcome(whole, sql));
    }

    private String outcome(CalciteFrontEnd frontEnd, String sql) {
        try {
            ValidatedQuery query = frontEnd.validate(frontEnd.parse(sql), catalog, true);
            return query.columns() + "\n" + query.lineage();
        } catch (SqlProblemException e) {
            return "error: " + e.problem();
        }
    }

    private static String select(IntFunction<String> item, String from) {
        return IntStream.range(0, 1_500).mapToObj(item).collect(Collectors.joining(",\n  ", "select\n  ", "\n" + from));
    }

    private static SqlCatalog catalog() {
        SqlCatalog catalog = new SqlCatalog("main");
        List<SqlCatalog.Column> columns = new ArrayList<>();
        for (int index = 0; index < WIDTH; index++) {
            columns.add(new SqlCatalog.Column("c" + index, index % 3 == 0 ? "VARCHAR" : "INTEGER", index % 2 == 0));
        }
        catalog.put(new SqlCatalog.Table("main", "huge", "ref(\"huge\")", columns));
        catalog.put(new SqlCatalog.Table("main", "other", "ref(\"other\")", columns.subList(0, 100)));
        return catalog;
    }
}
