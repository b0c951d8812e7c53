package dev.sluice.bench;

import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link Warehouse} that times every session call by kind ({@code describe}, {@code execute: create table},
 * {@code query: select}, ...), to show where a run spends its time besides the models' own SQL.
 * Thread-safe.
 */
final class TimedWarehouse {
    private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    Warehouse wrap(Warehouse warehouse) {
        return proxy(Warehouse.class, warehouse, (proxy, method, args) -> {
            Object result = invoke(warehouse, method, args);
            return method.getName().equals("openSession")
                    ? proxy(WarehouseSession.class, result, timing((WarehouseSession) result)) : result;
        });
    }

    /** Total milliseconds and call count by kind, sorted by kind. */
    Map<String, String> summary() {
        Map<String, String> summary = new TreeMap<>();
        nanos.forEach((kind, total) -> summary.put(kind, "%.1f ms in %d calls".formatted(total.sum() / 1e6,
                calls.get(kind).sum())));
        return summary;
    }

    private InvocationHandler timing(WarehouseSession session) {
        return (proxy, method, args) -> {
            String kind = method.getName();
            if (args != null && args.length > 0 && args[0] instanceof String sql) {
                String[] words = sql.strip().toLowerCase(Locale.ROOT).split("\\s+", 7);
                // "create or replace table analytics.x": per model, so one slow statement shows.
                int shown = words[0].equals("create") && words.length > 4 ? 5 : Math.min(2, words.length);
                kind += ": " + String.join(" ", java.util.Arrays.asList(words).subList(0, shown));
            }
            long start = System.nanoTime();
            try {
                return invoke(session, method, args);
            } finally {
                nanos.computeIfAbsent(kind, key -> new LongAdder()).add(System.nanoTime() - start);
                calls.computeIfAbsent(kind, key -> new LongAdder()).increment();
            }
        };
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
