package dev.sluice.duckdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A stamp of a DuckDB database file's state, read without loading DuckDB: what changes when anything in the
 * database does. A commit writes the write-ahead log ({@code FILE.wal}: its size and time change); a checkpoint
 * writes the file and one of its two headers, whose counter goes up. Stateless and thread-safe.
 */
final class DuckDbFileStamp {
    /** DuckDB's main header and its two alternating database headers, 4 KiB each. */
    private static final int HEADERS = 3 * 4096;

    private DuckDbFileStamp() {}

    static String of(Path file) {
        MessageDigest digest = sha256();
        digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
        digest.update(attributes(file).getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readNBytes(HEADERS));
        } catch (NoSuchFileException e) {
            digest.update((byte) 0);
        } catch (IOException e) {
            // Unreadable now: a stamp no other reading repeats, so nothing recorded is trusted.
            digest.update(String.valueOf(System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        }
        digest.update(attributes(file.resolveSibling(file.getFileName() + ".wal")).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String attributes(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return "|" + attributes.size() + ":" + attributes.lastModifiedTime().toInstant() + ":"
                    + attributes.fileKey();
        } catch (NoSuchFileException e) {
            return "|absent";
        } catch (IOException e) {
            return "|unreadable:" + System.nanoTime();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
