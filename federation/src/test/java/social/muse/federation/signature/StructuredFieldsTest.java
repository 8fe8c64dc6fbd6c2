package social.muse.federation.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import social.muse.federation.signature.StructuredFields.ByteSequence;
import social.muse.federation.signature.StructuredFields.InnerList;
import social.muse.federation.signature.StructuredFields.Item;
import social.muse.federation.signature.StructuredFields.Member;
import social.muse.federation.signature.StructuredFields.Token;

class StructuredFieldsTest {

    @Test
    void parsesEveryBareItemTypeWithParameters() {
        Map<String, Member> dictionary = StructuredFields.parseDictionary(
                "a=1, b=-2.5;x, c=\"q\\\"s\", d=tok/en:1, e=:AQID:, f=?0, g;p=?1, h=(\"x\";n=\"y\" 7);created=3");

        assertEquals(1L, ((Item) dictionary.get("a")).value());
        assertEquals(new BigDecimal("-2.5"), ((Item) dictionary.get("b")).value());
        assertEquals(Boolean.TRUE, ((Item) dictionary.get("b")).parameters().get("x"));
        assertEquals("q\"s", ((Item) dictionary.get("c")).value());
        assertEquals(new Token("tok/en:1"), ((Item) dictionary.get("d")).value());
        assertArrayEquals(new byte[] {1, 2, 3}, ((ByteSequence) ((Item) dictionary.get("e")).value()).bytes());
        assertEquals(Boolean.FALSE, ((Item) dictionary.get("f")).value());
        assertEquals(Boolean.TRUE, ((Item) dictionary.get("g")).value());
        InnerList list = (InnerList) dictionary.get("h");
        assertEquals(List.of("x", 7L), list.items().stream().map(Item::value).toList());
        assertEquals("y", list.items().getFirst().parameters().get("n"));
        assertEquals(3L, list.parameters().get("created"));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), List.copyOf(dictionary.keySet()));
    }

    @Test
    void serialisesInnerListsCanonically() {
        InnerList list = (InnerList) StructuredFields.parseDictionary(
                "s=(  \"@method\"   \"@query-param\";name=\"Pet\" );created=1;keyid=\"k\\\\1\";ok;b=:AQID:").get("s");

        assertEquals("(\"@method\" \"@query-param\";name=\"Pet\");created=1;keyid=\"k\\\\1\";ok;b=:AQID:",
                StructuredFields.serialize(list));
    }

    @Test
    void refusesInvalidInput() {
        for (String bad : List.of("A=1", "a=", "a=1,", "a=(1", "a=\"x", "a=:a*b:", "a=?2", "a=1234567890123456",
                "a=1.2345", "a=(1,2)", "a=\"\u00e9\"", "a=1 b=2")) {
            assertThrows(IllegalArgumentException.class, () -> StructuredFields.parseDictionary(bad), bad);
        }
    }
}
