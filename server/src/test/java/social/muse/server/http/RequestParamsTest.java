package social.muse.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestParamsTest {
    @Test
    void jsonIsFlattenedIntoTheBracketKeysOfForms() throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>();
        RequestParams.flattenJson(new ObjectMapper().readTree("""
                {"redirect_uris": ["a:/1", "b:/2"], "agreement": true, "n": 3, "skip": null,
                 "fields_attributes": [{"name": "Genre", "value": "Jazz"}], "source": {"privacy": "private"}}"""), values);
        RequestParams params = RequestParams.of(values);
        assertEquals(List.of("a:/1", "b:/2"), params.strings("redirect_uris"));
        assertEquals(true, params.bool("agreement").orElseThrow());
        assertEquals("3", params.string("n").orElseThrow());
        assertTrue(params.string("skip").isEmpty());
        assertEquals(List.of(Map.of("name", "Genre", "value", "Jazz")), params.indexed("fields_attributes"));
        assertEquals("private", params.string("source[privacy]").orElseThrow());
    }

    @Test
    void formsKeepIndexedEntriesInIndexOrder() {
        Map<String, List<String>> values = new LinkedHashMap<>();
        RequestParams.parseForm("fields_attributes%5B10%5D%5Bname%5D=ten&fields_attributes%5B2%5D%5Bname%5D=two"
                + "&fields_attributes%5B2%5D%5Bvalue%5D=2&scopes=read+write&redirect_uris%5B%5D=x&redirect_uris%5B%5D=y", values);
        RequestParams params = RequestParams.of(values);
        assertEquals(List.of(Map.of("name", "two", "value", "2"), Map.of("name", "ten")), params.indexed("fields_attributes"));
        assertEquals("read write", params.string("scopes").orElseThrow());
        assertEquals(List.of("x", "y"), params.strings("redirect_uris"));
        assertThrows(ClientError.class, () -> RequestParams.parseForm("bad=%zz", new LinkedHashMap<>()));
    }

    @Test
    void multipartPartsKeepTheirBytesAndFileNames() {
        byte[] file = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0, 1, '-', '-'};
        String head = "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\nworld\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a b.png\"\r\nContent-Type: image/png\r\n\r\n";
        byte[] body = concat(head.getBytes(StandardCharsets.UTF_8), file, "\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8));
        List<Multipart.Part> parts = Multipart.parse(body, "XyZ");
        assertEquals(2, parts.size());
        assertEquals("hello\r\nworld", new String(parts.get(0).content(), StandardCharsets.UTF_8));
        assertEquals("a b.png", parts.get(1).fileName().orElseThrow());
        assertEquals("image/png", parts.get(1).contentType());
        assertArrayEquals(file, parts.get(1).content());
        assertEquals("XyZ", Multipart.boundary("multipart/form-data; boundary=XyZ").orElseThrow());
        assertEquals("a b", Multipart.boundary("multipart/form-data; boundary=\"a b\"").orElseThrow());
        assertThrows(ClientError.class, () -> Multipart.parse("--XyZ\r\nno end".getBytes(StandardCharsets.UTF_8), "XyZ"));
    }

    @Test
    void forwardedAddressesAreBelievedOnlyFromTrustedProxies() {
        assertTrue(ClientAddress.isTrustedProxy("127.0.0.1"));
        assertTrue(ClientAddress.isTrustedProxy("10.1.2.3"));
        assertTrue(ClientAddress.isTrustedProxy("192.168.0.9"));
        assertTrue(ClientAddress.isTrustedProxy("::1"));
        assertTrue(!ClientAddress.isTrustedProxy("203.0.113.5"));
        assertTrue(!ClientAddress.isTrustedProxy("evil.example"), "names are never resolved");
    }

    private static byte[] concat(byte[]... arrays) {
        int length = 0;
        for (byte[] a : arrays) {
            length += a.length;
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] a : arrays) {
            System.arraycopy(a, 0, out, offset, a.length);
            offset += a.length;
        }
        return out;
    }
}
