package dev.sluice.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Each library is used in one place and wrapped by a type Sluice owns (see STYLE.md). */
class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sluice.engine");

    @Test
    void theEngineNeverSeesDuckDb() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.duckdb..", "dev.sluice.duckdb..",
                "org.postgresql..", "dev.sluice.postgres..")
                .check(ENGINE);
    }

    @Test
    void calciteStaysInTheSqlPackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.engine.sql..").should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.calcite..").check(ENGINE);
    }

    @Test
    void freemarkerStaysInTheTemplatePackage() {
        noClasses().that().resideOutsideOfPackage("dev.sluice.engine.template..").should().dependOnClassesThat()
                .resideInAnyPackage("freemarker..").check(ENGINE);
    }
}
