package io.github.fgf.localregions.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The work directory every verb acts on. */
public final class WorkDirMixin {

    public static final String DEFAULT = ".local-regions";

    @Option(names = "--work-dir", defaultValue = "${env:FGF_LOCAL_REGIONS_DIR:-" + DEFAULT + "}",
            description = "Where data, logs and environment.json live (default: $FGF_LOCAL_REGIONS_DIR or ${DEFAULT-VALUE}).")
    Path workDir;

    public Path workDir() {
        return workDir;
    }
}
