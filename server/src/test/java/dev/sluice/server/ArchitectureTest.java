package dev.sluice.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The collector's packages keep their libraries to themselves. */
class ArchitectureTest {
    static final JavaClasses SERVER = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.server", "dev.sluice.cli");

    @Test
    void javalinAndJettyStayInTheHttpPackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.server.http..").should().dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..").check(SERVER);
    }

    @Test
    void theCollectorReachesTheWarehouseOnlyThroughTheSpi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "dev.sluice.duckdb..",
                "org.postgresql..", "dev.sluice.postgres..", "java.sql..")
                .check(SERVER);
    }

    @Test
    void validationSpoolAndLoaderDoNotKnowAboutHttp() {
        noClasses().that().resideInAnyPackage("dev.sluice.server.collect..", "dev.sluice.server.spool..",
                "dev.sluice.server.load..").should().dependOnClassesThat().resideInAPackage("dev.sluice.server.http..")
                .check(SERVER);
    }

    @Test
    void theSpoolIsAPlainLogThatKnowsNoEvents() {
        noClasses().that().resideInAPackage("dev.sluice.server.spool..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.sluice.server.collect..", "dev.sluice.server.load..", "com.fasterxml..")
                .check(SERVER);
    }

    @Test
    void quartzStaysInTheSchedulePackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.server.schedule..").should().dependOnClassesThat()
                .resideInAnyPackage("org.quartz..").check(SERVER);
    }

    @Test
    void micrometerStaysInTheMetricsPackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.server.metrics..").should().dependOnClassesThat()
                .resideInAnyPackage("io.micrometer..", "io.prometheus..").check(SERVER);
    }

    @Test
    void freemarkerStaysInTheConsolePackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.server.console..").should().dependOnClassesThat()
                .resideInAnyPackage("freemarker..").check(SERVER);
    }

    @Test
    void graalJsStaysInTheTransformPackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.server.transform..").should().dependOnClassesThat()
                .resideInAnyPackage("org.graalvm..", "com.oracle.truffle..").check(SERVER);
    }
}
