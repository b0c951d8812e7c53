package dev.sluice.engine.sync.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private long now;
    private final List<Duration> sleeps = new ArrayList<>();
    private final Pause pause = duration -> {
        sleeps.add(duration);
        now += duration.toNanos();
    };

    @Test
    void aFullBucketPassesABurstThenPacesRequests() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(4, () -> now, pause);
        for (int i = 0; i < 6; i++) {
            bucket.acquire();
        }
        assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
        now += Duration.ofSeconds(10).toNanos();
        sleeps.clear();
        for (int i = 0; i < 4; i++) {
            bucket.acquire();
        }
        assertThat(sleeps).as("the bucket refills only up to its burst").isEmpty();
        bucket.acquire();
        assertThat(sleeps).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void aHoldStopsEvenAnUnlimitedBucket() throws InterruptedException {
        TokenBucket bucket = new TokenBucket(0, () -> now, pause);
        bucket.acquire();
        bucket.hold(Duration.ofSeconds(3));
        bucket.acquire();
        bucket.acquire();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void backoffDoublesUpToItsCeilingWithJitter() {
        Backoff top = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.999_999);
        assertThat(List.of(top.delay(1), top.delay(2), top.delay(3), top.delay(4), top.delay(5), top.delay(40)))
                .extracting(Duration::toMillis).containsExactly(99L, 199L, 399L, 799L, 999L, 999L);
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0).delay(3)).isZero();
    }
}
