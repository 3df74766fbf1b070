package io.github.fgf.controller.config;

/** A bad topology file: names the field and what it should be, on one line, without secrets. */
public class TopologyException extends RuntimeException {
    public TopologyException(String field, String problem) {
        super("topology '" + field + "': " + problem);
    }
}
