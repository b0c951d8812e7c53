package dev.sluice.engine;

/** The category of a problem Sluice reports; printed with the message so users can search for it. */
public enum ErrorCode {
    PROJECT_CONFIG,
    DUPLICATE_MODEL,
    TEMPLATE,
    UNKNOWN_REF,
    UNKNOWN_SOURCE,
    UNDECLARED_TABLE,
    CYCLE,
    SQL_SYNTAX,
    UNKNOWN_TABLE,
    UNKNOWN_COLUMN,
    INVALID_SQL,
    NOT_VALIDATED,
    SELECTOR,
    SEED,
    MATERIALIZE,
    WAREHOUSE,
    TRANSFORMATION,
    EXTRACT
}
