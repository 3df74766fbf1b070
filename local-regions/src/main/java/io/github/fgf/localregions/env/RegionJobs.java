package io.github.fgf.localregions.env;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs submitted to one region's cluster through {@code submit-job}, as Flink HA keeps job
 * graphs: {@code revive-region --restart-jobs} restarts them from their latest retained checkpoint.
 * The file is owner-only, because job arguments may hold connection strings.
 */
public final class RegionJobs {

    /** One submission. */
    public record SubmittedJob(String jobId, String jar, String entryClass, List<String> args, int parallelism) {

        /** The value of {@code --<key>} in the program arguments, or null. */
        public String arg(String key) {
            int i = args.indexOf(key);
            return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
        }
    }

    private final Path file;

    public RegionJobs(Path workDir, String region) {
        this.file = workDir.resolve("regions").resolve(region).resolve("jobs.json");
    }

    public List<SubmittedJob> read() {
        if (!Files.exists(file)) return List.of();
        try {
            return EnvironmentFile.JSON.readValue(file.toFile(), new TypeReference<List<SubmittedJob>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(SubmittedJob job) {
        List<SubmittedJob> all = new ArrayList<>(read());
        all.add(job);
        write(all);
    }

    /** Replaces the record (after a restart gave the jobs new ids). */
    public void write(List<SubmittedJob> jobs) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("jobs.json.tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            EnvironmentFile.JSON.writeValue(tmp.toFile(), jobs);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
