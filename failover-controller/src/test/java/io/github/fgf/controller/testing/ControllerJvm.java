package io.github.fgf.controller.testing;

import io.github.fgf.controller.cli.FailoverControllerCli;
import io.github.fgf.localregions.process.JvmLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a controller in its own JVM, on the test classpath: for crashes and for a process's own environment. */
public final class ControllerJvm {

    private ControllerJvm() {}

    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JvmLauncher.JAVA17_OPENS);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FailoverControllerCli.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
