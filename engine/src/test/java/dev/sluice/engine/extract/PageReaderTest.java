package dev.sluice.engine.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.spi.source.Source;
import dev.sluice.spi.source.SourceException;
import dev.sluice.spi.source.SourcePage;
import dev.sluice.spi.source.SourceRecord;
import dev.sluice.spi.source.SourceState;
import dev.sluice.spi.source.SourceStream;
import dev.sluice.spi.source.SourceSyncMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The read-ahead between a source and the writer: its bounds, its order and its failures. */
class PageReaderTest {
    private static final SourceStream STREAM = new SourceStream("items", List.of(), List.of(), Optional.empty());

    @Test
    void readsAheadUpToTheBoundAndOnOnlyAsPagesAreTaken() throws Exception {
        CountingSource source = new CountingSource(1_000, 100, -1);
        try (PageReader reader = new PageReader(source, STREAM, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY, "test")) {
            source.awaitReads(PageReader.MAX_AHEAD_PAGES);
            assertThat(source.readsAfterAWhile()).isEqualTo(PageReader.MAX_AHEAD_PAGES);
            assertThat(reader.poll(Long.MAX_VALUE).state().get("page")).contains("1");
            source.awaitReads(PageReader.MAX_AHEAD_PAGES + 1);
            assertThat(source.readsAfterAWhile()).isEqualTo(PageReader.MAX_AHEAD_PAGES + 1);
            for (int page = 2; page <= 100; page++) {
                SourcePage read = reader.poll(Long.MAX_VALUE);
                assertThat(read.state().get("page")).contains(String.valueOf(page));
                assertThat(read.last()).isEqualTo(page == 100);
            }
        }
        assertThat(source.reads()).isEqualTo(100);
    }

    @Test
    void largePagesAreReadOnlyOneAhead() throws Exception {
        CountingSource source = new CountingSource((int) PageReader.MAX_AHEAD_RECORDS, 10, -1);
        try (PageReader reader = new PageReader(source, STREAM, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY, "test")) {
            source.awaitReads(1);
            assertThat(source.readsAfterAWhile()).isEqualTo(1);
            reader.poll(Long.MAX_VALUE);
            source.awaitReads(2);
            assertThat(source.readsAfterAWhile()).isEqualTo(2);
        }
    }

    @Test
    void theFailureComesAfterThePagesReadBeforeIt() throws Exception {
        CountingSource source = new CountingSource(10, 100, 3);
        try (PageReader reader = new PageReader(source, STREAM, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY, "test")) {
            assertThat(reader.poll(Long.MAX_VALUE).state().get("page")).contains("1");
            assertThat(reader.poll(Long.MAX_VALUE).state().get("page")).contains("2");
            assertThatThrownBy(() -> reader.poll(Long.MAX_VALUE)).isInstanceOf(SourceException.class)
                    .hasMessageContaining("page 3 refused");
        }
        assertThat(source.reads()).isEqualTo(3);
    }

    @Test
    void pollReadyTakesOnlyPagesAlreadyReadAndLeavesTheFailureToPoll() throws Exception {
        CountingSource source = new CountingSource(10, 100, 3);
        try (PageReader reader = new PageReader(source, STREAM, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY, "test")) {
            source.awaitReads(3);
            assertThat(reader.pollReady().state().get("page")).contains("1");
            assertThat(reader.pollReady().state().get("page")).contains("2");
            assertThat(reader.pollReady()).isNull();
            assertThatThrownBy(() -> reader.poll(Long.MAX_VALUE)).hasMessageContaining("page 3 refused");
        }
    }

    @Test
    void aPageNotThereYetIsNullAndClosingStopsTheReader() throws Exception {
        CountingSource source = new CountingSource(10, 100, -1);
        source.hold();
        PageReader reader = new PageReader(source, STREAM, SourceSyncMode.FULL_REFRESH, SourceState.EMPTY, "test");
        assertThat(reader.poll(10)).isNull();
        reader.close();
        assertThat(source.readsAfterAWhile()).isZero();
    }

    /**
     * Pages of {@code size} records, {@code pages} in all, the state naming the page; page {@code failing} (from 1)
     * throws. Counts its reads; {@link #hold} makes reads wait until the reading thread is interrupted.
     */
    private static final class CountingSource implements Source {
        private final int size;
        private final int pages;
        private final int failing;
        private final Semaphore reads = new Semaphore(0);
        private volatile int count;
        private volatile boolean held;

        CountingSource(int size, int pages, int failing) {
            this.size = size;
            this.pages = pages;
            this.failing = failing;
        }

        void hold() {
            held = true;
        }

        @Override
        public List<SourceStream> streams() {
            return List.of(STREAM);
        }

        @Override
        public SourcePage read(SourceStream stream, SourceSyncMode mode, SourceState state) {
            if (held) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    throw new SourceException("interrupted", null, 0, e);
                }
            }
            int page = Integer.parseInt(state.get("page").orElse("0")) + 1;
            count++;
            reads.release();
            if (page == failing) {
                throw new SourceException("page " + page + " refused", null, 500, null);
            }
            List<SourceRecord> records = new ArrayList<>(size);
            SourceRecord record = new SourceRecord(Collections.emptyList(), "{}");
            for (int i = 0; i < size; i++) {
                records.add(record);
            }
            return new SourcePage(records, SourceState.EMPTY.with("page", String.valueOf(page)), page == pages);
        }

        int reads() {
            return count;
        }

        void awaitReads(int atLeast) throws InterruptedException {
            while (count < atLeast) {
                reads.tryAcquire(1, TimeUnit.SECONDS);
            }
        }

        /** The reads once the reader had time to go on, if it would (it must not). */
        int readsAfterAWhile() throws InterruptedException {
            Thread.sleep(200);
            return count;
        }
    }
}
