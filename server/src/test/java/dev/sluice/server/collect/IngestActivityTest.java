package dev.sluice.server.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestActivityTest {
    static final long SECOND = 1_000_000_000L;
    final AtomicLong now = new AtomicLong(1000 * SECOND);
    final IngestActivity activity = new IngestActivity(now::get);

    @Test
    void refusingWhileCapacityRefusalsOutnumberAcceptedRequestsWithinTheWindow() {
        assertThat(activity.state()).isEqualTo(IngestActivity.State.IDLE);
        activity.accepted(null, null, 0);
        activity.refused(null, 1, IngestError.OVERLOADED, 0);
        assertThat(activity.state().refusing()).as("one of two refused").isFalse();

        now.addAndGet(3 * SECOND);
        activity.refused(null, 1, IngestError.UNAVAILABLE, 0);
        assertThat(activity.state()).isEqualTo(new IngestActivity.State(true, 2, 1, IngestError.UNAVAILABLE));

        // A client's own mistakes say nothing about the collector's capacity.
        activity.refused(null, 1, IngestError.INVALID_JSON, 0);
        activity.refused(null, 1, IngestError.REQUEST_TIMEOUT, 0);
        assertThat(activity.state().refusedRequests()).isEqualTo(2);

        now.addAndGet(8 * SECOND); // the first two are out of the window
        assertThat(activity.state()).isEqualTo(new IngestActivity.State(true, 1, 0, IngestError.UNAVAILABLE));
        now.addAndGet(3 * SECOND);
        assertThat(activity.state()).isEqualTo(IngestActivity.State.IDLE);
    }
}
