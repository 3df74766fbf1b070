package io.github.fgf.controller.bench;

import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.env.Environment;
import io.github.fgf.testing.Hubs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not in CI: only the restore at bootstrapped state sizes of {@link RtoRpoBenchmark}
 * ({@code bin/benchmark-rto-rpo -Dit.test=LargeStateRestoreBenchmark}), for when that table alone
 * is wanted; the full run measures it too. Writes target/benchmarks/RESTORE.md.
 */
class LargeStateRestoreBenchmark {

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void restoreAtBootstrappedSizes(@TempDir Path dir) throws Exception {
        Environment env = SHARED.fresh(Duration.ofSeconds(5));
        Properties alias = io.github.fgf.controller.observe.KafkaEndpoint.clientProperties(env.alias().bootstrap(),
                env.alias().connectionString(), false);
        Hubs hubs = new Hubs(alias);
        for (String h : List.of("bench-in", "bench-in-out", "bench-in-late", "bench-in-dlq")) hubs.create(h, RtoRpoBenchmark.PARTITIONS);
        BenchTable table = new BenchTable();
        new LargeStateRestore(table, SHARED.regions(), new RestoreBench(table, SHARED.regions(), hubs), dir)
                .run(RtoRpoBenchmark.LARGE_STATE_MB);
        table.writeTo("RESTORE.md", "# Restore at bootstrapped state sizes (bin/benchmark-rto-rpo -Dit.test=LargeStateRestoreBenchmark)\n");
    }
}
