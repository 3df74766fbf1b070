package io.github.fgf.job.config;

/** A bad option: the message names the key and the expected form, on one line, with no secret in it. */
public class JobConfigException extends RuntimeException {

    private final String key;

    public JobConfigException(String key, String problem) {
        super("bad option '" + key + "': " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
