package io.github.fgf.localregions.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;

/**
 * One region's broker JVM: formats its KRaft storage when the data directory has none, then runs {@code kafka.Kafka}.
 * Formatting in a JVM of its own cost some 5 s per region at every up on two cores. A revive finds the storage formatted
 * and keeps it, with its cluster id, as a namespace that comes back does.
 *
 * <p>Arguments: {@code <server.properties> <data dir>}.
 */
public final class BrokerMain {

    private BrokerMain() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: BrokerMain <server.properties> <data dir>");
            System.exit(2);
        }
        if (!Files.exists(Path.of(args[1]).resolve("meta.properties"))) {
            int code = kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", args[0]},
                    System.out);
            if (code != 0) {
                System.err.println("kafka storage format of " + args[1] + " failed with exit code " + code);
                System.exit(code);
            }
        }
        kafka.Kafka.main(new String[] {args[0]});
    }
}
