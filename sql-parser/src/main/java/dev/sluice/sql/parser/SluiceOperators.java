package dev.sluice.sql.parser;

/**
 * The operators Sluice's grammar creates for syntax that Calcite's own operator tables lack. The
 * generated parser binds calls to these instances; the engine's operator table lists them so that
 * validation and type inference know them.
 *
 * <p>Immutable and thread-safe.
 */
public final class SluiceOperators {
    private SluiceOperators() {}
}
