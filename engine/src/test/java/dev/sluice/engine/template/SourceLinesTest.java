package dev.sluice.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLinesTest {
    @Test
    void linesPrintedAsWrittenMapToThemselvesAcrossAMacroThatPrintsSeveralLines() {
        String file = """
                <@config materialized="table" />
                select
                    <@columns/>
                    amount * 2 as doubled
                from ${ref("orders")}
                where amount > 0""";
        String rendered = """

                select
                    id,
                    customer_id,
                    status,
                    amount * 2 as doubled
                from main.orders
                where amount > 0""";
        SourceLines lines = SourceLines.of(file, rendered);
        assertThat(lines.fileLine(2)).isEqualTo(2);
        assertThat(lines.fileLine(3)).isEqualTo(3);
        assertThat(lines.fileLine(4)).as("a macro's second printed line").isEqualTo(3);
        assertThat(lines.fileLine(5)).isEqualTo(3);
        assertThat(lines.fileLine(6)).isEqualTo(4);
        assertThat(lines.fileLine(7)).as("an interpolated line").isEqualTo(5);
        assertThat(lines.fileLine(8)).isEqualTo(6);
        assertThat(lines.fileLine(9)).isZero();
    }

    @Test
    void linesAfterALoopThatPrintedNothingMapPastIt() {
        String file = """
                select id
                <#list [] as x>
                , ${x}
                </#list>
                from t
                where bad""";
        String rendered = """
                select id
                from t
                where bad""";
        SourceLines lines = SourceLines.of(file, rendered);
        assertThat(lines.fileLine(1)).isEqualTo(1);
        assertThat(lines.fileLine(2)).isEqualTo(5);
        assertThat(lines.fileLine(3)).isEqualTo(6);
    }
}
