package io.github.fgf.controller.cli;

import io.github.fgf.controller.act.ControllerStore;
import io.github.fgf.controller.act.FailoverRecord;
import io.github.fgf.controller.act.StrandedEventsDrainer;
import io.github.fgf.controller.config.Topology;
import io.github.fgf.controller.observe.KafkaEndpoint;
import io.github.fgf.controller.config.TopologyFile;
import io.github.fgf.controller.geodr.GeoDrClient;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code failback}: once the old primary is back, drain its stranded events (from the restore
 * point's offsets to its end) into the new primary's hub, then pair again with roles reversed.
 */
@Command(name = "failback", description = "After a failover, once the old primary is back: copy its stranded events (restore "
        + "point offsets to its end offsets) into the new primary's hub, where the job counts them once (dedup by event id), "
        + "then pair the alias again with the old primary as secondary. Exit 0 done, 1 failed, 2 no completed failover.")
final class FailbackCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(FailbackCommand.class);

    @Mixin ControllerOptions common;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Topology t = TopologyFile.read(common.topology);
        ControllerStore store = new ControllerStore(t.secondary().storage().savepoints(), common.stateDir);
        FailoverRecord r = store.read().filter(x -> x.status().equals(FailoverRecord.DONE))
                .orElseThrow(() -> new IllegalArgumentException("no completed failover in the record: nothing to fail back"));
        String hub = StatusCommand.inputHub(t);
        Topology.Region a = t.primary();
        Topology.Region b = t.secondary();
        Map<String, Long> copied = new StrandedEventsDrainer(KafkaEndpoint.clientProperties(a, "the failback drain"),
                KafkaEndpoint.clientProperties(b, "the failback drain")).drain(hub, r.restoreOffsets());
        long total = copied.values().stream().mapToLong(Long::longValue).sum();
        LOG.info("Drained {} stranded events of {} from {} into {}: the job dedups them by event id", total, hub, a.name(), b.name());
        GeoDrClient geoDr = common.geoDr(t);
        var status = geoDr.status();
        if (!status.paired()) {
            geoDr.pair(t.alias().partnerOf(a));
            LOG.info("Paired the alias again: {} active, {} secondary (roles reversed)", b.name(), a.name());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(ControllerOptions.JSON.writeValueAsString(Map.of("stranded", copied, "drained", total, "alias", geoDr.status())));
        } else {
            out.println("drained " + total + " stranded events " + copied + " from " + a.name() + " into " + b.name());
            out.println("alias: " + geoDr.status());
        }
        return FailoverControllerCli.OK;
    }
}
