package dev.sluice.engine.sql;

import java.util.List;

/**
 * A query translated to another dialect, or the reasons it was not: never both. Immutable.
 *
 * @param sql the translated query; {@code null} when anything was refused
 * @param refusals every construct that could not be translated, in order of appearance; empty when translated
 */
public record DialectTranslation(String sql, List<TranslationRefusal> refusals) {
    public DialectTranslation {
        refusals = List.copyOf(refusals);
        if ((sql == null) == refusals.isEmpty()) {
            throw new IllegalArgumentException("a translation has either SQL or refusals");
        }
    }

    public boolean translated() {
        return sql != null;
    }
}
