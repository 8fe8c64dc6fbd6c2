package social.muse.federation.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A complete response: status, headers, the body (already gzip-decoded, within the caller's size limit) and the
 * URI that answered after any redirects.
 */
public record FetchResponse(int status, ResponseHeaders headers, byte[] body, URI finalUri) {

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public Optional<String> contentType() {
        return headers.first("Content-Type");
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FetchResponse[status=" + status + ", finalUri=" + finalUri + ", body=" + body.length + " bytes]";
    }
}
