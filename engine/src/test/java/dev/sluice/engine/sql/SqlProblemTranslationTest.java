package dev.sluice.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.runtime.CalciteException;
import org.junit.jupiter.api.Test;

/** Failures Calcite should never produce on a valid query, but which must not crash the compile when it does. */
class SqlProblemTranslationTest {
    @Test
    void calciteCrashesAreInternalProblemsNamingTheCause() {
        SqlProblem fromNpe = CalciteFrontEnd.unexpectedFailure(new NullPointerException("scope is null"));
        SqlProblem fromAssertion = CalciteFrontEnd.unexpectedFailure(new AssertionError("bad type"));

        assertThat(fromNpe.kind()).isEqualTo(SqlProblem.Kind.INTERNAL);
        assertThat(fromNpe.message()).contains("NullPointerException: scope is null");
        assertThat(fromAssertion.kind()).isEqualTo(SqlProblem.Kind.INTERNAL);
        assertThat(fromAssertion.message()).contains("AssertionError: bad type");
    }

    @Test
    void calciteErrorsWithoutPositionAreInvalid() {
        SqlProblem problem = CalciteFrontEnd.unexpectedFailure(new CalciteException("Cannot cast it", null));

        assertThat(problem.kind()).isEqualTo(SqlProblem.Kind.INVALID);
        assertThat(problem.message()).isEqualTo("cannot cast it");
    }

    @Test
    void deeplyNestedQueriesAreRefusedNotCrashed() {
        SqlFrontEnd frontEnd = new CalciteFrontEnd();
        String deep = "select " + "(".repeat(5_000) + "1" + ")".repeat(5_000);

        SqlProblemException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(SqlProblemException.class,
                () -> frontEnd.parse(deep));

        assertThat(thrown.problem().message()).contains("nested too deeply");
    }

    @Test
    void suggestionsAreOfferedOnlyForTypos() {
        var columns = java.util.List.of("email", "user_id", "anonymous_id", "received_at");

        assertThat(dev.sluice.engine.Names.closest("emial", columns)).contains("email");
        assertThat(dev.sluice.engine.Names.closest("EMAIL_", columns)).contains("email");
        assertThat(dev.sluice.engine.Names.closest("recieved_at", columns)).contains("received_at");
        assertThat(dev.sluice.engine.Names.closest("phone", columns)).isEmpty();
        assertThat(dev.sluice.engine.Names.closest("id", columns)).isEmpty();
    }
}
