package dev.sluice.engine.sync;

import static dev.sluice.engine.model.Identifiers.relation;

import dev.sluice.engine.sync.delivery.RequestJournal;
import dev.sluice.spi.Warehouse;
import dev.sluice.spi.WarehouseSession;
import dev.sluice.spi.destination.DestinationRecord;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@code insert} sync's notes of the rows on the wire, in {@code sluice.sync_sending__NAME}: right
 * before a request goes out its rows are noted {@code sending}; when the destination does not take
 * them (it refused the request, answered them refused or failed, or could not be reached) they are
 * noted {@code refused} for that request. A row is thus in flight only while a request holding it is
 * on the wire or got no answer: never while its batch waits for the rate limit, a {@code Retry-After}
 * or a backoff. The notes of a batch are deleted in the transaction that commits its results
 * ({@link SyncCommitter#commit}); what a killed run left is settled by {@link
 * SyncCommitter#recoverInterrupted}.
 *
 * <p>Writes through a session of its own, so that workers note requests while the run's coordinating
 * thread commits through its session; the notes only ever grow here, and only the committer deletes
 * them. Thread-safe: the session is used under this object's lock.
 */
final class SyncJournal implements AutoCloseable {
    static final String SENDING = "sending";
    static final String REFUSED = "refused";
    private final WarehouseSession session;
    private final SyncTables tables;
    private final AtomicLong requests = new AtomicLong();

    SyncJournal(Warehouse warehouse, SyncTables tables) {
        this.session = warehouse.openSession();
        this.tables = tables;
    }

    /** The journal of one batch, which knows its rows' fingerprints. */
    RequestJournal batch(int batchNo, List<SyncRow> rows) {
        Map<String, SyncRow> byKey = new HashMap<>();
        rows.forEach(row -> byKey.put(row.key(), row));
        return new RequestJournal() {
            @Override
            public long sending(List<DestinationRecord> records) {
                long request = requests.incrementAndGet();
                note(batchNo, request, records, byKey, SENDING);
                return request;
            }

            @Override
            public void notTaken(long request, List<DestinationRecord> records) {
                note(batchNo, request, records, byKey, REFUSED);
            }
        };
    }

    /** Appends and commits the notes. Takes this object's lock. */
    private synchronized void note(int batchNo, long request, List<DestinationRecord> records,
            Map<String, SyncRow> rows, String status) {
        LocalDateTime now = SyncCommitter.now();
        session.append(tables.sending(), records.stream().map(record -> Arrays.<Object>asList(batchNo, request,
                record.key(), rows.get(record.key()).fingerprint(), SyncCommitter.operation(rows.get(record.key())),
                status, now)).iterator());
    }

    /**
     * The query of rows a killed run may have delivered: noted {@code sending} by a request and never
     * noted {@code refused} by it. Columns: row_key, fingerprint, operation, recorded_at.
     */
    static String inFlight(SyncTables tables) {
        String sending = relation(tables.sending());
        return "select s.row_key, max(s.fingerprint) as fingerprint, max(s.operation) as operation,"
                + " max(s.recorded_at) as recorded_at from " + sending + " s where s.status = '" + SENDING + "' and"
                + " not exists (select 1 from " + sending + " r where r.status = '" + REFUSED + "' and r.request ="
                + " s.request and r.row_key = s.row_key) group by s.row_key";
    }

    /** Takes this object's lock. */
    @Override
    public synchronized void close() {
        session.close();
    }
}
