package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.project.EnvironmentInterpolator;
import dev.sluice.engine.sync.HookServer.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A destination that echoes the request's credentials in its answers (as some do in their errors): no
 * secret may reach the stored results, refused rows, run errors or the run's exception.
 */
class SyncSecretsTest {
    private static final String TOKEN = "s3cr3t-hook-token-4711";
    private static final String API_KEY = "literal-api-key-0815";
    @TempDir
    Path directory;
    SyncFixture fixture;
    HookServer hook;

    @BeforeEach
    void open() {
        fixture = new SyncFixture(directory);
        fixture.customers(0, 10);
        fixture.environment = Map.of("HOOK_TOKEN", TOKEN);
        hook = new HookServer();
        fixture.webhookSync(hook.url(), "  headers:\n    Authorization: Bearer ${env.HOOK_TOKEN}\n    X-Api-Key: "
                + API_KEY + "\nprimary_key: user_id\nmapping: {email: email}\nbatch_size: 5\n");
    }

    @AfterEach
    void close() {
        hook.close();
        fixture.close();
    }

    private static String echo(Map<String, List<String>> headers) {
        return "{\"error\":\"you sent\",\"authorization\":\"" + headers.get("Authorization").get(0)
                + "\",\"x-api-key\":\"" + headers.get("X-Api-Key").get(0) + "\"}";
    }

    @Test
    void answersEchoingTheCredentialsAreStoredWithoutThem() {
        hook.policy((number, keys, headers) -> new Answer(keys.contains("u5") ? 422 : 200, Map.of(), echo(headers)));
        SyncRunResult result = fixture.run();
        assertThat(result.sent()).isEqualTo(9);
        assertThat(result.rejected()).isEqualTo(1);
        String stored = fixture.query("select response, error from sluice.sync_results").toString()
                + fixture.query("select error from sluice.sync_rejects__crm") + fixture.query("select error from"
                + " sluice.sync_runs");
        assertThat(stored).contains("\"authorization\":\"[redacted]\",\"x-api-key\":\"[redacted]\"")
                .doesNotContain(TOKEN).doesNotContain(API_KEY);
    }

    @Test
    void aRunStoppedByAnAnswerEchoingTheCredentialsFailsWithoutThem() {
        hook.policy((number, keys, headers) -> new Answer(401, Map.of(), echo(headers)));
        assertThatThrownBy(fixture::run).isInstanceOf(SyncException.class)
                .hasMessageContaining("answered 401: {\"error\":\"you sent\",\"authorization\":\"[redacted]\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(API_KEY));
        assertThat(fixture.query("select error from sluice.sync_runs").toString()).contains("[redacted]")
                .doesNotContain(TOKEN).doesNotContain(API_KEY);
    }

    @Test
    void basicCredentialsBuiltFromTwoSettingsAreMaskedToo() {
        fixture.environment = Map.of("HOOK_TOKEN", TOKEN, "TOKEN", "recording-token");
        fixture.sync("  site_id: site-000042\n  api_key: ${env.HOOK_TOKEN}\nprimary_key: user_id\n"
                + "mapping: {email: email}\n");
        SyncSecrets secrets = SyncSecrets.of(Syncs.find(fixture.project.workspace().project(), "crm"),
                new EnvironmentInterpolator(fixture.environment::get));
        String basic = Base64.getEncoder().encodeToString(("site-000042:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(secrets.redact("{\"auth\":\"Basic " + basic + "\",\"token\":\"" + TOKEN + "\",\"plan\":\"free\"}"))
                .isEqualTo("{\"auth\":\"Basic [redacted]\",\"token\":\"[redacted]\",\"plan\":\"free\"}");
    }
}
