package dev.sluice.bench.collector;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load generator saw in one phase. Latencies are of 200 answers, in milliseconds, from
 * the moment a request was due to its answer. Immutable.
 *
 * @param seconds the phase's length
 * @param statuses answers by HTTP status within the phase; -1 for a failed exchange (no answer)
 * @param late answers by status that arrived after the phase ended (not in the rate or latencies)
 * @param skipped requests a fixed-rate phase did not send because the generator's bound was reached
 * @param firstFailure the first failed exchange's error, or {@code null}
 * @param failedMillis when failed exchanges failed, from when they were due, sorted (to tell a
 *     server-side timeout, which fails at a fixed age, from a refusal, which fails at once)
 */
record PhaseResult(double seconds, Map<Integer, Long> statuses, Map<Integer, Long> late, long skipped,
        double[] acceptedMillis, String firstFailure, double[] failedMillis) {

    long answers() {
        return statuses.values().stream().mapToLong(Long::longValue).sum();
    }

    long count(int status) {
        return statuses.getOrDefault(status, 0L);
    }

    /** Answers with {@code status}, within the phase and after it. */
    long countWithLate(int status) {
        return count(status) + late.getOrDefault(status, 0L);
    }

    /** Accepted (200) events per second within the phase. */
    double acceptedEventsPerSecond() {
        return count(200) * BatchBodies.EVENTS / seconds;
    }

    /** Share of the answers with a 429 or 503 status, late ones included. */
    double overloadShare() {
        long all = answers() + late.values().stream().mapToLong(Long::longValue).sum();
        long refused = count(429) + count(503) + late.getOrDefault(429, 0L) + late.getOrDefault(503, 0L);
        return all == 0 ? 0 : (double) refused / all;
    }

    double percentile(double fraction) {
        if (acceptedMillis.length == 0) {
            return Double.NaN;
        }
        return acceptedMillis[Math.min(acceptedMillis.length - 1, (int) Math.ceil(fraction * acceptedMillis.length) - 1)];
    }

    String statusSummary() {
        StringBuilder text = new StringBuilder();
        statuses.forEach((status, count) -> text.append(text.length() == 0 ? "" : ", ")
                .append(status == -1 ? "failed" : status).append(": ").append(count));
        if (!late.isEmpty()) {
            text.append("; after the window ").append(late);
        }
        if (skipped > 0) {
            text.append("; not sent (generator bound) ").append(skipped);
        }
        if (firstFailure != null) {
            text.append("; first failure: ").append(firstFailure);
        }
        if (failedMillis.length > 0) {
            text.append("; failed %.1f s to %.1f s (median %.1f s) after they were due".formatted(failedMillis[0] / 1000,
                    failedMillis[failedMillis.length - 1] / 1000, failedMillis[failedMillis.length / 2] / 1000));
        }
        return text.toString();
    }

    /** Collects one phase's answers. Thread-safe: answers arrive on the HTTP client's threads. */
    static final class Recorder {
        private final Map<Integer, Long> statuses = new TreeMap<>();
        private final Map<Integer, Long> late = new TreeMap<>();
        private double[] millis = new double[4096];
        private int size;
        private double[] failed = new double[16];
        private int failedSize;
        private boolean closed;
        private String firstFailure;

        synchronized void record(int status, long nanos, Throwable failure) {
            if (failure != null && firstFailure == null) {
                firstFailure = String.valueOf(failure.getCause() == null ? failure : failure.getCause());
            }
            if (closed) {
                late(status, nanos);
                return;
            }
            statuses.merge(status, 1L, Long::sum);
            if (status == -1) {
                failedAt(nanos);
            }
            if (status == 200) {
                if (size == millis.length) {
                    millis = Arrays.copyOf(millis, size * 2);
                }
                millis[size++] = nanos / 1e6;
            }
        }

        synchronized void late(int status, long nanos) {
            late.merge(status, 1L, Long::sum);
            if (status == -1) {
                failedAt(nanos);
            }
        }

        private void failedAt(long nanos) {
            if (failedSize == failed.length) {
                failed = Arrays.copyOf(failed, failedSize * 2);
            }
            failed[failedSize++] = nanos / 1e6;
        }

        /** The result so far; later answers count as late. */
        synchronized PhaseResult result(double seconds, long skipped) {
            closed = true;
            double[] sorted = Arrays.copyOf(millis, size);
            Arrays.sort(sorted);
            double[] failures = Arrays.copyOf(failed, failedSize);
            Arrays.sort(failures);
            return new PhaseResult(seconds, new TreeMap<>(statuses), new TreeMap<>(late), skipped, sorted, firstFailure,
                    failures);
        }
    }
}
