package social.muse.server.bench;

import com.sun.net.httpserver.HttpServer;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.federation.signature.Scheme;
import social.muse.federation.transport.FederationClient;
import social.muse.federation.transport.FetchOptions;
import social.muse.federation.transport.RequestSigner;
import social.muse.server.MuseApp;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.testing.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out of one activity to 10,000 followers on 1,000 fake instances (one JDK HTTP server per port on 127.0.0.1,
 * so 1,000 distinct hosts with one shared inbox each): the time from the enqueuing commit until every delivery is
 * done, against the same-run baseline of 1,000 unsigned POSTs of the same body with the same client and the same
 * concurrency (64). Not a test: run it with bench/fanout.sh (see bench/README.md).
 */
public final class DeliveryFanOutBench {
    private static final int INSTANCES = 1_000;
    private static final int FOLLOWERS_PER_INSTANCE = 10;
    private static final int CONCURRENCY = 64;

    private final List<HttpServer> remotes = new ArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger signed = new AtomicInteger();

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        new DeliveryFanOutBench().run(runs);
    }

    private void run(int runs) {
        ExecutorService remoteThreads = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < INSTANCES; i++) {
            remotes.add(remote(remoteThreads));
        }
        try (TestInstance instance = TestInstance.start()) {
            MuseApp app = instance.app();
            AccountRow sender = app.database().jdbi().inTransaction(h -> new AccountDao().insertLocal(h, "bench"));
            byte[] body = app.federation().codec().write(activity(instance, sender));

            unsignedPosts(app.federation().client(), body); // warm-up: JIT and connections
            fanOut(instance, sender); // warm-up: the signing and database paths
            List<Long> fanOut = new ArrayList<>();
            List<Long> baseline = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                fanOut.add(fanOut(instance, sender));
                baseline.add(unsignedPosts(app.federation().client(), body));
            }
            long signingMillis = signAll(app, sender, body);
            long fanOutMedian = median(fanOut);
            long baselineMedian = median(baseline);
            System.out.printf("Fan-out of one activity to %,d followers on %,d instances (%,d shared-inbox deliveries)%n",
                    INSTANCES * FOLLOWERS_PER_INSTANCE, INSTANCES, INSTANCES);
            System.out.printf("  queued, signed and delivered: median %,d ms %s%n", fanOutMedian, fanOut);
            System.out.printf("  baseline, %,d unsigned POSTs, same client, %d at a time: median %,d ms %s%n",
                    INSTANCES, CONCURRENCY, baselineMedian, baseline);
            System.out.printf("  ratio fan-out / baseline: %.2f%n", (double) fanOutMedian / baselineMedian);
            System.out.printf("  signing alone, %,d RFC 9421 signatures (RSA-2048) on one thread: %,d ms%n",
                    INSTANCES, signingMillis);
            System.out.printf("  signed requests received: %,d, in %d fan-outs (one per shared inbox each: %s)%n",
                    signed.get(), runs + 1, signed.get() == (runs + 1) * INSTANCES);
        } finally {
            remotes.forEach(server -> server.stop(0));
            remoteThreads.close();
        }
    }

    private HttpServer remote(ExecutorService threads) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            server.setExecutor(threads);
            server.createContext("/inbox", exchange -> {
                exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestHeaders().containsKey("Signature")) {
                    signed.incrementAndGet();
                }
                received.incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from the commit that queues the activity until the last of its deliveries is done. */
    private long fanOut(TestInstance instance, AccountRow sender) {
        MuseApp app = instance.app();
        List<String> followerInboxes = new ArrayList<>();
        for (HttpServer remote : remotes) {
            for (int i = 0; i < FOLLOWERS_PER_INSTANCE; i++) {
                followerInboxes.add("http://127.0.0.1:" + remote.getAddress().getPort() + "/inbox");
            }
        }
        ApActivity activity = activity(instance, sender);
        long start = System.nanoTime();
        long activityId = app.database().jdbi().inTransaction(h ->
                app.federation().deliveries().enqueue(h, sender, activity, followerInboxes));
        Duration limit = Duration.ofMinutes(5);
        while (pending(app, activityId) > 0) {
            if (System.nanoTime() - start > limit.toNanos()) {
                throw new IllegalStateException("Fan-out not done within " + limit);
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        long done = app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM deliveries WHERE activity_id = :id AND state = 'done'")
                .bind("id", activityId).mapTo(Long.class).one());
        if (done != INSTANCES) {
            throw new IllegalStateException("Only " + done + " of " + INSTANCES + " deliveries succeeded");
        }
        return elapsed;
    }

    private static long pending(MuseApp app, long activityId) {
        return app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM deliveries WHERE activity_id = :id AND state = 'pending'")
                .bind("id", activityId).mapTo(Long.class).one());
    }

    private long unsignedPosts(FederationClient client, byte[] body) {
        Semaphore slots = new Semaphore(CONCURRENCY);
        long start = System.nanoTime();
        try (ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (HttpServer remote : remotes) {
                URI inbox = URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/inbox");
                posts.execute(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        int status = client.post(inbox, "application/activity+json", body, Map.of(),
                                FetchOptions.defaults()).status();
                        if (status != 202) {
                            throw new IllegalStateException("Baseline POST answered " + status);
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** What the signatures cost by themselves, on one core. */
    private long signAll(MuseApp app, AccountRow sender, byte[] body) {
        RequestSigner signer = app.federation().signing().signerFor(sender, Scheme.RFC9421);
        Map<String, String> headers = Map.of("Content-Type", "application/activity+json");
        long start = System.nanoTime();
        for (HttpServer remote : remotes) {
            signer.sign("POST", URI.create("http://127.0.0.1:" + remote.getAddress().getPort() + "/inbox"), headers,
                    body);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static ApActivity activity(TestInstance instance, AccountRow sender) {
        String actor = instance.app().federation().ap().actorId(sender);
        return new ApActivity(instance.baseUrl() + "/activities/" + UUID.randomUUID(), "Create", actor,
                List.of(new ApIri(actor + "/statuses/" + UUID.randomUUID())), null,
                List.of("https://www.w3.org/ns/activitystreams#Public"), List.of(actor + "/followers"), null, null);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
