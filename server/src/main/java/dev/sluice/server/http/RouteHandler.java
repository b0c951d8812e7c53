package dev.sluice.server.http;

/** Answers one request to a {@link Route}. Called concurrently from Jetty's threads: implementations are thread-safe. */
@FunctionalInterface
public interface RouteHandler {
    /** @throws Exception answered as a 500 naming the failure; handlers answer expected errors themselves */
    Reply handle(Request request) throws Exception;
}
