package dev.sluice.engine.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a task per node of a {@link ModelGraph}, a node only after all its parents among the
 * selected nodes succeeded, up to {@code threads} at once. When a task fails, its descendants are
 * skipped and every unrelated node still runs.
 *
 * <p>Thread-safe: each {@link #execute} call uses its own threads (with one thread, the caller's). The
 * task is called from those threads, at most once per node.
 */
public final class DagExecutor {
    private DagExecutor() {}

    /** The work for one node. Throwing marks the node failed and its descendants skipped. */
    @FunctionalInterface
    public interface Task<R> {
        R run(String node) throws Exception;
    }

    /** What happened to a node: its result, or the failure, or the failed ancestor that skipped it. */
    public record Outcome<R>(String node, Status status, R result, Throwable failure, String skippedBecauseOf) {}

    public enum Status {
        SUCCESS,
        FAILED,
        SKIPPED
    }

    /**
     * @param selected the nodes to run; parents outside it are taken as already built
     * @return one outcome per selected node, in the order they finished (skipped ones when decided)
     */
    public static <R> Map<String, Outcome<R>> execute(ModelGraph graph, Set<String> selected, int threads, Task<R> task)
            throws InterruptedException {
        Map<String, Outcome<R>> outcomes = new LinkedHashMap<>();
        Map<String, Integer> waiting = new HashMap<>();
        for (String node : selected) {
            waiting.put(node, (int) graph.parents(node).stream().filter(selected::contains).count());
        }
        if (threads <= 1) {
            return executeHere(graph, selected, task, outcomes, waiting);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "sluice-worker");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Outcome<R>> completions = new ExecutorCompletionService<>(pool);
        int running = 0;
        try {
            for (String node : graph.topologicalOrder()) {
                if (waiting.get(node) != null && waiting.get(node) == 0) {
                    submit(completions, task, node);
                    running++;
                }
            }
            while (running > 0) {
                Future<Outcome<R>> done = completions.take();
                running--;
                for (String child : settle(graph, selected, get(done), outcomes, waiting)) {
                    submit(completions, task, child);
                    running++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /**
     * One thread: the nodes run on the caller's thread, in the order a single worker would take them
     * (ready nodes first come, first served). Handing each node to a pool thread and its outcome back
     * cost more than a small model's work.
     */
    private static <R> Map<String, Outcome<R>> executeHere(ModelGraph graph, Set<String> selected, Task<R> task,
            Map<String, Outcome<R>> outcomes, Map<String, Integer> waiting) throws InterruptedException {
        Deque<String> ready = new ArrayDeque<>();
        for (String node : graph.topologicalOrder()) {
            if (waiting.get(node) != null && waiting.get(node) == 0) {
                ready.add(node);
            }
        }
        while (!ready.isEmpty()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted with " + ready.size() + " nodes ready to run");
            }
            ready.addAll(settle(graph, selected, run(task, ready.poll()), outcomes, waiting));
        }
        return outcomes;
    }

    /**
     * Records a finished node's outcome: its selected children are skipped when it did not succeed, and
     * otherwise counted down. Returns the children that became ready to run.
     */
    private static <R> List<String> settle(ModelGraph graph, Set<String> selected, Outcome<R> outcome,
            Map<String, Outcome<R>> outcomes, Map<String, Integer> waiting) {
        outcomes.put(outcome.node(), outcome);
        List<String> ready = new ArrayList<>();
        for (String child : graph.children(outcome.node())) {
            if (!waiting.containsKey(child) || outcomes.containsKey(child)) {
                continue;
            }
            if (outcome.status() != Status.SUCCESS) {
                skip(graph, selected, child, outcome.status() == Status.FAILED ? outcome.node()
                        : outcome.skippedBecauseOf(), outcomes);
            } else if (waiting.merge(child, -1, Integer::sum) == 0) {
                ready.add(child);
            }
        }
        return ready;
    }

    private static <R> void skip(ModelGraph graph, Set<String> selected, String node, String cause,
            Map<String, Outcome<R>> outcomes) {
        if (outcomes.putIfAbsent(node, new Outcome<>(node, Status.SKIPPED, null, null, cause)) == null) {
            graph.children(node).stream().filter(selected::contains)
                    .forEach(child -> skip(graph, selected, child, cause, outcomes));
        }
    }

    private static <R> void submit(CompletionService<Outcome<R>> completions, Task<R> task, String node) {
        completions.submit(() -> run(task, node));
    }

    private static <R> Outcome<R> run(Task<R> task, String node) {
        try {
            return new Outcome<>(node, Status.SUCCESS, task.run(node), null, null);
        } catch (Exception | Error e) {
            return new Outcome<>(node, Status.FAILED, null, e, null);
        }
    }

    private static <R> Outcome<R> get(Future<Outcome<R>> done) throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a task escaped its own error handling", e.getCause());
        }
    }
}
