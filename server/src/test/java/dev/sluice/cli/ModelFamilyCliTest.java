package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model family's members, through the CLI: listed, selected, built, in the manifest and the docs site. */
class ModelFamilyCliTest {
    private static final List<String> MEMBERS = List.of("events_order_completed", "events_page_viewed",
            "events_signed_up", "events_source_created");
    @TempDir
    Path directory;
    String project;

    @BeforeEach
    void copySample() throws IOException {
        Samples.copy(Samples.QUICKSTART, directory);
        project = directory.toString();
        Files.writeString(directory.resolve("models/marts/events_by_name.sql"), """
                <@family values=distinct_values(source("rudder", "tracks"), "event") prefix="events_"/>
                <@config materialized="table"/>
                select message_id, user_id, received_at from ${source("rudder", "tracks")}
                where event in (${member.sql_values})
                """);
        assertThat(sluice("seed").exitCode()).isZero();
    }

    private Cli sluice(String... args) {
        return Cli.run(Stream.concat(Stream.of(args), Stream.of("--project", project)).toArray(String[]::new));
    }

    @Test
    void membersAreModelsEverywhere() throws IOException {
        Cli ls = sluice("ls", "-s", "tag:events_by_name", "--json");
        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        List<String> names = new ArrayList<>();
        for (JsonNode model : new ObjectMapper().readTree(ls.out())) {
            names.add(model.get("name").asText());
            assertThat(model.get("path").asText()).isEqualTo("models/marts/events_by_name.sql");
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(MEMBERS);

        Cli run = sluice("run", "-s", "path:models/marts/events_by_name.sql");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("events_signed_up +\\| table +\\| 5 +\\|").contains("4 succeeded");

        assertThat(sluice("compile").exitCode()).isZero();
        assertThat(directory.resolve("target/manifest.json")).content().contains(MEMBERS);
        assertThat(directory.resolve("target/compiled/events_page_viewed.sql")).content()
                .contains("where event in ('Page Viewed')");
        assertThat(sluice("docs").exitCode()).isZero();
        try (Stream<Path> files = Files.walk(directory.resolve("target/docs"))) {
            String site = String.join("\n", files.filter(Files::isRegularFile).map(file -> {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
            assertThat(site).contains(MEMBERS);
        }
    }
}
