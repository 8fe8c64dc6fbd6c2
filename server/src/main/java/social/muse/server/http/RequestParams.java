package social.muse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a request as Mastodon (a Rails app) sees them: the query string merged with a
 * JSON, form-urlencoded or multipart body. JSON is flattened into the same bracket keys forms use
 * ({@code fields_attributes[0][name]}, {@code redirect_uris[]}), so every endpoint reads one shape
 * whatever the client sent.
 */
public final class RequestParams {
    /** Bodies other than file uploads are small; anything larger is refused before parsing. */
    public static final int MAX_TEXT_BODY = 256 * 1024;
    private static final Pattern INDEXED = Pattern.compile("^([^\\[]+)\\[([^\\]]*)\\]\\[([^\\]]+)\\]$");

    public record UploadedFile(String fieldName, String fileName, String contentType, byte[] bytes) {
    }

    private final Map<String, List<String>> values;
    private final Map<String, UploadedFile> files;

    private RequestParams(Map<String, List<String>> values, Map<String, UploadedFile> files) {
        this.values = values;
        this.files = files;
    }

    public static RequestParams of(Map<String, List<String>> values) {
        return new RequestParams(new LinkedHashMap<>(values), Map.of());
    }

    /** Reads query and body; {@code maxFileBytes} caps each uploaded file. */
    public static RequestParams read(ServerRequest request, ObjectMapper mapper, long maxFileBytes) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        for (String name : request.query().names()) {
            values.computeIfAbsent(name, k -> new ArrayList<>()).addAll(request.query().all(name));
        }
        if (request.content().hasEntity()) {
            String mediaType = request.headers().contentType()
                    .map(HttpMediaType::mediaType)
                    .map(m -> (m.type() + "/" + m.subtype()).toLowerCase(Locale.ROOT))
                    .orElse("");
            switch (mediaType) {
                case "application/json" -> flattenJson(parseJson(readText(request), mapper), values);
                case "multipart/form-data" -> readMultipart(request, values, files, maxFileBytes);
                default -> parseForm(readText(request), values);
            }
        }
        return new RequestParams(values, files);
    }

    private static String readText(ServerRequest request) {
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_TEXT_BODY + 1);
            if (bytes.length > MAX_TEXT_BODY) {
                throw new ClientError(413, "Request body is too large");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseJson(String body, ObjectMapper mapper) {
        if (body.isBlank()) {
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (!node.isObject()) {
                throw new ClientError(400, "The request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new ClientError(400, "The request body is not valid JSON");
        }
    }

    static void flattenJson(JsonNode node, Map<String, List<String>> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            flatten(field.getKey(), field.getValue(), into);
        }
    }

    private static void flatten(String key, JsonNode value, Map<String, List<String>> into) {
        if (value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                flatten(key + "[" + field.getKey() + "]", field.getValue(), into);
            }
        } else if (value.isArray()) {
            int index = 0;
            for (JsonNode element : value) {
                if (element.isContainerNode()) {
                    flatten(key + "[" + index++ + "]", element, into);
                } else {
                    flatten(key + "[]", element, into);
                }
            }
        } else {
            into.computeIfAbsent(key, k -> new ArrayList<>()).add(value.asText());
        }
    }

    static void parseForm(String body, Map<String, List<String>> into) {
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                throw new ClientError(400, "The request body is not valid form data");
            }
        }
    }

    private static void readMultipart(ServerRequest request, Map<String, List<String>> values,
                                      Map<String, UploadedFile> files, long maxFileBytes) {
        String contentType = request.headers().contentType().map(HttpMediaType::text).orElse("");
        String boundary = Multipart.boundary(contentType)
                .orElseThrow(() -> new ClientError(400, "The multipart body has no boundary parameter"));
        long limit = 2 * maxFileBytes + MAX_TEXT_BODY;
        byte[] body;
        try (InputStream in = request.content().inputStream()) {
            body = in.readNBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, limit + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > limit) {
            throw new ClientError(413, "Request body is too large");
        }
        for (Multipart.Part part : Multipart.parse(body, boundary)) {
            if (part.fileName().isPresent()) {
                if (part.content().length > maxFileBytes) {
                    throw new ClientError(413, "File " + part.name() + " is larger than " + maxFileBytes + " bytes");
                }
                files.put(part.name(), new UploadedFile(part.name(), part.fileName().get(), part.contentType(), part.content()));
            } else {
                if (part.content().length > MAX_TEXT_BODY) {
                    throw new ClientError(413, "Field " + part.name() + " is too large");
                }
                values.computeIfAbsent(part.name(), k -> new ArrayList<>()).add(new String(part.content(), StandardCharsets.UTF_8));
            }
        }
    }

    /** The first value of {@code name} (or {@code name[]}), stripped of surrounding white space. */
    public Optional<String> string(String name) {
        List<String> all = strings(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).strip());
    }

    public String required(String name, java.util.function.Function<String, RuntimeException> missing) {
        return string(name).filter(s -> !s.isEmpty()).orElseThrow(() -> missing.apply(name));
    }

    /** All values of {@code name} and {@code name[]}, in order. */
    public List<String> strings(String name) {
        List<String> all = new ArrayList<>(values.getOrDefault(name, List.of()));
        all.addAll(values.getOrDefault(name + "[]", List.of()));
        return all;
    }

    public boolean has(String name) {
        return !strings(name).isEmpty();
    }

    /** Rails' boolean casting: "1", "true", "on", "t", "yes" are true; anything else present is false. */
    public Optional<Boolean> bool(String name) {
        return string(name).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "on", "t", "yes", "y" -> true;
            default -> false;
        });
    }

    public Optional<UploadedFile> file(String name) {
        return Optional.ofNullable(files.get(name));
    }

    /**
     * Indexed nested entries, {@code name[0][key]=v} or {@code name[][key]=v} (and JSON arrays of
     * objects), as a list of maps in index order.
     */
    public List<Map<String, String>> indexed(String name) {
        Map<String, Map<String, String>> byIndex = new TreeMap<>((a, b) -> {
            try {
                return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        });
        for (var entry : values.entrySet()) {
            Matcher m = INDEXED.matcher(entry.getKey());
            if (m.matches() && m.group(1).equals(name) && !entry.getValue().isEmpty()) {
                byIndex.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>()).put(m.group(3), entry.getValue().get(0));
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    public Map<String, List<String>> asMap() {
        return values;
    }
}
