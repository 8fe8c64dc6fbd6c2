package social.muse.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.QueryBuilder;
import social.muse.search.analysis.FoldingAnalyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one owner of a Lucene index: its writer, the searcher manager and the thread that reopens
 * searchers in the background. Documents are flat maps of text fields under a unique id; every field
 * is also indexed into one catch-all field, which is what {@link #search} matches against.
 */
public final class SearchIndex implements AutoCloseable {
    public static final String ID_FIELD = "id";
    private static final String ALL_FIELD = "_all";
    private static final Set<String> RESERVED_FIELDS = Set.of(ID_FIELD, ALL_FIELD);
    // Writes become visible to searches within this many seconds even if nobody calls refresh().
    private static final double MAX_STALE_SECONDS = 1.0;
    private static final double MIN_STALE_SECONDS = 0.05;

    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ControlledRealTimeReopenThread<IndexSearcher> reopener;

    /** Opens (or creates) the index in {@code directory}; the caller keeps ownership of the directory. */
    public SearchIndex(Directory directory) {
        this.analyzer = new FoldingAnalyzer();
        try {
            this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the search index", e);
        }
        this.reopener = new ControlledRealTimeReopenThread<>(writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
        reopener.setName("search-index-reopen");
        reopener.setDaemon(true);
        reopener.start();
    }

    /** Adds the document, or replaces every field of the one already indexed under {@code id}. */
    public void upsert(String id, Map<String, String> fields) {
        Document document = new Document();
        document.add(new StringField(ID_FIELD, id, Field.Store.YES));
        fields.forEach((name, value) -> {
            if (RESERVED_FIELDS.contains(name)) {
                throw new IllegalArgumentException("Field name '" + name + "' is reserved by the search index");
            }
            if (value != null) {
                document.add(new TextField(name, value, Field.Store.NO));
                document.add(new TextField(ALL_FIELD, value, Field.Store.NO));
            }
        });
        try {
            writer.updateDocument(idTerm(id), document);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not index " + id, e);
        }
    }

    public void delete(String id) {
        try {
            writer.deleteDocuments(idTerm(id));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove " + id + " from the index", e);
        }
    }

    /** Makes every write so far visible to the next search, without waiting for the background reopen. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not refresh the search index", e);
        }
    }

    /** Ids of the documents containing every word of {@code query}, best match first. */
    public List<String> search(String query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Query parsed = new QueryBuilder(analyzer).createBooleanQuery(ALL_FIELD, query, BooleanClause.Occur.MUST);
        if (parsed == null) {
            return List.of();
        }
        IndexSearcher searcher;
        try {
            searcher = searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open a searcher", e);
        }
        try {
            TopDocs top = searcher.search(parsed, limit);
            List<String> ids = new ArrayList<>(top.scoreDocs.length);
            for (ScoreDoc hit : top.scoreDocs) {
                ids.add(searcher.storedFields().document(hit.doc, Set.of(ID_FIELD)).get(ID_FIELD));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("Search failed", e);
        } finally {
            release(searcher);
        }
    }

    /** Stops the reopen thread, then commits and closes the writer; the directory stays open. */
    @Override
    public void close() {
        reopener.close();
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the search index cleanly", e);
        } finally {
            analyzer.close();
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not release a searcher", e);
        }
    }

    private static Term idTerm(String id) {
        return new Term(ID_FIELD, id);
    }
}
