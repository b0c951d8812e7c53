package dev.sluice.engine.template;

import static java.util.Objects.requireNonNull;

import dev.sluice.engine.model.SqlLiterals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One model of a family: the family file rendered with {@code member} bound to this. Immutable.
 *
 * @param family the family's name, the stem of the file that declares it
 * @param name the member's model name
 * @param values the values this member stands for, sorted; several when their names collide
 *     (as RudderStack writes {@code "Order Completed"} and {@code "order_completed"} to one table)
 */
public record FamilyMember(String family, String name, List<String> values) {
    public FamilyMember {
        requireNonNull(family, "family is null");
        requireNonNull(name, "name is null");
        values = List.copyOf(values);
    }

    /** Stands in for the members while the family file itself is rendered: no values, matches nothing. */
    public static FamilyMember placeholder(String family) {
        return new FamilyMember(family, family, List.of());
    }

    /**
     * What templates see as {@code member}: {@code name}, {@code family}, {@code value} (the first
     * value), {@code values}, and {@code sql_values}, the values as comma-separated SQL string
     * literals for {@code in (...)} ({@code NULL} when there are none, so it matches no row).
     */
    Map<String, Object> asTemplateValue() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", name);
        value.put("family", family);
        value.put("value", values.isEmpty() ? "" : values.get(0));
        value.put("values", values);
        value.put("sql_values", values.isEmpty() ? "NULL"
                : values.stream().map(SqlLiterals::text).collect(Collectors.joining(", ")));
        return value;
    }
}
