package social.muse.federation.transport;

import io.helidon.common.tls.Tls;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientConfig;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * The one outbound HTTP client for federation (actor and object fetches, WebFinger, NodeInfo, deliveries, media).
 *
 * <ul>
 *   <li>Every connection goes through {@link SafeDnsResolver}: the {@link AddressPolicy} judges every address of
 *       the host, and the connection uses an address that was judged. No proxy is ever used.</li>
 *   <li>Only {@code http} and {@code https}. Time limits from {@link TransportSettings}: connect, per read, and a
 *       deadline for the whole call after which the connection is closed.</li>
 *   <li>The body is read incrementally, gzip decoded here, and reading stops with
 *       {@link ResponseTooLargeException} one byte past {@link FetchOptions#maxBodyBytes()}, so neither a huge
 *       body nor a gzip bomb is ever held in memory.</li>
 *   <li>Helidon's redirect following is off. GET follows at most {@link TransportSettings#maxRedirects()}
 *       redirects itself, to http/https only and never from https down to http; each hop is resolved and
 *       checked anew, and signed anew by the {@link RequestSigner} for its own target. A redirect to another
 *       origin is refused when the caller's extra headers carry credentials (Authorization, Cookie, a
 *       signature), since those were meant for the first origin. POST never follows: the 3xx is returned.</li>
 * </ul>
 *
 * <p>Failures are unchecked {@link TransportException}s (subtypes for the policy, size, time and redirect limits);
 * any HTTP status, 4xx and 5xx included, is a normal {@link FetchResponse}.
 */
public final class FederationClient {

    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
    private static final Set<String> CLIENT_OWNED_HEADERS =
            Set.of("host", "date", "user-agent", "accept-encoding", "content-length", "transfer-encoding",
                    "connection", "accept", "content-type");
    private static final Set<String> CREDENTIAL_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "signature", "signature-input");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final byte[] NO_BODY = new byte[0];
    private static final int READ_CHUNK = 8192;
    private static final int MAX_RESPONSE_HEADER_BYTES = 16 * 1024;

    private final Http1Client http;
    private final TransportSettings settings;
    private final String userAgent;

    /**
     * @param userAgent e.g. from {@link #userAgent(String, String)}
     */
    public FederationClient(AddressPolicy policy, String userAgent, TransportSettings settings) {
        this(new SafeDnsResolver(policy), userAgent, settings, Optional.empty());
    }

    /** For tests: a resolver with its own name table and TLS that trusts a test certificate. */
    FederationClient(SafeDnsResolver resolver, String userAgent, TransportSettings settings, Optional<Tls> tls) {
        this.settings = settings;
        this.userAgent = userAgent;
        Http1ClientConfig.Builder builder = Http1Client.builder();
        tls.ifPresent(builder::tls);
        this.http = builder
                .dnsResolver(resolver)
                .proxy(Proxy.noProxy())
                .followRedirects(false)
                .shareConnectionCache(false)
                .servicesDiscoverServices(false)
                .sendExpectContinue(false)
                // decoding happens in readBody, where the size limit counts decoded bytes
                .contentEncoding(ContentEncodingContext.create(encodings ->
                        encodings.contentEncodingsDiscoverServices(false)))
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .socketOptions(socket -> socket
                        .connectTimeout(settings.connectTimeout())
                        .readTimeout(settings.readTimeout()))
                // the response head is capped too; request headers are checked so no value can smuggle a CRLF
                .protocolConfig(protocol -> protocol
                        .maxHeaderSize(MAX_RESPONSE_HEADER_BYTES)
                        .validateRequestHeaders(true)
                        .validateResponseHeaders(true))
                .build();
    }

    /** {@code Muse/0.1.0 (+https://muse.example/)}, the form Mastodon and others log and block by. */
    public static String userAgent(String version, String domain) {
        return "Muse/" + version + " (+https://" + domain + "/)";
    }

    public FetchResponse get(URI target, String accept, Map<String, String> extraHeaders) {
        return get(target, accept, extraHeaders, FetchOptions.defaults());
    }

    public FetchResponse get(URI target, String accept, Map<String, String> extraHeaders, FetchOptions options) {
        requireHttp(target);
        Map<String, String> extra = callerHeaders(extraHeaders);
        return withinDeadline(target, () -> followRedirects(target, accept, extra, options));
    }

    public FetchResponse post(URI target, String contentType, byte[] body, Map<String, String> extraHeaders) {
        return post(target, contentType, body, extraHeaders, FetchOptions.defaults());
    }

    /** Sends {@code body} once; a redirect answer is returned as is, never followed. */
    public FetchResponse post(URI target, String contentType, byte[] body, Map<String, String> extraHeaders,
                              FetchOptions options) {
        requireHttp(target);
        Map<String, String> extra = callerHeaders(extraHeaders);
        byte[] payload = body.clone();
        return withinDeadline(target, () -> {
            Map<String, String> headers = baseHeaders(target);
            headers.put("Content-Type", contentType);
            headers.putAll(extra);
            signInto(headers, "POST", target, payload, options.signer());
            return exchange(Method.POST, target, headers, payload, options.maxBodyBytes(), true);
        });
    }

    private FetchResponse followRedirects(URI first, String accept, Map<String, String> extra, FetchOptions options)
            throws IOException {
        boolean carriesCredentials = extra.keySet().stream()
                .anyMatch(name -> CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
        URI current = first;
        for (int redirects = 0; ; redirects++) {
            Map<String, String> headers = baseHeaders(current);
            headers.put("Accept", accept);
            headers.putAll(extra);
            signInto(headers, "GET", current, NO_BODY, options.signer());
            FetchResponse response = exchange(Method.GET, current, headers, NO_BODY, options.maxBodyBytes(), false);
            if (!REDIRECT_STATUSES.contains(response.status())) {
                return response;
            }
            var location = response.headers().first("Location");
            if (location.isEmpty()) {
                return response;
            }
            if (redirects == settings.maxRedirects()) {
                throw new RedirectRefusedException(current, "more than " + settings.maxRedirects() + " redirects");
            }
            current = redirectTarget(first, current, location.get(), carriesCredentials);
        }
    }

    /** Where a redirect from {@code current} (reached from {@code first}) may go, or why it may not. */
    static URI redirectTarget(URI first, URI current, String location, boolean carriesCredentials) {
        URI next;
        try {
            next = current.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            throw new RedirectRefusedException(current, "malformed Location");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RedirectRefusedException(current, "scheme " + (scheme.isEmpty() ? "(none)" : scheme)
                    + " is not http or https");
        }
        if (scheme.equals("http") && current.getScheme().equalsIgnoreCase("https")) {
            throw new RedirectRefusedException(current, "downgrade from https to http");
        }
        if (next.getHost() == null || next.getRawUserInfo() != null) {
            throw new RedirectRefusedException(current, "Location has no host or carries user info");
        }
        if (carriesCredentials && !origin(next).equals(origin(first))) {
            throw new RedirectRefusedException(current, "credentials would go to another origin");
        }
        return next;
    }

    private FetchResponse exchange(Method method, URI target, Map<String, String> headers, byte[] body,
                                   long maxBodyBytes, boolean hasBody) throws IOException {
        Http1ClientRequest request = http.method(method).uri(target);
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (Http1ClientResponse response = hasBody ? request.submit(body) : request.request()) {
            int status = response.status().code();
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (Header header : response.headers()) {
                fields.computeIfAbsent(header.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                        .addAll(header.allValues());
            }
            boolean followable = method == Method.GET && REDIRECT_STATUSES.contains(status)
                    && fields.containsKey("location");
            byte[] payload = followable || hasNoBody(status, method)
                    ? NO_BODY
                    : readBody(response.inputStream(), fields, maxBodyBytes, target);
            return new FetchResponse(status, new ResponseHeaders(fields), payload, target);
        }
    }

    /** Reads at most {@code maxBytes} decoded bytes; {@code fields} lose the encoding once it is undone. */
    private static byte[] readBody(InputStream raw, Map<String, List<String>> fields, long maxBytes, URI target)
            throws IOException {
        String encoding = String.join(",", fields.getOrDefault("content-encoding", List.of()))
                .strip().toLowerCase(Locale.ROOT);
        boolean gzip = encoding.equals("gzip") || encoding.equals("x-gzip");
        if (!gzip && !encoding.isEmpty() && !encoding.equals("identity")) {
            throw new TransportException("response from " + target + " uses unsupported content encoding "
                    + encoding);
        }
        if (!gzip) {
            List<String> length = fields.getOrDefault("content-length", List.of());
            if (length.size() == 1 && declaredLength(length.getFirst()) > maxBytes) {
                throw new ResponseTooLargeException(target, maxBytes);
            }
        }
        InputStream decoded = gzip ? new GZIPInputStream(raw, READ_CHUNK) : raw;
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes + 1, READ_CHUNK));
        byte[] chunk = new byte[READ_CHUNK];
        long total = 0;
        int read;
        while ((read = decoded.read(chunk)) != -1) {
            total += read;
            if (total > maxBytes) {
                throw new ResponseTooLargeException(target, maxBytes);
            }
            out.write(chunk, 0, read);
        }
        if (gzip) {
            fields.remove("content-encoding");
            fields.remove("content-length");
        }
        return out.toByteArray();
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasNoBody(int status, Method method) {
        return status == 204 || status == 304 || status < 200 || method == Method.HEAD;
    }

    /** Case-insensitive, so a signer returning {@code host} or {@code date} replaces ours instead of doubling it. */
    private Map<String, String> baseHeaders(URI target) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Host", hostHeader(target));
        headers.put("Date", HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        headers.put("User-Agent", userAgent);
        headers.put("Accept-Encoding", "gzip");
        return headers;
    }

    private static void signInto(Map<String, String> headers, String method, URI target, byte[] body,
                                 RequestSigner signer) {
        Map<String, String> signature = signer.sign(method, target, Collections.unmodifiableMap(headers), body);
        headers.putAll(signature);
    }

    /** The authority as the remote sees it, which is also what a signature covers. */
    static String hostHeader(URI target) {
        String host = target.getHost().toLowerCase(Locale.ROOT);
        int port = target.getPort();
        boolean defaultPort = port == -1 || port == defaultPort(target.getScheme());
        return defaultPort ? host : host + ":" + port;
    }

    private static String origin(URI uri) {
        int port = uri.getPort() == -1 ? defaultPort(uri.getScheme()) : uri.getPort();
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static int defaultPort(String scheme) {
        return scheme.equalsIgnoreCase("https") ? 443 : 80;
    }

    private static void requireHttp(URI target) {
        String scheme = target.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException("only http and https URIs can be fetched: " + target);
        }
        if (target.getHost() == null || target.getRawUserInfo() != null) {
            throw new IllegalArgumentException("URI needs a host and no user info: " + target);
        }
    }

    private static Map<String, String> callerHeaders(Map<String, String> extraHeaders) {
        extraHeaders.forEach((name, value) -> {
            if (CLIENT_OWNED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the federation client");
            }
            if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
            }
        });
        return Map.copyOf(extraHeaders);
    }

    /**
     * Runs the call on its own virtual thread and abandons it at the deadline. Interrupting a virtual thread
     * blocked on a socket closes that socket, so the abandoned call ends promptly and its connection is not reused.
     */
    private FetchResponse withinDeadline(URI target, Callable<FetchResponse> call) {
        FutureTask<FetchResponse> task = new FutureTask<>(() -> {
            try {
                return call.call();
            } catch (TransportException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw translate(target, e);
            }
        });
        Thread.ofVirtual().name("federation-request").start(task);
        try {
            return task.get(settings.requestDeadline().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new RequestTimeoutException(target, "request (deadline " + settings.requestDeadline() + ")", e);
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while requesting " + target, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new TransportException("request to " + target + " failed", cause);
        }
    }

    /** Helidon wraps what the resolver and the socket throw; the typed cause is what callers act on. */
    private static TransportException translate(URI target, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransportException transport) {
                return transport;
            }
            if (cause instanceof SocketTimeoutException timeout) {
                return new RequestTimeoutException(target, "connecting or reading", timeout);
            }
        }
        String detail = failure instanceof UncheckedIOException unchecked ? unchecked.getCause().toString()
                : failure.toString();
        return new TransportException("request to " + target + " failed: " + detail, failure);
    }
}
