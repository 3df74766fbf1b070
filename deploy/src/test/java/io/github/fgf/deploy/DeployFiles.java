package io.github.fgf.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the deploy module's files are, from its own directory (the tests' working directory). */
final class DeployFiles {

    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path ROOT = MODULE.getParent();
    static final Path EXAMPLES = MODULE.resolve("examples");
    static final Path KUBERNETES = MODULE.resolve("kubernetes");
    static final Path AZURE = MODULE.resolve("azure");
    static final Path GUIDE = ROOT.resolve("docs/azure.md");

    private DeployFiles() {}

    /** Every regular file under {@code dir} whose name ends with one of {@code suffixes}, in a stable order. */
    static List<Path> under(Path dir, String... suffixes) {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
