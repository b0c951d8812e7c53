package dev.sluice.snowflake.fake;

/**
 * A statement the fake received, in order of arrival.
 *
 * @param sessionId the fake session that sent it
 * @param sql the text exactly as the driver sent it
 * @param queryTag the QUERY_TAG in force for it (statement parameter, else session's), or {@code null}
 * @param error {@code null} when it succeeded, else the message answered
 */
public record RecordedStatement(long sessionId, String sql, String queryTag, String error) {
    public boolean succeeded() {
        return error == null;
    }
}
