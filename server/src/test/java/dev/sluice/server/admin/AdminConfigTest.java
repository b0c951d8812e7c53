package dev.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.server.TestCollector;
import dev.sluice.server.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code admin:} section: the token comes from the environment, is long, and is never a write key or printed. */
class AdminConfigTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @TempDir
    Path project;

    private AdminConfig read(String admin) throws IOException {
        Files.writeString(project.resolve("sluice.yml"), "name: p\nadmin:\n" + admin);
        return new AdminConfigReader(new EnvironmentInterpolator(Map.of("TOKEN", TOKEN, "SHORT", "abc",
                "WEB_KEY", TestCollector.WEB_KEY + "-long-enough")::get)).read(project);
    }

    @Test
    void readsTokenMaskAndInflux() throws IOException {
        AdminConfig config = read("""
                  token: ${env.TOKEN}
                  mask: [traits.email, context.ip]
                  sample-size: 20
                  influx: {uri: "http://localhost:8086", db: metrics, step: 5s}
                """);

        assertThat(config.accepts(TOKEN)).isTrue();
        assertThat(config.accepts(TOKEN + "x")).isFalse();
        assertThat(config.mask()).containsExactly("traits.email", "context.ip");
        assertThat(config.sampleSize()).isEqualTo(20);
        assertThat(config.influx().db()).isEqualTo("metrics");
        assertThat(config.influx().step()).hasSeconds(5);
        assertThat(config.toString()).doesNotContain(TOKEN).contains("(hidden)");
    }

    @Test
    void readsInfluxDb2AndHidesItsToken() throws IOException {
        AdminConfig config = read("""
                  influx: {uri: "http://localhost:8086", org: acme, bucket: sluice, token: "${env.TOKEN}"}
                """);
        assertThat(config.influx().v2()).isTrue();
        assertThat(config.influx().org()).isEqualTo("acme");
        assertThat(config.influx().bucket()).isEqualTo("sluice");
        assertThat(config.influx().token()).isEqualTo(TOKEN);
        assertThat(config.influx().step()).hasSeconds(10);
        assertThat(config.toString()).doesNotContain(TOKEN);
        AdminConfig v1 = read("""
                  influx: {uri: "http://localhost:8086", db: m, user: sluice, password: "${env.TOKEN}"}
                """);
        assertThat(v1.influx().v2()).isFalse();
        assertThat(v1.influx().user()).isEqualTo("sluice");
        assertThat(v1.toString()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> read("  influx: {uri: \"http://i:8086\", org: acme, bucket: b, token: literal}\n"))
                .hasMessageContaining("admin.influx.token: write the token as ${env.NAME}")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("literal"));
        assertThatThrownBy(() -> read("  influx: {uri: \"http://i:8086\", org: acme, token: \"${env.TOKEN}\"}\n"))
                .hasMessageContaining("admin.influx.bucket: required with InfluxDB 2.x");
        assertThatThrownBy(() -> read("  influx: {uri: \"http://i:8086\", db: m, org: acme, bucket: b,"
                + " token: \"${env.TOKEN}\"}\n")).hasMessageContaining("admin.influx.db: InfluxDB 2.x (org, bucket,"
                + " token) has no db");
        assertThatThrownBy(() -> read("  influx: {uri: \"http://i:8086\", user: u}\n"))
                .hasMessageContaining("admin.influx.password: InfluxDB 1.x credentials need both");
    }

    @Test
    void errorsNameTheField() {
        assertThatThrownBy(() -> read("  token: " + TOKEN + "\n")).hasMessageContaining("sluice.yml: admin.token: write"
                + " the token as ${env.SLUICE_ADMIN_TOKEN}").satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
        assertThatThrownBy(() -> read("  token: ${env.SHORT}\n")).hasMessageContaining("admin.token: the token is 3"
                + " characters; use at least 16").satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
        assertThatThrownBy(() -> read("  token: ${env.MISSING}\n")).hasMessageContaining("admin.token: environment"
                + " variable MISSING is not set");
        assertThatThrownBy(() -> read("  mask: traits.email\n")).hasMessageContaining("admin.mask: expected a list");
        assertThatThrownBy(() -> read("  tokn: x\n")).hasMessageContaining("admin.tokn: unknown key");
        assertThatThrownBy(() -> read("  influx: {uri: localhost}\n")).hasMessageContaining("admin.influx.uri:");
    }

    @Test
    void noSectionTurnsTheApiOff() throws Exception {
        Files.writeString(project.resolve("sluice.yml"), "name: p\n");
        assertThat(new AdminConfigReader(EnvironmentInterpolator.system()).read(project).enabled()).isFalse();

        try (TestServer server = TestServer.start(TestServer.quickstart(project.resolve("q")), project.resolve("q"),
                List.of())) {
            var response = server.http().get("/api/runs", "Authorization", "Bearer anything-at-all-here");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).contains("ADMIN_DISABLED", "set admin.token");
        }
    }

    @Test
    void aWriteKeyIsRefusedAsAdminToken() {
        AdminConfig config = AdminConfig.DISABLED.withToken(TestCollector.WEB_KEY);

        // A SluiceException: the CLI prints it as one error line, not a stack trace.
        assertThatThrownBy(() -> TestServer.start(TestServer.quickstart(project), project, List.of(), config))
                .isInstanceOf(dev.sluice.engine.SluiceException.class)
                .hasMessageContaining("sluice.yml: admin.token is the write key of source \"web\"");
    }
}
