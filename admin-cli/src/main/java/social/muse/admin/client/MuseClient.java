package social.muse.admin.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import social.muse.admin.CliException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** The HTTP side of musectl: JSON requests to one Muse server, failures as plain-words {@link CliException}s. */
public final class MuseClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI baseUri;
    private final String token;
    private final HttpClient http;

    private MuseClient(URI baseUri, String token, HttpClient http) {
        this.baseUri = baseUri;
        this.token = token;
        this.http = http;
    }

    /** {@code token} may be null for endpoints that need none. */
    public static MuseClient create(String url, String token) {
        URI uri;
        try {
            uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (URISyntaxException e) {
            throw new CliException("--url " + url + " is not a URL: " + e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new CliException("--url must look like http://host:port or https://host, not " + url);
        }
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new MuseClient(uri, token == null || token.isBlank() ? null : token, http);
    }

    public record JsonResponse(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** GETs {@code path}; any HTTP status is returned, only an unreachable server or a non-JSON body throws. */
    public JsonResponse get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(baseUri.getPath() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        try {
            return new JsonResponse(response.statusCode(), MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new CliException(baseUri + path + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON; is " + baseUri + " a Muse server?");
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new CliException("Could not reach Muse at " + baseUri + ": no answer to the connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s.");
        } catch (HttpTimeoutException e) {
            throw new CliException("Muse at " + baseUri + " did not answer " + request.uri().getPath() + " within "
                    + REQUEST_TIMEOUT.toSeconds() + " s.");
        } catch (ConnectException e) {
            throw new CliException("Could not reach Muse at " + baseUri + ": connection refused. Is the server running?");
        } catch (IOException e) {
            throw new CliException("Could not talk to Muse at " + baseUri + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while waiting for " + baseUri);
        }
    }
}
