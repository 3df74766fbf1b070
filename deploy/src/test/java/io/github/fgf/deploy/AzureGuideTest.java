package io.github.fgf.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/azure.md, followed as far as a machine without Azure allows: every file it names exists, every script of
 * deploy/azure and every shell block of the guide passes shellcheck, and every step's script is there to run.
 */
class AzureGuideTest {

    /** A repository path in backticks: deploy/..., docs/..., bin/... (not a placeholder with <...>). */
    private static final Pattern PATH = Pattern.compile("`((?:deploy|docs|bin)/[A-Za-z0-9_./-]+)`");
    private static final Pattern BASH = Pattern.compile("(?s)```bash\\n(.*?)```");

    @Test
    void everyFileTheGuideNamesExists() {
        String guide = DeployFiles.read(DeployFiles.GUIDE);
        Matcher m = PATH.matcher(guide);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            String p = m.group(1).replaceAll("[.]$", "");
            if (!Files.exists(DeployFiles.ROOT.resolve(p))) missing.add(p);
        }
        assertTrue(named >= 12, "the guide names only " + named + " files");
        assertEquals(List.of(), missing, "files docs/azure.md names that do not exist");
    }

    @Test
    void everyStepsScriptIsInTheGuideAndRunnable() {
        String guide = DeployFiles.read(DeployFiles.GUIDE);
        for (Path script : DeployFiles.under(DeployFiles.AZURE, ".sh")) {
            String name = "deploy/azure/" + script.getFileName();
            if (script.getFileName().toString().equals("env.sh")) continue;
            assertTrue(guide.contains(name), name + " is in no step of docs/azure.md");
            assertTrue(Files.isExecutable(script), name + " is not executable");
        }
    }

    @Test
    void theScriptsAndTheGuidesShellBlocksPassShellcheck(@TempDir Path tmp) throws Exception {
        String shellcheck = DebianTools.require("shellcheck", "shellcheck");
        List<String> cmd = new ArrayList<>(List.of(shellcheck, "--external-sources", "--severity=style"));
        DeployFiles.under(DeployFiles.AZURE, ".sh").forEach(p -> cmd.add(p.toString()));
        Matcher m = BASH.matcher(DeployFiles.read(DeployFiles.GUIDE));
        int blocks = 0;
        while (m.find()) {
            Path block = tmp.resolve("guide-block-" + ++blocks + ".sh");
            Files.writeString(block, "#!/usr/bin/env bash\n" + m.group(1));
            cmd.add(block.toString());
        }
        assertTrue(blocks >= 7, "the guide's steps have only " + blocks + " shell blocks");
        DebianTools.Result r = DebianTools.run(cmd, DeployFiles.AZURE);
        assertEquals(0, r.exit(), "shellcheck:\n" + r.output());
    }
}
