package dev.sluice.engine.template;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a model file's {@code <@family .../>} directive declared: the file stands for a family of
 * models, one per distinct value, found when the project compiles. Immutable.
 *
 * @param values the values found, in the order the template gave them; may repeat
 * @param limit the most members the family may have; the rest are left out with a warning
 * @param prefix put before each value when its member's name is made
 * @param line the directive's line in the model file, for messages
 * @param column the directive's column in the model file, for messages
 */
public record FamilySpec(List<String> values, int limit, String prefix, int line, int column) {
    /** The member cap when the directive gives no {@code limit}. */
    public static final int DEFAULT_LIMIT = 200;

    public FamilySpec {
        values = List.copyOf(values);
        requireNonNull(prefix, "prefix is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
