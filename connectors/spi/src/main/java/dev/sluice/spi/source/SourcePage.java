package dev.sluice.spi.source;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One page of a stream, as one request returned it.
 *
 * @param records the page's records, in the order the source returned them; may be empty
 * @param state the stream's state once these records are stored: the caller persists it in the same
 *     transaction as the records and passes it to the next {@link Source#read} call
 * @param last whether the run is complete; when {@code false} the caller asks for the next page with
 *     {@link #state()}
 */
public record SourcePage(List<SourceRecord> records, SourceState state, boolean last) {
    public SourcePage {
        records = List.copyOf(records);
        requireNonNull(state, "state is null");
    }
}
