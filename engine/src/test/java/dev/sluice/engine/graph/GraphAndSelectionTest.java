package dev.sluice.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphAndSelectionTest {
    // raw_a -> stg_a -> mart -> report ; stg_b -> mart ; lonely
    private final ModelGraph graph = ModelGraph.of(Map.of("stg_a", List.of(), "stg_b", List.of(),
            "mart", List.of("stg_a", "stg_b"), "report", List.of("mart"), "lonely", List.of()));
    private final Map<String, SelectableModel> models = new LinkedHashMap<>();

    GraphAndSelectionTest() {
        models.put("stg_a", new SelectableModel("stg_a", "models/staging/stg_a.sql", List.of("events")));
        models.put("stg_b", new SelectableModel("stg_b", "models/staging/stg_b.sql", List.of()));
        models.put("mart", new SelectableModel("mart", "models/marts/mart.sql", List.of("daily")));
        models.put("report", new SelectableModel("report", "models/marts/report.sql", List.of("daily")));
        models.put("lonely", new SelectableModel("lonely", "models/lonely.sql", List.of()));
    }

    private List<String> select(List<String> selectors, List<String> excludes) {
        return Selection.select(graph, models, selectors, excludes);
    }

    @Test
    void ordersParentsBeforeChildren() {
        List<String> order = graph.topologicalOrder();
        assertThat(order.indexOf("stg_a")).isLessThan(order.indexOf("mart"));
        assertThat(order.indexOf("stg_b")).isLessThan(order.indexOf("mart"));
        assertThat(order.indexOf("mart")).isLessThan(order.indexOf("report"));
    }

    @Test
    void aCycleIsAnErrorThatPrintsTheCycle() {
        assertThatThrownBy(() -> ModelGraph.of(Map.of("a", List.of("c"), "b", List.of("a"), "c", List.of("b"), "d", List.of())))
                .hasMessageContaining("a -> b -> c -> a");
        assertThatThrownBy(() -> ModelGraph.of(Map.of("self", List.of("self")))).hasMessageContaining("self -> self");
    }

    @Test
    void selectorsFollowDbtSyntax() {
        assertThat(select(List.of("mart"), List.of())).containsExactly("mart");
        assertThat(select(List.of("+mart"), List.of())).containsExactlyInAnyOrder("stg_a", "stg_b", "mart");
        assertThat(select(List.of("stg_a+"), List.of())).containsExactly("stg_a", "mart", "report");
        assertThat(select(List.of("tag:daily"), List.of())).containsExactly("mart", "report");
        assertThat(select(List.of("path:models/staging"), List.of())).containsExactlyInAnyOrder("stg_a", "stg_b");
        assertThat(select(List.of("lonely", "tag:events"), List.of())).containsExactlyInAnyOrder("lonely", "stg_a");
        assertThat(select(List.of(), List.of("tag:daily", "lonely"))).containsExactlyInAnyOrder("stg_a", "stg_b");
        assertThat(select(List.of("+report"), List.of("stg_b"))).containsExactly("stg_a", "mart", "report");
    }

    @Test
    void anUnknownModelSuggestsTheClosestName() {
        assertThatThrownBy(() -> select(List.of("mrat+"), List.of())).hasMessageContaining("no model named \"mrat\"")
                .hasMessageContaining("did you mean \"mart\"");
        assertThatThrownBy(() -> select(List.of("tag:nope"), List.of())).hasMessageContaining("matches no model");
    }
}
