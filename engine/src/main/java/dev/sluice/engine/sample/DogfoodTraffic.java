package dev.sluice.engine.sample;

import dev.sluice.engine.model.SqlLiterals;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic, reproducible traffic for a SaaS company's own stack (the dogfood sample): many anonymous
 * visitors on the marketing site (pages with UTM parameters and consent banners), about one in ten
 * signing up (identify with e-mail and a server-side "Signed Up"), several devices per person, old
 * user ids aliased, accounts from group calls, demo requests, unsubscribes, some internal test
 * traffic and junk ids. The same seed gives the same events.
 *
 * <p>Traffic is generated visitor by visitor, so asking the same seed for more events gives the
 * same events plus new ones after them: {@code sluice sample generate} (the CLI) writes them as
 * RudderStack events ({@link #writeNdjson}); tests and the identity benchmark write a CSV
 * ({@link #write}) that DuckDB loads into {@code rudder.events} ({@link #load}). It also keeps the
 * truth: which person each id belongs to. One instance generates once; not thread-safe.
 */
public final class DogfoodTraffic {
    /** The columns of {@link #write}'s CSV, which are those of the raw events table. */
    public static final String HEADER = "message_id,type,event,anonymous_id,user_id,timestamp,received_at,context,properties,"
            + "traits,payload";
    private static final LocalDateTime END = LocalDateTime.of(2026, 11, 30, 0, 0);
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<String> PAGES = List.of("/", "/pricing", "/docs", "/blog/warehouse-native-cdp",
            "/blog/identity-resolution", "/customers", "/signup", "/docs/quickstart");
    private static final List<String[]> CAMPAIGNS = List.of(new String[] {"google", "cpc", "brand", "ad-1", "cdp"},
            new String[] {"linkedin", "paid-social", "q4-launch", "carousel", null},
            new String[] {"newsletter", "email", "november", null, null},
            new String[] {"hackernews", "referral", "launch", null, null});
    private static final List<String> COMPANIES = List.of("acme", "globex", "initech", "umbrella", "hooli", "stark",
            "wayne", "tyrell", "cyberdyne", "soylent");

    private final Random random;
    private final Map<String, Integer> personOfId = new HashMap<>();
    private EventWriter out;
    private int messages;
    private int people;
    private int signedUp;

    public DogfoodTraffic(long seed) {
        this.random = new Random(seed);
    }

    /**
     * Writes about {@code events} events (whole visitors, so a few more) as CSV with {@link #HEADER};
     * {@code received_at} is the event's time. Returns how many events were written.
     */
    public int write(Path csv, int events) {
        try (BufferedWriter writer = Files.newBufferedWriter(csv)) {
            writer.write(HEADER);
            writer.newLine();
            return generate(events, new CsvEvents(writer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes about {@code events} events as newline-delimited RudderStack JSON (one event per line,
     * the shape an SDK posts to {@code /v1/batch}, without {@code receivedAt}, which the collector
     * sets). The writer is flushed, not closed. Returns how many events were written.
     */
    public int writeNdjson(Writer writer, int events) throws IOException {
        int written = generate(events, new NdjsonEvents(writer));
        writer.flush();
        return written;
    }

    private int generate(int events, EventWriter writer) throws IOException {
        if (events < 0) {
            throw new IllegalArgumentException("events must be 0 or more, not " + events);
        }
        if (out != null) {
            throw new IllegalStateException("a DogfoodTraffic generates once; make a new one with the seed");
        }
        out = writer;
        while (messages < events) {
            visitor();
        }
        return messages;
    }

    /** Which person (a number) each id belongs to, keyed {@code type:id} as id_graph spells it. */
    public Map<String, Integer> personOfId() {
        return personOfId;
    }

    /** How many visitors signed up (the internal ones included). */
    public int signedUp() {
        return signedUp;
    }

    private void visitor() throws IOException {
        int person = people++;
        LocalDateTime time = END.minusMinutes(random.nextInt(60 * 24 * 60));
        String anonymousId = uuid();
        remember("anonymous_id", anonymousId, person);
        boolean converts = random.nextInt(10) == 0;
        // One sign-up in twenty is a colleague trying the product.
        boolean internal = converts && random.nextInt(20) == 0;
        String campaign = campaignContext();
        int pages = 1 + random.nextInt(converts ? 8 : 4);
        for (int i = 0; i < pages; i++) {
            time = time.plusSeconds(20 + random.nextInt(300));
            String context = i == 0 ? join(campaign, consent()) : "{}";
            event("page", null, anonymousId, null, time, context,
                    "{\"path\": \"" + PAGES.get(random.nextInt(PAGES.size())) + "\"}", null, "{}");
        }
        if (!converts || time.isAfter(END.minusHours(1))) {
            return;
        }
        signedUp++;
        String userId = "user-" + person;
        remember("user_id", userId, person);
        String company = COMPANIES.get(random.nextInt(COMPANIES.size()));
        String email = internal ? "qa" + person + "@sluice.dev" : "person" + person + "@" + company + ".com";
        remember("email", email, person);
        // Forms are sloppy: the e-mail arrives in any case, with stray spaces.
        String typed = random.nextBoolean() ? email : " " + email.toUpperCase() + " ";
        time = time.plusSeconds(30);
        event("identify", null, anonymousId, userId, time, "{}", null, "{\"email\": \"" + typed
                + "\", \"first_name\": \"P" + person + "\", \"plan\": \"free\", \"unsubscribed\": "
                + (random.nextInt(30) == 0) + "}", "{}");
        // The web app signs them up server-side: no anonymous id, or a junk one.
        event("track", "Signed Up", random.nextInt(20) == 0 ? "unknown" : null, userId, time.plusSeconds(1), "{}",
                "{\"plan\": \"free\"" + (internal ? ", \"test_user\": true" : "") + "}", null, "{}");
        event("group", null, anonymousId, userId, time.plusSeconds(2), "{}", null,
                "{\"name\": \"" + company + "\"}", "{\"groupId\": \"" + company + "\"}");
        if (random.nextInt(10) < 7) {
            event("track", "Source Created", null, userId, time.plusHours(random.nextInt(24 * 6)), "{}",
                    "{\"kind\": \"javascript\"}", null, "{}");
        }
        if (random.nextInt(7) == 0) {
            event("track", "Demo Requested", anonymousId, userId, time.plusDays(random.nextInt(20)), "{}", "{}",
                    null, "{}");
        }
        // More devices: the phone, the work laptop; each signs in.
        for (int device = random.nextInt(3); device > 0; device--) {
            String otherDevice = uuid();
            remember("anonymous_id", otherDevice, person);
            LocalDateTime later = time.plusHours(1 + random.nextInt(24 * 10));
            event("page", null, otherDevice, null, later, "{}", "{\"path\": \"/app\"}", null, "{}");
            event("identify", null, otherDevice, userId, later.plusSeconds(5), "{}", null,
                    "{\"plan\": \"" + (random.nextBoolean() ? "free" : "pro") + "\"}", "{}");
        }
        // Some had an account before the user ids changed: alias the old id.
        if (random.nextInt(20) == 0) {
            String oldId = "legacy-" + person;
            remember("user_id", oldId, person);
            event("track", "Logged In", null, oldId, time.minusDays(30), "{}", "{}", null, "{}");
            event("alias", null, null, userId, time.plusSeconds(3), "{}", null, null,
                    "{\"previousId\": \"" + oldId + "\"}");
        }
    }

    private void remember(String type, String id, int person) {
        personOfId.put(type + ":" + id, person);
    }

    private String campaignContext() {
        if (random.nextInt(10) < 4) {
            return null;
        }
        String[] campaign = CAMPAIGNS.get(random.nextInt(CAMPAIGNS.size()));
        StringBuilder json = new StringBuilder("\"campaign\": {\"source\": \"" + campaign[0] + "\", \"medium\": \""
                + campaign[1] + "\", \"name\": \"" + campaign[2] + "\"");
        if (campaign[3] != null) {
            json.append(", \"content\": \"").append(campaign[3]).append('"');
        }
        if (campaign[4] != null) {
            json.append(", \"term\": \"").append(campaign[4]).append('"');
        }
        return json.append('}').toString();
    }

    /** A cookie banner's answer on some first pages (OneTrust-style category ids). */
    private String consent() {
        if (random.nextInt(10) < 7) {
            return null;
        }
        return random.nextBoolean()
                ? "\"consentManagement\": {\"allowedConsentIds\": [\"C0001\", \"C0002\", \"C0004\"], \"deniedConsentIds\": []}"
                : "\"consentManagement\": {\"allowedConsentIds\": [\"C0001\"], \"deniedConsentIds\": [\"C0002\", \"C0004\"]}";
    }

    private static String join(String first, String second) {
        String body = first == null ? second : second == null ? first : first + ", " + second;
        return body == null ? "{}" : "{" + body + "}";
    }

    private String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private void event(String type, String event, String anonymousId, String userId, LocalDateTime time,
            String context, String properties, String traits, String payload) throws IOException {
        out.write(new GeneratedEvent("msg-" + (++messages), type, event, anonymousId, userId, time, context, properties,
                traits, payload));
    }

    /** Where generated events go, one at a time. */
    private interface EventWriter {
        void write(GeneratedEvent event) throws IOException;
    }

    private record CsvEvents(BufferedWriter writer) implements EventWriter {
        @Override
        public void write(GeneratedEvent event) throws IOException {
            String timestamp = FORMAT.format(event.time());
            writer.write(String.join(",", event.messageId(), event.type(), csv(event.event()), csv(event.anonymousId()),
                    csv(event.userId()), timestamp, timestamp, csv(event.context()), csv(event.properties()),
                    csv(event.traits()), csv(event.payload())));
            writer.newLine();
        }

        private static String csv(String value) {
            return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
        }
    }

    private record NdjsonEvents(Writer writer) implements EventWriter {
        @Override
        public void write(GeneratedEvent event) throws IOException {
            writer.write(event.toJson());
            writer.write('\n');
        }
    }

    /** The statement that appends a CSV written by {@link #write} to {@code rudder.events}. */
    public static String load(Path csv) {
        return load(csv, "received_at");
    }

    /**
     * The statement that appends the events of a CSV written by {@link #write} that {@code rudder.events}
     * does not have yet (by message id), as received at {@code receivedAt}: a SQL expression, such as
     * {@code received_at} (the event's time) or a timestamp after the table's latest.
     */
    public static String load(Path csv, String receivedAt) {
        return load(csv, receivedAt, "rudder.events");
    }

    /**
     * {@link #load(Path, String)}, into {@code table} (a table shaped like {@code rudder.events}) instead: the events
     * that {@code rudder.events} does not have yet, to be reshaped before they join it.
     */
    public static String load(Path csv, String receivedAt, String table) {
        return "insert into " + table + " (message_id, type, event, anonymous_id, user_id, \"timestamp\", received_at,"
                + " context, properties, traits, payload) select message_id, type, event, anonymous_id, user_id,"
                + " \"timestamp\", " + receivedAt + ", context, properties, traits, payload from read_csv("
                + SqlLiterals.text(csv.toString()) + ", header = true, quote = '\"', escape = '\"', columns = {"
                + "'message_id': 'VARCHAR', 'type': 'VARCHAR', 'event': 'VARCHAR', 'anonymous_id': 'VARCHAR',"
                + " 'user_id': 'VARCHAR', 'timestamp': 'TIMESTAMPTZ', 'received_at': 'TIMESTAMPTZ', 'context': 'JSON',"
                + " 'properties': 'JSON', 'traits': 'JSON', 'payload': 'JSON'}) where message_id not in"
                + " (select message_id from rudder.events)";
    }
}
