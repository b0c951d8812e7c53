package dev.sluice.spi.destination;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a sync keeps a destination up to date, as written in {@code syncs/*.yml}. Each mode needs a
 * set of {@linkplain DestinationOperation operations}; a destination supports the mode when its
 * {@linkplain DestinationCapabilities#operations() capabilities} include them all.
 */
public enum DestinationMode {
    /** Rows new to the model are inserted; changed and removed rows are left alone. */
    INSERT(EnumSet.of(DestinationOperation.INSERT)),
    /** New and changed rows update objects the destination already holds. */
    UPDATE(EnumSet.of(DestinationOperation.UPDATE)),
    /** New and changed rows are created or updated by key. */
    UPSERT(EnumSet.of(DestinationOperation.UPSERT)),
    /** Like {@link #UPSERT}, and rows that left the model are deleted from the destination. */
    MIRROR(EnumSet.of(DestinationOperation.UPSERT, DestinationOperation.DELETE));

    private final Set<DestinationOperation> operations;

    DestinationMode(Set<DestinationOperation> operations) {
        this.operations = Set.copyOf(operations);
    }

    /** The operations a destination must support for this mode. */
    public Set<DestinationOperation> operations() {
        return operations;
    }

    /** The name used in {@code syncs/*.yml}: {@code insert}, {@code update}, {@code upsert}, {@code mirror}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
