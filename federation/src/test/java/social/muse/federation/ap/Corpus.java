package social.muse.federation.ap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The ActivityPub test corpus in src/test/resources/ap-corpus (see its README.md for provenance). */
final class Corpus {

    /** One MANIFEST.tsv row: the file and the types its outermost and inner documents have. */
    record Entry(String file, String outerType, String innerType) {
        byte[] bytes() {
            return read("/ap-corpus/" + file);
        }
    }

    private Corpus() {
    }

    static List<Entry> entries() {
        String manifest = new String(read("/ap-corpus/MANIFEST.tsv"), StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        for (String line : manifest.split("\n")) {
            String[] columns = line.split("\t", -1);
            if (columns[0].equals("file") || columns.length < 7) {
                continue;
            }
            entries.add(new Entry(columns[0], columns[5], columns[6]));
        }
        return entries;
    }

    static byte[] file(String path) {
        return read("/ap-corpus/" + path);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
