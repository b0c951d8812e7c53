package dev.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Request bodies checked against the admin API's own OpenAPI document. */
class ApiSchemasTest {
    private static String document() throws IOException {
        try (InputStream in = ApiSchemasTest.class.getResourceAsStream("/sluice/admin/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void checkingABodyNamesTheFieldAndLogsNothing() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            ApiSchemas schemas = new ApiSchemas(document());

            schemas.check("RunRequest", ApiRequests.object("{\"select\": [\"tag:events\"], \"threads\": 4}"));
            schemas.check("EmptyRequest", ApiRequests.object("{}"));
            assertThatThrownBy(() -> schemas.check("RunRequest", ApiRequests.object("{\"threads\": \"4\"}")))
                    .hasMessageStartingWith("threads: string found, integer expected");
            assertThatThrownBy(() -> schemas.check("ReplayRequest", ApiRequests.object("{\"ids\": [1]}")))
                    .hasMessageStartingWith("ids[0]:");
            assertThatThrownBy(() -> schemas.check("EmptyRequest", ApiRequests.object("{\"now\": true}")))
                    .hasMessageStartingWith("now: unknown field");
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).as("the validator has nothing to warn about in the server's log")
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
