package dev.sluice.snowflake.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * A local fake of Snowflake's HTTP protocol, as the official JDBC driver speaks it (login-request,
 * token-request, query-request with gzipped bodies and bindings, abort-request, session delete, PUT
 * through a {@code LOCAL_FS} stage), backed by DuckDB. Every statement is rewritten strictly
 * ({@link SnowflakeToDuckDb}): what the fake does not understand is an error answer, never a silent
 * success. Every statement is recorded ({@link #statements()}) so tests assert the exact SQL.
 *
 * <p>It answers JSON result sets only (never Arrow), with {@code CLIENT_STAGE_ARRAY_BINDING_THRESHOLD=0}
 * and telemetry off, so the driver needs no cloud client and no {@code --add-opens}.
 *
 * <p>Thread-safe. Start with {@link #start()}, close when done.
 */
public final class FakeSnowflake implements AutoCloseable {
    public static final String ACCOUNT = "sluicefake";
    public static final String DATABASE = "SLUICE_DB";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-snowflake");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-snowflake-timeout");
        thread.setDaemon(true);
        return thread;
    });
    private final DuckDBConnection root;
    private final Path stageRoot;
    private final FakeLogins logins = new FakeLogins();
    private final FakeStatements statements;
    private final AtomicLong sessionIds = new AtomicLong(1000);
    private final Map<String, FakeSession> sessionTokens = new ConcurrentHashMap<>();
    private final Map<String, FakeSession> masterTokens = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> answeredRequests = new ConcurrentHashMap<>();
    private final Map<String, Statement> running = new ConcurrentHashMap<>();
    private final List<RecordedStatement> recorded = new CopyOnWriteArrayList<>();
    private final List<String> protocolErrors = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> logins_ = new CopyOnWriteArrayList<>();
    private final List<FakeFailure> failures = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Predicate<String>> expireAfter = new CopyOnWriteArrayList<>();
    private final AtomicLong renewals = new AtomicLong();
    private final AtomicLong resentRequests = new AtomicLong();

    private FakeSnowflake(DuckDBConnection root, Path stageRoot) throws IOException {
        this.root = root;
        this.stageRoot = stageRoot;
        this.statements = new FakeStatements(new FakeStages(stageRoot), this::watch);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A fake on an in-memory DuckDB, with the user {@code SLUICE} / password {@code secret}. */
    public static FakeSnowflake start() {
        try {
            DuckDBConnection root = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new java.util.Properties());
            FakeInformationSchema.create(root);
            FakeSnowflake fake = new FakeSnowflake(root, Files.createTempDirectory("fake-snowflake-stages"));
            fake.withPassword("SLUICE", "secret");
            return fake;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB for the fake", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public FakeSnowflake withPassword(String user, String password) {
        logins.password(user, password);
        return this;
    }

    public FakeSnowflake withPublicKey(String user, PublicKey key) {
        logins.publicKey(user, key);
        return this;
    }

    public FakeSnowflake withOAuthToken(String user, String token) {
        logins.oauthToken(user, token);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Target settings that point the Snowflake connector at this fake (no credentials). */
    public Map<String, String> targetSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("type", "snowflake");
        settings.put("account", ACCOUNT);
        settings.put("host", "127.0.0.1");
        settings.put("port", Integer.toString(port()));
        settings.put("ssl", "off");
        settings.put("user", "SLUICE");
        settings.put("database", DATABASE);
        settings.put("warehouse", "TRANSFORMING");
        settings.put("role", "TRANSFORMER");
        return settings;
    }

    /** Every statement received, in order. */
    public List<RecordedStatement> statements() {
        return List.copyOf(recorded);
    }

    /** The text of every statement that succeeded, in order. */
    public List<String> sql() {
        return recorded.stream().filter(RecordedStatement::succeeded).map(RecordedStatement::sql).toList();
    }

    public void clearRecording() {
        recorded.clear();
    }

    /** Requests the fake did not understand (a path, a method, an async query): a test expects none. */
    public List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    /** The query-string and session parameters of each login, in order. */
    public List<Map<String, String>> logins() {
        return List.copyOf(logins_);
    }

    /** How many times the driver renewed a session token with its master token. */
    public long renewals() {
        return renewals.get();
    }

    /** How many query requests arrived again under a request id already answered (the driver's HTTP retries). */
    public long resentRequests() {
        return resentRequests.get();
    }

    /** Makes every session token expire: the next query of each session answers 390112. */
    public void expireSessionTokens() {
        sessionTokens.clear();
    }

    /** Makes every master token expire too: renewing fails (390114) and the client must log in again. */
    public void expireMasterTokens() {
        masterTokens.clear();
        sessionTokens.clear();
    }

    /**
     * Makes every login expire ({@link #expireMasterTokens()}) right after the next statement that matches has
     * run and been answered: what a session idle past its validity meets in the middle of a long run. Once.
     */
    public void expireLoginsAfter(java.util.function.Predicate<String> statement) {
        expireAfter.add(statement);
    }

    /** Injects a failure into the next statement that matches; it applies once. */
    public void failNext(FakeFailure failure) {
        failures.add(failure);
    }

    /** A new connection to the DuckDB behind the fake, to check what a test wrote. The caller closes it. */
    public Connection duckDb() {
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST")) {
                protocolError(exchange, exchange.getRequestMethod() + " " + path);
                return;
            }
            switch (path) {
                case "/session/v1/login-request" -> login(exchange);
                case "/session/token-request" -> renew(exchange);
                case "/queries/v1/query-request" -> query(exchange);
                case "/queries/v1/abort-request" -> abort(exchange);
                case "/session" -> closeSession(exchange);
                default -> protocolError(exchange, "POST " + path);
            }
        } catch (RuntimeException | IOException e) {
            protocolErrors.add("handler failed: " + e);
            throw e;
        }
    }

    private void protocolError(HttpExchange exchange, String what) throws IOException {
        protocolErrors.add(what);
        FakeHttp.answer(exchange, 404, Map.of("success", false, "message", "the fake does not serve " + what));
    }

    private void login(HttpExchange exchange) throws IOException {
        Map<String, String> query = FakeHttp.query(exchange);
        JsonNode data = FakeHttp.body(exchange).path("data");
        String user;
        try {
            user = logins.check(data, ACCOUNT);
        } catch (FakeSqlException e) {
            FakeHttp.answer(exchange, 200, FakeHttp.error(e.code(), e.getMessage(), e.sqlState(), null));
            return;
        }
        String database = query.getOrDefault("databaseName", DATABASE).toUpperCase(Locale.ROOT);
        if (!database.equals(DATABASE)) {
            FakeHttp.answer(exchange, 200, FakeHttp.error(390201, "The requested database does not exist or not"
                    + " authorized.", "08004", null));
            return;
        }
        String schema = query.get("schemaName");
        FakeSession session;
        try {
            session = new FakeSession(sessionIds.incrementAndGet(), root.duplicate(), database, null,
                    query.get("warehouse"), query.get("roleName"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> seen = new LinkedHashMap<>(query);
        seen.put("user", user);
        data.path("SESSION_PARAMETERS").fields().forEachRemaining(entry -> {
            String name = entry.getKey().toUpperCase(Locale.ROOT);
            session.parameters.put(name, entry.getValue().asText());
            seen.put("session:" + name, entry.getValue().asText());
        });
        logins_.add(seen);
        if (schema != null) {
            try {
                session.useSchema(schema.toUpperCase(Locale.ROOT));
            } catch (FakeSqlException e) {
                // Snowflake logs in and leaves the schema unset when it does not exist.
            }
        }
        String token = newToken(session, sessionTokens);
        String master = newToken(session, masterTokens);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("databaseName", database);
        info.put("schemaName", session.schema());
        info.put("warehouseName", session.warehouse);
        info.put("roleName", session.role);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", token);
        answer.put("masterToken", master);
        answer.put("validityInSeconds", 3600);
        answer.put("masterValidityInSeconds", 14400);
        answer.put("displayUserName", user);
        answer.put("serverVersion", "9.0.0");
        answer.put("firstLogin", false);
        answer.put("sessionId", session.id);
        answer.put("healthCheckInterval", 45);
        // Snowflake answers with the session's parameters, those set at login included; the driver reads
        // its own (JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC, say) from here.
        List<Map<String, Object>> parameters = new ArrayList<>(List.of(
                Map.of("name", "AUTOCOMMIT", "value", true),
                Map.of("name", "CLIENT_STAGE_ARRAY_BINDING_THRESHOLD", "value", 0),
                Map.of("name", "CLIENT_TELEMETRY_ENABLED", "value", false),
                Map.of("name", "CLIENT_SESSION_KEEP_ALIVE", "value", false)));
        data.path("SESSION_PARAMETERS").fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            parameters.add(Map.of("name", entry.getKey().toUpperCase(Locale.ROOT), "value",
                    value.isBoolean() ? value.asBoolean() : value.isNumber() ? value.numberValue()
                            : value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false")
                                    ? Boolean.valueOf(value.asText()) : value.asText()));
        });
        if (parameters.stream().noneMatch(parameter -> parameter.get("name").equals("TIMEZONE"))) {
            parameters.add(Map.of("name", "TIMEZONE", "value", session.parameter("TIMEZONE")));
        }
        answer.put("parameters", parameters);
        answer.put("sessionInfo", info);
        FakeHttp.answer(exchange, 200, Map.of("data", answer, "success", true));
    }

    private static String newToken(FakeSession session, Map<String, FakeSession> tokens) {
        String token = "fake-" + UUID.randomUUID();
        tokens.put(token, session);
        return token;
    }

    private void renew(HttpExchange exchange) throws IOException {
        FakeSession session = masterTokens.get(String.valueOf(FakeHttp.token(exchange)));
        FakeHttp.body(exchange);
        if (session == null || session.closed()) {
            FakeHttp.answer(exchange, 200, FakeHttp.error(390114, "Authentication token has expired.  The user must"
                    + " authenticate again.", "08001", null));
            return;
        }
        renewals.incrementAndGet();
        String token = newToken(session, sessionTokens);
        FakeHttp.answer(exchange, 200, Map.of("success", true, "data", Map.of("sessionToken", token,
                "validityInSecondsST", 3600, "masterToken", FakeHttp.token(exchange), "validityInSecondsMT", 14400)));
    }

    private void closeSession(HttpExchange exchange) throws IOException {
        if (!"true".equals(FakeHttp.query(exchange).get("delete"))) {
            protocolError(exchange, "POST /session without delete=true");
            return;
        }
        String token = FakeHttp.token(exchange);
        FakeSession session = token == null ? null : sessionTokens.remove(token);
        if (session != null) {
            masterTokens.values().removeIf(candidate -> candidate == session);
            synchronized (session) {
                session.close();
            }
        }
        FakeHttp.answer(exchange, 200, Map.of("success", true, "code", "", "message", ""));
    }

    private void abort(HttpExchange exchange) throws IOException {
        JsonNode body = FakeHttp.body(exchange);
        Statement statement = running.get(body.path("requestId").asText());
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // Finished meanwhile.
            }
        }
        FakeHttp.answer(exchange, 200, Map.of("success", true));
    }

    private void query(HttpExchange exchange) throws IOException {
        String requestId = FakeHttp.query(exchange).getOrDefault("requestId", "");
        JsonNode body = FakeHttp.body(exchange);
        String token = FakeHttp.token(exchange);
        FakeSession session = token == null ? null : sessionTokens.get(token);
        if (session == null) {
            FakeHttp.answer(exchange, 200, FakeHttp.error(390112, "Your session has expired. Please login again.",
                    "08001", null));
            return;
        }
        Map<String, Object> earlier = answeredRequests.get(requestId);
        if (earlier != null) {
            resentRequests.incrementAndGet();
            FakeHttp.answer(exchange, 200, earlier);
            return;
        }
        if (body.path("asyncExec").asBoolean(false)) {
            protocolError(exchange, "an asynchronous query");
            return;
        }
        Map<String, Object> answer;
        synchronized (session) {
            answer = run(session, body, requestId);
        }
        if (!requestId.isEmpty()) {
            answeredRequests.put(requestId, answer);
        }
        FakeHttp.answer(exchange, 200, answer);
    }

    private Map<String, Object> run(FakeSession session, JsonNode body, String requestId) {
        String sql = body.path("sqlText").asText();
        String queryId = UUID.randomUUID().toString();
        String queryTag = body.path("parameters").path("QUERY_TAG").asText(session.parameter("QUERY_TAG"));
        boolean describeOnly = body.path("describeOnly").asBoolean(false);
        FakeFailure failure = describeOnly ? null : takeFailure(sql);
        try {
            if (failure != null && !failure.afterExecuting()) {
                throw new FakeSqlException(failure.code(), "XX000", failure.message());
            }
            FakeResult result = statements.run(session, sql, bindings(body.path("bindings")), describeOnly);
            if (failure != null) {
                throw new FakeSqlException(failure.code(), "XX000", failure.message());
            }
            if (!describeOnly) {
                recorded.add(new RecordedStatement(session.id, sql, queryTag, null));
                for (java.util.function.Predicate<String> trigger : expireAfter) {
                    if (trigger.test(sql) && expireAfter.remove(trigger)) {
                        expireMasterTokens();
                    }
                }
            }
            return success(session, result, queryId);
        } catch (FakeSqlException e) {
            recorded.add(new RecordedStatement(session.id, sql, queryTag, e.getMessage()));
            return FakeHttp.error(e.code(), e.getMessage(), e.sqlState(), queryId);
        } catch (RuntimeException e) {
            recorded.add(new RecordedStatement(session.id, sql, queryTag, e.toString()));
            protocolErrors.add("statement failed inside the fake: " + sql + ": " + e);
            return FakeHttp.error(1003, "fake Snowflake failed: " + e, "XX000", queryId);
        } finally {
            running.remove(requestId);
        }
    }

    private FakeFailure takeFailure(String sql) {
        for (FakeFailure failure : failures) {
            if (failure.matches().test(sql) && failures.remove(failure)) {
                return failure;
            }
        }
        return null;
    }

    private static Map<String, Object> success(FakeSession session, FakeResult result, String queryId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("parameters", List.of());
        data.put("rowtype", result.rowtype());
        data.put("rowset", result.rowset());
        data.put("total", result.rowset().size());
        data.put("returned", result.rowset().size());
        data.put("queryId", queryId);
        data.put("databaseProvider", null);
        data.put("finalDatabaseName", session.database);
        data.put("finalSchemaName", session.schema());
        data.put("finalWarehouseName", session.warehouse);
        data.put("finalRoleName", session.role);
        data.put("numberOfBinds", 0);
        data.put("arrayBindSupported", false);
        data.put("statementTypeId", result.statementTypeId());
        data.put("version", 1);
        data.put("sendResultTime", System.currentTimeMillis());
        data.put("queryResultFormat", "json");
        data.putAll(result.extra());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("data", data);
        answer.put("code", null);
        answer.put("message", null);
        answer.put("success", true);
        return answer;
    }

    /** Bind values in placeholder order; only the types Sluice binds are mapped, the rest refused. */
    private static List<Object> bindings(JsonNode bindings) {
        if (bindings.isMissingNode() || bindings.isNull()) {
            return List.of();
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = bindings.fields();
        fields.forEachRemaining(entries::add);
        entries.sort(Comparator.comparingInt(entry -> Integer.parseInt(entry.getKey())));
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : entries) {
            JsonNode value = entry.getValue().path("value");
            String type = entry.getValue().path("type").asText();
            if (value.isArray()) {
                throw FakeSqlException.unsupported("array binds (executeBatch)");
            }
            values.add(value.isNull() ? null : switch (type) {
                case "TEXT" -> value.asText();
                case "FIXED" -> new BigDecimal(value.asText());
                case "REAL" -> Double.valueOf(value.asText());
                case "BOOLEAN" -> Boolean.valueOf(value.asText().equals("1") || value.asText().equalsIgnoreCase("true"));
                default -> throw FakeSqlException.unsupported("binds of type " + type);
            });
        }
        return values;
    }

    private AutoCloseable watch(Statement statement, int seconds) {
        if (seconds <= 0) {
            return () -> { };
        }
        ScheduledFuture<?> cancel = timer.schedule(() -> {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // Finished meanwhile.
            }
        }, seconds, TimeUnit.SECONDS);
        return () -> cancel.cancel(false);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        timer.shutdownNow();
        for (FakeSession session : sessionTokens.values()) {
            session.close();
        }
        try {
            root.close();
        } catch (SQLException e) {
            // Closing; nothing to recover.
        }
        try (Stream<Path> files = Files.walk(stageRoot)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // A temporary directory; the OS cleans it up.
        }
    }
}
