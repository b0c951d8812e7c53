package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.server.ServeProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code SLUICE_LOG_FORMAT=json}, every line the process writes, on stdout or stderr, is a JSON log line. */
class JsonLogLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLLECTOR = """

            collector:
              port: 0
              sources:
                web:
                  write-key: json-logs-write-key
                  schema: rudder
            """;

    @TempDir
    Path project;

    private static List<JsonNode> parse(List<String> lines) throws Exception {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                JsonNode json = JSON.readTree(line);
                assertThat(Instant.parse(json.get("timestamp").asText())).as(line).isNotNull();
                parsed.add(json);
            }
        }
        return parsed;
    }

    @Test
    void eachLineBecomesOneJsonLogLineWithALevel() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter writer = new PrintWriter(new JsonLineWriter(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "dev.sluice.cli.Test"), true);
        writer.println("error [PROJECT_CONFIG]: sluice.yml: collector.port: \"quoted\"");
        writer.print("Schedule a: run x");
        writer.print(", every minute\r\n");
        writer.println("warning: something");

        List<JsonNode> lines = parse(bytes.toString(StandardCharsets.UTF_8).lines().toList());

        assertThat(lines).extracting(line -> line.get("level").asText()).containsExactly("ERROR", "INFO", "WARN");
        assertThat(lines.get(0).get("formattedMessage").asText())
                .isEqualTo("error [PROJECT_CONFIG]: sluice.yml: collector.port: \"quoted\"");
        assertThat(lines.get(1).get("formattedMessage").asText()).isEqualTo("Schedule a: run x, every minute");
        assertThat(lines.get(1).get("loggerName").asText()).isEqualTo("dev.sluice.cli.Test");
    }

    @Test
    void anExceptionNothingCaughtIsAnErrorLogLineWithItsStackTrace() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            JsonLineWriter.UNCAUGHT.uncaughtException(new Thread("sluice-worker"), new IllegalStateException("boom"));
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("ERROR");
            assertThat(event.getFormattedMessage())
                    .isEqualTo("uncaught exception in thread sluice-worker: java.lang.IllegalStateException: boom");
            assertThat(event.getThrowableProxy().getClassName()).isEqualTo("java.lang.IllegalStateException");
        });
    }

    @Test
    void aServerThatCannotStartSaysWhyInJsonWithoutTheSecret() throws Exception {
        Samples.copy(Samples.QUICKSTART, project);
        Files.writeString(project.resolve("sluice.yml"), Files.readString(project.resolve("sluice.yml"))
                + COLLECTOR.replace("port: 0", "port: ${env.SLUICE_TEST_PORT}"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.sluice.cli.SluiceCommand", "serve", "--project",
                project.toString());
        builder.environment().putAll(Map.of("SLUICE_LOG_FORMAT", "json", "SLUICE_TEST_PORT", "not-a-port-s3cr3t"));
        builder.redirectOutput(project.resolve("out.txt").toFile());
        builder.redirectError(project.resolve("err.txt").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(project.resolve("out.txt"))).isEmpty();
        String err = Files.readString(project.resolve("err.txt"));
        assertThat(err).doesNotContain("s3cr3t");
        assertThat(parse(err.lines().toList())).singleElement().satisfies(line -> {
            assertThat(line.get("level").asText()).isEqualTo("ERROR");
            assertThat(line.get("formattedMessage").asText()).startsWith("error [PROJECT_CONFIG]: sluice.yml:"
                    + " collector.port:");
        });
    }

    @Test
    void theServersStartUpLinesOnStdoutAreJson() throws Exception {
        Samples.copy(Samples.QUICKSTART, project);
        Files.writeString(project.resolve("sluice.yml"), Files.readString(project.resolve("sluice.yml")) + COLLECTOR);
        try (ServeProcess serve = ServeProcess.start(project, Map.of("SLUICE_LOG_FORMAT", "json"), "--no-watch")) {
            List<JsonNode> lines = parse(serve.stdout());

            assertThat(lines).extracting(line -> line.get("formattedMessage").asText())
                    .anySatisfy(message -> assertThat(message).startsWith("Sluice collector listening on"));
            assertThat(lines).allSatisfy(line -> assertThat(line.get("level").asText()).isEqualTo("INFO"));
            serve.terminate();
            assertThat(serve.awaitExit()).isZero();
            assertThat(parse(serve.stderr().lines().toList())).isNotEmpty();
        }
    }
}
