package social.muse.server.bench;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.keys.SigningKey;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.Headers;
import social.muse.federation.signature.HttpSignatureVerifier;
import social.muse.federation.signature.HttpSigner;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.SignedRequest;
import social.muse.federation.signature.VerificationResult;
import social.muse.server.db.InboxDao;
import social.muse.server.testing.FakeRemote;
import social.muse.server.testing.Poll;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Inbound federation: signed activities POSTed to the shared inbox, answered 202 once stored in {@code inbox_items},
 * by a fixed number of keep-alive connections, against two same-run baselines: the same client on a route that does
 * no work ({@code GET /observe/health/live}), and single-row inserts into {@code inbox_items} through the server's own
 * connection pool at the same concurrency (what the database alone allows). Not a test: run it with bench/inbound.sh
 * (see bench/README.md).
 */
public final class InboundBench {
    private static final int ACTORS = 50;
    private static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final Clock CLOCK = Clock.systemUTC();

    private final int activities;
    private final int concurrency;
    private final FakeRemote remote;
    private final TestInstance instance;
    private final Jdbi jdbi;
    private final URI inbox;
    private final AtomicInteger batches = new AtomicInteger();
    private final Map<String, List<Measurement>> results = new LinkedHashMap<>();
    private final java.io.PrintStream report;

    private InboundBench(int activities, int concurrency, FakeRemote remote, TestInstance instance,
                         java.io.PrintStream report) {
        this.report = report;
        this.activities = activities;
        this.concurrency = concurrency;
        this.remote = remote;
        this.instance = instance;
        this.jdbi = instance.app().database().jdbi();
        this.inbox = URI.create(instance.baseUrl() + "/inbox");
    }

    /**
     * Arguments: runs (3), activities per case (5,000), concurrent connections (32), and a file for the report
     * (else standard output, where the server's access log goes too).
     */
    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int activities = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        FakeRemote remote = FakeRemote.start();
        for (int i = 0; i < ACTORS; i++) {
            remote.withActor(actor(i));
        }
        java.io.PrintStream report = args.length > 3
                ? new java.io.PrintStream(new java.io.FileOutputStream(args[3]), true, StandardCharsets.UTF_8) : System.out;
        try (remote; TestInstance instance = TestInstance.start()) {
            new InboundBench(activities, concurrency, remote, instance, report).run(runs);
        }
    }

    private static String actor(int i) {
        return "actor" + i;
    }

    private void run(int runs) {
        report.printf("Inbound: %,d signed Create(Note) per case to the shared inbox, %d keep-alive connections, "
                + "%d remote actors (RSA-2048), PostgreSQL fsync=%s synchronous_commit=%s, pool %d%n", activities,
                concurrency, ACTORS, setting("fsync"), setting("synchronous_commit"),
                instance.app().config().db().poolSize());
        warmKeyCache();
        measureAll(true); // warm-up: JIT, connections, both signature schemes, the database
        results.clear();
        for (int run = 0; run < runs; run++) {
            measureAll(false);
        }
        report();
        verificationAlone();
    }

    /** Every actor delivers once, so Muse fetches and stores its key before anything is timed. */
    private void warmKeyCache() {
        for (int i = 0; i < ACTORS; i++) {
            String name = actor(i);
            var response = remote.post(inbox.toString(), createNote(name, "warm-" + name), name, CLOCK);
            if (response.statusCode() != 202) {
                throw new IllegalStateException("Warm-up delivery answered " + response.statusCode() + " " + response.body());
            }
        }
        awaitWorkerIdle();
    }

    private void measureAll(boolean warmUp) {
        String tag = warmUp ? "warm" : "run" + batches.incrementAndGet();
        int fetchesBefore = actorFetches();
        record("signed draft-cavage, worker on", signed(Scheme.CAVAGE, tag + "-cavage-on"));
        record("signed RFC 9421, worker on", signed(Scheme.RFC9421, tag + "-rfc-on"));
        record("baseline: GET /observe/health/live", health());
        parkWorker(true);
        try {
            record("signed draft-cavage, worker parked", signed(Scheme.CAVAGE, tag + "-cavage-off"));
            record("signed RFC 9421, worker parked", signed(Scheme.RFC9421, tag + "-rfc-off"));
            record("baseline: JDBC insert into inbox_items", jdbcInserts(tag + "-jdbc"));
        } finally {
            parkWorker(false);
        }
        if (actorFetches() != fetchesBefore) {
            throw new IllegalStateException("Keys were fetched again during the timed cases: the cache was not warm");
        }
    }

    private void record(String name, Measurement measurement) {
        results.computeIfAbsent(name, n -> new ArrayList<>()).add(measurement);
    }

    private int actorFetches() {
        return IntStream.range(0, ACTORS).map(i -> remote.actorFetches(actor(i))).sum();
    }

    /** Signs outside the timed section, sends, then checks that every one was answered 202 and stored. */
    private Measurement signed(Scheme scheme, String tag) {
        awaitWorkerIdle();
        List<byte[]> requests = signAll(scheme, tag);
        Measurement measured = send(requests);
        if (measured.answered(202) != activities) {
            throw new IllegalStateException(tag + ": not every delivery was accepted: " + measured.statuses());
        }
        long stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM inbox_items WHERE activity_uri LIKE :p")
                .bind("p", "%/activities/" + tag + "-%").mapTo(Long.class).one());
        if (stored != activities) {
            throw new IllegalStateException(tag + ": " + stored + " of " + activities + " activities stored");
        }
        return measured;
    }

    private List<byte[]> signAll(Scheme scheme, String tag) {
        HttpSigner signer = new HttpSigner(CLOCK);
        return IntStream.range(0, activities).parallel().mapToObj(i -> {
            String name = actor(i % ACTORS);
            byte[] body = createNote(name, tag + "-" + i).getBytes(StandardCharsets.UTF_8);
            SignedRequest signedRequest = signer.sign(scheme, new SignedRequest("POST", inbox,
                    Headers.of("content-type", "application/activity+json"), body), remote.keyId(name), remote.key(name));
            return httpRequest("POST", signedRequest.headers(), body);
        }).toList();
    }

    private String createNote(String name, String suffix) {
        String actor = remote.actorId(name);
        Map<String, Object> note = Map.of("id", actor + "/statuses/" + suffix, "type", "Note", "attributedTo", actor,
                "content", "<p>Listening to track " + suffix + "</p>", "to", List.of(PUBLIC),
                "published", CLOCK.instant().toString());
        return TestHttp.toJson(Map.of("@context", "https://www.w3.org/ns/activitystreams",
                "id", actor + "/activities/" + suffix, "type", "Create", "actor", actor, "to", List.of(PUBLIC),
                "object", note));
    }

    private Measurement health() {
        byte[] request = httpRequest("GET", Headers.empty(), new byte[0]);
        Measurement measured = send(java.util.Collections.nCopies(activities, request));
        if (measured.answered(200) != activities) {
            throw new IllegalStateException("Health baseline: " + measured.statuses());
        }
        return measured;
    }

    private byte[] httpRequest(String method, Headers headers, byte[] body) {
        String path = method.equals("GET") ? "/observe/health/live" : inbox.getRawPath();
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(inbox.getAuthority()).append("\r\n");
        for (String name : headers.names()) {
            if (!name.equals("host")) {
                head.append(name).append(": ").append(headers.combined(name).orElseThrow()).append("\r\n");
            }
        }
        if (body.length > 0) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** What PostgreSQL allows through the same pool: one autocommitted insert per activity, same concurrency. */
    private Measurement jdbcInserts(String tag) {
        InboxDao dao = new InboxDao();
        String actor = remote.actorId(actor(0));
        List<String> bodies = IntStream.range(0, activities).mapToObj(i -> createNote(actor(0), tag + "-" + i)).toList();
        return closedLoop(worker -> {
            int i;
            List<Long> latencies = new ArrayList<>();
            while ((i = worker.next()) < activities) {
                int index = i;
                long start = System.nanoTime();
                boolean inserted = jdbi.withHandle(h -> dao.insert(h, actor + "/activities/" + tag + "-" + index, actor,
                        remote.keyId(actor(0)), null, bodies.get(index)));
                latencies.add(System.nanoTime() - start);
                worker.status(inserted ? 202 : 409);
            }
            return latencies;
        });
    }

    private Measurement send(List<byte[]> requests) {
        return closedLoop(worker -> {
            List<Long> latencies = new ArrayList<>(requests.size() / concurrency + 1);
            RawHttpConnection connection = null;
            try {
                int i;
                while ((i = worker.next()) < requests.size()) {
                    if (connection == null) {
                        connection = new RawHttpConnection(inbox.getPort());
                    }
                    long start = System.nanoTime();
                    Response response = connection.exchange(requests.get(i));
                    latencies.add(System.nanoTime() - start);
                    worker.status(response.status());
                    if (response.closes()) {
                        connection.close();
                        connection = null;
                    }
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
            return latencies;
        });
    }

    /** {@code concurrency} workers take the next item until there is none; latencies in nanoseconds. */
    private Measurement closedLoop(java.util.function.Function<Worker, List<Long>> body) {
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Worker worker = new Worker(next, statuses);
        List<java.util.concurrent.Future<List<Long>>> futures = new ArrayList<>();
        CpuTimes cpuBefore = CpuTimes.now(CpuTimes.postmaster(jdbi));
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                futures.add(threads.submit(() -> body.apply(worker)));
            }
        }
        long elapsed = System.nanoTime() - start;
        CpuTimes cpu = CpuTimes.now(CpuTimes.postmaster(jdbi)).minus(cpuBefore);
        long[] latencies = futures.stream().flatMap(f -> {
            try {
                return f.get().stream();
            } catch (Exception e) {
                throw new IllegalStateException("A client connection failed", e);
            }
        }).mapToLong(Long::longValue).sorted().toArray();
        Map<Integer, Integer> counted = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counted.put(status, count.get()));
        return new Measurement(latencies.length, elapsed, latencies, counted, cpu);
    }

    private record Worker(AtomicInteger counter, Map<Integer, AtomicInteger> statuses) {
        int next() {
            return counter.getAndIncrement();
        }

        void status(int status) {
            statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        }
    }

    private record Measurement(int count, long nanos, long[] sortedLatencies, Map<Integer, Integer> statuses,
                               CpuTimes cpu) {
        int answered(int status) {
            return statuses.getOrDefault(status, 0);
        }

        double perSecond() {
            return count * 1e9 / nanos;
        }

        double percentileMillis(double p) {
            int index = (int) Math.ceil(p / 100 * sortedLatencies.length) - 1;
            return sortedLatencies[Math.max(0, index)] / 1e6;
        }
    }

    private String setting(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT current_setting(:n)").bind("n", name).mapTo(String.class).one());
    }

    /**
     * Parks the inbox worker without touching it: new items are stored due at 'infinity', so its claims find
     * nothing. The trigger is the same small cost in every case it is present in; parked items are never processed.
     */
    private void parkWorker(boolean park) {
        jdbi.useHandle(h -> {
            if (park) {
                h.execute("""
                        CREATE FUNCTION bench_park() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN NEW.next_attempt_at := 'infinity'; RETURN NEW; END $$""");
                h.execute("CREATE TRIGGER bench_park BEFORE INSERT ON inbox_items FOR EACH ROW EXECUTE FUNCTION bench_park()");
            } else {
                h.execute("DROP TRIGGER bench_park ON inbox_items");
                h.execute("DROP FUNCTION bench_park()");
            }
        });
    }

    /** Waits until the worker has processed everything due, so that a case does not pay for the previous one's backlog. */
    private void awaitWorkerIdle() {
        Poll.until(Duration.ofMinutes(10), () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM inbox_items WHERE state = 'pending' AND next_attempt_at <= now()")
                .mapTo(Long.class).one()) == 0, () -> "The inbox worker did not catch up");
    }

    private void report() {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        results.forEach((name, runs) -> summaries.put(name, Summary.of(runs)));
        Summary health = summaries.get("baseline: GET /observe/health/live");
        Summary jdbc = summaries.get("baseline: JDBC insert into inbox_items");
        report.printf("%n%-40s %28s %9s %9s %8s %8s %18s%n", "case (median of runs)", "per second (runs)", "p50 ms",
                "p99 ms", "/health", "/jdbc", "CPU s: JVM / PG");
        summaries.forEach((name, s) -> report.printf(Locale.ROOT, "%-40s %9.0f %18s %9.2f %9.2f %8.3f %8.3f %8.1f / %-8.1f%n",
                name, s.perSecond, s.runs, s.p50, s.p99, s.perSecond / health.perSecond, s.perSecond / jdbc.perSecond,
                s.cpuJvm, s.cpuPostgres));
    }

    private record Summary(double perSecond, String runs, double p50, double p99, double cpuJvm, double cpuPostgres) {
        /** The run with the median throughput, with its own latencies and CPU times. */
        static Summary of(List<Measurement> runs) {
            List<Measurement> sorted = runs.stream().sorted(java.util.Comparator.comparingDouble(Measurement::perSecond)).toList();
            Measurement median = sorted.get(sorted.size() / 2);
            String all = runs.stream().map(m -> String.format(Locale.ROOT, "%.0f", m.perSecond()))
                    .reduce((a, b) -> a + "," + b).orElse("");
            return new Summary(median.perSecond(), "(" + all + ")", median.percentileMillis(50), median.percentileMillis(99),
                    median.cpu().jvm(), median.cpu().postgres());
        }
    }

    /** What one signature verification costs on one thread, without any database (the key is at hand). */
    private void verificationAlone() {
        HttpSignatureVerifier verifier = new HttpSignatureVerifier();
        String name = actor(0);
        SigningKey.Rsa key = remote.key(name);
        VerificationKey publicKey = key.verificationKey();
        for (Scheme scheme : Scheme.values()) {
            IntFunction<SignedRequest> request = i -> new HttpSigner(CLOCK).sign(scheme, new SignedRequest("POST", inbox,
                    Headers.of("content-type", "application/activity+json"),
                    createNote(name, "verify-" + i).getBytes(StandardCharsets.UTF_8)), remote.keyId(name), key);
            List<SignedRequest> requests = IntStream.range(0, 2_000).mapToObj(request).toList();
            for (int round = 0; round < 2; round++) { // the first round warms the JIT up
                long start = System.nanoTime();
                for (SignedRequest r : requests) {
                    if (!(verifier.verify(r, (id, refresh) -> Optional.of(publicKey), CLOCK.instant())
                            instanceof VerificationResult.Verified)) {
                        throw new IllegalStateException("A signature did not verify");
                    }
                }
                if (round == 1) {
                    report.printf(Locale.ROOT, "verification alone, %s, one thread, no database: %.0f µs each%n",
                            scheme, (System.nanoTime() - start) / 1e3 / requests.size());
                }
            }
        }
    }

}
