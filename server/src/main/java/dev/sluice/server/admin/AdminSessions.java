package dev.sluice.server.admin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console logins: a random session id per successful login, sent back as an HttpOnly, SameSite=Strict
 * cookie, so the token itself never sits in a browser. Sessions live in memory and end with the
 * process. Thread-safe (a concurrent set).
 */
public final class AdminSessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 1_000;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();

    /** A new session id; the oldest sessions are not tracked, so past the limit every session is dropped. */
    public String create() {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.clear();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        sessions.add(id);
        return id;
    }

    public boolean valid(String id) {
        return id != null && sessions.contains(id);
    }

    /** Ends a session (a logout); an unknown or {@code null} id is ignored. */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The {@code Set-Cookie} value for a session. */
    public static String cookie(String id) {
        return AdminApi.COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The {@code Set-Cookie} value that makes a browser drop its session cookie. */
    public static String expiredCookie() {
        return AdminApi.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict";
    }
}
