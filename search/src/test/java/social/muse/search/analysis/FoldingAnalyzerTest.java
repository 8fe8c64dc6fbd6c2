package social.muse.search.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FoldingAnalyzerTest {
    @Test
    void splitsLowerCasesAndFoldsToAscii() throws IOException {
        assertEquals(List.of("sigur", "ros", "agaetis", "byrjun"), tokens("Sigur Rós — Ágætis Byrjun"));
        assertEquals(List.of("motorhead", "blue", "oyster", "cult"), tokens("Motörhead, Blue Öyster Cult"));
    }

    private static List<String> tokens(String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (FoldingAnalyzer analyzer = new FoldingAnalyzer(); TokenStream stream = analyzer.tokenStream("f", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }
}
