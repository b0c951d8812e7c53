package dev.sluice.server.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path directory;

    @Test
    void recordsAppendedConcurrentlyAreReadBackInOffsetOrderAfterReopening() throws Exception {
        List<CompletableFuture<Long>> acknowledged = new ArrayList<>();
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<CompletableFuture<CompletableFuture<Long>>> submitted = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String payload = "record-" + i;
                submitted.add(CompletableFuture.supplyAsync(() -> spool.append(payload.getBytes(UTF_8)), pool));
            }
            for (CompletableFuture<CompletableFuture<Long>> future : submitted) {
                acknowledged.add(future.get());
            }
            for (CompletableFuture<Long> future : acknowledged) {
                assertThat(future.get()).isLessThanOrEqualTo(spool.durableOffset());
            }
            pool.shutdown();
        }
        try (Spool reopened = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            List<SpoolRecord> records = reopened.read(0, Long.MAX_VALUE);
            assertThat(records).hasSize(400);
            assertThat(records.stream().map(record -> new String(record.payload(), UTF_8)).distinct()).hasSize(400);
            for (int i = 1; i < records.size(); i++) {
                assertThat(records.get(i).offset()).isEqualTo(records.get(i - 1).endOffset());
            }
            assertThat(reopened.durableOffset()).isEqualTo(records.get(399).endOffset());
        }
    }

    @Test
    void readingCrossesSegmentsAndTrimDeletesOnlyLoadedSegments() {
        try (Spool spool = Spool.open(directory, 100)) {
            for (int i = 0; i < 10; i++) {
                spool.append(("payload number " + i + " padded to forty bytes..").getBytes(UTF_8)).join();
            }
            List<SpoolRecord> all = spool.read(0, Long.MAX_VALUE);
            assertThat(all).hasSize(10);
            assertThat(segmentFiles()).hasSizeGreaterThan(3);

            List<SpoolRecord> oneRecord = spool.read(0, 1);
            assertThat(oneRecord).hasSize(1);
            List<SpoolRecord> rest = spool.read(all.get(4).offset(), Long.MAX_VALUE);
            assertThat(rest).extracting(record -> new String(record.payload(), UTF_8))
                    .first().asString().startsWith("payload number 4");

            spool.trim(all.get(9).endOffset());
            assertThat(segmentFiles()).hasSize(1);
            assertThat(spool.read(all.get(9).endOffset(), Long.MAX_VALUE)).isEmpty();
            spool.append("after trim".getBytes(UTF_8)).join();
            assertThat(spool.read(all.get(9).endOffset(), Long.MAX_VALUE)).extracting(record -> new String(record.payload(), UTF_8))
                    .containsExactly("after trim");
        }
    }

    @Test
    void aTornTailIsCutOffOnOpenAndAppendsContinueAfterTheLastIntactRecord() throws IOException {
        long intactEnd;
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            spool.append("first".getBytes(UTF_8)).join();
            intactEnd = spool.append("second".getBytes(UTF_8)).join();
        }
        Path segment = segmentFiles().get(0);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // A header announcing 100 bytes, then only 10 of them: a write torn by a crash.
            ByteBuffer torn = ByteBuffer.allocate(18).putInt(100).putInt(12345).put(new byte[10]);
            channel.write(torn.flip());
        }
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            assertThat(Files.size(segment)).isEqualTo(intactEnd);
            assertThat(spool.durableOffset()).isEqualTo(intactEnd);
            spool.append("third".getBytes(UTF_8)).join();
            assertThat(spool.read(0, Long.MAX_VALUE)).extracting(record -> new String(record.payload(), UTF_8))
                    .containsExactly("first", "second", "third");
        }
    }

    @Test
    void aRecordWithAFlippedByteFailsItsChecksumAndIsCutOffWithEverythingAfterIt() throws IOException {
        long firstEnd;
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            firstEnd = spool.append("first".getBytes(UTF_8)).join();
            spool.append("second".getBytes(UTF_8)).join();
        }
        Path segment = segmentFiles().get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(segment, bytes);
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            assertThat(spool.durableOffset()).isEqualTo(firstEnd);
            assertThat(spool.read(0, Long.MAX_VALUE)).extracting(record -> new String(record.payload(), UTF_8))
                    .containsExactly("first");
        }
    }

    @Test
    void appendsAfterCloseFailInsteadOfBeingLost() {
        Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES);
        spool.close();
        assertThatThrownBy(() -> spool.append("late".getBytes(UTF_8)).join())
                .hasCauseInstanceOf(SpoolException.class).hasMessageContaining("closed");
    }

    @Test
    void theSpoolKeepsItsIdentityAcrossRestarts() {
        String id;
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            id = spool.id();
        }
        try (Spool spool = Spool.open(directory, Spool.DEFAULT_SEGMENT_BYTES)) {
            assertThat(spool.id()).isEqualTo(id).isNotBlank();
        }
    }

    private List<Path> segmentFiles() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".seg")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
