package social.muse.server.jobs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.HttpSignatureVerifier;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.VerificationResult;
import social.muse.server.MuseApp;
import social.muse.server.db.AccountDao;
import social.muse.server.db.DeliveryDao;
import social.muse.server.db.AccountRow;
import social.muse.server.testing.Poll;
import social.muse.server.testing.TestInstance;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryWorkerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static TestInstance instance;

    @BeforeAll
    static void startInstance() {
        instance = TestInstance.start();
    }

    @AfterAll
    static void stopInstance() {
        instance.close();
    }

    public record DeliveryState(String state, int attempts, Integer lastStatus, Instant nextAttemptAt) {
    }

    @Test
    void deliversOnceWithASignatureTheInboxVerifies() {
        try (FakeInbox remote = new FakeInbox()) {
            AccountRow alice = localAccount(instance);
            long activity = enqueue(instance, alice, List.of(remote.inbox("/inbox")));

            Poll.until(DEADLINE, () -> state(instance, activity, remote.inbox("/inbox")).state().equals("done"),
                    () -> "delivery done: " + state(instance, activity, remote.inbox("/inbox")));
            List<FakeInbox.Received> received = remote.received();
            assertEquals(1, received.size());
            FakeInbox.Received post = received.getFirst();
            assertEquals("POST", post.request().method());
            assertEquals("application/activity+json", post.request().headers().first("content-type").orElseThrow());
            assertEquals(Scheme.RFC9421, post.scheme());
            assertTrue(post.bodyText().contains(activityUri(activity)), post.bodyText());
            VerificationResult result = verify(instance, alice, post);
            VerificationResult.Verified verified = assertInstanceOf(VerificationResult.Verified.class, result);
            assertEquals(instance.app().federation().ap().rsaKeyId(alice), verified.keyId());
            assertEquals(202, state(instance, activity, remote.inbox("/inbox")).lastStatus());
        }
    }

    @Test
    void knocksAgainWithCavageOnceAndRemembersTheHost() {
        try (FakeInbox remote = new FakeInbox()) {
            remote.answer(r -> r.scheme() == Scheme.RFC9421 ? 401 : 202);
            AccountRow bob = localAccount(instance);
            long first = enqueue(instance, bob, List.of(remote.inbox("/users/x/inbox")));
            Poll.until(DEADLINE, () -> state(instance, first, remote.inbox("/users/x/inbox")).state().equals("done"),
                    () -> "first delivery done");
            assertEquals(List.of(Scheme.RFC9421, Scheme.CAVAGE), schemes(remote));

            long second = enqueue(instance, bob, List.of(remote.inbox("/users/x/inbox")));
            Poll.until(DEADLINE, () -> state(instance, second, remote.inbox("/users/x/inbox")).state().equals("done"),
                    () -> "second delivery done");
            assertEquals(List.of(Scheme.RFC9421, Scheme.CAVAGE, Scheme.CAVAGE), schemes(remote));
            for (FakeInbox.Received cavage : remote.received().subList(1, 3)) {
                assertInstanceOf(VerificationResult.Verified.class, verify(instance, bob, cavage));
            }
        }
    }

    @Test
    void serverErrorsAreRetriedLaterAndNotFoundIsPermanent() {
        try (FakeInbox failing = new FakeInbox(); FakeInbox gone = new FakeInbox()) {
            failing.answer(r -> 500);
            gone.answer(r -> 404);
            AccountRow carol = localAccount(instance);
            String retried = failing.inbox("/inbox");
            String missing = gone.inbox("/inbox");
            long activity = enqueue(instance, carol, List.of(retried, missing));

            Poll.until(DEADLINE, () -> state(instance, activity, retried).attempts() == 1
                    && state(instance, activity, missing).state().equals("failed"), () -> "first attempts recorded");
            DeliveryState later = state(instance, activity, retried);
            assertEquals("pending", later.state());
            assertEquals(500, later.lastStatus());
            assertTrue(later.nextAttemptAt().isAfter(Instant.now().plusSeconds(10)), "15 s or more away: " + later);
            DeliveryState permanent = state(instance, activity, missing);
            assertEquals(1, permanent.attempts());
            assertEquals(404, permanent.lastStatus());

            failing.answer(r -> 202);
            pullDue(instance, activity);
            Poll.until(DEADLINE, () -> state(instance, activity, retried).state().equals("done"), () -> "retry done");
            assertEquals(2, failing.received().size());
            assertEquals(1, state(instance, activity, retried).attempts());
            assertEquals(1, gone.received().size(), "a permanent failure is never retried");
            assertEquals("failed", state(instance, activity, missing).state());
        }
    }

    @Test
    void theTenthFailureInARowOpensTheBreakerAndItsRowsWaitUnattempted() {
        try (FakeInbox failing = new FakeInbox()) {
            failing.answer(r -> 503);
            String host = "127.0.0.1:" + failing.port();
            instance.app().database().jdbi().useHandle(h -> h.createUpdate(
                    "INSERT INTO delivery_hosts (host, consecutive_failures) VALUES (:host, 9)").bind("host", host).execute());
            AccountRow erin = localAccount(instance);
            long first = enqueue(instance, erin, List.of(failing.inbox("/inbox")));
            Poll.until(DEADLINE, () -> state(instance, first, failing.inbox("/inbox")).attempts() == 1,
                    () -> "first attempt recorded");
            Instant openUntil = instance.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT open_until FROM delivery_hosts WHERE host = :host AND consecutive_failures = 10")
                    .bind("host", host).mapTo(Instant.class).one());
            assertTrue(openUntil.isAfter(Instant.now().plusSeconds(50)), "open for about a minute: " + openUntil);

            long second = enqueue(instance, erin, List.of(failing.inbox("/inbox")));
            Poll.until(DEADLINE, () -> state(instance, second, failing.inbox("/inbox")).nextAttemptAt().equals(openUntil),
                    () -> "deferred to the breaker's end: " + state(instance, second, failing.inbox("/inbox")));
            assertEquals(0, state(instance, second, failing.inbox("/inbox")).attempts());
            assertEquals(1, failing.received().size(), "nothing sent while the breaker is open");
        }
    }

    @Test
    void aHostThatFailedOnSevenDaysIsNotAttemptedUntilItIsHeardFrom() {
        try (FakeInbox remote = new FakeInbox()) {
            String host = "127.0.0.1:" + remote.port();
            instance.app().database().jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO delivery_hosts (host, failure_days)
                            SELECT :host, array_agg(current_date - d) FROM generate_series(1, 7) AS d""")
                    .bind("host", host).execute());
            AccountRow frank = localAccount(instance);
            long skipped = enqueue(instance, frank, List.of(remote.inbox("/inbox")));
            Poll.until(DEADLINE, () -> state(instance, skipped, remote.inbox("/inbox")).state().equals("failed"),
                    () -> "failed without an attempt: " + state(instance, skipped, remote.inbox("/inbox")) + " received " + remote.received().size());
            assertEquals(0, state(instance, skipped, remote.inbox("/inbox")).attempts());
            assertEquals(1, count(instance, "activity_id = " + skipped + " AND last_error = 'host unavailable'"));
            assertTrue(remote.received().isEmpty());

            instance.app().database().jdbi().useHandle(h -> new DeliveryDao().hostHeardFrom(h, host));
            long sent = enqueue(instance, frank, List.of(remote.inbox("/inbox")));
            Poll.until(DEADLINE, () -> state(instance, sent, remote.inbox("/inbox")).state().equals("done"),
                    () -> "delivered once the host is heard from");
            assertEquals(1, remote.received().size());
        }
    }

    @Test
    void aDeadHostDoesNotDelayAHealthyOne() throws IOException {
        // accepts connections (the kernel completes them) but never answers: every send waits for the read timeout
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             FakeInbox healthy = new FakeInbox()) {
            int refusedPort = TestInstance.freePort();
            List<String> inboxes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inboxes.add("http://127.0.0.1:" + blackHole.getLocalPort() + "/inbox/" + i);
                inboxes.add("http://127.0.0.1:" + refusedPort + "/inbox/" + i);
            }
            inboxes.add(healthy.inbox("/inbox"));
            long activity = enqueue(instance, localAccount(instance), inboxes);

            Poll.until(Duration.ofSeconds(5), () -> state(instance, activity, healthy.inbox("/inbox")).state().equals("done"),
                    () -> "healthy delivery done");
            for (int i = 0; i < 8; i++) {
                assertEquals("pending", state(instance, activity, inboxes.get(2 * i)).state());
                assertEquals("pending", state(instance, activity, inboxes.get(2 * i + 1)).state());
            }
        }
    }

    @Test
    void aRestartLosesNothingAndDeliversOnce() {
        try (FakeInbox remote = new FakeInbox()) {
            TestInstance own = TestInstance.start();
            try {
                own.app().federation().deliveryWorker().stop();
                long activity = enqueue(own, localAccount(own), List.of(remote.inbox("/inbox")));
                assertEquals("pending", state(own, activity, remote.inbox("/inbox")).state());
                assertEquals(0, remote.received().size());

                own = own.restart();
                TestInstance restarted = own;
                Poll.until(DEADLINE, () -> state(restarted, activity, remote.inbox("/inbox")).state().equals("done"),
                        () -> "delivered after restart");
                assertEquals(1, remote.received().size());
            } finally {
                own.close();
            }
        }
    }

    @Test
    void twoProcessesOnOneDatabaseDeliverEachRowOnce() {
        List<FakeInbox> remotes = List.of(new FakeInbox(), new FakeInbox(), new FakeInbox(), new FakeInbox());
        try (TestInstance first = TestInstance.start();
             TestInstance second = TestInstance.start(Map.of("MUSE_DB_URL", first.env().get("MUSE_DB_URL")))) {
            // slow enough that one process cannot drain the queue before the other looks
            remotes.forEach(r -> r.answer(received -> {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                return 202;
            }));
            AccountRow dave = localAccount(first);
            List<Long> activities = new ArrayList<>();
            first.app().database().jdbi().useTransaction(h -> {
                for (int i = 0; i < 20; i++) {
                    List<String> inboxes = new ArrayList<>();
                    for (int j = 0; j < 10; j++) {
                        inboxes.add(remotes.get(j % remotes.size()).inbox("/inbox/" + j));
                    }
                    activities.add(first.app().federation().deliveries().enqueue(h, dave, activity(first, dave), inboxes));
                }
            });
            second.app().federation().deliveryWorker().wake();

            Poll.until(Duration.ofSeconds(60), () -> count(first, "state = 'done'") == 200,
                    () -> "all done, now " + count(first, "state = 'done'"));
            Map<String, Long> perDelivery = remotes.stream().flatMap(r -> r.received().stream())
                    .collect(Collectors.groupingBy(r -> r.request().target() + " " + activityId(r), Collectors.counting()));
            assertEquals(200, perDelivery.size());
            assertTrue(perDelivery.values().stream().allMatch(n -> n == 1), "each delivered once: " + perDelivery);
            Map<String, Long> bySender = remotes.stream().flatMap(r -> r.received().stream())
                    .collect(Collectors.groupingBy(r -> r.request().headers().combined("signature-input").orElseThrow()
                            .contains(":" + second.app().port() + "/") ? "second" : "first", Collectors.counting()));
            assertEquals(2, bySender.size(), "both processes delivered: " + bySender);
        } finally {
            remotes.forEach(FakeInbox::close);
        }
    }

    // ---- helpers

    private static AccountRow localAccount(TestInstance on) {
        return on.app().database().jdbi().inTransaction(h ->
                new AccountDao().insertLocal(h, "sender" + NAMES.incrementAndGet()));
    }

    private static ApActivity activity(TestInstance on, AccountRow sender) {
        String actor = on.app().federation().ap().actorId(sender);
        return new ApActivity(on.baseUrl() + "/activities/" + UUID.randomUUID(), "Follow", actor,
                List.of(new ApIri("https://remote.example/users/someone")), null, List.of(), List.of(), null, null);
    }

    private static long enqueue(TestInstance on, AccountRow sender, List<String> inboxes) {
        return on.app().database().jdbi().inTransaction(h ->
                on.app().federation().deliveries().enqueue(h, sender, activity(on, sender), inboxes));
    }

    private static String activityUri(long activityId) {
        return instance.app().database().jdbi().withHandle(h ->
                h.createQuery("SELECT uri FROM outbox_activities WHERE id = :id").bind("id", activityId)
                        .mapTo(String.class).one());
    }

    private static String activityId(FakeInbox.Received received) {
        String body = received.bodyText();
        int start = body.indexOf("/activities/");
        return body.substring(start, body.indexOf('"', start));
    }

    private static DeliveryState state(TestInstance on, long activityId, String inbox) {
        return on.app().database().jdbi().withHandle(h -> h.createQuery("""
                        SELECT state, attempts, last_status, next_attempt_at FROM deliveries
                        WHERE activity_id = :activity AND inbox_url = :inbox""")
                .bind("activity", activityId).bind("inbox", inbox)
                .mapTo(DeliveryState.class).one());
    }

    private static long count(TestInstance on, String condition) {
        return on.app().database().jdbi().withHandle(h ->
                h.createQuery("SELECT count(*) FROM deliveries WHERE " + condition).mapTo(Long.class).one());
    }

    /** Stands in for the clock: the retry is due now instead of in 15 s or more. */
    private static void pullDue(TestInstance on, long activityId) {
        on.app().database().jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE deliveries SET next_attempt_at = now() WHERE activity_id = :id AND state = 'pending'""")
                .bind("id", activityId).execute());
        on.app().federation().deliveryWorker().wake();
    }

    private static List<Scheme> schemes(FakeInbox remote) {
        return remote.received().stream().map(FakeInbox.Received::scheme).toList();
    }

    /** What the remote does: resolve the key id to the sender's public key (as its actor document gives it). */
    private static VerificationResult verify(TestInstance on, AccountRow sender, FakeInbox.Received received) {
        MuseApp.Federation federation = on.app().federation();
        String keyId = federation.ap().rsaKeyId(sender);
        VerificationKey key = federation.localActors().keys(sender.id()).rsa().verificationKey();
        Map<String, VerificationKey> published = new HashMap<>(Map.of(keyId, key));
        return new HttpSignatureVerifier().verify(received.request(),
                (id, refresh) -> Optional.ofNullable(published.get(id)), Instant.now());
    }
}
