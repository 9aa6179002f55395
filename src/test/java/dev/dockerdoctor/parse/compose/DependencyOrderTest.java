package dev.dockerdoctor.parse.compose;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DependencyOrderTest {

    @Test
    void shouldPutDependenciesFirstAndKeepFileOrderOtherwise() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("web", List.of("db", "cache"));
        deps.put("worker", List.of("db"));
        deps.put("cache", List.of());
        deps.put("db", List.of());
        assertThat(DependencyOrder.order(deps)).containsExactly("cache", "db", "web", "worker");
    }

    @Test
    void shouldSurviveCyclesAndUnknownDependencies() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("a", List.of("b"));
        deps.put("b", List.of("c"));
        deps.put("c", List.of("a", "ghost"));
        deps.put("d", List.of("a"));
        deps.put("e", List.of());
        List<String> order = DependencyOrder.order(deps);
        assertThat(order).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(order.indexOf("d")).isGreaterThan(order.indexOf("a"));
        assertThat(DependencyOrder.findCycle(deps)).contains(List.of("a", "b", "c", "a"));
    }

    @Test
    void shouldFindSelfDependencyAndNoCycleInADag() {
        assertThat(DependencyOrder.findCycle(Map.of("s", List.of("s")))).contains(List.of("s", "s"));
        Map<String, List<String>> dag = new LinkedHashMap<>();
        dag.put("a", List.of("b", "c"));
        dag.put("b", List.of("c"));
        dag.put("c", List.of());
        assertThat(DependencyOrder.findCycle(dag)).isEmpty();
    }

    @Test
    void shouldHandleALongChainWithoutOverflowingTheStack() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        int n = 50_000;
        for (int i = 0; i < n; i++) deps.put("s" + i, i + 1 < n ? List.of("s" + (i + 1)) : List.of());
        List<String> order = DependencyOrder.order(deps);
        assertThat(order.get(0)).isEqualTo("s" + (n - 1));
        assertThat(DependencyOrder.findCycle(deps)).isEmpty();
    }
}
