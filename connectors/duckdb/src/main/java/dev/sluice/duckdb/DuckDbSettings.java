package dev.sluice.duckdb;

import static java.util.Objects.requireNonNull;

import dev.sluice.spi.WarehouseException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings of a {@code duckdb} target, validated.
 *
 * @param file the database file, absolute; empty for an in-memory database
 * @param threads DuckDB's {@code threads} setting, when given
 * @param memoryLimit DuckDB's {@code memory_limit} setting (for example {@code 4GB}), when given
 * @param preserveInsertionOrder DuckDB's {@code preserve_insertion_order} setting, when given: {@code false} lets
 *     DuckDB write a query's rows in any order where it has no ORDER BY (less memory and CPU for large tables)
 * @param disabledCompressionMethods DuckDB's {@code disabled_compression_methods} setting (for example
 *     {@code fsst,dict_fsst}), when given: the methods DuckDB does not use when it writes tables to the file
 * @param schema the default schema, created when missing
 */
record DuckDbSettings(Optional<Path> file, OptionalInt threads, Optional<String> memoryLimit,
        Optional<Boolean> preserveInsertionOrder, Optional<String> disabledCompressionMethods, String schema) {
    static final String IN_MEMORY = ":memory:";
    static final String DEFAULT_SCHEMA = "main";
    /** What a target may set, and what the engine adds ({@code projectDirectory}, {@code projectName}). */
    /** The settings a {@code type: duckdb} target takes in {@code sluice.yml}, besides {@code type}. */
    static final Set<String> NAMES = Set.of("path", "threads", "memory_limit", "preserve_insertion_order",
            "disabled_compression_methods", "schema");
    private static final Set<String> KNOWN = java.util.stream.Stream.concat(NAMES.stream(),
            java.util.stream.Stream.of("type", "projectDirectory", "projectName")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    DuckDbSettings {
        requireNonNull(file, "file is null");
        requireNonNull(threads, "threads is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(preserveInsertionOrder, "preserveInsertionOrder is null");
        requireNonNull(disabledCompressionMethods, "disabledCompressionMethods is null");
        requireNonNull(schema, "schema is null");
    }

    /**
     * Reads {@code path}, {@code threads}, {@code memory_limit}, {@code preserve_insertion_order},
     * {@code disabled_compression_methods} and {@code schema}, refusing any other; a relative
     * {@code path} resolves against {@code projectDirectory} when present, else the working directory.
     *
     * @throws WarehouseException naming the setting that is missing or wrong
     */
    static DuckDbSettings from(Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            // A misspelt setting is not ignored: `shema: x` would otherwise build every model in `main`.
            throw new WarehouseException("duckdb target: unknown setting(s) " + unknown + "; a duckdb target takes "
                    + "path, schema, threads, memory_limit, preserve_insertion_order and disabled_compression_methods");
        }
        String path = settings.get("path");
        if (path == null || path.isBlank()) {
            throw new WarehouseException("duckdb target: setting 'path' is missing; give a database file"
                    + " (relative to the project) or '" + IN_MEMORY + "' for an in-memory database");
        }
        Optional<Path> file = path.strip().equals(IN_MEMORY) ? Optional.empty() : Optional.of(resolve(path, settings));
        String schema = settings.getOrDefault("schema", DEFAULT_SCHEMA);
        if (schema.isBlank()) {
            throw new WarehouseException("duckdb target: setting 'schema' is blank; leave it out to use '"
                    + DEFAULT_SCHEMA + "'");
        }
        return new DuckDbSettings(file, threads(settings.get("threads")),
                Optional.ofNullable(settings.get("memory_limit")).map(String::strip),
                preserveInsertionOrder(settings.get("preserve_insertion_order")),
                Optional.ofNullable(settings.get("disabled_compression_methods")).map(String::strip), schema);
    }

    private static Path resolve(String path, Map<String, String> settings) {
        try {
            Path given = Path.of(path.strip());
            String projectDirectory = settings.get("projectDirectory");
            Path base = projectDirectory == null ? Path.of("") : Path.of(projectDirectory);
            return base.resolve(given).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new WarehouseException("duckdb target: setting 'path' is not a valid file path: " + e.getMessage());
        }
    }

    private static OptionalInt threads(String threads) {
        if (threads == null) {
            return OptionalInt.empty();
        }
        try {
            int count = Integer.parseInt(threads.strip());
            if (count > 0) {
                return OptionalInt.of(count);
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new WarehouseException("duckdb target: setting 'threads' must be a positive whole number, not '"
                + threads + "'");
    }

    private static Optional<Boolean> preserveInsertionOrder(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> throw new WarehouseException("duckdb target: setting 'preserve_insertion_order' must be true or"
                    + " false, not '" + value + "'");
        };
    }

    /** Where the data lives, for messages: the file path or {@code :memory:}. */
    String location() {
        return file.map(Path::toString).orElse(IN_MEMORY);
    }
}
