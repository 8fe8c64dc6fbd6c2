package social.muse.server.db;

import org.jdbi.v3.core.Handle;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The delivery queue seen by the worker: claiming due rows under a lease, recording outcomes, and the
 * per-host circuit breaker in {@code delivery_hosts}. Every statement is safe with several server
 * processes on one database: claims skip rows another transaction holds, and a claim is a lease
 * (next_attempt_at moved ahead), so rows a crashed process held come back when it runs out.
 */
public final class DeliveryDao {

    /**
     * A claimed delivery with what sending it needs: the activity's JSON, its sender, and whether it carries the
     * sender's followers digest (FEP-8fcf).
     */
    public record DueDeliveryRow(long id, long activityId, String inboxUrl, String host, int attempts, long accountId,
                                 String body, boolean synchronizeFollowers) {
    }

    /** Due rows of hosts whose breaker is open wait until it closes; they are not attempts. */
    public int deferOpenHosts(Handle h) {
        return h.createUpdate("""
                        UPDATE deliveries d SET next_attempt_at = dh.open_until
                        FROM delivery_hosts dh
                        WHERE d.host = dh.host AND d.id IN (
                            SELECT dd.id FROM deliveries dd JOIN delivery_hosts o ON o.host = dd.host
                            WHERE dd.state = 'pending' AND dd.next_attempt_at <= now() AND o.open_until > now()
                            FOR UPDATE OF dd SKIP LOCKED)""")
                .execute();
    }

    /**
     * Claims up to {@code limit} due deliveries, at most {@code perHost} per host counting {@code inFlight} (what
     * this process is already sending to each host), and leases them for {@code lease}. Rows locked by another
     * transaction are skipped, never waited for. Hosts with an open breaker or unavailable (failures on
     * {@code unavailableDays} days) are left out here too, since rows may have become visible after the statements
     * that defer or fail theirs.
     */
    public List<DueDeliveryRow> claimDue(Handle h, int limit, int perHost, Map<String, Integer> inFlight,
                                         Duration lease, int unavailableDays) {
        String[] hosts = inFlight.keySet().toArray(String[]::new);
        Integer[] counts = new Integer[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            counts[i] = inFlight.get(hosts[i]);
        }
        return h.createQuery("""
                        WITH busy AS (
                            SELECT * FROM unnest(CAST(:hosts AS text[]), CAST(:counts AS integer[])) AS b (host, sending)
                        ), ranked AS (
                            SELECT d.id, d.next_attempt_at, coalesce(b.sending, 0) AS sending,
                                   row_number() OVER (PARTITION BY d.host ORDER BY d.next_attempt_at, d.id) AS rank
                            FROM deliveries d
                            LEFT JOIN busy b ON b.host = d.host
                            LEFT JOIN delivery_hosts dh ON dh.host = d.host
                            WHERE d.state = 'pending' AND d.next_attempt_at <= now()
                              AND (dh.host IS NULL OR (cardinality(dh.failure_days) < :unavailableDays
                                                       AND (dh.open_until IS NULL OR dh.open_until <= now())))
                        ), chosen AS (
                            SELECT d.id FROM deliveries d
                            WHERE d.id IN (SELECT id FROM ranked WHERE rank + sending <= :perHost
                                           ORDER BY next_attempt_at, id LIMIT :limit)
                              AND d.state = 'pending' AND d.next_attempt_at <= now()
                            FOR UPDATE SKIP LOCKED
                        )
                        UPDATE deliveries d
                        SET next_attempt_at = now() + make_interval(secs => :leaseSeconds)
                        FROM chosen, outbox_activities a
                        WHERE d.id = chosen.id AND a.id = d.activity_id
                        RETURNING d.id, d.activity_id, d.inbox_url, d.host, d.attempts, a.account_id, a.body::text AS body,
                                  a.synchronize_followers""")
                .bindArray("hosts", String.class, (Object[]) hosts)
                .bindArray("counts", Integer.class, (Object[]) counts)
                .bind("perHost", perHost)
                .bind("limit", limit)
                .bind("leaseSeconds", (double) lease.toSeconds())
                .bind("unavailableDays", unavailableDays)
                .mapTo(DueDeliveryRow.class)
                .list();
    }

    public void markDone(Handle h, long id, int status) {
        h.createUpdate("""
                        UPDATE deliveries SET state = 'done', last_status = :status, last_error = NULL, finished_at = now()
                        WHERE id = :id""")
                .bind("id", id).bind("status", status).execute();
    }

    /** {@code status} is null when no response came (connection refused, timeout). */
    public void markFailed(Handle h, long id, Integer status, String error) {
        h.createUpdate("""
                        UPDATE deliveries SET state = 'failed', attempts = attempts + 1, last_status = :status,
                               last_error = :error, finished_at = now()
                        WHERE id = :id""")
                .bind("id", id).bind("status", status).bind("error", error).execute();
    }

    public void scheduleRetry(Handle h, long id, Integer status, String error, Duration delay) {
        h.createUpdate("""
                        UPDATE deliveries SET attempts = attempts + 1, last_status = :status, last_error = :error,
                               next_attempt_at = now() + make_interval(secs => :delaySeconds)
                        WHERE id = :id""")
                .bind("id", id).bind("status", status).bind("error", error)
                .bind("delaySeconds", delay.toMillis() / 1000.0).execute();
    }

    /** A delivery went through: the breaker closes and the days of failure are forgotten. */
    public void hostSucceeded(Handle h, String host) {
        h.createUpdate("""
                        INSERT INTO delivery_hosts (host, last_success_at) VALUES (:host, now())
                        ON CONFLICT (host) DO UPDATE
                        SET consecutive_failures = 0, open_until = NULL, failure_days = '{}', last_success_at = now()""")
                .bind("host", host).execute();
    }

    /**
     * The host sent us an activity, so it is up again: its breaker closes and its failure days are forgotten, which
     * makes it available if it was not. Touches nothing for a healthy or unknown host.
     */
    public void hostHeardFrom(Handle h, String host) {
        h.createUpdate("""
                        UPDATE delivery_hosts SET consecutive_failures = 0, open_until = NULL, failure_days = '{}'
                        WHERE host = :host AND (cardinality(failure_days) > 0 OR open_until IS NOT NULL)""")
                .bind("host", host).execute();
    }

    /**
     * Due deliveries to hosts that failed on {@code days} different days since their last success are failed without
     * an attempt, as Mastodon treats an unavailable domain; the host is tried again once it is heard from.
     */
    public int failUnavailableHosts(Handle h, int days) {
        return h.createUpdate("""
                        UPDATE deliveries d SET state = 'failed', last_error = 'host unavailable', finished_at = now()
                        FROM delivery_hosts dh
                        WHERE d.host = dh.host AND cardinality(dh.failure_days) >= :days
                          AND d.state = 'pending' AND d.next_attempt_at <= now()""")
                .bind("days", days).execute();
    }

    /**
     * Counts a failure and remembers its day; from {@code threshold} consecutive failures on, each failure (re)opens
     * the breaker for {@code openFor}.
     */
    public void hostFailed(Handle h, String host, int threshold, Duration openFor) {
        h.createUpdate("""
                        INSERT INTO delivery_hosts AS dh (host, consecutive_failures, failure_days, open_until)
                        VALUES (:host, 1, ARRAY[current_date],
                                CASE WHEN 1 >= :threshold THEN now() + make_interval(secs => :openSeconds) END)
                        ON CONFLICT (host) DO UPDATE
                        SET consecutive_failures = dh.consecutive_failures + 1,
                            failure_days = CASE WHEN current_date = ANY (dh.failure_days) THEN dh.failure_days
                                                ELSE dh.failure_days || current_date END,
                            open_until = CASE WHEN dh.consecutive_failures + 1 >= :threshold
                                              THEN now() + make_interval(secs => :openSeconds)
                                              ELSE dh.open_until END""")
                .bind("host", host).bind("threshold", threshold).bind("openSeconds", (double) openFor.toSeconds())
                .execute();
    }
}
