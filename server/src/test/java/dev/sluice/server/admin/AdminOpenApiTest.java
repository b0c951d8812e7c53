package dev.sluice.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.server.Http;
import dev.sluice.server.TestServer;
import dev.sluice.server.http.Route;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document served at /api/openapi.json describes exactly the routes the server has. */
class AdminOpenApiTest {
    @TempDir
    Path directory;

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        try (TestServer server = TestServer.withAdmin(directory, List.of())) {
            Http.Response response = server.http().get("/api/openapi.json");
            assertThat(response.header("Content-Type")).startsWith("application/json");
            JsonNode document = ApiJson.mapper().readTree(response.body());

            Set<String> documented = new TreeSet<>();
            document.get("paths").properties().forEach(path -> path.getValue().fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
            Set<String> served = new TreeSet<>();
            List<Route> routes = new AdminApi(TestServer.ADMIN, null, null, null, null, null, new AdminSessions(), null).routes();
            routes.forEach(route -> served.add(route.method() + " " + route.path()));

            assertThat(served).isEqualTo(documented);
            for (Route route : routes) {
                JsonNode operation = document.get("paths").get(route.path()).get(route.method().toLowerCase(Locale.ROOT));
                assertThat(operation.get("operationId").asText()).as(route.toString()).isNotBlank();
                List<String> parameters = new ArrayList<>();
                operation.path("parameters").forEach(parameter -> {
                    if (parameter.get("in").asText().equals("path")) {
                        parameters.add(parameter.get("name").asText());
                    }
                });
                assertThat(parameters).as("path parameters of " + route.path())
                        .containsExactlyInAnyOrderElementsOf(placeholders(route.path()));
                boolean secured = !operation.has("security");
                assertThat(operation.get("responses").has("401")).as("401 documented for " + route.path())
                        .isEqualTo(secured);
            }
            assertThat(document.get("openapi").asText()).startsWith("3.");
        }
    }

    private static List<String> placeholders(String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
