package social.muse.federation.signature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP header fields as an immutable, case-insensitive multimap: names are stored lower-cased (as both signature
 * schemes spell them), values keep their order per name.
 *
 * @param values lower-case name to the values of its field lines, in order
 */
public record Headers(Map<String, List<String>> values) {

    private static final Headers EMPTY = new Headers(Map.of());

    public Headers {
        Objects.requireNonNull(values, "values");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((name, list) -> {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(list, "header values");
            copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(list);
        });
        copy.replaceAll((name, list) -> List.copyOf(list));
        values = Collections.unmodifiableMap(copy);
    }

    public static Headers empty() {
        return EMPTY;
    }

    /** Headers from alternating names and values: {@code of("Host", "example.com", "Date", "...")}. */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.computeIfAbsent(namesAndValues[i].toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                    .add(Objects.requireNonNull(namesAndValues[i + 1], "header value"));
        }
        return new Headers(map);
    }

    /** Every value of the field, in order; empty when absent. */
    public List<String> all(String name) {
        return values.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The first value of the field. */
    public Optional<String> first(String name) {
        List<String> list = all(name);
        return list.isEmpty() ? Optional.empty() : Optional.of(list.getFirst());
    }

    public boolean contains(String name) {
        return !all(name).isEmpty();
    }

    public Set<String> names() {
        return values.keySet();
    }

    /**
     * The field's combined value as both signature schemes define it: each field line's value trimmed of surrounding
     * whitespace, joined with {@code ", "}. Empty when the field is absent.
     */
    public Optional<String> combined(String name) {
        List<String> list = all(name);
        if (list.isEmpty()) {
            return Optional.empty();
        }
        if (list.size() == 1) {
            return Optional.of(list.getFirst().strip());
        }
        StringBuilder joined = new StringBuilder();
        for (String value : list) {
            if (!joined.isEmpty()) {
                joined.append(", ");
            }
            joined.append(value.strip());
        }
        return Optional.of(joined.toString());
    }

    /** A copy with the field set to this single value, replacing any earlier value. */
    public Headers with(String name, String value) {
        Map<String, List<String>> map = new LinkedHashMap<>(values);
        map.put(name.toLowerCase(Locale.ROOT), List.of(Objects.requireNonNull(value, "value")));
        return new Headers(map);
    }

    /** Values are left out: they may be credentials. */
    @Override
    public String toString() {
        return "Headers" + values.keySet();
    }
}
