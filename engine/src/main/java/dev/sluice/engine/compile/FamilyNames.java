package dev.sluice.engine.compile;

import dev.sluice.engine.template.FamilyMember;
import dev.sluice.engine.template.FamilySpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Names a family's members, the way RudderStack names its per-event tables: the prefix and value
 * snake_cased ({@code "Order Completed"} becomes {@code order_completed}); a reserved word or a
 * leading digit gets a leading {@code _}; a name another model already has gets leading {@code _}
 * until it is free ({@code tracks} becomes {@code _tracks}). Values whose names come out equal are
 * one member that stands for all of them. The result does not depend on the values' order.
 * Stateless.
 */
final class FamilyNames {
    private FamilyNames() {}

    /**
     * @param kept the members to build, in name order
     * @param leftOut the members over the limit
     */
    record Members(List<FamilyMember> kept, List<FamilyMember> leftOut) {}

    /**
     * @param taken names of the project's other models; not changed
     * @param exists whether a member's table exists already: over the limit, existing members are
     *     kept first, so that a new value never pushes out a table that is built today
     */
    static Members members(String family, FamilySpec spec, Set<String> taken, Predicate<String> exists) {
        Map<String, Set<String>> valuesByBase = new TreeMap<>();
        spec.values().forEach(value -> valuesByBase.computeIfAbsent(JsonFields.snakeCase(spec.prefix() + value),
                base -> new TreeSet<>()).add(value));
        Set<String> used = new TreeSet<>(taken);
        List<FamilyMember> all = new ArrayList<>();
        valuesByBase.forEach((base, values) -> {
            String name = base;
            while (used.contains(name)) {
                name = "_" + name;
            }
            used.add(name);
            all.add(new FamilyMember(family, name, List.copyOf(values)));
        });
        all.sort(Comparator.comparing(FamilyMember::name));
        if (all.size() <= spec.limit()) {
            return new Members(all, List.of());
        }
        List<FamilyMember> ordered = new ArrayList<>(all);
        ordered.sort(Comparator.comparing((FamilyMember member) -> !exists.test(member.name())));
        List<FamilyMember> kept = new ArrayList<>(ordered.subList(0, spec.limit()));
        kept.sort(Comparator.comparing(FamilyMember::name));
        // ordered.sort is stable: the left-out members stay in name order.
        return new Members(kept, ordered.subList(spec.limit(), ordered.size()));
    }
}
