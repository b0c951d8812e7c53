package dev.sluice.spi.destination;

/** What became of one record in a batch. */
public enum DestinationRowStatus {
    /** The destination accepted it. */
    SENT,
    /** The destination refused this record (a 4xx for it): sending it again unchanged would fail again. */
    REJECTED,
    /** The destination could not take it now (a 5xx for it, a time-out): it may succeed later. */
    FAILED
}
