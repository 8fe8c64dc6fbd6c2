package social.muse.server.processing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule, field by field, with Mastodon's error codes ({@code ERR_TAKEN},
 * {@code ERR_TOO_SHORT}, …) and human descriptions ("is too short (minimum is 8 characters)").
 */
public final class ValidationFailed extends RuntimeException {
    public record Issue(String code, String description) {
    }

    private final Map<String, List<Issue>> issues;

    public ValidationFailed(Map<String, List<Issue>> issues) {
        super(summary(issues), null, false, false);
        this.issues = Map.copyOf(issues);
    }

    /** Issues of the whole request rather than one field (Rails' {@code :base}): told without a field name. */
    public static final String BASE = "base";

    public static ValidationFailed of(String field, String code, String description) {
        return new ValidationFailed(Map.of(field, List.of(new Issue(code, description))));
    }

    public Map<String, List<Issue>> issues() {
        return issues;
    }

    private static String summary(Map<String, List<Issue>> issues) {
        return "Validation failed: " + issues.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(i -> e.getKey().equals(BASE) ? i.description()
                        : humanize(e.getKey()) + " " + i.description()))
                .collect(Collectors.joining(", "));
    }

    private static String humanize(String field) {
        String words = field.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Collects issues field by field, in the order found. */
    public static final class Collector {
        private final Map<String, List<Issue>> issues = new LinkedHashMap<>();

        public void add(String field, String code, String description) {
            issues.computeIfAbsent(field, k -> new java.util.ArrayList<>()).add(new Issue(code, description));
        }

        public boolean has(String field) {
            return issues.containsKey(field);
        }

        public void throwIfAny() {
            if (!issues.isEmpty()) {
                throw new ValidationFailed(issues);
            }
        }
    }
}
