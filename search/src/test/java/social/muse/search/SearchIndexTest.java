package social.muse.search;

import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SearchIndexTest {
    private ByteBuffersDirectory directory;
    private SearchIndex index;

    @BeforeEach
    void open() {
        directory = new ByteBuffersDirectory();
        index = new SearchIndex(directory);
    }

    @AfterEach
    void close() throws IOException {
        index.close();
        directory.close();
    }

    @Test
    void asciiQueryFindsAccentedName() {
        index.upsert("1", Map.of("artist", "Björk", "title", "Homogenic"));
        index.upsert("2", Map.of("artist", "Portishead", "title", "Dummy"));
        index.refresh();

        assertEquals(List.of("1"), index.search("bjork", 10));
        assertEquals(List.of("1"), index.search("BJÖRK", 10));
    }

    @Test
    void everyWordMustMatchAcrossFields() {
        index.upsert("1", Map.of("artist", "Sigur Rós", "title", "Ágætis byrjun"));
        index.upsert("2", Map.of("artist", "Sigur Rós", "title", "Takk..."));
        index.upsert("3", Map.of("artist", "Rosalía", "title", "Motomami"));
        index.refresh();

        assertEquals(2, index.search("sigur ros", 10).size());
        assertEquals(List.of("1"), index.search("sigur ros agaetis", 10));
        assertEquals(List.of("2"), index.search("takk", 10));
    }

    @Test
    void deleteRemovesTheDocument() {
        index.upsert("1", Map.of("artist", "Björk"));
        index.upsert("2", Map.of("artist", "Björk Guðmundsdóttir & Tríó Guðmundar Ingólfssonar"));
        index.refresh();

        index.delete("1");
        index.refresh();

        assertEquals(List.of("2"), index.search("bjork", 10));
    }

    @Test
    void upsertReplacesInsteadOfAdding() {
        index.upsert("1", Map.of("title", "Homogenic"));
        index.refresh();

        index.upsert("1", Map.of("title", "Vespertine"));
        index.refresh();

        assertEquals(List.of(), index.search("homogenic", 10));
        assertEquals(List.of("1"), index.search("vespertine", 10));
    }

    @Test
    void limitCapsTheResults() {
        for (int i = 0; i < 5; i++) {
            index.upsert(Integer.toString(i), Map.of("title", "Live " + i));
        }
        index.refresh();

        assertEquals(2, index.search("live", 2).size());
    }

    @Test
    void queryWithoutWordsFindsNothing() {
        index.upsert("1", Map.of("title", "Homogenic"));
        index.refresh();

        assertEquals(List.of(), index.search("  !? ", 10));
    }

    @Test
    void reservedFieldNamesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> index.upsert("1", Map.of("id", "2")));
    }

    @Test
    void writesBecomeVisibleWithoutRefresh() {
        index.upsert("1", Map.of("title", "Homogenic"));

        // the background reopen thread publishes within a second; poll with a bounded deadline
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> found = index.search("homogenic", 10);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000L);
            found = index.search("homogenic", 10);
        }
        assertEquals(List.of("1"), found);
    }

    @Test
    void closedIndexOnDiskIsFoundAgain(@TempDir Path dir) throws IOException {
        try (FSDirectory onDisk = FSDirectory.open(dir)) {
            try (SearchIndex first = new SearchIndex(onDisk)) {
                first.upsert("1", Map.of("artist", "Björk"));
            }
            try (SearchIndex reopened = new SearchIndex(onDisk)) {
                assertEquals(List.of("1"), reopened.search("bjork", 10));
            }
        }
    }
}
