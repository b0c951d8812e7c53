package dev.sluice.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphAndSelectionTest {
    // raw_a -> stg_a -> mart -> report ; stg_b -> mart ; lonely
    // lonely -> lonely_history ; stg_b -> stg_b_history (snapshots)
    private final ModelGraph graph = ModelGraph.of(Map.of("stg_a", List.of(), "stg_b", List.of(),
            "mart", List.of("stg_a", "stg_b"), "report", List.of("mart"), "lonely", List.of(),
            "lonely_history", List.of("lonely"), "stg_b_history", List.of("stg_b")));
    private final Map<String, SelectableModel> models = new LinkedHashMap<>();

    GraphAndSelectionTest() {
        models.put("stg_a", new SelectableModel("stg_a", "models/staging/stg_a.sql", List.of("events")));
        models.put("stg_b", new SelectableModel("stg_b", "models/staging/stg_b.sql", List.of()));
        models.put("mart", new SelectableModel("mart", "models/marts/mart.sql", List.of("daily")));
        models.put("report", new SelectableModel("report", "models/marts/report.sql", List.of("daily")));
        models.put("lonely", new SelectableModel("lonely", "models/lonely.sql", List.of()));
        models.put("lonely_history", new SelectableModel("lonely_history", "models/history/lonely_history.sql", List.of(),
                "", "snapshot"));
        models.put("stg_b_history", new SelectableModel("stg_b_history", "models/history/stg_b_history.sql", List.of(),
                "", "snapshot"));
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
        assertThat(select(List.of(), List.of("tag:daily", "lonely", "config.materialized:snapshot")))
                .containsExactlyInAnyOrder("stg_a", "stg_b");
        assertThat(select(List.of("+report"), List.of("stg_b"))).containsExactly("stg_a", "mart", "report");
    }

    @Test
    void configMaterializedSelectsByKindAndCombinesWithTheOtherMethods() {
        assertThat(select(List.of("config.materialized:snapshot"), List.of())).containsExactlyInAnyOrder("lonely_history",
                "stg_b_history");
        assertThat(select(List.of("config.materialized:view"), List.of()))
                .containsExactlyInAnyOrder("stg_a", "stg_b", "mart", "report", "lonely");
        assertThat(select(List.of("+config.materialized:snapshot"), List.of("lonely")))
                .containsExactlyInAnyOrder("stg_b", "stg_b_history", "lonely_history")
                .satisfies(order -> assertThat(order.indexOf("stg_b")).isLessThan(order.indexOf("stg_b_history")));
        assertThat(select(List.of("path:models/marts"), List.of("config.materialized:snapshot")))
                .containsExactlyInAnyOrder("mart", "report");
        assertThatThrownBy(() -> select(List.of("config.materialized:table"), List.of()))
                .hasMessageContaining("selector \"config.materialized:table\" matches no model");
        assertThatThrownBy(() -> select(List.of("config.materialized:snapshots"), List.of()))
                .hasMessageContaining("\"snapshots\" is not a materialization").hasMessageContaining("did you mean \"snapshot\"");
        assertThatThrownBy(() -> select(List.of("config.materialised:table"), List.of()))
                .hasMessageContaining("reads materialized only").hasMessageContaining("did you mean \"materialized\"");
    }

    @Test
    void anUnknownModelSuggestsTheClosestName() {
        assertThatThrownBy(() -> select(List.of("mrat+"), List.of())).hasMessageContaining("no model named \"mrat\"")
                .hasMessageContaining("did you mean \"mart\"");
        assertThatThrownBy(() -> select(List.of("tag:nope"), List.of())).hasMessageContaining("matches no model");
    }
}
