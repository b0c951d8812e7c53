package dev.sluice.server.schedule;

import java.util.List;
import java.util.Optional;

/** Every {@link JobKind} a schedule may use. Thread-safe (immutable). */
public final class JobKinds {
    /** In the order error messages list them. */
    public static final List<JobKind> ALL = List.of(new RunModelsJob(), new LoadEventsJob(), new SyncJob(),
            new ExtractJob());

    private JobKinds() {}

    public static Optional<JobKind> byKey(String key) {
        return ALL.stream().filter(kind -> kind.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return ALL.stream().map(JobKind::key).toList();
    }
}
