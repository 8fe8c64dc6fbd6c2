package social.muse.server.http.ap;

import org.junit.jupiter.api.Test;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.testing.FakeRemote;
import social.muse.server.testing.TestInstance;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Domain policies from MUSE_FEDERATION_SUSPENDED_DOMAINS / _SILENCED_DOMAINS join the table and act at once. */
class ConfiguredDomainPoliciesIT {

    @Test
    void aConfiguredSuspensionRefusesDeliveriesAndLeavesOperatorRowsAlone() {
        try (FakeRemote spam = FakeRemote.start().withActor("spam");
             TestInstance instance = TestInstance.start(Map.of(
                     "MUSE_FEDERATION_SUSPENDED_DOMAINS", spam.authority(),
                     "MUSE_FEDERATION_SILENCED_DOMAINS", "loud.example"))) {
            new social.muse.server.testing.MastodonFixtures(instance.http()).signUp("alice");
            String follow = """
                    {"@context":"https://www.w3.org/ns/activitystreams","id":"%s","type":"Follow","actor":"%s","object":"%s"}"""
                    .formatted(spam.newActivityId("spam"), spam.actorId("spam"), instance.baseUrl() + "/users/alice");
            assertEquals(403, spam.post(instance.baseUrl() + "/users/alice/inbox", follow, "spam", Clock.systemUTC()).statusCode());
            assertEquals(0, spam.actorFetches("spam"));

            var jdbi = instance.app().database().jdbi();
            jdbi.useHandle(h -> h.execute("INSERT INTO domain_policies (domain, severity, reason) VALUES ('mine.example', 'suspend', 'spam wave')"));
            assertEquals(List.of(spam.authority() + " suspend", "loud.example silence", "mine.example suspend"), policies(instance));

            // taken out of the configuration: its rows go, the operator's stays
            jdbi.useTransaction(h -> new RemoteAccountDao().applyConfiguredPolicies(h, List.of(), List.of("loud.example")));
            assertEquals(List.of("loud.example silence", "mine.example suspend"), policies(instance));
        }
    }

    private static List<String> policies(TestInstance instance) {
        return instance.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT domain || ' ' || severity FROM domain_policies ORDER BY domain").mapTo(String.class).list());
    }
}
