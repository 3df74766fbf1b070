package io.github.fgf.controller.bench;

import io.github.fgf.controller.testing.SharedRegions;
import io.github.fgf.localregions.env.Environment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark, not in CI: only the failover breakdown of {@link RtoRpoBenchmark} (two forced drills,
 * about 7 minutes; {@code bin/benchmark-rto-rpo -Dit.test=FailoverBreakdownBenchmark}), for when
 * that table alone is wanted; the full run measures it too. Writes target/benchmarks/BREAKDOWN.md.
 */
class FailoverBreakdownBenchmark {

    @RegisterExtension
    static final SharedRegions SHARED = new SharedRegions();

    @Test
    void breakdownOfBothPaths(@TempDir Path dir) throws Exception {
        Environment env = SHARED.fresh(Duration.ofSeconds(5));
        BenchTable table = new BenchTable();
        new FailoverBreakdown(table, env, dir).run();
        table.writeTo("BREAKDOWN.md", "# Failover breakdown (bin/benchmark-rto-rpo -Dit.test=FailoverBreakdownBenchmark)\n");
    }
}
