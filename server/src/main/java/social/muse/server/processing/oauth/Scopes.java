package social.muse.server.processing.oauth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * OAuth scopes as Mastodon defines them: the top-level {@code read}, {@code write}, {@code push},
 * {@code profile}, the legacy {@code follow} (which grants the block, follow and mute scopes), the
 * granular {@code read:*}/{@code write:*} ones and the admin family.
 */
public record Scopes(Set<String> values) {
    public static final String READ = "read";
    public static final String WRITE = "write";
    public static final String FOLLOW = "follow";
    public static final String PUSH = "push";
    public static final String PROFILE = "profile";

    private static final Set<String> GRANULAR_READ = Set.of("accounts", "blocks", "bookmarks", "favourites",
            "filters", "follows", "lists", "mutes", "notifications", "search", "statuses");
    private static final Set<String> GRANULAR_WRITE = Set.of("accounts", "blocks", "bookmarks", "conversations",
            "favourites", "filters", "follows", "lists", "media", "mutes", "notifications", "reports", "statuses");
    private static final Set<String> ADMIN_OBJECTS = Set.of("accounts", "reports", "domain_allows", "domain_blocks",
            "ip_blocks", "email_domain_blocks", "canonical_email_blocks");
    private static final Set<String> FOLLOW_GRANTS = Set.of("read:blocks", "write:blocks", "read:follows",
            "write:follows", "read:mutes", "write:mutes");

    public Scopes {
        values = Set.copyOf(values);
    }

    /** Parses a space-separated list (Mastodon also accepts '+'-joined ones from some clients). */
    public static Optional<Scopes> parse(String text) {
        Set<String> values = Arrays.stream(text.split("[\\s+]+"))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (values.isEmpty() || !values.stream().allMatch(Scopes::isKnown)) {
            return Optional.empty();
        }
        return Optional.of(new Scopes(values));
    }

    public static Scopes of(String... values) {
        return new Scopes(Set.of(values));
    }

    static boolean isKnown(String scope) {
        return switch (scope) {
            case READ, WRITE, FOLLOW, PUSH, PROFILE, "admin:read", "admin:write" -> true;
            default -> {
                String[] parts = scope.split(":");
                if (parts.length == 2) {
                    yield parts[0].equals(READ) ? GRANULAR_READ.contains(parts[1])
                            : parts[0].equals(WRITE) && GRANULAR_WRITE.contains(parts[1]);
                }
                yield parts.length == 3 && parts[0].equals("admin")
                        && (parts[1].equals("read") || parts[1].equals("write")) && ADMIN_OBJECTS.contains(parts[2]);
            }
        };
    }

    /** Whether this grant allows an endpoint that needs {@code required}. */
    public boolean allows(String required) {
        if (values.contains(required)) {
            return true;
        }
        if (values.contains(FOLLOW) && FOLLOW_GRANTS.contains(required)) {
            return true;
        }
        int last = required.lastIndexOf(':');
        return last > 0 && allows(required.substring(0, last));
    }

    public boolean allowsAny(List<String> required) {
        return required.stream().anyMatch(this::allows);
    }

    /** Whether every scope here is covered by {@code grant}, e.g. a requested scope by the app's registered ones. */
    public boolean isWithin(Scopes grant) {
        return values.stream().allMatch(grant::allows);
    }

    public List<String> list() {
        return values.stream().sorted().toList();
    }

    @Override
    public String toString() {
        return String.join(" ", list());
    }
}
