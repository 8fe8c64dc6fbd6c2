package social.muse.server.bench;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.TestInstance;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * The home timeline under load: a reader following 500 accounts among 2,000, over 100,000 statuses, asked for at a
 * fixed rate (open loop: each request has its time in a schedule and its latency counts from that time, so a slow
 * answer that delays the next ones is paid for by all of them, as real clients would), against baselines in the same
 * run: the health check (HTTP and the web server alone) and {@code verify_credentials} (the same token check, one
 * account rendered). A plain {@code main}, run by {@code bench/timeline.sh}; see bench/README.md.
 */
public final class TimelineBench {
    private static final int ACCOUNTS = 2_000;
    private static final int FOLLOWED = 500;
    private static final int STATUSES = 100_000;

    private final TestInstance instance;
    private final Jdbi jdbi;
    private final PrintStream report;
    private final int rate;
    private final int seconds;
    private final int connections;
    private final Map<String, List<Measurement>> results = new LinkedHashMap<>();
    private String token;
    private long[] olderPages;

    private TimelineBench(TestInstance instance, PrintStream report, int rate, int seconds, int connections) {
        this.instance = instance;
        this.jdbi = instance.app().database().jdbi();
        this.report = report;
        this.rate = rate;
        this.seconds = seconds;
        this.connections = connections;
    }

    /**
     * Arguments: runs (3), requests per second (1,000), seconds per case (15), connections (64), and a file for the
     * report (else standard output, where the server's access log goes too).
     */
    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        PrintStream report = args.length > 4
                ? new PrintStream(new FileOutputStream(args[4]), true, StandardCharsets.UTF_8) : System.out;
        try (TestInstance instance = TestInstance.start()) {
            new TimelineBench(instance, report, rate, seconds, connections).run(runs);
        }
    }

    private void run(int runs) {
        token = new MastodonFixtures(instance.http()).signUp("reader").accessToken();
        long seeding = System.nanoTime();
        seed();
        report.printf(Locale.ROOT, "Home timeline: a reader following %,d of %,d accounts over %,d statuses (seeded in %.1f s); "
                        + "%,d requests/s for %d s per case over %d keep-alive connections, open loop; pool %d%n",
                FOLLOWED, ACCOUNTS, STATUSES, (System.nanoTime() - seeding) / 1e9, rate, seconds, connections,
                instance.app().config().db().poolSize());
        checkAnswers();
        measureAll(); // warm-up: JIT, connections, PostgreSQL's caches
        results.clear();
        for (int run = 0; run < runs; run++) {
            measureAll();
        }
        printReport();
    }

    /**
     * 2,000 remote accounts; the reader follows the first 500. Statuses go round the accounts: mostly public, some
     * unlisted, followers-only and direct (to the reader now and then), a fifth replies, one in twenty a boost, some
     * with a hashtag, a mention or favourites, as a timeline of real people has.
     */
    private void seed() {
        long reader = jdbi.withHandle(h -> h.createQuery("SELECT id FROM accounts WHERE username = 'reader' AND domain IS NULL")
                .mapTo(Long.class).one());
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO accounts (username, domain, display_name, note, uri, url, inbox_url, shared_inbox_url,
                                                  followers_url)
                            SELECT 'person' || i, 'host' || (i % 200) || '.example', 'Person ' || i, '<p>Listens a lot</p>',
                                   'https://host' || (i % 200) || '.example/users/person' || i,
                                   'https://host' || (i % 200) || '.example/@person' || i,
                                   'https://host' || (i % 200) || '.example/users/person' || i || '/inbox',
                                   'https://host' || (i % 200) || '.example/inbox',
                                   'https://host' || (i % 200) || '.example/users/person' || i || '/followers'
                              FROM generate_series(0, :n - 1) i""").bind("n", ACCOUNTS).execute();
            h.createUpdate("""
                            INSERT INTO follows (account_id, target_account_id)
                            SELECT :reader, id FROM accounts WHERE domain IS NOT NULL AND username ~ '^person[0-9]+$'
                               AND substr(username, 7)::int < :followed""")
                    .bind("reader", reader).bind("followed", FOLLOWED).execute();
            h.createUpdate("""
                            CREATE TEMP TABLE bench_people AS
                            SELECT substr(username, 7)::int AS n, id, uri FROM accounts
                             WHERE domain IS NOT NULL AND username ~ '^person[0-9]+$'""").execute();
            // ids as Muse makes them (time-ordered), for statuses posted 20 s apart over the last 23 days
            h.createUpdate("""
                            INSERT INTO statuses (id, uri, url, account_id, local, content, visibility, language, created_at)
                            SELECT (floor(extract(epoch FROM t.at) * 1000)::bigint << 16) | (i & 65535),
                                   p.uri || '/statuses/' || i, p.uri || '/s/' || i, p.id, false,
                                   '<p>Listening to record ' || i || ' again: the second side is still the best thing '
                                       || 'on it, and the mastering holds up. Anyone else on this one?</p>',
                                   CASE WHEN i % 50 = 7 THEN 'direct' WHEN i % 12 = 5 THEN 'private'
                                        WHEN i % 10 = 3 THEN 'unlisted' ELSE 'public' END,
                                   'en', t.at
                              FROM generate_series(1, :n) i JOIN bench_people p ON p.n = (i * 7919) % :accounts
                             CROSS JOIN LATERAL (SELECT now() - (:n - i) * interval '20 seconds' AS at) t""")
                    .bind("n", STATUSES).bind("accounts", ACCOUNTS).execute();
            // a fifth are replies to an earlier status, one in twenty is a boost of one
            h.createUpdate("""
                            WITH ordered AS (SELECT id, uri, row_number() OVER (ORDER BY id) AS k FROM statuses)
                            UPDATE statuses s SET in_reply_to_id = o.id, in_reply_to_uri = o.uri
                              FROM ordered o, ordered me
                             WHERE me.id = s.id AND me.k % 5 = 2 AND o.k = greatest(1, me.k - 1 - (me.k * 31) % 500)""").execute();
            h.createUpdate("""
                            WITH ordered AS (SELECT id, row_number() OVER (ORDER BY id) AS k FROM statuses
                                              WHERE visibility = 'public')
                            UPDATE statuses s SET reblog_of_id = o.id, content = ''
                              FROM ordered o, ordered me
                             WHERE me.id = s.id AND me.k % 20 = 11 AND o.k = greatest(1, me.k - 1 - (me.k * 17) % 300)""").execute();
            h.createUpdate("""
                            INSERT INTO status_mentions (status_id, account_id)
                            SELECT id, :reader FROM statuses WHERE visibility = 'direct' AND id % 3 = 0""")
                    .bind("reader", reader).execute();
            h.createUpdate("""
                            INSERT INTO status_mentions (status_id, account_id)
                            SELECT s.id, p.id FROM statuses s JOIN bench_people p ON p.n = s.id % :accounts
                             WHERE s.id % 9 = 4 ON CONFLICT DO NOTHING""").bind("accounts", ACCOUNTS).execute();
            h.createUpdate("""
                            INSERT INTO status_tags (status_id, name)
                            SELECT id, CASE id % 3 WHEN 0 THEN 'vinyl' WHEN 1 THEN 'jazz' ELSE 'nowplaying' END
                              FROM statuses WHERE id % 10 = 1""").execute();
            h.createUpdate("""
                            INSERT INTO favourites (account_id, status_id)
                            SELECT p.id, s.id FROM statuses s CROSS JOIN LATERAL generate_series(1, (s.id % 7)::int) g
                              JOIN bench_people p ON p.n = (g * 131 + s.id % 997) % :accounts
                             WHERE s.reblog_of_id IS NULL ON CONFLICT DO NOTHING""").bind("accounts", ACCOUNTS).execute();
        });
        jdbi.useHandle(h -> h.execute("VACUUM ANALYZE"));
        // older pages as apps ask for them when the reader scrolls: max_id somewhere in the first few hundred statuses
        List<Long> home = jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.id FROM statuses s JOIN follows f ON f.target_account_id = s.account_id
                         WHERE f.account_id = :reader ORDER BY s.id DESC LIMIT 400""")
                .bind("reader", reader).mapTo(Long.class).list());
        olderPages = home.stream().skip(20).mapToLong(Long::longValue).toArray();
    }

    /** Every case must answer 200 with what it should, before anything is timed. */
    private void checkAnswers() {
        var page = instance.http().get("/api/v1/timelines/home", token);
        if (page.status() != 200 || page.json().size() != 20) {
            throw new IllegalStateException("The home timeline did not answer a full page: " + page);
        }
        var older = instance.http().get("/api/v1/timelines/home?max_id=" + olderPages[olderPages.length / 2], token);
        if (older.status() != 200 || older.json().size() != 20) {
            throw new IllegalStateException("An older page of the home timeline is not full: " + older);
        }
    }

    private void measureAll() {
        record("baseline: GET /observe/health/live", load(i -> get("/observe/health/live", false)));
        record("baseline: GET verify_credentials", load(i -> get("/api/v1/accounts/verify_credentials", true)));
        record("home, newest page (20)", load(i -> get("/api/v1/timelines/home", true)));
        record("home, older pages (max_id)", load(i -> get("/api/v1/timelines/home?max_id="
                + olderPages[(i * 7) % olderPages.length], true)));
    }

    private byte[] get(String path, boolean signedIn) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + instance.app().port() + "\r\nAccept: application/json\r\n"
                + (signedIn ? "Authorization: Bearer " + token + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void record(String name, Measurement measurement) {
        if (measurement.failed() > 0) {
            throw new IllegalStateException(name + ": " + measurement.failed() + " answers were not 200: " + measurement.statuses());
        }
        results.computeIfAbsent(name, n -> new ArrayList<>()).add(measurement);
    }

    /**
     * Sends {@code rate × seconds} requests, request {@code i} due at {@code start + i / rate}; a connection that is
     * free takes the next request and waits for its time. Latency is from the due time to the whole answer.
     */
    private Measurement load(IntFunction<byte[]> request) {
        int total = rate * seconds;
        byte[][] requests = new byte[total][];
        for (int i = 0; i < total; i++) {
            requests[i] = request.apply(i);
        }
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        double interval = 1e9 / rate;
        CpuTimes cpuBefore = CpuTimes.now(CpuTimes.postmaster(jdbi));
        long start = System.nanoTime() + 50_000_000;
        try (ExecutorService clients = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                running.add(clients.submit(() -> {
                    RawHttpConnection connection = new RawHttpConnection(instance.app().port());
                    try {
                        for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                            long due = start + (long) (i * interval);
                            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                                LockSupport.parkNanos(wait); // pacing to the schedule, not waiting for a result
                            }
                            Response response = connection.exchange(requests[i]);
                            latencies[i] = System.nanoTime() - due;
                            statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
                            if (response.closes()) {
                                connection.close();
                                connection = new RawHttpConnection(instance.app().port());
                            }
                        }
                    } finally {
                        connection.close();
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (Exception e) {
                    throw new IllegalStateException("A client connection failed", e);
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        CpuTimes cpu = CpuTimes.now(CpuTimes.postmaster(jdbi)).minus(cpuBefore);
        Arrays.sort(latencies);
        Map<Integer, Integer> counted = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        return new Measurement(total, elapsed, latencies, counted, cpu);
    }

    private record Measurement(int count, long nanos, long[] sortedLatencies, Map<Integer, Integer> statuses, CpuTimes cpu) {
        int failed() {
            return count - statuses.getOrDefault(200, 0);
        }

        double perSecond() {
            return count * 1e9 / nanos;
        }

        double percentileMillis(double p) {
            int index = (int) Math.ceil(p / 100 * sortedLatencies.length) - 1;
            return sortedLatencies[Math.max(0, index)] / 1e6;
        }
    }

    private void printReport() {
        Map<String, List<Measurement>> sorted = new LinkedHashMap<>(results);
        double healthP99 = median(sorted.get("baseline: GET /observe/health/live"), 99);
        double credentialsP99 = median(sorted.get("baseline: GET verify_credentials"), 99);
        report.printf("%n%-36s %10s %9s %9s %26s %9s %9s %9s %16s%n", "case (run with the median p99)", "done/s", "p50 ms",
                "p90 ms", "p99 ms (runs)", "max ms", "/health", "/verify", "CPU s: JVM / PG");
        sorted.forEach((name, runs) -> {
            List<Measurement> byP99 = runs.stream()
                    .sorted(java.util.Comparator.comparingDouble(m -> m.percentileMillis(99))).toList();
            Measurement m = byP99.get(byP99.size() / 2);
            String all = runs.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.percentileMillis(99)))
                    .reduce((a, b) -> a + "," + b).orElse("");
            report.printf(Locale.ROOT, "%-36s %10.0f %9.2f %9.2f %9.2f %16s %9.1f %9.2f %9.2f %7.1f / %-7.1f%n", name,
                    m.perSecond(), m.percentileMillis(50), m.percentileMillis(90), m.percentileMillis(99), "(" + all + ")",
                    m.percentileMillis(100), m.percentileMillis(99) / healthP99, m.percentileMillis(99) / credentialsP99,
                    m.cpu().jvm(), m.cpu().postgres());
        });
        report.println("Columns /health and /verify: p99 as a multiple of that baseline's p99 in the same runs.");
    }

    private static double median(List<Measurement> runs, double percentile) {
        double[] values = runs.stream().mapToDouble(m -> m.percentileMillis(percentile)).sorted().toArray();
        return values[values.length / 2];
    }
}
