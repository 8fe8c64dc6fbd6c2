package social.muse.federation.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Response header fields, looked up case-insensitively. */
public record ResponseHeaders(Map<String, List<String>> byLowercaseName) {

    public ResponseHeaders {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byLowercaseName.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        byLowercaseName = Map.copyOf(copy);
    }

    public Optional<String> first(String name) {
        return all(name).stream().findFirst();
    }

    public List<String> all(String name) {
        return byLowercaseName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
}
