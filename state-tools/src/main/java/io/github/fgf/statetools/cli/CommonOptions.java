package io.github.fgf.statetools.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.fgf.statetools.read.OperatorNames;
import io.github.fgf.statetools.read.SnapshotReader;
import io.github.fgf.statetools.location.SnapshotUri;
import io.github.fgf.statetools.store.SnapshotStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every verb shares. */
public final class CommonOptions {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Option(names = "--namespace", paramLabel = "<ns>",
            description = "Event Hubs namespace(s) the job read, to name the source operator source-<ns> "
                    + "(default: ns-primary, ns-secondary, the local environment's).")
    List<String> namespaces = new ArrayList<>();

    OperatorNames names() {
        return new OperatorNames(namespaces.isEmpty() ? List.of("ns-primary", "ns-secondary") : namespaces);
    }

    static SnapshotReader reader(SnapshotUri uri) {
        return new SnapshotReader(SnapshotStore.forUri(uri));
    }
}
