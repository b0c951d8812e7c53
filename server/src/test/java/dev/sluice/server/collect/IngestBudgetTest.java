package dev.sluice.server.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IngestBudgetTest {
    @Test
    void aRequestOverTheRequestBoundIsRefusedUntilOneCloses() {
        IngestBudget budget = new IngestBudget(1000, 2);
        IngestBudget.Lease first = slot(budget);
        IngestBudget.Lease second = slot(budget);

        assertThatThrownBy(() -> slot(budget)).isInstanceOfSatisfying(IngestException.class,
                refused -> assertThat(refused.error()).isEqualTo(IngestError.OVERLOADED))
                .hasMessageContaining("working on 2 requests").hasMessageContaining("max-concurrent-requests = 2");
        first.close();
        first.close(); // idempotent: does not free a second slot
        slot(budget);
        assertThatThrownBy(() -> slot(budget)).isInstanceOf(IngestException.class);
        second.close();
        assertThat(budget.requestsInFlight()).isEqualTo(1);
    }

    @Test
    void requestsStillReceivingTheirBodyHoldNoSlot() {
        IngestBudget budget = new IngestBudget(1000, 1);
        for (int index = 0; index < 50; index++) {
            budget.lease().reserve(1); // fifty slow clients, each with a byte of its body
        }
        assertThat(budget.requestsInFlight()).isZero();
        try (IngestBudget.Lease arrived = budget.lease()) {
            arrived.takeSlot();
            assertThat(budget.requestsInFlight()).isEqualTo(1);
        }
    }

    private static IngestBudget.Lease slot(IngestBudget budget) {
        IngestBudget.Lease lease = budget.lease();
        lease.takeSlot();
        return lease;
    }

    @Test
    void theParsedSizeIsChargedButALoneRequestAlwaysFits() {
        IngestBudget budget = new IngestBudget(1000, 10);
        try (IngestBudget.Lease alone = budget.lease()) {
            alone.reserve(100);
            alone.reserveParsed(100);
            assertThat(budget.reservedBytes()).as("capped at the budget").isEqualTo(1000);
        }
        assertThat(budget.reservedBytes()).isZero();
        try (IngestBudget.Lease one = budget.lease(); IngestBudget.Lease other = budget.lease()) {
            one.reserve(50);
            one.reserveParsed(50);
            assertThat(budget.reservedBytes()).isEqualTo(50 + 50 * IngestBudget.HELD_PER_BODY_BYTE);
            other.reserve(100);
            assertThatThrownBy(() -> other.reserveParsed(100)).isInstanceOf(IngestException.class)
                    .hasMessageContaining("max-buffered-bytes = 1000");
        }
        assertThat(budget.reservedBytes()).isZero();
    }
}
