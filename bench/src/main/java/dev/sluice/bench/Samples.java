package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;

/** Values measured for one case: durations in milliseconds (or ratios of them). Not thread-safe. */
final class Samples {
    private final List<Double> millis = new ArrayList<>();

    /** Times {@code work} with {@link System#nanoTime()} and keeps the result. */
    <T> T time(ThrowingSupplier<T> work) throws Exception {
        long start = System.nanoTime();
        T result = work.get();
        add((System.nanoTime() - start) / 1e6);
        return result;
    }

    void add(double elapsedMillis) {
        millis.add(elapsedMillis);
    }

    double median() {
        List<Double> sorted = millis.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return millis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    double max() {
        return millis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    double last() {
        return millis.get(millis.size() - 1);
    }

    int count() {
        return millis.size();
    }

    /** For example {@code median 1234 ms (min 1200, max 1300, n=5)}. */
    String summary() {
        return "median %.0f ms (min %.0f, max %.0f, n=%d)".formatted(median(), min(), max(), count());
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
