package social.muse.federation.signature;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;

/**
 * An HTTP request as the signature code sees it, independent of any HTTP library.
 *
 * <p>For an inbound request the server builds {@code target} from the scheme it serves, the {@code Host} header and the
 * raw path and query; for an outbound one it is the URL being called. The body array is shared, not copied (inbox
 * bodies reach 1 MB): nobody may modify it after the request is built.
 *
 * @param method the request method as sent, e.g. {@code POST}
 * @param target the absolute request URI
 * @param headers the header fields
 * @param body the body bytes, empty when there is none
 */
public record SignedRequest(String method, URI target, Headers headers, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(headers, "headers");
        if (method.isEmpty() || !method.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("not an HTTP method");
        }
        if (!target.isAbsolute() || target.getRawAuthority() == null) {
            throw new IllegalArgumentException("the target must be an absolute http(s) URI");
        }
        body = body == null ? NO_BODY : body;
    }

    /** A request with no body. */
    public static SignedRequest of(String method, URI target, Headers headers) {
        return new SignedRequest(method, target, headers, NO_BODY);
    }

    public SignedRequest withHeaders(Headers newHeaders) {
        return new SignedRequest(method, target, newHeaders, body);
    }

    public boolean hasBody() {
        return body.length > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedRequest that
                && method.equals(that.method)
                && target.equals(that.target)
                && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "SignedRequest[" + method + " " + target + ", " + headers + ", body " + body.length + " bytes]";
    }
}
