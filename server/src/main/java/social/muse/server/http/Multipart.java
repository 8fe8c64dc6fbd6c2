package social.muse.server.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parser of {@code multipart/form-data} bodies (RFC 7578) that were already read within a size limit. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)[;\\s]name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)[;\\s]filename=\"([^\"]*)\"");

    record Part(String name, Optional<String> fileName, String contentType, byte[] content) {
    }

    private Multipart() {
    }

    static Optional<String> boundary(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(2) != null ? m.group(2) : m.group(3));
    }

    static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int position = indexOf(body, delimiter, 0);
        if (position < 0) {
            throw new ClientError(400, "The multipart body has no boundary");
        }
        while (true) {
            position += delimiter.length;
            if (startsWith(body, position, "--")) {
                return parts;
            }
            position = skipLineBreak(body, position);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), position);
            if (headersEnd < 0) {
                throw new ClientError(400, "A multipart part has no header end");
            }
            String headers = new String(body, position, headersEnd - position, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), contentStart);
            if (next < 0) {
                throw new ClientError(400, "The multipart body ends before its closing boundary");
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, next);
            parts.add(part(headers, content));
            position = next + 2;
        }
    }

    private static Part part(String headers, byte[] content) {
        String disposition = "";
        String contentType = "text/plain";
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        Matcher name = NAME.matcher(";" + disposition);
        if (!name.find()) {
            throw new ClientError(400, "A multipart part has no name");
        }
        Matcher fileName = FILENAME.matcher(";" + disposition);
        return new Part(name.group(1), fileName.find() ? Optional.of(fileName.group(1)) : Optional.empty(), contentType, content);
    }

    private static int skipLineBreak(byte[] body, int position) {
        if (startsWith(body, position, "\r\n")) {
            return position + 2;
        }
        throw new ClientError(400, "The multipart body is malformed");
    }

    private static boolean startsWith(byte[] body, int position, String text) {
        if (position + text.length() > body.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (body[position + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
