package dev.sluice.engine.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.DiagnosticException;
import dev.sluice.engine.ErrorCode;
import dev.sluice.engine.SluiceException;
import dev.sluice.engine.project.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateEngineTest {
    @TempDir
    Path macros;

    /** Functions that answer from fixed data, the way the compiler's do. */
    private static final TemplateFunctions FUNCTIONS = new TemplateFunctions() {
        @Override
        public String ref(String modelName) {
            if (!modelName.equals("orders")) {
                throw new SluiceException(ErrorCode.UNKNOWN_REF, "ref(\"" + modelName + "\"): no model named \"" + modelName + "\"");
            }
            return "main.orders";
        }

        @Override
        public String source(String sourceName, String tableName) {
            return "raw." + tableName;
        }

        @Override
        public Object var(String name, Object fallback) {
            return Map.<String, Object>of("big", 1234567).getOrDefault(name, fallback);
        }

        @Override
        public String self() {
            return "main.me";
        }

        @Override
        public boolean isIncremental() {
            return true;
        }

        @Override
        public Map<String, Object> target() {
            return Map.of("name", "duckdb", "schema", "main");
        }

        @Override
        public List<String> columns(String relation) {
            return List.of("id", "email", "_loaded_at");
        }

        @Override
        public List<Map<String, Object>> jsonFields(String relation, String column, String where, String prefix,
                String typesFrom) {
            return List.of(Map.of("name", "page_url", "sql", "json_extract_string(" + column + ", '$.page.url')"));
        }
    };

    private RenderedModel render(String text) {
        TemplateEngine engine = new TemplateEngine(List.of(macros));
        return engine.render(engine.parse(new ModelFile("m", "models/m.sql", text)), FUNCTIONS);
    }

    @Test
    void rendersFunctionsConfigAndKeepsLinesAligned() {
        RenderedModel rendered = render("""
                <@config materialized="incremental" unique_key="id" tags=["a", "b"] />
                select * from ${ref("orders")} join ${source("app", "users")} using (id)
                <#if is_incremental()>
                where id > (select max(id) from ${this}) and n > ${var("big")} and t = '${target.schema}'
                </#if>
                """);
        String[] lines = rendered.sql().split("\n", -1);
        assertThat(lines[1]).isEqualTo("select * from main.orders join raw.users using (id)");
        assertThat(lines[3]).isEqualTo("where id > (select max(id) from main.me) and n > 1234567 and t = 'main'");
        assertThat(rendered.config()).containsEntry("materialized", "incremental").containsEntry("unique_key", "id")
                .containsEntry("tags", List.of("a", "b"));
    }

    @Test
    void aSharedEngineSeesEditedAddedAndRemovedMacroFiles() throws Exception {
        ModelFile model = new ModelFile("m", "models/m.sql", "select <@greeting/> as g");
        Path greeting = macros.resolve("greeting.ftl");
        Files.writeString(greeting, "<#macro greeting>'hello'</#macro>");
        TemplateEngine first = TemplateEngine.forMacroDirectories(List.of(macros));
        assertThat(first.render(first.parse(model), FUNCTIONS).sql()).isEqualTo("select 'hello' as g");

        // Edited within the same second: a stale parse would still say hello.
        Files.writeString(greeting, "<#macro greeting>'bonjour'</#macro>");
        Files.setLastModifiedTime(greeting, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(greeting).toMillis() + 1000));
        TemplateEngine again = TemplateEngine.forMacroDirectories(List.of(macros));
        assertThat(again).isSameAs(first);
        assertThat(again.render(again.parse(model), FUNCTIONS).sql()).isEqualTo("select 'bonjour' as g");

        Files.writeString(macros.resolve("other.ftl"), "<#macro other>'o'</#macro>");
        TemplateEngine added = TemplateEngine.forMacroDirectories(List.of(macros));
        assertThat(added).isNotSameAs(first);
        ModelFile usesBoth = new ModelFile("m", "models/m.sql", "select <@greeting/>, <@other/>");
        assertThat(added.render(added.parse(usesBoth), FUNCTIONS).sql()).isEqualTo("select 'bonjour', 'o'");

        Files.delete(greeting);
        TemplateEngine removed = TemplateEngine.forMacroDirectories(List.of(macros));
        assertThatThrownBy(() -> removed.render(removed.parse(model), FUNCTIONS)).isInstanceOf(DiagnosticException.class)
                .hasMessageContaining("greeting");
    }

    @Test
    void aMacroFileLinkedFromOutsideItsFolderIsAOneLineErrorNamingIt(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.ftl"), "<#macro secret>'s'</#macro>");
        Files.createSymbolicLink(macros.resolve("evil.ftl"), secret);

        assertThatThrownBy(() -> TemplateEngine.forMacroDirectories(List.of(macros)))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TEMPLATE);
                    assertThat(e.getMessage()).doesNotContain("\n").contains(macros.resolve("evil.ftl").toString(),
                            "outside " + macros);
                });
    }

    @Test
    void anIncludeOfAFileLinkedFromOutsideIsReportedAtTheIncludingLine(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("passwords.txt"), "hunter2");
        Files.createSymbolicLink(macros.resolve("passwords.txt"), secret);

        assertThatThrownBy(() -> render("select 1\nfrom x where p = '<#include \"/passwords.txt\">'"))
                .isInstanceOfSatisfying(DiagnosticException.class, e -> {
                    assertThat(e.diagnostic().file()).isEqualTo("models/m.sql");
                    assertThat(e.diagnostic().line()).isEqualTo(2);
                    assertThat(e.diagnostic().message()).doesNotContain("\n").doesNotContain("hunter2")
                            .contains(macros.resolve("passwords.txt").toString(), "outside");
                });
    }

    @Test
    void aPayloadTemplateLinkedFromOutsideTheTemplatesFolderIsAClearError(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("body.ftl"), "{}");
        Files.createSymbolicLink(macros.resolve("body.ftl"), secret);

        assertThatThrownBy(() -> new PayloadTemplates(macros).parse("body.ftl", "syncs/crm.yml: template"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("syncs/crm.yml: template: " + macros.resolve("body.ftl"))
                        .contains("outside"));
    }

    @Test
    void aModelIsParsedOnceWhileItsTextStaysTheSame() {
        TemplateEngine engine = new TemplateEngine(List.of(macros));
        ModelFile model = new ModelFile("m", "models/m.sql", "select 1 as one");
        ModelFile edited = new ModelFile("m", "models/m.sql", "select 2 as two");

        assertThat(engine.parse(new ModelFile("m", "models/m.sql", "select 1 as one"))).isSameAs(engine.parse(model));
        assertThat(engine.render(engine.parse(edited), FUNCTIONS).sql()).isEqualTo("select 2 as two");
    }

    @Test
    void starExpandsColumnsWithExceptAndAlias() {
        RenderedModel rendered = render("select <@star relation=ref(\"orders\") except=[\"_loaded_at\"] alias=\"o\"/> from x");
        assertThat(rendered.sql()).isEqualTo("select o.id, o.email from x");
    }

    @Test
    void flattenListsJsonFieldsAsColumns() {
        RenderedModel rendered = render("select id<@flatten relation=ref(\"orders\") column=\"context\" prefix=\"context_\"/> from x");
        assertThat(rendered.sql()).isEqualTo("select id, json_extract_string(context, '$.page.url') as context_page_url from x");
    }

    @Test
    void projectMacrosAreVisibleWithoutShiftingLines() throws Exception {
        Files.writeString(macros.resolve("cents.ftl"), "\n\n<#macro cents column>(${column} * 100)::bigint</#macro>\n\n");
        RenderedModel rendered = render("select\n<@cents column=\"amount\"/> as amount_cents");
        assertThat(rendered.sql()).isEqualTo("select\n(amount * 100)::bigint as amount_cents");
    }

    @Test
    void templatesCannotCreateJavaObjectsOrReachTheJavaApi() {
        assertThatThrownBy(() -> render("${\"freemarker.template.utility.Execute\"?new()(\"id\")}"))
                .isInstanceOf(DiagnosticException.class).hasMessageContaining("models/m.sql:1");
        assertThatThrownBy(() -> render("${target?api}")).isInstanceOf(DiagnosticException.class);
    }

    @Test
    void anUnknownRefIsReportedAtItsLineAndColumn() {
        assertThatThrownBy(() -> render("select 1\nfrom ${ref(\"ordrs\")}"))
                .isInstanceOfSatisfying(DiagnosticException.class, e -> {
                    assertThat(e.diagnostic().code()).isEqualTo(ErrorCode.UNKNOWN_REF);
                    assertThat(e.diagnostic().line()).isEqualTo(2);
                    assertThat(e.diagnostic().column()).isEqualTo(6);
                    assertThat(e.diagnostic().format()).contains("models/m.sql:2:6: error: ref(\"ordrs\")")
                            .contains("from ${ref(\"ordrs\")}");
                });
    }

    @Test
    void aTemplateSyntaxErrorNamesItsPosition() {
        assertThatThrownBy(() -> render("select 1\n<#if true>\nselect 2"))
                .isInstanceOfSatisfying(DiagnosticException.class,
                        e -> assertThat(e.getMessage()).startsWith("models/m.sql:").contains("template syntax"));
    }
}
