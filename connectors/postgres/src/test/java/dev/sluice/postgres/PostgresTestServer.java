package dev.sluice.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, reusable from other modules (this module's test-jar).
 *
 * <p>When {@code SLUICE_TEST_POSTGRES_URL} is set (as {@code .ci/run} does, for one server per build),
 * tests use that server: a JDBC URL whose user may create databases, for example
 * {@code jdbc:postgresql://127.0.0.1:54329/postgres?user=sluice}. Otherwise the first call starts a
 * server of its own from Debian's {@code postgresql} package ({@code /usr/lib/postgresql/<version>/bin}):
 * {@code initdb} in a temporary directory (as the {@code postgres} user when the JVM runs as root, since
 * initdb refuses root), on a free port, with durability off for speed; it stops when the JVM exits.
 *
 * <p>Each {@link #newDatabase()} is a fresh, empty database, so tests never see each other's tables,
 * even Sluice's own {@code sluice} schema. Thread-safe.
 */
public final class PostgresTestServer {
    /** The variable that points tests at a running server. */
    public static final String URL_VARIABLE = "SLUICE_TEST_POSTGRES_URL";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile String adminUrl;

    private PostgresTestServer() {}

    /** The URL of the server's maintenance database, starting the server on first use. */
    public static synchronized String adminUrl() {
        if (adminUrl == null) {
            String given = System.getenv(URL_VARIABLE);
            adminUrl = given != null && !given.isBlank() ? given : LocalServer.start();
        }
        return adminUrl;
    }

    /**
     * Creates an empty database and returns a {@code type: postgres} target's settings for it
     * ({@code url}, {@code schema} {@code public}): pass them to {@code Warehouses.open("postgres", ...)}.
     */
    public static Map<String, String> newDatabase() {
        String admin = adminUrl();
        String name = "sluice_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(admin);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + admin + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", databaseUrl(admin, name));
        settings.put("schema", "public");
        return settings;
    }

    /** The admin URL pointed at another database of the same server. */
    public static String databaseUrl(String admin, String database) {
        Matcher matcher = URL.matcher(admin);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://host:port/database?user=name,"
                    + " got " + admin.replaceAll("password=[^&]*", "password=***"));
        }
        return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
    }

    /** A server of this JVM's own, in a temporary directory. Not thread-safe: called under the class lock. */
    private static final class LocalServer {
        private static final String USER = "sluice";

        static String start() {
            Path bin = binaries();
            try {
                Path directory = Files.createTempDirectory("sluice-postgres-");
                Path data = directory.resolve("data");
                boolean root = "root".equals(System.getProperty("user.name"));
                if (root) {
                    run(List.of("chown", "postgres:postgres", directory.toString()), directory);
                }
                int port = freePort();
                run(asServerUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")), directory);
                run(asServerUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                        directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off"
                                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                        "start")), directory);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, directory, root)));
                return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + USER;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a PostgreSQL server for the tests", e);
            }
        }

        private static void stop(Path bin, Path data, Path directory, boolean root) {
            try {
                run(asServerUser(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m",
                        "immediate", "-w", "stop")), directory);
            } catch (RuntimeException e) {
                System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
            }
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not delete " + directory + ": " + e.getMessage());
            }
        }

        private static Path binaries() {
            Path root = Path.of("/usr/lib/postgresql");
            try (Stream<Path> versions = Files.list(root)) {
                return versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString()
                                .replaceAll("[^0-9]", "0"))))
                        .orElseThrow(() -> new IllegalStateException("no initdb under " + root));
            } catch (IOException | IllegalStateException e) {
                throw new IllegalStateException("PostgreSQL is needed for these tests: install Debian's postgresql"
                        + " package (apt-get install -y postgresql) or set " + URL_VARIABLE + " to a server's JDBC URL ("
                        + e.getMessage() + ")", e);
            }
        }

        private static List<String> asServerUser(boolean root, List<String> command) {
            if (!root) {
                return command;
            }
            List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
            wrapped.addAll(command);
            return wrapped;
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static void run(List<String> command, Path directory) {
            try {
                Path output = Files.createTempFile(directory, "command", ".log");
                Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                            + Files.readString(output));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command.get(0), e);
            }
        }
    }
}
