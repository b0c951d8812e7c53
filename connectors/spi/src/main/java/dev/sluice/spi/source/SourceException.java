package dev.sluice.spi.source;

import java.util.Optional;

/**
 * Opening a source or reading a page failed. The message is for a person and never contains a secret
 * (a token, a password, an API key), not even inside a quoted URL.
 */
public class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String setting;
    private final int httpStatus;

    /**
     * @param setting the dotted path of the setting that is wrong ({@code streams.invoices.paginator.type}),
     *     or {@code null} when the failure is not about a setting
     * @param httpStatus the last HTTP status, or 0 when there was none
     */
    public SourceException(String message, String setting, int httpStatus, Throwable cause) {
        super(message, cause);
        this.setting = setting;
        this.httpStatus = httpStatus;
    }

    /** A bad setting: the message is {@code "SETTING: PROBLEM"}. */
    public static SourceException invalidSettings(String setting, String problem) {
        return new SourceException(setting + ": " + problem, setting, 0, null);
    }

    public Optional<String> setting() {
        return Optional.ofNullable(setting);
    }

    public int httpStatus() {
        return httpStatus;
    }
}
