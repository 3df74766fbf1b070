package io.github.fgf.localregions.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --grs-lag}, as up, reset and compose-init take it. */
public final class GrsLagMixin {

    @Option(names = "--grs-lag", defaultValue = "PT5S", converter = DurationConverter.class,
            description = "Age a blob must reach before the GRS emulator copies it (ISO-8601 or 5s/500ms; 0 allowed). Default: 5s.")
    Duration grsLag;

    public Duration grsLag() {
        return grsLag;
    }
}
