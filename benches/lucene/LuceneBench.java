// The baseline isnad's suite measures itself against: Lucene's ArabicAnalyzer (the analyzer
// behind Elasticsearch's `arabic`) on the same JSON Lines records, indexed and queried the
// way isnad does it. `isnad-bench suite` compiles and runs this with the Lucene jars it is
// given (`--lucene-jar`, e.g. the Anserini fat jar inside the `pyserini` Python package).
//
//   java -cp JAR:. LuceneBench index INDEX_DIR THREADS FILE.jsonl...
//       prints {"seconds":S,"documents":N,"cpu_seconds":C,"peak_heap_mb":M}
//   java -cp JAR:. LuceneBench query INDEX_DIR RUNS QUERIES_FILE
//       QUERIES_FILE holds `kind<TAB>query` lines in Lucene's classic syntax (AND between
//       words); prints one {"kind","query","matches","p50_ms","p99_ms"} line per query.
//
// Fields: title and body (stored and indexed), and text (title and body, indexed only): the
// field queries run on, as isnad matches on one field of title and body. Queries count every
// match, as the workbench shows the count.

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.store.FSDirectory;

public class LuceneBench {
    private static final String END = "\u0000end";

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("index")) {
            List<Path> files = new ArrayList<>();
            for (int i = 3; i < args.length; i++) {
                files.add(Paths.get(args[i]));
            }
            index(Paths.get(args[1]), Integer.parseInt(args[2]), files);
        } else if (args.length == 4 && args[0].equals("query")) {
            query(Paths.get(args[1]), Integer.parseInt(args[2]), Paths.get(args[3]));
        } else {
            System.err.println("usage: LuceneBench index DIR THREADS FILES... | query DIR RUNS QUERIES");
            System.exit(2);
        }
    }

    static double cpuSeconds() {
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }

    static void index(Path dir, int threads, List<Path> files) throws Exception {
        long start = System.nanoTime();
        IndexWriterConfig config = new IndexWriterConfig(new ArabicAnalyzer());
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // isnad gives tantivy 64 MB per indexing thread.
        config.setRAMBufferSizeMB(64.0 * threads);
        AtomicLong documents = new AtomicLong();
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(4096);
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(dir), config)) {
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    ObjectMapper json = new ObjectMapper();
                    try {
                        for (String line = lines.take(); !line.equals(END); line = lines.take()) {
                            writer.addDocument(document(json.readTree(line)));
                            documents.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                worker.start();
                workers.add(worker);
            }
            for (Path file : files) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        if (!line.isBlank()) {
                            lines.put(line);
                        }
                    }
                }
            }
            for (int t = 0; t < threads; t++) {
                lines.put(END);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            writer.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long heap = 0;
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            heap += pool.getPeakUsage().getUsed();
        }
        System.out.printf(
            "{\"seconds\":%.3f,\"documents\":%d,\"cpu_seconds\":%.2f,\"peak_heap_mb\":%d}%n",
            seconds, documents.get(), cpuSeconds(), heap / (1024 * 1024));
    }

    static Document document(JsonNode record) {
        Document doc = new Document();
        String title = text(record, "title");
        String body = text(record, "body");
        doc.add(new StringField("id", text(record, "id"), Field.Store.YES));
        doc.add(new TextField("title", title, Field.Store.YES));
        doc.add(new TextField("body", body, Field.Store.YES));
        doc.add(new TextField("text", title + "\n" + body, Field.Store.NO));
        doc.add(new TextField("source", text(record, "source"), Field.Store.YES));
        doc.add(new StoredField("published", text(record, "published")));
        doc.add(new StringField("lang", text(record, "lang"), Field.Store.YES));
        return doc;
    }

    static String text(JsonNode record, String field) {
        JsonNode value = record.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    static void query(Path dir, int runs, Path queries) throws Exception {
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            QueryParser parser = new QueryParser("text", new ArabicAnalyzer());
            parser.setDefaultOperator(QueryParser.Operator.AND);
            List<String[]> lines = new ArrayList<>();
            List<Query> parsed = new ArrayList<>();
            for (String line : Files.readAllLines(queries, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 2);
                if (parts.length == 2) {
                    lines.add(parts);
                    parsed.add(parser.parse(parts[1]));
                }
            }
            // The JIT compiles the search code first: every query, again and again, for
            // about five seconds, before anything is timed (isnad is compiled ahead).
            long warm = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < warm) {
                for (Query query : parsed) {
                    run(searcher, query);
                }
            }
            for (int q = 0; q < lines.size(); q++) {
                String[] parts = lines.get(q);
                Query query = parsed.get(q);
                long matches = 0;
                // Warm up as isnad's side does, then time.
                for (int i = 0; i < 3; i++) {
                    matches = run(searcher, query);
                }
                List<Double> times = new ArrayList<>();
                long budget = System.nanoTime() + 3_000_000_000L;
                for (int i = 0; i < runs && (i < 30 || System.nanoTime() < budget); i++) {
                    long start = System.nanoTime();
                    run(searcher, query);
                    times.add((System.nanoTime() - start) / 1e6);
                }
                Collections.sort(times);
                double p50 = times.get((times.size() - 1) * 500 / 1000);
                double p99 = times.get((times.size() - 1) * 990 / 1000);
                System.out.printf(
                    "{\"kind\":\"%s\",\"query\":%s,\"matches\":%d,\"p50_ms\":%.3f,\"p99_ms\":%.3f}%n",
                    parts[0], new ObjectMapper().writeValueAsString(parts[1]), matches, p50, p99);
            }
        }
    }

    /// The best 10 and the exact count of matches.
    static long run(IndexSearcher searcher, Query query) throws Exception {
        TopScoreDocCollector collector = TopScoreDocCollector.create(10, Integer.MAX_VALUE);
        searcher.search(query, collector);
        return collector.topDocs().totalHits.value;
    }
}
