package social.muse.federation.ap;

import java.util.ArrayList;
import java.util.List;

/**
 * Documents/second of both read paths over the corpus, as a ratio measured in the same run.
 * Not a test. Run after {@code ./mvnw -q -B test-compile -pl federation}:
 * {@code java -cp federation/target/test-classes:federation/target/classes:<dependency classpath> social.muse.federation.ap.ApCodecBenchmark [seconds]}.
 * Single-threaded.
 */
public final class ApCodecBenchmark {

    private ApCodecBenchmark() {
    }

    public static void main(String[] args) throws ApParseException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        ApCodec codec = new ApCodec("https://muse.example/ns#");
        List<byte[]> fastEligible = new ArrayList<>();
        List<byte[]> readable = new ArrayList<>();
        for (Corpus.Entry entry : Corpus.entries()) {
            byte[] json = entry.bytes();
            try {
                codec.read(json);
            } catch (ApParseException refused) {
                continue;
            }
            readable.add(json);
            if (codec.readFastPath(json).isPresent()) {
                fastEligible.add(json);
            }
        }
        System.out.printf("corpus: %d readable documents, %d eligible for the fast path%n", readable.size(), fastEligible.size());
        // The machine is shared, so the paths run in alternating short slices: load changes hit both alike.
        Throughput fast = new Throughput();
        Throughput full = new Throughput();
        Throughput auto = new Throughput();
        long warmUpEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUpEnd) {
            new Throughput().run(0.1, fastEligible, json -> codec.readFastPath(json));
            new Throughput().run(0.1, fastEligible, codec::readFullJsonLd);
            new Throughput().run(0.1, readable, codec::read);
        }
        int slices = (int) Math.max(1, seconds / 0.25);
        for (int slice = 0; slice < slices; slice++) {
            fast.run(0.25, fastEligible, json -> codec.readFastPath(json));
            full.run(0.25, fastEligible, codec::readFullJsonLd);
            auto.run(0.25, readable, codec::read);
        }
        System.out.printf("fast path %,.0f docs/s, titanium path %,.0f docs/s on the same %d documents: fast = %.1f× titanium%n",
                fast.rate(), full.rate(), fastEligible.size(), fast.rate() / full.rate());
        System.out.printf("read() choosing per document, over all %d readable documents: %,.0f docs/s%n",
                readable.size(), auto.rate());
    }

    private interface Reader {
        Object read(byte[] json) throws ApParseException;
    }

    /** Documents read and time spent, accumulated over slices. */
    private static final class Throughput {
        private long documents;
        private long nanos;

        void run(double seconds, List<byte[]> input, Reader reader) throws ApParseException {
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            Object sink = null;
            do {
                for (byte[] json : input) {
                    sink = reader.read(json);
                }
                documents += input.size();
            } while (System.nanoTime() < deadline);
            nanos += System.nanoTime() - start;
            if (sink == null) {
                throw new IllegalStateException("nothing read");
            }
        }

        double rate() {
            return documents / (nanos / 1e9);
        }
    }
}
