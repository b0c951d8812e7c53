package dev.sluice.engine.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.destination.DestinationMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncReaderTest {
    @TempDir
    Path directory;

    @Test
    void readsEveryFieldWithDefaults() throws IOException {
        SyncDefinition sync = read("crm.yml", """
                model: customers
                destination:
                  type: hubspot
                  token: ${env.HUBSPOT_TOKEN}
                  id_property: email
                  headers: {X-Team: growth}
                mode: mirror
                primary_key: user_id
                mapping:
                  email: email
                  lifecyclestage: status
                rate_limit: 9.5
                schedule: "0 0 6 * * ?"
                """);
        assertThat(sync.name()).isEqualTo("crm");
        assertThat(sync.destinationType()).isEqualTo("hubspot");
        assertThat(sync.destinationSettings()).containsExactly(java.util.Map.entry("token", "${env.HUBSPOT_TOKEN}"),
                java.util.Map.entry("id_property", "email"), java.util.Map.entry("headers.X-Team", "growth"));
        assertThat(sync.mode()).isEqualTo(DestinationMode.MIRROR);
        assertThat(sync.mapping()).containsExactly(java.util.Map.entry("email", "email"),
                java.util.Map.entry("lifecyclestage", "status"));
        assertThat(sync.template()).isNull();
        assertThat(sync.batchSize()).isZero();
        assertThat(sync.rateLimit()).isEqualTo(9.5);
        assertThat(sync.concurrency()).isEqualTo(4);
        assertThat(sync.maxAttempts()).isEqualTo(3);
        assertThat(sync.schedule()).isEqualTo("0 0 6 * * ?");
    }

    @Test
    void errorsNameTheFileAndField() throws IOException {
        String valid = "model: m\ndestination: {type: webhook, url: 'http://x'}\nprimary_key: id\nmapping: {a: b}\n";
        assertThatThrownBy(() -> read("a.yml", valid + "mapings: {}\n")).hasMessage(
                "syncs/a.yml: unknown field \"mapings\"; did you mean \"mapping\"?; fields are model, destination,"
                        + " mode, primary_key, mapping, template, batch_size, rate_limit, concurrency, retries,"
                        + " max_attempts, schedule, description");
        assertThatThrownBy(() -> read("b.yml", valid + "mode: merge\n"))
                .hasMessage("syncs/b.yml: mode: \"merge\" is not a mode; use one of insert, update, upsert, mirror");
        assertThatThrownBy(() -> read("c.yml", valid.replace("primary_key: id\n", "")))
                .hasMessage("syncs/c.yml: primary_key: required");
        assertThatThrownBy(() -> read("d.yml", valid + "batch_size: -3\n"))
                .hasMessage("syncs/d.yml: batch_size: expected a whole number from 1 to 100000, got -3");
        assertThatThrownBy(() -> read("e.yml", valid + "template: x.ftl\n"))
                .hasMessage("syncs/e.yml: has both mapping and template; use one");
        assertThatThrownBy(() -> read("f.yml", valid.replace("type: webhook, ", "")))
                .hasMessageStartingWith("syncs/f.yml: destination.type: required");
        assertThatThrownBy(() -> read("g.yml", valid.replace("{a: b}", "{a: [b]}")))
                .hasMessage("syncs/g.yml: mapping.a: expected the name of a model column");
        assertThatThrownBy(() -> read("h-1.yml", valid)).hasMessageStartingWith("syncs/h-1.yml: a sync's file name");
        assertThatThrownBy(() -> read("i.yml", "model: [")).hasMessageStartingWith("syncs/i.yml:1:");
    }

    private SyncDefinition read(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return SyncReader.read(file, "syncs/" + name);
    }
}
