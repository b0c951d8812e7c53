package dev.sluice.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.engine.template.FamilyMember;
import dev.sluice.engine.template.FamilySpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FamilyNamesTest {
    private static FamilyNames.Members members(List<String> values, int limit, Set<String> taken, Set<String> existing) {
        return FamilyNames.members("event_tables", new FamilySpec(values, limit, "", 1, 1), taken, existing::contains);
    }

    @Test
    void namesAsRudderStackDoesAndNeverTakesAnotherModelsName() {
        FamilyNames.Members members = members(List.of("Order Completed", "productViewed", "1st Purchase", "select",
                "tracks", "_tracks", "Ünïcode ✓"), 200, Set.of("tracks", "pages", "__tracks"), Set.of());
        assertThat(members.kept()).extracting(FamilyMember::name).containsExactly("_1st_purchase", "_select", "_tracks",
                "n_code", "order_completed", "product_viewed");
        // "tracks" and "_tracks" both snake_case to tracks, which the tracks model has: one member, _tracks.
        assertThat(members.kept().get(2).values()).containsExactly("_tracks", "tracks");
        assertThat(members.leftOut()).isEmpty();
    }

    @Test
    void valuesWithOneNameAreOneMemberWhateverTheirOrder() {
        List<FamilyMember> forward = members(List.of("Order Completed", "order_completed", "ORDER-completed"), 200,
                Set.of(), Set.of()).kept();
        List<FamilyMember> backward = members(List.of("ORDER-completed", "order_completed", "Order Completed"), 200,
                Set.of(), Set.of()).kept();
        assertThat(forward).isEqualTo(backward).singleElement().satisfies(member -> {
            assertThat(member.name()).isEqualTo("order_completed");
            assertThat(member.values()).containsExactly("ORDER-completed", "Order Completed", "order_completed");
        });
    }

    @Test
    void overTheLimitTablesThatExistAreKeptFirst() {
        FamilyNames.Members members = members(List.of("a", "b", "c", "d"), 2, Set.of(), Set.of("d"));
        assertThat(members.kept()).extracting(FamilyMember::name).containsExactly("a", "d");
        assertThat(members.leftOut()).extracting(FamilyMember::name).containsExactly("b", "c");
    }
}
