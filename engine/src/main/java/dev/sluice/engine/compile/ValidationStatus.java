package dev.sluice.engine.compile;

/** How well Sluice understood a model before running it. */
public enum ValidationStatus {
    /** Parsed and validated: every relation, column and type checked; output columns known. */
    VALIDATED,
    /** Parsed, relations checked, but not validated (an unsupported function, or upstream columns unknown). */
    PARSED,
    /** Sluice's parser could not read it; relations checked with the warehouse's own parser. */
    FALLBACK,
    /** It has errors and will not run. */
    FAILED,
    /**
     * Discovered (config, refs, fingerprint) but deliberately not compiled: a run or listing of selected models
     * compiles only those (see {@link Compiler#compile(DiscoveredProject, WarehouseAccess, CompileOptions, java.util.Set)}).
     */
    NOT_COMPILED
}
