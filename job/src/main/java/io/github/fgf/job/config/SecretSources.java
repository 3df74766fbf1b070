package io.github.fgf.job.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Where the connection string comes from: the option itself, a file (a Kubernetes or Docker secret
 * mount) or an environment variable, so that it need not travel in program arguments, which Flink
 * shows in its web UI and REST API.
 */
final class SecretSources {

    private SecretSources() {}

    /** The raw options with the connection string filled from its file or variable; exactly one source is allowed. */
    static Map<String, String> resolve(Map<String, String> raw, Function<String, String> env) {
        String direct = nonEmpty(raw.get(JobOptions.CONNECTION_STRING.key()));
        String file = nonEmpty(raw.get(JobOptions.CONNECTION_STRING_FILE.key()));
        String variable = nonEmpty(raw.get(JobOptions.CONNECTION_STRING_ENV.key()));
        int sources = (direct != null ? 1 : 0) + (file != null ? 1 : 0) + (variable != null ? 1 : 0);
        if (sources > 1) {
            throw new JobConfigException(JobOptions.CONNECTION_STRING.key(), "give one of " + JobOptions.CONNECTION_STRING.key() + ", "
                    + JobOptions.CONNECTION_STRING_FILE.key() + " or " + JobOptions.CONNECTION_STRING_ENV.key() + ", not several");
        }
        if (file == null && variable == null) return raw;
        Map<String, String> out = new LinkedHashMap<>(raw);
        out.put(JobOptions.CONNECTION_STRING.key(), file != null ? readFile(file) : readVariable(variable, env));
        return out;
    }

    private static String readFile(String file) {
        String key = JobOptions.CONNECTION_STRING_FILE.key();
        try {
            String value = Files.readString(Path.of(file)).strip();
            if (value.isEmpty()) throw new JobConfigException(key, file + " is empty");
            return value;
        } catch (IOException e) {
            throw new JobConfigException(key, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String readVariable(String name, Function<String, String> env) {
        String value = nonEmpty(env.apply(name));
        if (value == null) {
            throw new JobConfigException(JobOptions.CONNECTION_STRING_ENV.key(), "environment variable " + name + " is not set");
        }
        return value.strip();
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
