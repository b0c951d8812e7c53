package dev.sluice.engine.compile;

/** A {@code source("name", "table")} call. */
public record SourceRef(String source, String table) {
    @Override
    public String toString() {
        return "source(\"" + source + "\", \"" + table + "\")";
    }
}
