package dev.sluice.spi.destination;

/** What a destination is asked to do with one record. */
public enum DestinationOperation {
    /** Create the object; the destination may reject a key it already holds. */
    INSERT,
    /** Change an object the destination already holds; it may reject a key it does not know. */
    UPDATE,
    /** Create the object, or change it when the key is known. */
    UPSERT,
    /** Remove the object with this key (used by the {@code mirror} mode for rows that left the model). */
    DELETE
}
